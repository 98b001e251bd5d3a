#!/usr/bin/env python3
"""Fills a blank juesuan template the way a person would in a spreadsheet program, with openpyxl:
numbers typed into amount cells (250.5, 50), text numbers ("1,234.50", "50"), 科目 rows typed into
the formatted blank rows (codes as text, as an `@` cell keeps them), everything else left blank.
Tables are found by their titles and columns by their header labels, so any layout works.

usage: fill_template.py TEMPLATE.xlsx OUT.xlsx"""
import sys

import openpyxl

TITLES = {
    "收入支出决算总表": "01",
    "收入决算表": "02",
    "一般公共预算财政拨款支出决算表": "05",
    "一般公共预算财政拨款基本支出决算表": "06",
    "一般公共预算财政拨款基本支出决算明细表": "06",
}


def find(ws, value):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise SystemExit(f"{ws.title}: no cell {value!r}")


def header_col(ws, label, above_row):
    """The column whose header (rows above `above_row`) reads `label`."""
    for r in range(1, above_row):
        for c in range(1, ws.max_column + 1):
            if ws.cell(r, c).value == label:
                return c
    raise SystemExit(f"{ws.title}: no header {label!r}")


def amount_right_of(ws, r, c, header):
    """The first column right of (r, c) headed `header` (金额 on both sides of 01)."""
    for cc in range(c + 1, ws.max_column + 1):
        if any(ws.cell(rr, cc).value == header for rr in range(1, r)):
            return cc
    raise SystemExit(f"{ws.title}: no {header!r} column right of row {r}")


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    sheets = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=4):
            for cell in row:
                if cell.value in TITLES:
                    sheets[TITLES[cell.value]] = ws
    ws = sheets["01"]
    for label, value in [
        ("一、一般公共预算财政拨款收入", 250.5),  # a number typed without its trailing zero
        ("五、事业收入", "50"),  # a text number
        ("本年收入合计", 300.5),
        ("总计", "300.50"),
        ("一、一般公共服务支出", "1,234.50"),  # text with a thousands separator
    ]:
        r, c = find(ws, label)
        ws.cell(r, amount_right_of(ws, r, c, "金额"), value)
    ws = sheets["02"]
    r, _ = find(ws, "合计")
    cols = {h: header_col(ws, h, r) for h in ["本年收入合计", "财政拨款收入", "事业收入"]}
    rows = [
        ("合计", None, 300.5, 250.5, "50"),
        ("201", "一般公共服务支出", 300.5, 250.5, "50"),
        ("20103", "政府办公厅（室）及相关机构事务", 300.5, 250.5, "50"),
        ("2010301", "行政运行", "300.50", 250.5, 50),
    ]
    for i, (code, name, total, grant, business) in enumerate(rows):
        if name is not None:  # a 科目 row typed into a formatted blank row under 合计
            ws.cell(r + i, 1, code)
            ws.cell(r + i, 2, name)
        ws.cell(r + i, cols["本年收入合计"], total)
        ws.cell(r + i, cols["财政拨款收入"], grant)
        ws.cell(r + i, cols["事业收入"], business)
    ws = sheets["06"]
    r, c = find(ws, "30101")
    ws.cell(r, c + 2, 38.5)
    r, c = find(ws, "30201")
    ws.cell(r, c + 2, "1,234.50")
    wb.save(sys.argv[2])


main()
