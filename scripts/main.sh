#!/usr/bin/env bash
# The main job (README): set up a fresh machine, then execute every notebook headless and
# write executed notebooks, HTML exports and every figure (HTML + PNG) under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/run-notebooks.sh "$@"
