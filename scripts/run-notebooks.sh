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
  if (cd notebooks && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=1200 \
        --ExecutePreprocessor.kernel_name=tslab --output-dir "$out/notebooks" "$name.ipynb"); then
    jupyter nbconvert --to html --output-dir "$out/html" "$out/notebooks/$name.ipynb"
    echo "== $name: ok in $(($(date +%s) - start)) s; figures: $(ls "$NOL_FIGURES_DIR" | wc -l) files"
  else
    echo "== $name: FAILED after $(($(date +%s) - start)) s; re-running with --allow-errors to show the kernel's stderr:"
    # tslab reports an uncaught error only on the cell's stderr, which nbconvert does not print.
    (cd notebooks && jupyter nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.timeout=1200 \
      --ExecutePreprocessor.kernel_name=tslab --output-dir "$out/failed" "$name.ipynb" >/dev/null 2>&1) || true
    /usr/bin/python3 - "$out/failed/$name.ipynb" <<'PY' || true
import json, sys
for i, cell in enumerate(json.load(open(sys.argv[1]))["cells"]):
    for o in cell.get("outputs", []):
        if o.get("name") == "stderr" or o.get("output_type") == "error":
            print(f"--- cell {i} stderr:\n" + "".join(o.get("text", o.get("traceback", []))))
PY
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks with errors: ${failed[*]}"
  exit 1
fi
echo "all notebooks executed; output in $out"
