#!/usr/bin/env bash
# Executes every notebooks/*.ipynb headless through Jupyter + the tslab kernel, writing
#   out/notebooks/<name>.ipynb  (executed), out/html/<name>.html, out/figures/<name>/* (HTML + PNG)
# Usage: scripts/run-notebooks.sh [name-filter]. Exits non-zero if any cell errors.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out="$root/${NOL_OUT:-out}"
filter=${1:-}
export PATH="$root/node_modules/.bin:$PATH"
export PYTHONWARNINGS=ignore
mkdir -p "$out/notebooks" "$out/html" "$out/figures"
npm run --silent build

failed=()
for nb in notebooks/*.ipynb; do
  name=$(basename "$nb" .ipynb)
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  export NOL_FIGURES_DIR="$out/figures/$name"
  # Computed claims (lib/report/claims.ts), asserted by test/notebooks.test.ts.
  export NOL_CLAIMS_FILE="$out/claims/$name.json"
  mkdir -p "$NOL_FIGURES_DIR" "$out/claims"
  rm -f "$NOL_CLAIMS_FILE"
  start=$(date +%s)
  echo "== $name: executing"
  # First run only: on an error, execute-notebook.py keeps what ran in out/failed/ and prints the
  # failing cell's source, stderr and error (tslab reports uncaught errors only on stderr).
  if (cd notebooks && /usr/bin/python3 "$root/scripts/execute-notebook.py" "$name.ipynb" \
        "$out/notebooks/$name.ipynb" --timeout 1200); then
    jupyter nbconvert --to html --output-dir "$out/html" "$out/notebooks/$name.ipynb"
    echo "== $name: ok in $(($(date +%s) - start)) s; figures: $(ls "$NOL_FIGURES_DIR" | wc -l) files"
  else
    mkdir -p "$out/failed"
    mv "$out/notebooks/$name.ipynb" "$out/failed/$name.ipynb" 2>/dev/null || true
    echo "== $name: FAILED after $(($(date +%s) - start)) s (the error is printed above; what ran: $out/failed/$name.ipynb)"
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks with errors: ${failed[*]}"
  exit 1
fi
echo "all notebooks executed; output in $out"
