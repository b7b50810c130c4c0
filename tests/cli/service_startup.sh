#!/bin/sh
# Runs the service_startup example as a deploy would: several instances start at
# once against the test cluster, DATABASE_URL built from the CTest fixture's
# conninfo, in a schema of their own (dropped at the end). Exactly one instance
# may change the schema; every one must start.
#   with_database_url.sh service_startup.sh PROGRAM [INSTANCES]
set -eu
program=$1
instances=${2:-4}
: "${DATABASE_URL:?run through with_database_url.sh}"
APP_DB_SCHEMA="service_startup_$$"
export APP_DB_SCHEMA
out=$(mktemp -d)
trap 'psql -q "$DATABASE_URL" -c "DROP SCHEMA IF EXISTS \"$APP_DB_SCHEMA\" CASCADE" >/dev/null 2>&1 || true; rm -rf "$out"' EXIT

run_all() {
  i=0
  while [ "$i" -lt "$instances" ]; do
    ( "$program" >"$out/$i.out" 2>&1; echo $? >"$out/$i.code" ) &
    i=$((i + 1))
  done
  wait
  failed=$(cat "$out"/*.code | grep -cv '^0$' || true)
  changed=$(cat "$out"/*.out | grep -c 'schema changed, serving' || true)
  in_sync=$(cat "$out"/*.out | grep -c 'schema in sync, serving' || true)
  if [ "$failed" -ne 0 ]; then cat "$out"/*.out; exit 1; fi
}

run_all
echo "first deploy: $instances instances started, $changed changed the schema, $in_sync found it in sync"
[ "$changed" -eq 1 ] && [ "$in_sync" -eq $((instances - 1)) ] || exit 1
run_all
echo "second deploy: $instances instances started, $changed changed the schema, $in_sync found it in sync"
[ "$changed" -eq 0 ] && [ "$in_sync" -eq "$instances" ] || exit 1
echo "service_startup: ok"
