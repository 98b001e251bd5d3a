"""Makes one small workbook per layout quirk of issue 13 from the seed's national export (as
people and other tools change it), for LayoutQuirkTests. Usage: make_layout_quirks.py EXPORT.xlsx OUTDIR

  center_across.xlsx      every single-row header merge of the header blocks replaced by Center
                          Across Selection (openpyxl writes horizontal="centerContinuous" cells)
  no_merges.xlsx          every merge removed, labels left in the first cell of their span
  hidden_last_year.xlsx   a hidden sheet holding last year's 公开05表 (other amounts) placed first
  backslash_names.xlsx    every zip entry named with \\ separators
  other_number_line.xlsx  公开05表's 表号 line says 公开07表 (the title decides)
  other_tables.xlsx       three tables that are not among the nine beside them: 项目支出决算表,
                          政府性基金预算财政拨款基本支出决算表, 收入决算表（分单位）
  shaanxi_titles.xlsx     02/03 titled 收入决算总表 / 支出决算总表; 07 as “三公”经费及会议费、培训费支出决算表
                          with two extra columns (会议费, 培训费)
  empty_note_wording.xlsx 08 emptied with the note 说明：…故本表无数据。
  side_by_side.xlsx       05 and 08 printed side by side in one sheet
  hidden_column_row.xlsx  05's 项目支出 column and one row hidden
"""
import copy
import os
import shutil
import sys
import zipfile

import openpyxl
from openpyxl.styles import Alignment

SRC, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)


def load():
    return openpyxl.load_workbook(SRC)


def header_rows(ws):
    """Rows between the title and the first amount row (inclusive of the meta line)."""
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, (int, float)):
                return c.row
    return ws.max_row


# Center Across Selection instead of the single-row merges in the header block.
wb = load()
for ws in wb.worksheets:
    first_data = header_rows(ws)
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row == rng.max_row and rng.min_row < first_data and rng.min_row > 3:
            ws.unmerge_cells(str(rng))
            for col in range(rng.min_col, rng.max_col + 1):
                ws.cell(rng.min_row, col).alignment = Alignment(horizontal="centerContinuous")
wb.save(os.path.join(OUT, "center_across.xlsx"))

# No merges at all.
wb = load()
for ws in wb.worksheets:
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(rng))
wb.save(os.path.join(OUT, "no_merges.xlsx"))

# Last year's 05 in a hidden sheet, first.
wb = load()
src = wb["公开05表"]
old = wb.copy_worksheet(src)
old.title = "2022年05表"
for row in old.iter_rows():
    for c in row:
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
            c.value = round(c.value * 0.9, 2)
old.sheet_state = "hidden"
wb.move_sheet(old, offset=-len(wb.sheetnames) + 1)
wb.save(os.path.join(OUT, "hidden_last_year.xlsx"))

# 表号 line naming another table.
wb = load()
ws = wb["公开05表"]
for row in ws.iter_rows(max_row=2):
    for c in row:
        if c.value == "公开05表":
            c.value = "公开07表"
wb.save(os.path.join(OUT, "other_number_line.xlsx"))


def add_other_table(wb, title, header, rows):
    ws = wb.create_sheet(title[:28])
    ws.append([title])
    ws.append(["单位：万元"])
    ws.append(header)
    for r in rows:
        ws.append(r)


# Tables that are not among the nine.
wb = load()
add_other_table(wb, "项目支出决算表", ["项目名称", "项目支出", "备注"], [["信息化建设", 12.5, ""], ["合计", 12.5, ""]])
add_other_table(
    wb, "政府性基金预算财政拨款基本支出决算表", ["科目编码", "科目名称", "决算数"], [["301", "工资福利支出", 0], ["合计", "", 0]])
add_other_table(
    wb, "收入决算表（分单位）", ["单位名称", "本年收入合计", "财政拨款收入"], [["本级", 263.72, 263.72], ["合计", 263.72, 263.72]])
wb.save(os.path.join(OUT, "other_tables.xlsx"))

# Shaanxi titles and 07 with 会议费/培训费.
wb = load()
for name, title in [("公开02表", "收入决算总表"), ("公开03表", "支出决算总表")]:
    ws = wb[name]
    for row in ws.iter_rows(max_row=3):
        for c in row:
            if c.value == {"收入决算总表": "收入决算表", "支出决算总表": "支出决算表"}[title]:
                c.value = title
ws = wb["公开07表"]
for row in ws.iter_rows(max_row=3):
    for c in row:
        if c.value == "财政拨款“三公”经费支出决算表":
            c.value = "“三公”经费及会议费、培训费支出决算表"
# Two extra columns after the twelve: headers in the header block, amounts on the data row.
data_row = header_rows(ws)
top = data_row - 3
last = ws.max_column
ws.cell(top, last + 1, "会议费")
ws.cell(top, last + 2, "培训费")
ws.cell(data_row, last + 1, 1.5)
ws.cell(data_row, last + 2, 2.25)
wb.save(os.path.join(OUT, "shaanxi_titles.xlsx"))

# An emptied 08 with another wording of the empty-table note.
wb = load()
ws = wb["公开08表"]
for row in ws.iter_rows():
    for c in row:
        if isinstance(c.value, str) and ("空表" in c.value or "无数据" in c.value):
            c.value = "说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
wb.save(os.path.join(OUT, "empty_note_wording.xlsx"))

# 05 and 08 side by side in one sheet (08 starting two columns after 05 ends); their own sheets removed.
wb = load()
side = wb.create_sheet("附表")
offset = 0
for name in ["公开05表", "公开08表"]:
    src = wb[name]
    for row in src.iter_rows():
        for c in row:
            if c.value is not None:
                side.cell(c.row, c.column + offset, c.value).number_format = c.number_format
    for rng in src.merged_cells.ranges:
        side.merge_cells(start_row=rng.min_row, start_column=rng.min_col + offset,
                         end_row=rng.max_row, end_column=rng.max_col + offset)
    offset += src.max_column + 2
    del wb[name]
wb.save(os.path.join(OUT, "side_by_side.xlsx"))

# 05 with its 项目支出 column (E) and one 项 row (row 10) hidden: read, and said.
wb = load()
ws = wb["公开05表"]
ws.column_dimensions["E"].hidden = True
ws.row_dimensions[10].hidden = True
wb.save(os.path.join(OUT, "hidden_column_row.xlsx"))

# Backslash entry names.
with zipfile.ZipFile(SRC) as zin, zipfile.ZipFile(os.path.join(OUT, "backslash_names.xlsx"), "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        zout.writestr(info.filename.replace("/", "\\"), zin.read(info.filename))
