#!/usr/bin/env bash
# The test command (README, .ci/run): set-up, strict type-check, format check, then every
# test under test/ on node's built-in runner — including test/notebooks.test.ts, which
# executes every notebook headless through Jupyter + tslab and fails on any cell error.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== type-check (tsc --noEmit, strict)"
npm run --silent typecheck
echo "== format check (prettier)"
npm run --silent format:check
echo "== tests (node --test)"
mapfile -t files < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-reporter=spec "${files[@]}"
