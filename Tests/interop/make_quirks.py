"""Makes one workbook per number-format, formula and text-amount quirk from SRC.xlsx (juesuan's
national export of the seed): 公开05表's amount cells (rows under 合计, columns C:E) are rewritten
the way hand-made and other tools' workbooks carry them. Each file is named after its quirk.

Usage: make_quirks.py SRC.xlsx OUTDIR"""
import os
import re
import shutil
import sys
import zipfile
from decimal import Decimal

import openpyxl

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
SHEET = "公开05表"
COLS = "CDE"
ACCOUNTING_43 = '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)'


def load():
    wb = openpyxl.load_workbook(src)
    ws = wb[SHEET]
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    return wb, ws, list(range(first, ws.max_row + 1))


def amounts(ws, rows):
    for r in rows:
        for col in COLS:
            yield ws[f"{col}{r}"]


def save(wb, name):
    path = os.path.join(out, name)
    wb.save(path)
    return path


def scaled(name, code, factor, zeros=False):
    wb, ws, rows = load()
    for c in amounts(ws, rows):
        if c.value is None:
            if zeros:
                c.value = 0
            else:
                continue
        c.value = int(Decimal(str(c.value)) * factor) if factor != 1 else c.value
        c.number_format = code
    save(wb, name)


# Number formats.
scaled("wan-format-0!.0000.xlsx", "0!.0000", 10000)  # 元 stored, 万元 shown
scaled("wan-format-0-backslash-point.xlsx", "0\\.0000", 10000)  # the same with \. for the point
scaled("scale-0.00,,.xlsx", "0.00,,", 1000000)  # shown in millions of the stored number
scaled("hide-zero-[=0].xlsx", '[=0]"";#,##0.00', 1, zeros=True)  # zeros present but hidden
scaled("builtin-43-no-numfmt.xlsx", ACCOUNTING_43, 1)  # openpyxl writes id 43 without <numFmt>
scaled("dbnum1.xlsx", "[DBNum1][$-804]General", 1)  # Chinese numerals shown, numbers stored
scaled("unit-mismatch-yuan-under-wan.xlsx", "#,##0.00", 10000)  # 元 stored and shown under 金额单位：万元


# Formulas: 合计 = + of the 类 rows, 类 = + of its 款 rows, 款 = SUM of its 项 rows.
def formulas(ws, rows):
    codes = {r: str(ws.cell(r, 1).value or "") for r in rows}
    out = {}
    for r in rows:
        code = codes[r]
        if code == "合计":
            kids = [k for k in rows if len(codes[k]) == 3]
        elif len(code) == 3:
            kids = [k for k in rows if len(codes[k]) == 5 and codes[k].startswith(code)]
        elif len(code) == 5:
            kids = [k for k in rows if len(codes[k]) == 7 and codes[k].startswith(code)]
            if kids == list(range(kids[0], kids[-1] + 1)):
                out[r] = lambda col, a=kids[0], b=kids[-1]: f"SUM({col}{a}:{col}{b})"
                continue
        else:
            continue
        out[r] = lambda col, kids=kids: "+".join(f"{col}{k}" for k in kids)
    return out


def formula_book(name):
    wb, ws, rows = load()
    for r, f in formulas(ws, rows).items():
        for col in COLS:
            if ws[f"{col}{r}"].value is not None:
                ws[f"{col}{r}"] = "=" + f(col)
    return save(wb, name)


def rewrite_sheet(path, change):
    """Rewrites the 公开05表 worksheet part (openpyxl writes sheets in order: sheet5.xml)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet5.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            if item.filename == "xl/workbook.xml" and b"fullCalcOnLoad" not in data:
                data = data.replace(b"</workbook>", b'<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
                data = re.sub(rb"<calcPr[^>]*/>(?=.*<calcPr)", b"", data, flags=re.S)
            zout.writestr(item, data)
    shutil.move(tmp, path)


formula_book("formula-nocache.xlsx")  # openpyxl: no <v> at all
zero = formula_book("formula-zerocache.xlsx")  # XlsxWriter style: <v>0</v> and fullCalcOnLoad
rewrite_sheet(zero, lambda x: re.sub(r"(<f>[^<]*</f>)(<v>\s*</v>|<v/>)?", r"\1<v>0</v>", x))


# Shared formulas: the 合计 row's C formula is the master for D and E.
def shared(x):
    m = re.search(r'<c r="C(\d+)"([^>]*)><f>([^<]*)</f>', x)
    row = m.group(1)
    x = x.replace(m.group(0), f'<c r="C{row}"{m.group(2)}><f t="shared" ref="C{row}:E{row}" si="0">{m.group(3)}</f>', 1)
    for col in "DE":
        x = re.sub(rf'(<c r="{col}{row}"[^>]*>)<f>[^<]*</f>', rf'\1<f t="shared" si="0"/>', x, count=1)
    return x


rewrite_sheet(formula_book("formula-shared.xlsx"), shared)


# Unevaluable and circular formulas, one cell each, without cached values.
wb, ws, rows = load()
ws[f"C{rows[1]}"] = f"=VLOOKUP(B{rows[1]},'公开06表'!A1:C20,3,0)"
save(wb, "formula-vlookup.xlsx")
wb, ws, rows = load()
ws[f"C{rows[0]}"] = f"=D{rows[0]}+E{rows[0]}+C{rows[0]}"
save(wb, "formula-cycle.xlsx")


# Text amounts typed full-width, with ¥/￥, a trailing 元, full-width commas.
def fullwidth(s):
    return "".join(chr(ord(ch) + 0xFEE0) if ch in "0123456789.," else ch for ch in s)


wb, ws, rows = load()
forms = [lambda s: fullwidth(s), lambda s: "¥" + s, lambda s: "￥" + fullwidth(s), lambda s: s + "元",
         lambda s: " " + fullwidth(s) + " 万元"]
for i, c in enumerate(c for c in amounts(ws, rows) if c.value is not None):
    c.value = forms[i % len(forms)](f"{Decimal(str(c.value)):.2f}")
    c.number_format = "@"
save(wb, "text-fullwidth-yen.xlsx")

# Zeros hidden by an empty third section.
scaled("hide-zero-third-section.xlsx", "#,##0.00;-#,##0.00;;@", 1, zeros=True)


# The formulas written by XlsxWriter itself: every cell of the seed copied (values, merges, number
# formats), 公开05表's totals as write_formula (XlsxWriter stores <v>0</v> and sets fullCalcOnLoad).
def xlsxwriter_copy(name):
    import xlsxwriter

    wb, ws5, rows = load()
    plan = formulas(ws5, rows)
    book = xlsxwriter.Workbook(os.path.join(out, name))
    cache = {}
    for ws in wb.worksheets:
        sheet = book.add_worksheet(ws.title)
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                code = c.number_format
                if code not in cache:
                    cache[code] = book.add_format({"num_format": code})
                f = cache[code]
                r, col = c.row - 1, c.column - 1
                if ws.title == SHEET and c.row in plan and c.column_letter in COLS:
                    sheet.write_formula(r, col, "=" + plan[c.row](c.column_letter), f)
                elif isinstance(c.value, (int, float)):
                    sheet.write_number(r, col, c.value, f)
                else:
                    sheet.write_string(r, col, str(c.value), f)
        for m in ws.merged_cells.ranges:
            first = ws.cell(m.min_row, m.min_col).value
            sheet.merge_range(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1,
                              "" if first is None else str(first))
    book.close()


xlsxwriter_copy("formula-xlsxwriter.xlsx")
