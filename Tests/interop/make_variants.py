"""Writes department workbooks in the layout variants real departments send (TABLES.md §3), with
openpyxl and XlsxWriter, and beside each the tidy CSV a correct reader must produce from it
(computed here from what was written, independently of juesuan).

Usage: make_variants.py SEED.json OUTDIR   → OUTDIR/NAME.xlsx and OUTDIR/NAME.expected.csv"""
import copy
import csv
import json
import os
import random
import sys

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment

SEED = json.load(open(sys.argv[1], encoding="utf-8"))
OUT = sys.argv[2]
os.makedirs(OUT, exist_ok=True)

FUNDS = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
T07 = ["合计", "因公出国（境）费", "公务用车购置及运行费/小计", "公务用车购置及运行费/公务用车购置费",
       "公务用车购置及运行费/公务用车运行费", "公务接待费"]
COLUMNS = {
    "公开02表": ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    "公开03表": ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    "公开05表": ["合计", "基本支出", "项目支出"],
    "公开08表": ["年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"],
    "公开09表": ["年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"],
}
TITLES = {"公开01表": "收入支出决算总表", "公开02表": "收入决算表", "公开03表": "支出决算表", "公开04表": "财政拨款收入支出决算总表",
          "公开05表": "一般公共预算财政拨款支出决算表", "公开06表": "一般公共预算财政拨款基本支出决算表",
          "公开07表": "财政拨款“三公”经费支出决算表", "公开08表": "政府性基金预算财政拨款收入支出决算表",
          "公开09表": "国有资本经营预算财政拨款收入支出决算表"}


def strip_ordinal(s):
    s = s.strip()
    for sep in "、":
        head, _, tail = s.partition(sep)
        if tail and all(ch in "一二三四五六七八九十百0123456789" for ch in head):
            return tail
    return s


def norm(s):
    return "".join(s.split())


# ---------------------------------------------------------------- writers behind one interface
class OpenpyxlSheet:
    def __init__(self, ws):
        self.ws = ws

    def put(self, r, c, v, fmt=None, wrap=False):
        cell = self.ws.cell(row=r + 1, column=c + 1, value=v)
        if fmt:
            cell.number_format = fmt
        if wrap:
            cell.alignment = Alignment(wrap_text=True)

    def merge(self, r1, c1, r2, c2, v):
        self.put(r1, c1, v)
        if (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)


class XlsxwriterSheet:
    def __init__(self, wb, ws):
        self.wb, self.ws, self.formats = wb, ws, {}

    def fmt(self, numfmt, wrap):
        key = (numfmt, wrap)
        if key not in self.formats:
            props = {"border": 1}
            if numfmt:
                props["num_format"] = numfmt
            if wrap:
                props["text_wrap"] = True
            self.formats[key] = self.wb.add_format(props)
        return self.formats[key]

    def put(self, r, c, v, fmt=None, wrap=False):
        f = self.fmt(fmt, wrap)
        if isinstance(v, (int, float)):
            self.ws.write_number(r, c, v, f)
        else:
            self.ws.write_string(r, c, v, f)

    def merge(self, r1, c1, r2, c2, v):
        if (r1, c1) == (r2, c2):
            self.put(r1, c1, v)
        else:
            self.ws.merge_range(r1, c1, r2, c2, v, self.fmt(None, False))


# ---------------------------------------------------------------- drawing one table
class Style:
    def __init__(self, **kw):
        self.table_number = kw.get("table_number", True)
        self.unit_label = kw.get("unit_label", "金额单位")
        self.unit = kw.get("unit", "万元")
        self.scale = kw.get("scale", 1)            # 10000 to print 万元 figures in 元
        self.text_amounts = kw.get("text_amounts", False)
        self.numfmt = kw.get("numfmt", "#,##0.00")  # None: General
        self.zero = kw.get("zero", "keep")          # keep | blank | dash | zero_int
        self.split_codes = kw.get("split_codes", False)
        self.line = kw.get("line", True)
        self.column_numbers = kw.get("column_numbers", "label")  # label | numbers | None
        self.t07 = kw.get("t07", "block")
        self.t06_panels = kw.get("t06_panels", 2)
        self.total_last_05 = kw.get("total_last_05", False)
        self.national_05 = kw.get("national_05", True)
        self.footnotes = kw.get("footnotes", False)
        self.titles = kw.get("titles", {})
        self.wrap_names = kw.get("wrap_names", {})
        self.drift = kw.get("drift", False)
        self.categories = kw.get("categories", None)  # limit 类 rows of 01/04
        self.side_labels = kw.get("side_labels", True)
        self.dept_line = kw.get("dept_line", True)


