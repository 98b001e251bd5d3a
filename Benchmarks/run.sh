#!/usr/bin/env bash
# One command for the benchmarks: installs what they need (C libraries, the Python peers),
# builds juesuan and the C floors in release mode, generates the inputs, and prints the table.
#   Benchmarks/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
bash scripts/setup.sh
python3 -c 'import python_calamine, openpyxl, xlsxwriter' 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore python-calamine openpyxl XlsxWriter
exec python3 Benchmarks/run.py "$@"
