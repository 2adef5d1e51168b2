#!/usr/bin/env bash
# Makes sure a local PostgreSQL server runs and holds a fresh, empty test database, then prints its
# URL (and nothing else) on stdout:
#
#   export SAMVERKAN_TEST_POSTGRES_URL=$(bash scripts/test-postgres.sh)
#
# Usage: scripts/test-postgres.sh [DATABASE]   (default samverkan_test; SAMVERKAN_PG_VERSION picks
# the server version, default the newest installed)
#
# Run as root on Debian with the `postgresql` package installed. Idempotent: starts the cluster
# (creating it when missing), creates or resets the role `samverkan`, and drops and re-creates the
# database, disconnecting anyone still using it. Throwaway credentials for tests only.
set -euo pipefail

db="${1:-samverkan_test}"
role=samverkan
password=samverkan
cluster=main

log() { echo "test-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '$db' must match [a-z_][a-z0-9_]*"
[[ "$(id -u)" == 0 ]] || die "run as root (it starts the server and works as the postgres user)"
command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed: apt-get install postgresql"

newest="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null |
  sort -V | tail -n 1)"
version="${SAMVERKAN_PG_VERSION:-$newest}"
[[ -x "/usr/lib/postgresql/$version/bin/postgres" ]] ||
  die "no PostgreSQL server $version installed"

# Two runs at once (two test jobs) would race on CREATE DATABASE: take turns. The server must not
# inherit the lock (9>&- below), or it would hold it for its lifetime.
mkdir -p /run/lock
exec 9>/run/lock/samverkan-test-postgres.lock
flock 9

# The postgres user cannot enter some working directories (e.g. /root); psql would warn.
cd /

if ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c' |
    grep -q .; then
  log "creating cluster $version/$cluster"
  pg_createcluster "$version" "$cluster" >&2 9>&-
fi

status="$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" \
  '$1 == v && $2 == c { print $4 }')"
if [[ "$status" != online* ]]; then
  log "starting cluster $version/$cluster"
  pg_ctlcluster "$version" "$cluster" start >&2 9>&-
fi
port="$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" \
  '$1 == v && $2 == c { print $3 }')"

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" ||
  die "PostgreSQL $version/$cluster does not answer on port $port"

psql_admin() {
  PGOPTIONS="-c client_min_messages=warning" \
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@" >&2
}

psql_admin <<SQL
DO \$\$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
  ELSE
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL
psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
psql_admin -c "CREATE DATABASE $db OWNER $role ENCODING 'UTF8' TEMPLATE template0"

echo "postgresql://$role:$password@127.0.0.1:$port/$db"
