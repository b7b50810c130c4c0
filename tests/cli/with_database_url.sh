#!/bin/sh
# Runs a command with DATABASE_URL naming the CTest fixture's PostgreSQL cluster
# (built from its conninfo file), as a user's environment would.
#   with_database_url.sh COMMAND [ARGS...]
set -eu
: "${DBPUSH_PG_CONNINFO_FILE:?run through ctest: the PostgreSQL fixture sets it}"
conninfo=$(cat "$DBPUSH_PG_CONNINFO_FILE")
field() { printf '%s\n' "$conninfo" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
DATABASE_URL="postgresql://$(field user)@/$(field dbname)?host=$(field host)&port=$(field port)"
export DATABASE_URL
exec "$@"
