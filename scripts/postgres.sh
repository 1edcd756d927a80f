#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the test suite on 127.0.0.1:${PGPORT:-55432}, installing Debian's postgresql
# first when it is missing (no systemd here: initdb + pg_ctl as the postgres user). Prints the connection string.
# Usage: scripts/postgres.sh start | stop
set -euo pipefail
port=${PGPORT:-55432}
data=${CERT_PGDATA:-/tmp/certification-pg-$port}

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

case "${1:-start}" in
  start)
    if [ -z "$(pgbin)" ]; then
      echo "installing postgresql ..." >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    fi
    bin=$(pgbin)
    if [ ! -s "$data/PG_VERSION" ]; then
      mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data"
      su postgres -s /bin/sh -c "$bin/initdb -D '$data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data' status" >/dev/null 2>&1; then
      # fsync off: these databases are thrown away after the run; durability is not what the suite tests here.
      su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data' -l '$data/server.log' -w start \
        -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\"" >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true"
    ;;
  stop)
    bin=$(pgbin)
    [ -n "$bin" ] && su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data' -m fast stop" >/dev/null 2>&1 || true
    ;;
esac