class Expected:
    def __init__(self, unit):
        self.rows, self.unit = [], unit

    def add(self, table, code, project, column, text):
        self.rows.append([table, code, project, column, text, self.unit])


def amount_cell(style, value_text):
    """What to write for an amount given as printed in 万元 ("263.72"); returns (cell value, fmt, expected text or None)."""
    if value_text is None:
        return None, None, None
    from decimal import Decimal
    d = Decimal(value_text) * style.scale
    d = d.quantize(Decimal("0.01")) if "." in value_text else d
    if d == 0:
        if style.zero == "blank":
            return None, None, None
        if style.zero == "dash":
            return "—", None, None
        if style.zero == "zero_int":
            return 0, None, "0"
    if style.text_amounts:
        text = f"{d:,.2f}"
        return text, None, f"{d:.2f}"
    if style.numfmt:
        return float(d), style.numfmt, f"{d:.2f}"
    f = float(d)
    return f, None, (str(int(f)) if f == int(f) else repr(f))


def header(sheet, top, columns):
    """columns: list of header paths; returns the number of header rows."""
    depth = max(len(p) for p in columns)
    for level in range(depth):
        c = 0
        while c < len(columns):
            path = columns[c]
            if len(path) <= level:
                c += 1
                continue
            if level == len(path) - 1:
                sheet.merge(top + level, c, top + depth - 1, c, path[level])
                c += 1
                continue
            end = c
            while end + 1 < len(columns) and len(columns[end + 1]) > level + 1 and columns[end + 1][:level + 1] == path[:level + 1]:
                end += 1
            sheet.merge(top + level, c, top + level, end, path[level])
            c = end + 1
    return depth


def drift(label, style):
    if not style.drift:
        return label
    return label.replace("公务用车购置及运行费", "公务用车购置及运行维护费").replace("公务用车运行费", "公务用车运行维护费")


def draw(sheet, top, tid, table, doc, style, exp):
    """Draws one table at row `top`; returns the next free row."""
    title = style.titles.get(tid, table.get("title", TITLES[tid]))
    r = top
    if style.table_number:
        sheet.put(r, 0, tid)
        r += 1
    sheet.put(r, 0, title)
    r += 1
    if style.dept_line:
        sheet.put(r, 0, f"编制单位：{doc['department']}")
    sheet.put(r, 3, f"{style.unit_label}：{style.unit}")
    r += 1
    rows = table["rows"]
    if tid in ("公开01表", "公开04表"):
        return draw_two_sided(sheet, r, tid, rows, style, exp, table)
    if tid == "公开06表":
        return draw_06(sheet, r, tid, rows, style, exp, table)
    if tid == "公开07表":
        return draw_07(sheet, r, tid, rows, style, exp, table)
    return draw_functional(sheet, r, tid, rows, style, exp, table)


def notes_under(sheet, r, table, style, tid):
    for n in table.get("notes", []):
        sheet.put(r, 0, n)
        r += 1
    if style.footnotes:
        sheet.put(r, 0, f"注：本表反映部门本年度{TITLES[tid]}的情况（本注为测试样例）。")
        r += 1
    return r + 2


def write_amounts(sheet, r, c0, cols, values, style, exp, tid, code, project):
    for i, canon in enumerate(cols):
        v, fmt, text = amount_cell(style, values.get(canon))
        if v is not None:
            sheet.put(r, c0 + i, v, fmt)
        if text is not None:
            exp.add(tid, code, project, canon, text)


