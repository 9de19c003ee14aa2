#!/usr/bin/env bash
# Runs the whole suite on SQLite (browser tests included) with the tests' default date moved to
# awkward days: the last day of a quarter, a leap day, and three years ahead of the usual one.
set -euo pipefail
cd "$(dirname "$0")/.."
DATES=(${OKRS_TEST_DATES:-2027-03-31 2028-02-29 2029-12-07})
mkdir -p test-artifacts
failed=()
for day in "${DATES[@]}"; do
  echo "== tests on SQLite, today being $day"
  if ! OKRS_TEST_TODAY="$day" DATABASE_URL= .venv/bin/pytest -q -n "${OKRS_TEST_WORKERS:-auto}" -m "not terminal" \
    || ! OKRS_TEST_TODAY="$day" DATABASE_URL= .venv/bin/pytest -q -p no:xdist -m terminal; then
    failed+=("$day")
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed on: ${failed[*]}" >&2
  exit 1
fi
echo "== passed on every date: ${DATES[*]}"
