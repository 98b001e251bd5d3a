"""Prints, as JSON {sheet: {"A1": text}}, the non-empty cells of the per-sheet CSV files LibreOffice
writes for one workbook (`soffice --convert-to 'csv:…,-1'` → DIR/BASE-SHEET.csv, UTF-8).

Usage: csv_cells.py DIR BASE"""
import csv
import json
import os
import sys

folder, base = sys.argv[1], sys.argv[2]


def column(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


out = {}
for name in sorted(os.listdir(folder)):
    if not (name.startswith(base + "-") and name.endswith(".csv")):
        continue
    sheet = name[len(base) + 1:-4]
    cells = {}
    with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
        for r, row in enumerate(csv.reader(f)):
            for c, v in enumerate(row):
                if v != "":
                    cells[f"{column(c)}{r + 1}"] = v
    out[sheet] = cells
json.dump(out, sys.stdout, ensure_ascii=False)
