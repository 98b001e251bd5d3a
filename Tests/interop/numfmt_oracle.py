"""The number-format oracle: writes every (value, format code) pair of PAIRS.json into a workbook
(XlsxWriter, one cell per pair), has LibreOffice Calc convert it to CSV with "save cell contents
as shown", and prints one JSON line per pair: [value, code, text LibreOffice shows].

Usage: numfmt_oracle.py PAIRS.json WORKDIR   (PAIRS.json: [[value_text, code], ...])"""
import csv
import json
import os
import subprocess
import sys

import xlsxwriter

pairs = json.load(open(sys.argv[1], encoding="utf-8"))
work = sys.argv[2]
os.makedirs(work, exist_ok=True)
book = os.path.join(work, "numfmt.xlsx")
wb = xlsxwriter.Workbook(book)
ws = wb.add_worksheet("formats")
ws.set_column(0, 0, 60)  # wide: General is not cut short by the column width
formats = {}
for i, (value, code) in enumerate(pairs):
    if code not in formats:
        formats[code] = wb.add_format({"num_format": code})
    ws.write_number(i, 0, float(value), formats[code])
wb.close()
profile = "file://" + os.path.join(os.path.abspath(work), "lo-profile")
# Filter tokens: separator 44, quote 34, UTF-8 (76), from line 1, …, token 9 true = cells as shown.
subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false", "--outdir", work, book],
               check=True, capture_output=True)
rows = list(csv.reader(open(os.path.join(work, "numfmt.csv"), encoding="utf-8", newline="")))
for i, (value, code) in enumerate(pairs):
    shown = rows[i][0] if i < len(rows) and rows[i] else ""
    print(json.dumps([value, code, shown], ensure_ascii=False))
