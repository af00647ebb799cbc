#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 server for the tests: Debian's binaries, run as the
# `postgres` user when we are root (initdb refuses root), on 127.0.0.1 and a free port, in a temp dir.
#   source tests/pg.sh && pg_test_start   → exports TEST_DATABASE_URL, PG_TEST_DIR
#   pg_test_stop
pg_test_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_test_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

pg_test_as() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_test_start() {
  local bin port dir
  bin=$(pg_test_bin) || { echo "[pg] PostgreSQL server binaries not found" >&2; return 1; }
  port=$(pg_test_free_port)
  dir=$(mktemp -d /tmp/recert-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" = "0" ]; then install -d -o postgres -g postgres "$dir/data"; else mkdir -p "$dir/data"; fi
  pg_test_as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  pg_test_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/data/server.log" >&2; return 1; }
  export PG_TEST_DIR="$dir" PG_TEST_BIN="$bin" PG_TEST_PORT="$port"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "[pg] PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

pg_test_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  pg_test_as "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
  unset PG_TEST_DIR TEST_DATABASE_URL
}
