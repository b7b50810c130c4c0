#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: no system service, no fixed port.
#   pg-cluster.sh start DIR   initdb in DIR, start on a free port, write DIR/conninfo
#   pg-cluster.sh stop DIR    stop it and delete DIR
#   pg-cluster.sh restart DIR stop it at once (as a crash would) and start it again
#                             on the same port and data (tests of a restart mid-push)
# PostgreSQL refuses to run as root, so as root the server runs as the
# unprivileged `postgres` user that Debian's package creates.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/pg_ctl" ] || { echo "pg-cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  # A cluster left behind by an interrupted run is stopped, not reused.
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"; mkdir -p "$dir/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
  port=""
  for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "pg-cluster: no free port found" >&2; exit 1; }
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "host=$dir/sock port=$port user=postgres dbname=postgres" > "$dir/conninfo"
  echo "pg-cluster: started on port $port ($dir)"
  ;;
restart)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m immediate -w -t 60 restart >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop|restart DIR" >&2; exit 2 ;;
esac