def draw_functional(sheet, r, tid, rows, style, exp, table):
    cols = COLUMNS[tid]
    code_cols = [["项目", "支出功能分类科目编码", p] for p in "类款项"] if style.split_codes else [["项目", "科目编码"]]
    if tid == "公开05表" and style.national_05:
        amount_paths = [["本年支出", "小计"], ["本年支出", "基本支出"], ["本年支出", "项目支出"]]
    else:
        amount_paths = [c.split("/") for c in cols]
    paths = code_cols + [["项目", "科目名称"]] + amount_paths
    r += header(sheet, r, paths)
    ncode = len(code_cols)
    if style.column_numbers == "label":
        sheet.merge(r, 0, r, ncode, "栏次")
        for i in range(len(cols)):
            sheet.put(r, ncode + 1 + i, str(i + 1))
        r += 1
    body = list(rows)
    if tid == "公开05表" and style.total_last_05:
        body = [x for x in body if x.get("item") != "合计"] + [x for x in body if x.get("item") == "合计"]
    for row in body:
        code = row.get("code")
        name = style.wrap_names.get(row["name"], row["name"])
        if code:
            if style.split_codes:
                parts = [code[:3], code[3:5], code[5:7]]
                for i, p in enumerate(parts):
                    if p:
                        sheet.put(r, i, p)
            else:
                sheet.put(r, 0, code)
            sheet.put(r, ncode, name, wrap="\n" in name)
            project = norm(row["name"])
        else:
            sheet.merge(r, 0, r, ncode, row["name"])
            project = row["item"]
        write_amounts(sheet, r, ncode + 1, cols, row.get("values", {}), style, exp, tid, code or "", project)
        r += 1
    return notes_under(sheet, r, table, style, tid)


def draw_two_sided(sheet, r, tid, rows, style, exp, table):
    inc_cols = ["收入/金额"]
    exp_cols = ["支出/金额"] if tid == "公开01表" else ["支出/合计"] + ["支出/" + f for f in FUNDS]
    side_paths = []
    for side, cols in (("收入", inc_cols), ("支出", exp_cols)):
        lead = [side] if style.side_labels else []
        side_paths.append(lead + ["项目"])
        if style.line:
            side_paths.append(lead + ["行次"])
        for c in cols:
            side_paths.append(lead + [c.split("/")[1]] if style.side_labels else [("金额" if c.endswith("金额") else c.split("/")[1])])
    r += header(sheet, r, side_paths)
    width_in = 1 + (1 if style.line else 0) + len(inc_cols)
    if style.column_numbers == "label":
        sheet.put(r, 0, "栏次")
        sheet.put(r, width_in, "栏次")
        n = 0
        for c in range(len(inc_cols)):
            n += 1
            sheet.put(r, width_in - len(inc_cols) + c, str(n))
        for c in range(len(exp_cols)):
            n += 1
            sheet.put(r, width_in + (2 if style.line else 1) + c, str(n))
        r += 1
    income = [x for x in rows if x["side"] == "收入"]
    expenditure = [x for x in rows if x["side"] == "支出"]
    if style.categories is not None:
        expenditure = [x for x in expenditure if not x.get("code") or x["code"] in style.categories]
    for i in range(max(len(income), len(expenditure))):
        for side_rows, c0, cols in ((income, 0, inc_cols), (expenditure, width_in, exp_cols)):
            if i >= len(side_rows):
                continue
            row = side_rows[i]
            sheet.put(r + i, c0, row["name"])
            c = c0 + 1
            if style.line:
                if row.get("line"):
                    sheet.put(r + i, c, row["line"])
                c += 1
            code = row.get("code") or ""
            project = row.get("item") or strip_ordinal(norm(row["name"]))
            write_amounts(sheet, r + i, c, cols, row.get("values", {}), style, exp, tid, code, project)
    r += max(len(income), len(expenditure))
    return notes_under(sheet, r, table, style, tid)


