#!/bin/sh
# Install Debian's PostgreSQL, start a cluster on localhost and create the database the corpus
# tests use (user and database "newsift", password "newsift"). Idempotent: a second run only
# makes sure the server is up. Prints the URL to export as NEWSIFT_TEST_POSTGRES.
# Needs root on Debian/Ubuntu (CI runs as root).
set -eu
DB_USER="${NEWSIFT_PG_USER:-newsift}"
DB_NAME="${NEWSIFT_PG_DB:-newsift}"
DB_PASSWORD="${NEWSIFT_PG_PASSWORD:-newsift}"
if [ "$(id -u)" -ne 0 ]; then
    echo "install-postgres.sh: run as root (or: sudo $0) to install and start PostgreSQL" >&2
    exit 1
fi
if ! command -v pg_lsclusters >/dev/null 2>&1; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-postgres.sh: apt-get not found; install PostgreSQL by hand" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
fi
# The newest installed cluster; create one if the package made none (e.g. in a container).
CLUSTER="$(pg_lsclusters -h | sort -k1,1n | tail -n 1)"
if [ -z "$CLUSTER" ]; then
    VERSION="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    pg_createcluster "$VERSION" main >&2
    CLUSTER="$(pg_lsclusters -h | tail -n 1)"
fi
VERSION="$(echo "$CLUSTER" | awk '{print $1}')"
NAME="$(echo "$CLUSTER" | awk '{print $2}')"
PORT="$(echo "$CLUSTER" | awk '{print $3}')"
if ! echo "$CLUSTER" | grep -q online; then
    pg_ctlcluster "$VERSION" "$NAME" start >&2
fi
as_postgres() { su postgres -s /bin/sh -c "psql -p $PORT -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
    as_postgres "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
fi
if [ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    as_postgres "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi
echo "postgresql: postgresql://$DB_USER:$DB_PASSWORD@localhost:$PORT/$DB_NAME"
