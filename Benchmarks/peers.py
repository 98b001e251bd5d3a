"""The Python peers of the benchmarks; each command times only its work and prints `count seconds`.

  peers.py xlsxwriter-write PLAN OUTDIR REPEAT   the workbooks of a layout plan, with XlsxWriter
  peers.py calamine-read FILE...                 every cell of every sheet, with python-calamine
  peers.py openpyxl-read FILE...                 every cell of every sheet, openpyxl read-only
"""
import os
import sys
import time


def read_plan(path):
    def unescape(s):
        if "\\" not in s:
            return s
        out, i = [], 0
        while i < len(s):
            if s[i] == "\\" and i + 1 < len(s):
                out.append({"t": "\t", "n": "\n", "r": "\r"}.get(s[i + 1], s[i + 1]))
                i += 2
            else:
                out.append(s[i])
                i += 1
        return "".join(out)

    with open(path, encoding="utf-8") as f:
        return [[unescape(x) for x in line.rstrip("\n").split("\t")] for line in f if line.strip()]


def xlsxwriter_write(plan_path, outdir, repeat):
    import datetime

    import xlsxwriter

    plan = read_plan(plan_path)
    files = 0
    t0 = time.perf_counter()
    for _ in range(int(repeat)):
        wb = ws = None
        formats = {}
        for r in plan:
            k = r[0]
            if k == "B":
                wb = xlsxwriter.Workbook(os.path.join(outdir, r[1]))
                wb.set_properties({"title": "部门决算公开表", "author": "peer", "created": datetime.datetime(2000, 1, 1)})
                formats = {}
            elif k == "F":
                props = {"font_name": r[2], "font_size": float(r[3]), "valign": "vcenter"}
                if r[4] == "1":
                    props["bold"] = True
                if r[5] != "-":
                    props["align"] = r[5]
                if r[6] == "1":
                    props["border"] = 1
                if r[7] == "1":
                    props["text_wrap"] = True
                if int(r[8]) > 0:
                    props["indent"] = int(r[8])
                if r[9] != "-":
                    props["num_format"] = r[9]
                formats[r[1]] = wb.add_format(props)
            elif k == "S":
                ws = wb.add_worksheet(r[1])
            elif k == "W":
                ws.set_column(int(r[1]), int(r[1]), float(r[2]))
            elif k == "H":
                ws.set_row(int(r[1]), float(r[2]))
            elif k == "N":
                ws.write_number(int(r[1]), int(r[2]), float(r[4]), formats[r[3]])
            elif k == "T":
                ws.write_string(int(r[1]), int(r[2]), r[4], formats[r[3]])
            elif k == "K":
                ws.write_blank(int(r[1]), int(r[2]), None, formats[r[3]])
            elif k == "M":
                ws.merge_range(int(r[1]), int(r[2]), int(r[3]), int(r[4]), r[6], formats[r[5]])
            elif k == "R":
                ws.set_landscape()
                ws.set_paper(9)
                ws.fit_to_pages(1, int(r[5]))
                ws.center_horizontally()
                ws.set_margins(0.5, 0.5, 0.6, 0.6)
                ws.repeat_rows(int(r[1]), int(r[2]))
                ws.print_area(0, 0, int(r[3]), int(r[4]))
                ws.set_footer("&C第 &P 页，共 &N 页")
            elif k == "E":
                wb.close()
                files += 1
    print(files, time.perf_counter() - t0)


def calamine_read(files):
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    cells = 0
    for f in files:
        wb = CalamineWorkbook.from_path(f)
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
                cells += sum(1 for v in row if v != "")
    print(cells, time.perf_counter() - t0)


def openpyxl_read(files):
    import openpyxl

    t0 = time.perf_counter()
    cells = 0
    for f in files:
        wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += sum(1 for v in row if v is not None and v != "")
        wb.close()
    print(cells, time.perf_counter() - t0)


def expand(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(os.path.join(p, n) for n in os.listdir(p) if n.endswith(".xlsx"))
        else:
            out.append(p)
    return out


if __name__ == "__main__":
    cmd, rest = sys.argv[1], sys.argv[2:]
    if cmd == "xlsxwriter-write":
        xlsxwriter_write(*rest)
    elif cmd == "calamine-read":
        calamine_read(expand(rest))
    elif cmd == "openpyxl-read":
        openpyxl_read(expand(rest))
    else:
        sys.exit(f"unknown command {cmd}")
