"""Dump what openpyxl (a reader nobody here wrote) sees in a workbook, as JSON on stdout:
{sheet: {"cells": {"A1": value}, "merges": ["A1:D1", ...], "numbers": [..]}}."""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    cells = {}
    numbers = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            cells[c.coordinate] = c.value
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                numbers.append(c.value)
    out[ws.title] = {
        "cells": cells,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "numbers": numbers,
        "landscape": ws.page_setup.orientation == "landscape",
        "paper": ws.page_setup.paperSize,
        "print_title_rows": ws.print_title_rows,
        # Fit to pages: fitToHeight 0 is "as many pages tall as it takes"; absent means 1.
        "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "fit_height": 1 if ws.page_setup.fitToHeight is None else int(ws.page_setup.fitToHeight),
    }
out["__properties__"] = {"title": wb.properties.title, "creator": wb.properties.creator}
json.dump(out, sys.stdout, ensure_ascii=False, default=str)
