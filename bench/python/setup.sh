#!/usr/bin/env bash
# The Python anchor of the stiff training benchmark (bench/python/diffrax_stiff.py): a virtual
# environment at bench/.venv with jax (CPU), diffrax, equinox and optax from PyPI, and torchdiffeq
# (for the spiral rows of bench/neural.ts, through TORCHDIFFEQ_DIR=bench/.venv/torchdiffeq-src).
# Run by hand, never by CI or the tests; none of these is a dependency of the project.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$(cd "$here/.." && pwd)/.venv"
python=${PYTHON:-python3}
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
# Versions pinned to what PyPI served when bench/neural.md was last generated (jax 0.10.2 is the
# newest for Python 3.11; 0.11 needs 3.12).
"$venv/bin/pip" install --quiet \
  "jax[cpu]==0.10.2" "jaxlib==0.10.2" "diffrax==0.7.2" "equinox==0.13.8" "optax==0.2.8"
# torchdiffeq runs under Debian's PyTorch (/usr/bin/python3), so only its source is fetched here:
# the folder TORCHDIFFEQ_DIR points at must hold the package `torchdiffeq/`.
src="$venv/torchdiffeq-src"
if [ ! -d "$src/torchdiffeq" ]; then
  mkdir -p "$src"
  "$venv/bin/pip" install --quiet --no-deps --target "$src" "torchdiffeq==0.2.5"
fi
for p in python3-torch python3-scipy; do
  dpkg -s "$p" >/dev/null 2>&1 || echo "note: Debian's $p is not installed (apt-get install -y $p): the torchdiffeq rows need it"
done
"$venv/bin/python" -c "import jax, diffrax, equinox, optax; print('jax', jax.__version__, 'diffrax', diffrax.__version__, 'equinox', equinox.__version__, 'optax', optax.__version__)"
echo "ready: $venv/bin/python bench/python/diffrax_stiff.py; TORCHDIFFEQ_DIR=$src npm run bench:neural"
