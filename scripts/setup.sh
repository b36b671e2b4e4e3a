#!/usr/bin/env bash
# Idempotent set-up of a fresh Debian machine (root): Jupyter + nbconvert and Chromium from
# Debian, the npm dependencies (exactly package-lock.json), the build of lib/ to dist/, and the
# tslab kernel registered with Debian's python (the python3 on PATH may be another one).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/jupyter-nbconvert ] || need+=(jupyter-notebook jupyter-nbconvert python3-nbclient)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "== apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file; it also runs `prepare` (tsc).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "== npm run build"
  npm run --silent build
fi

echo "== tslab kernel"
# Queue the kernel's zeromq sends (EBUSY under load; see the script).
node scripts/patch-tslab.cjs
# Shorthand properties naming an earlier cell's variable ({ data }: ReferenceError; see the script).
node scripts/patch-tslab-shorthand.cjs
PATH="$PWD/node_modules/.bin:$PATH" tslab install --python=/usr/bin/python3 >/dev/null
echo "set-up done: jupyter $(/usr/bin/python3 -c 'import nbconvert; print("nbconvert", nbconvert.__version__)'), $(/usr/bin/chromium --version 2>/dev/null | head -1), node $(node --version)"
