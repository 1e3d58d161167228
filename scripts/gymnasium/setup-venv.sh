#!/usr/bin/env bash
# Makes a Python virtual environment with Gymnasium 1.3.0 and MuJoCo 3.14.0 for rlx's Gymnasium
# bridge (environment ids gymnasium:<id>), or reuses one that already has them, and prints the
# line that points rlx at it:
#
#   bash scripts/gymnasium/setup-venv.sh            # venv in ~/.cache/rlx/gymnasium-1.3.0
#   bash scripts/gymnasium/setup-venv.sh DIR        # venv in DIR
#   export RLX_PYTHON=…/bin/python                  # what it prints
#
# PYTHON picks the interpreter the venv is made from (default python3; 3.10–3.13 have wheels).
# pip installs from whatever index pip is configured with (a local wheelhouse on rlx's build
# machines: --retries 0 keeps an unreachable public index from stalling it).
set -euo pipefail
venv="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/rlx/gymnasium-1.3.0}"
python="${PYTHON:-python3}"
check='import gymnasium, mujoco; assert gymnasium.__version__ == "1.3.0" and mujoco.__version__ == "3.14.0"'

if ! "$venv/bin/python" -c "$check" 2>/dev/null; then
  command -v "$python" >/dev/null || { echo "setup-venv: no $python on the PATH (set PYTHON)" >&2; exit 1; }
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    echo "setup-venv: '$python -m venv' failed; on Debian: apt-get install python3-venv" >&2
    exit 1
  fi
  "$venv/bin/pip" install -q --disable-pip-version-check --retries 0 --timeout 15 "gymnasium[mujoco]==1.3.0" 2>&1 \
    | grep -v '^WARNING: \(Location\|Retrying\)' >&2 || true
  "$venv/bin/python" -c "$check" || { echo "setup-venv: gymnasium[mujoco]==1.3.0 did not install into $venv" >&2; exit 1; }
fi
echo "export RLX_PYTHON=$venv/bin/python"
