"""Writes workbooks with other producers into OUTDIR and prints, as JSON, the cells openpyxl
reads back from each: {file: {sheet: {"A1": [type, value]}}} with type n/s/b.

- xlsxwriter_constant_memory.xlsx: XlsxWriter in constant_memory mode (inline strings only)
- xlsxwriter_shared.xlsx: XlsxWriter with shared strings, rich text, formats, merges, hidden row
- openpyxl.xlsx: openpyxl (inline-free, its own styles and namespaces)
Usage: other_producers.py OUTDIR [EXTRA.xlsx ...] (extra files are only dumped)."""
import json
import os
import sys

import openpyxl
import xlsxwriter

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
ROWS = [["项目", "本年收入合计", "财政拨款收入"], ["合计", 263.72, 263.72], ["一般公共服务支出", 170.36, 170.36],
        ["机关事业单位基本养老保险\n缴费支出", 14.76, 0], ["— 特殊 & <符号> \"引号\"", -0.5, 1e-7], ["_x000D_ literal", 1566600.0, True]]


def fill_xlsxwriter(path, constant_memory):
    wb = xlsxwriter.Workbook(path, {"constant_memory": constant_memory})
    ws = wb.add_worksheet("公开02表")
    money = wb.add_format({"num_format": "#,##0.00", "border": 1})
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            if isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v, money)
            else:
                ws.write_string(r, c, v)
    ws2 = wb.add_worksheet("Hidden")
    ws2.hide()
    ws2.write_string(0, 0, "隐藏的表")
    if not constant_memory:
        bold = wb.add_format({"bold": True})
        ws2.write_rich_string(1, 0, "富", bold, "文本", "测试")
        ws2.merge_range(3, 0, 3, 3, "合并单元格", None)
        ws2.set_row(5, None, None, {"hidden": True})
        ws2.write_number(5, 1, 42)
    wb.close()


fill_xlsxwriter(os.path.join(out, "xlsxwriter_constant_memory.xlsx"), True)
fill_xlsxwriter(os.path.join(out, "xlsxwriter_shared.xlsx"), False)

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "公开05表"
for row in ROWS:
    ws.append(row)
ws.merge_cells("E1:F2")
ws["E1"] = "合并"
wb.create_sheet("第二页")["C3"] = "第二页的字"
wb.save(os.path.join(out, "openpyxl.xlsx"))


def dump(path):
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None or v == "":
                    continue
                if isinstance(v, bool):
                    cells[c.coordinate] = ["b", v]
                elif isinstance(v, (int, float)):
                    cells[c.coordinate] = ["n", float(v)]
                else:
                    cells[c.coordinate] = ["s", str(v)]
        sheets[ws.title] = {"cells": cells, "merges": sorted(str(r) for r in ws.merged_cells.ranges)}
    return sheets


files = sorted(f for f in os.listdir(out) if f.endswith(".xlsx"))
result = {f: dump(os.path.join(out, f)) for f in files}
for extra in sys.argv[2:]:
    result[os.path.basename(extra)] = dump(extra)
json.dump(result, sys.stdout, ensure_ascii=False)
