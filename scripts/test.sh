#!/usr/bin/env bash
# Runs the whole suite on SQLite and on a throwaway PostgreSQL server on loopback, on every core.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
SQLITE_ONLY=0
[ "${1:-}" = "--sqlite-only" ] && SQLITE_ONLY=1
# One test process per core (pytest-xdist); each has its own test database and free ports.
PYTEST=($BIN/pytest -q -n "${OKRS_TEST_WORKERS:-auto}" --durations=15)

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ "$(id -u)" = 0 ]; then
  missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The quarter report's PDF printer (WeasyPrint) draws text with Pango.
  ldconfig -p | grep -q "libpangoft2-1.0.so.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing ${missing[*]} from apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

echo "== ruff, import contracts, types, migrations"
$BIN/ruff check .
$BIN/ruff format --check .
$BIN/lint-imports --no-cache --no-logo
$BIN/python scripts/typecheck.py
OKRS_DATA_DIR="$(mktemp -d)" $BIN/python -m django makemigrations --check --dry-run \
  --settings=okrs.settings >/dev/null

mkdir -p test-artifacts
echo "== tests on SQLite"
DATABASE_URL= "${PYTEST[@]}" -m "not terminal"
DATABASE_URL= $BIN/pytest -q -p no:xdist -m terminal

[ "$SQLITE_ONLY" = 1 ] && exit 0

PGBIN="$(pg_bin)"
if [ -z "$PGBIN" ]; then
  echo "PostgreSQL is not installed: run as root once, or apt-get install postgresql" >&2
  exit 1
fi
PGDIR="$(mktemp -d /tmp/okrs-pg.XXXXXX)"
PGPORT="${OKRS_TEST_PGPORT:-55432}"
RUN=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$PGDIR"
  RUN=(runuser -u postgres --)
fi
chmod 700 "$PGDIR"
stop_pg() {
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop_pg EXIT
"${RUN[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/log" \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null

echo "== tests on PostgreSQL"
DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/okrs" "${PYTEST[@]}" -m "not terminal"
DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/okrs" $BIN/pytest -q -p no:xdist -m terminal
