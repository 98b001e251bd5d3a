"""A large 公开02表 (收入决算表) for the import benchmark, written by XlsxWriter in constant_memory mode.

  gen_income.py PATH LEI KUAN XIANG

One sheet: the 表号 line, the title, 编制单位 and 金额单位, a two-row header (项目 over 科目编码 and
科目名称, then the seven amount columns) and a 栏次 row; then 合计, and for each of LEI 类 (codes 201 …)
its row, each of its KUAN 款 and under each 款 XIANG 项 rows. Every 项 has seven amounts (two
decimals; 本年收入合计 = Σ the six sources), every 款, 类 and 合计 is the sum of the rows under it,
so the checks find nothing: the benchmark measures the work, not the report. Deterministic.
"""
import sys

import xlsxwriter

SOURCES = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]


def main(path, lei, kuan, xiang):
    lei, kuan, xiang = int(lei), int(kuan), int(xiang)
    assert 1 <= lei <= 99 and 1 <= kuan <= 99 and 1 <= xiang <= 99
    state = 12345

    def rand():
        nonlocal state
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        return state % 100_000  # cents: up to 999.99 万元

    # Amounts in cents, computed before writing (constant_memory writes rows in order).
    tree = []  # (code, name, [7 cents]) in printed order, the totals filled in afterwards
    total = [0] * 7
    for a in range(lei):
        lcode = str(201 + a)
        lrow = [lcode, f"类{lcode}", [0] * 7]
        rows = [lrow]
        for b in range(kuan):
            kcode = f"{lcode}{b + 1:02d}"
            krow = [kcode, f"{lcode}类{b + 1}款", [0] * 7]
            rows.append(krow)
            for c in range(xiang):
                src = [rand() for _ in SOURCES]
                amounts = [sum(src)] + src
                rows.append([f"{kcode}{c + 1:02d}", f"{kcode}款第{c + 1}项", amounts])
                for i in range(7):
                    krow[2][i] += amounts[i]
            for i in range(7):
                lrow[2][i] += krow[2][i]
        for i in range(7):
            total[i] += lrow[2][i]
        tree.append(rows)

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("公开02表")
    title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
    head = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True})
    text = wb.add_format({"border": 1})
    money = wb.add_format({"border": 1, "num_format": "#,##0.00"})
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 8, 16)
    ws.write_string(0, 8, "公开02表")
    ws.merge_range(1, 0, 1, 8, "收入决算表", title)
    ws.write_string(2, 0, "编制单位：基准测试部门")
    ws.write_string(2, 8, "金额单位：万元")
    # constant_memory writes a row once the next one is begun: the header's merges stay within a
    # row (项目 over the two label columns); the amount labels stand alone, their spans inferred.
    ws.merge_range(3, 0, 3, 1, "项目", head)
    for i, name in enumerate(["本年收入合计"] + SOURCES):
        ws.write_string(3, 2 + i, name, head)
    ws.write_string(4, 0, "科目编码", head)
    ws.write_string(4, 1, "科目名称", head)
    ws.write_string(5, 0, "栏次", head)
    ws.write_string(5, 1, "", head)
    for i in range(7):
        ws.write_number(5, 2 + i, i + 1, head)
    r = 6

    def put(code, name, cents):
        nonlocal r
        if code:
            ws.write_string(r, 0, code, text)
        ws.write_string(r, 1, name, text)
        for i, v in enumerate(cents):
            ws.write_number(r, 2 + i, v / 100, money)
        r += 1

    put(None, "合计", total)
    for rows in tree:
        for code, name, cents in rows:
            put(code, name, cents)
    wb.close()
    print(r - 6)


if __name__ == "__main__":
    main(*sys.argv[1:])
