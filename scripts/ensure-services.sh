#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432, database `test`) and Redis (127.0.0.1:6379) run, and nginx is installed,
# for the scale-out tests (tests/persistence). Where they are missing (a fresh machine, CI), installs them from
# Debian's packages and starts them. Idempotent: does nothing when both already answer.
set -euo pipefail
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_DB=${PG_DB:-test}
REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

pg_up() { command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
redis_up() { command -v redis-cli >/dev/null && [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }
wait_until() {  # command, name
  for _ in $(seq 30); do "$1" && return 0; sleep 1; done
  echo "$2 did not come up" >&2; exit 1
}

if ! pg_up || ! redis_up; then
  if ! command -v pg_ctlcluster >/dev/null || ! command -v redis-server >/dev/null; then
    echo "Installing PostgreSQL and Redis from Debian's packages ..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql redis-server >/dev/null
  fi
fi

# nginx, for the scale-out test through deploy/nginx/vaxjo-assistant.conf (the test starts its own nginx process).
if ! command -v nginx >/dev/null && ! [ -x /usr/sbin/nginx ]; then
  echo "Installing nginx (nginx-light) from Debian's packages ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light >/dev/null
fi

started_pg=0
if ! pg_up; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version ..."
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_until pg_up "PostgreSQL"
  started_pg=1
fi

if ! redis_up; then
  echo "Starting Redis ..."
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
  wait_until redis_up "Redis"
fi

# The test database `test`, reached over TCP without a password as postgres (or the current user).
sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAq -c "$1"; }
can_login() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$1" -d postgres -tAq -c "select 1" >/dev/null 2>&1; }
PG_USER=""
for candidate in postgres "$(id -un)"; do can_login "$candidate" && { PG_USER=$candidate; break; }; done
if [ -z "$PG_USER" ] && [ "$started_pg" = 1 ]; then
  # A cluster fresh from the package asks for passwords; trust 127.0.0.1 as the test machines do.
  hba=/etc/postgresql/$version/main/pg_hba.conf
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  sleep 1
  can_login postgres && PG_USER=postgres
fi
[ -n "$PG_USER" ] || { echo "Cannot connect to PostgreSQL at $PG_HOST:$PG_PORT as postgres or $(id -un)" >&2; exit 1; }
if [ "$(sql "select 1 from pg_database where datname = '$PG_DB'")" != 1 ]; then
  echo "Creating the database $PG_DB ..."
  sql "create database \"$PG_DB\""
fi
echo "PostgreSQL ($PG_HOST:$PG_PORT, database $PG_DB, user $PG_USER) and Redis ($REDIS_HOST:$REDIS_PORT) are up."
