#!/usr/bin/env bash
# Installs what juesuan needs on a fresh Debian machine (run as root):
# the C libraries it links, LibreOffice Calc and poppler for the integration tests,
# and the Python peers (openpyxl, XlsxWriter) the interop tests compare against.
set -euo pipefail
need_apt=0
for p in libxlsxwriter-dev libminizip-dev libxml2-dev libfreexl-dev pkg-config libreoffice-calc-nogui poppler-utils fonts-noto-cjk; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt=1
done
if [ "$need_apt" = 1 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libxlsxwriter-dev libminizip-dev libxml2-dev libfreexl-dev pkg-config \
    libreoffice-calc-nogui poppler-utils fonts-noto-cjk >/dev/null
fi
python3 -c 'import openpyxl, xlsxwriter, jsonschema, duckdb, pandas' 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore openpyxl XlsxWriter jsonschema duckdb pandas
