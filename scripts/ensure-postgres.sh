#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with a `test` database, for the
# store tests. Uses the machine's server if it runs; starts or installs one otherwise.
set -euo pipefail
HOST=127.0.0.1
ready() { pg_isready -q -h "$HOST" -p 5432 2>/dev/null; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v pg_isready >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql
fi
if ! ready; then
  ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$ver" ]; then echo "no PostgreSQL cluster found" >&2; exit 1; fi
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
ready || { echo "PostgreSQL did not come up on $HOST:5432" >&2; exit 1; }
psql_as() { if [ "$(id -u)" = 0 ]; then su postgres -c "psql -qtA -c \"$1\""; else psql -h "$HOST" -U postgres -qtA -c "$1"; fi; }
if ! psql -h "$HOST" -U postgres -d test -qtAc 'select 1' >/dev/null 2>&1; then
  # Local trust for the test user; the machine's own server is already set up this way.
  psql_as "CREATE DATABASE test" >/dev/null 2>&1 || true
fi
psql -h "$HOST" -U postgres -d test -qtAc 'select 1' >/dev/null || {
  echo "cannot connect to postgresql://postgres@$HOST:5432/test (needs trust or a password in ~/.pgpass)" >&2; exit 1; }
echo "PostgreSQL ready on $HOST:5432 (database test)"
