#!/usr/bin/env bash
# The whole test suite (README: `npm test`): unit and database tests (PGlite and a real
# PostgreSQL 15 started here), then browser tests in Chromium against the built app, once on
# PGlite and once on PostgreSQL. With CI=true a missing PostgreSQL or Chromium is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/pg.sh

cleanup() { set +e; pg_test_stop; }
trap cleanup EXIT

if pg_test_bin >/dev/null; then
  pg_test_start
elif [ "${CI:-}" = "true" ]; then
  echo "FAIL: PostgreSQL server binaries are missing (CI=true); .ci/run installs them." >&2
  exit 1
else
  echo "!!! PostgreSQL server binaries not found: database tests run on PGlite only. Install postgresql to run them all." >&2
fi

echo "== unit and database tests =="
npx vitest run --config tests/vitest.config.ts

echo "== build =="
npx next build >/tmp/recert-build.log 2>&1 || { cat /tmp/recert-build.log; exit 1; }

echo "== browser tests (PGlite) =="
E2E_DB=pglite npx vitest run --config tests/vitest.e2e.config.ts
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== browser tests (PostgreSQL) =="
  E2E_DB=postgres npx vitest run --config tests/vitest.e2e.config.ts
fi
