#!/usr/bin/env bash
# The Python anchors of bench/interpret.ts (bench/interpret.md): a virtual environment at
# bench/.venv-interpret on Debian's Python with its system site-packages (Debian's PyTorch), holding
# Captum, zennit and torchdiffeq, and pysindy with its own numpy in a folder of its own. Run by
# hand, never by CI or the tests; none of these is a dependency of the project.
#
# Two package sets, because their numpy cannot agree: Debian's torch 1.13 is built on numpy 1.x's
# ABI (under numpy 2 torch.from_numpy fails), and pysindy 2.1.0 requires numpy >= 2. The torch
# anchors (captum_ig.py, zennit_lrp.py) run on the venv with Debian's numpy 1.24; pysindy_stlsq.py
# puts $venv/pysindy-site (pysindy, numpy 2, scipy, scikit-learn) first on sys.path and imports no torch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$(cd "$here/.." && pwd)/.venv-interpret"
python=${PYTHON:-/usr/bin/python3}
# zennit imports torchvision at start: Debian's python3-torchvision is the one built for its torch.
"$python" -c "import torch, torchvision" 2>/dev/null || {
  echo "Debian's python3-torch or python3-torchvision is missing (apt-get install -y python3-torch python3-torchvision)" >&2
  exit 1
}
[ -x "$venv/bin/python" ] || "$python" -m venv --system-site-packages "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
# Versions pinned to what PyPI served when bench/interpret.md was last generated. --no-deps for the
# torch packages: their requirements would pull a second torch (and numpy 2) from PyPI over Debian's.
# zennit 1.0.0 requires Python >= 3.11.11 (Debian 12 has 3.11.2): 0.5.1 is the newest it installs.
# captum 0.9.0 declares torch >= 2.3; with Debian's torch 1.13 the part used here
# (IntegratedGradients) imports and runs, and bench/interpret.md states both versions. captum
# imports matplotlib at start; numpy stays Debian's (1.24.2), which picks contourpy < 1.3.3.
"$venv/bin/pip" install --quiet --no-deps "captum==0.9.0" "zennit==0.5.1" "torchdiffeq==0.2.5" "tqdm==4.70.1"
"$venv/bin/pip" install --quiet "matplotlib==3.10.8" "numpy==$("$python" -c 'import numpy; print(numpy.__version__)')"
site="$venv/pysindy-site"
[ -d "$site/pysindy" ] || "$venv/bin/pip" install --quiet --target "$site" \
  "pysindy==2.1.0" "numpy==2.4.6" "scipy==1.17.1" "scikit-learn==1.9.1" "derivative==0.6.3"
# What could not be installed as the newest release, in pip's words, for bench/interpret.md.
notes="$venv/install-notes.txt"
: >"$notes"
if ! err=$("$venv/bin/pip" install --dry-run --no-deps "zennit==1.0.0" 2>&1); then
  echo "zennit 1.0.0 (used: 0.5.1): $(echo "$err" | grep -m1 '^ERROR')" >>"$notes"
fi
"$venv/bin/pip" check 2>/dev/null | grep -E '^(captum|zennit|torchdiffeq) ' | sed 's/^/pip check: /' >>"$notes" || true
"$venv/bin/python" -c "import torch, numpy, captum, zennit, torchdiffeq, importlib.metadata as m; print('torch', torch.__version__, 'numpy', numpy.__version__, *(f'{p} {m.version(p)}' for p in ('captum', 'zennit', 'torchdiffeq')))"
PYTHONPATH="$site" "$venv/bin/python" -c "import numpy, scipy, sklearn, pysindy, importlib.metadata as m; print('pysindy', m.version('pysindy'), 'numpy', numpy.__version__, 'scipy', scipy.__version__, 'scikit-learn', sklearn.__version__)"
echo "ready: npm run bench:interpret"