def draw_06(sheet, r, tid, rows, style, exp, table):
    items = [x for x in rows if x.get("code")]
    personnel = [x for x in items if x["code"][:3] in ("301", "303")]
    public = [x for x in items if x["code"][:3] not in ("301", "303")]
    totals = {x["item"]: x for x in rows if x.get("item")}
    if style.t06_panels == 1:
        panels = [("", items + [totals["人员经费合计"], totals["公用经费合计"]])]
    elif style.t06_panels == 2:
        panels = [("人员经费", personnel + [totals["人员经费合计"]]), ("公用经费", public + [totals["公用经费合计"]])]
    else:
        half = (len(public) + 1) // 2
        panels = [("人员经费", personnel + [totals["人员经费合计"]]), ("公用经费", public[:half]), ("公用经费", public[half:] + [totals["公用经费合计"]])]
    paths = []
    for group, _ in panels:
        lead = [group] if group else []
        code_label = "经济分类科目编码" if not group else "科目编码"
        paths += [lead + [code_label], lead + ["科目名称"], lead + ["决算数"]]
    r += header(sheet, r, paths)
    for p, (group, prow) in enumerate(panels):
        for i, row in enumerate(prow):
            c0 = 3 * p
            if row.get("code"):
                sheet.put(r + i, c0, row["code"])
                sheet.put(r + i, c0 + 1, row["name"])
                code, project = row["code"], norm(row["name"])
            else:
                sheet.merge(r + i, c0, r + i, c0 + 1, row["name"])
                code, project = "", row["item"]
            write_amounts(sheet, r + i, c0 + 2, ["决算数"], row.get("values", {}), style, exp, tid, code, project)
    r += max(len(p[1]) for p in panels)
    return notes_under(sheet, r, table, style, tid)


def draw_07(sheet, r, tid, rows, style, exp, table):
    if style.t07 == "block":
        cols = [p + "/" + c for p in ("预算数", "决算数") for c in T07]
        paths = [drift(c, style).split("/") for c in cols]
    else:
        cols = [p + "/" + c for c in T07 for p in ("预算数", "决算数")]
        paths = [drift(c.split("/", 1)[1], style).split("/") + [c.split("/")[0]] for c in cols]
    r += header(sheet, r, paths)
    if style.column_numbers:
        for i in range(len(cols)):
            sheet.put(r, i, i + 1)  # numeric 栏次 1…12, no label
        r += 1
    values = rows[0].get("values", {})
    for i, canon in enumerate(cols):
        v, fmt, text = amount_cell(style, values.get(canon))
        if v is not None:
            sheet.put(r, i, v, fmt)
        if text is not None:
            exp.add(tid, "", "“三公”经费", canon, text)
    return notes_under(sheet, r + 1, table, style, tid)


