#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL on 127.0.0.1 and RASD_TEST_PG pointing at it:
#   bash .ci/postgres.sh make test
# Installs Debian's postgresql when it is missing (needs root), starts a cluster in a temporary
# data directory on a free port, and stops and removes it when the command ends, however it ends.
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin)" ]; then
  echo "postgres.sh: installing postgresql from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; } || true
fi
BIN="$(pg_bin)"
if [ -z "$BIN" ]; then
  # no server could be had: the tests still run, on SQLite, and say that PostgreSQL was skipped
  echo "postgres.sh: WARNING: PostgreSQL could not be installed; storage tests run on SQLite only" >&2
  exec "$@"
fi

# initdb refuses to run as root: run the cluster as the postgres user (created by the package).
RUN=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  RUN=(runuser -u postgres --)
fi

DATA="$(mktemp -d /tmp/rasd-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres "$DATA"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop() {
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap stop EXIT

"${RUN[@]}" "$BIN/initdb" -D "$DATA" -U rasd --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" -w -l "$DATA/log" \
  -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
"${RUN[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U rasd rasd_test
export RASD_TEST_PG="postgresql://rasd@127.0.0.1:$PORT/rasd_test"
echo "postgres.sh: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') at $RASD_TEST_PG" >&2

status=0
"$@" || status=$?
exit $status