def finish(name, exp):
    with open(os.path.join(OUT, name + ".expected.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["表号", "科目编码", "项目", "栏目", "金额", "单位"])
        w.writerows(exp.rows)
    print(name)


ORDER = ["公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开07表", "公开08表", "公开09表"]

# ---------------------------------------------------------------- V1: seed in 元, text amounts, split codes, extra sheets
def v1():
    style = Style(unit="元", scale=10000, text_amounts=True, split_codes=True, zero="dash", total_last_05=True,
                  t06_panels=1, t07="block", column_numbers="label",
                  wrap_names={"机关事业单位基本养老保险缴费支出": "机关事业单位基本养老保险\n缴费支出"})
    exp = Expected("元")
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "封面"
    cover["B3"] = SEED["department"]
    cover["B5"] = "2023年度部门决算公开"
    toc = wb.create_sheet("目录")
    for i, tid in enumerate(ORDER):
        toc.cell(row=i + 2, column=2, value=f"{'一二三四五六七八九'[i]}、《{TITLES[tid]}》")
    order = ORDER[:]
    random.Random(3).shuffle(order)
    for i, tid in enumerate(order):
        ws = wb.create_sheet(f"Sheet{i + 1}")
        draw(OpenpyxlSheet(ws), 0, tid, SEED["tables"][tid], SEED, style, exp)
    wb.save(os.path.join(OUT, "seed_yuan_text_split.xlsx"))
    finish("seed_yuan_text_split", exp)


# ---------------------------------------------------------------- V2: Shanghai style, one sheet, fund money, variants
def shanghai_doc():
    doc = copy.deepcopy(SEED)
    doc["department"] = "上海市某区文化和旅游局"
    t = doc["tables"]
    # Non-fiscal income and balances on 01 and 02.
    for row in t["公开01表"]["rows"]:
        item = row.get("item")
        extra = {"政府性基金预算财政拨款收入": "52.40", "事业收入": "18.30", "其他收入": "3.05", "年初结转和结余": "12.00",
                 "年末结转和结余": "8.75"}
        if item in extra:
            key = "收入/金额" if row["side"] == "收入" else "支出/金额"
            row["values"] = {key: extra[item]}
    t["公开02表"]["rows"][0]["values"].update({"事业收入": "18.30", "其他收入": "3.05"})
    # Fund money in 08 (and 04's fund column).
    t["公开08表"]["rows"] = [
        {"item": "合计", "name": "合计", "values": {"年初结转和结余": "12.00", "本年收入": "52.40", "本年支出/合计": "55.65",
                                                "本年支出/项目支出": "55.65", "年末结转和结余": "8.75"}},
        {"code": "207", "name": "文化旅游体育与传媒支出", "values": {"年初结转和结余": "12.00", "本年收入": "52.40", "本年支出/合计": "55.65", "本年支出/项目支出": "55.65", "年末结转和结余": "8.75"}},
        {"code": "20707", "name": "旅游发展基金支出", "values": {"本年收入": "52.40", "本年支出/合计": "55.65", "本年支出/项目支出": "55.65"}},
        {"code": "2070701", "name": "宣传促销", "values": {"本年收入": "52.40", "本年支出/合计": "55.65", "本年支出/项目支出": "55.65"}},
    ]
    t["公开08表"]["notes"] = []
    for row in t["公开04表"]["rows"]:
        if row.get("item") == "政府性基金预算财政拨款":
            row["values"] = {"收入/金额": "52.40"}
    return doc


def v2():
    doc = shanghai_doc()
    style = Style(table_number=False, unit_label="单位", line=False, column_numbers=None, t07="paired", t06_panels=2,
                  national_05=False, footnotes=True, zero="zero_int", drift=True,
                  titles={"公开06表": "一般公共预算财政拨款基本支出决算明细表", "公开07表": "一般公共预算财政拨款「三公」经费支出决算表",
                          "公开09表": "国有资本经营预算财政拨款支出决算表"})
    exp = Expected("万元")
    wb = xlsxwriter.Workbook(os.path.join(OUT, "shanghai_one_sheet.xlsx"))
    sheet = XlsxwriterSheet(wb, wb.add_worksheet("部门决算公开表"))
    r = 0
    for tid in ORDER:
        r = draw(sheet, r, tid, doc["tables"][tid], doc, style, exp)
    wb.close()
    finish("shanghai_one_sheet", exp)


# ---------------------------------------------------------------- V3: Guangdong-ish: 07 in blocks with numeric 栏次, 24 类, General numbers
def v3():
    cats = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215", "216", "217",
            "219", "220", "221", "222", "223", "224", "229", "231"]
    style = Style(numfmt=None, zero="blank", t07="block", column_numbers="numbers", t06_panels=3, categories=cats,
                  side_labels=False, line=False, dept_line=False,
                  titles={tid: "2023年度" + TITLES[tid] for tid in ORDER})
    exp = Expected("万元")
    wb = xlsxwriter.Workbook(os.path.join(OUT, "guangdong_blocks.xlsx"))
    cover = wb.add_worksheet("封面")
    cover.write_string(2, 1, "2023年度部门决算公开")
    cover.write_string(4, 1, SEED["department"])
    for tid in reversed(ORDER):
        sheet = XlsxwriterSheet(wb, wb.add_worksheet(f"{int(tid[2:4])} {TITLES[tid][:12]}"))
        draw(sheet, 0, tid, SEED["tables"][tid], SEED, style, exp)
    wb.close()
    finish("guangdong_blocks", exp)


v1()
v2()
v3()
