"""Writes hand-made hostile and broken workbooks into a folder, one per case; prints their names.

Each is a minimal XLSX (hand-written XML, nobody's writer) with one thing wrong."""
import os
import sys
import zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SS = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
      '<si><t>收入决算表</t></si></sst>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(body, extra=""):
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{body}</sheetData>{extra}</worksheet>'


GOOD = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>263.72</v></c></row>')


def book(name, parts, skip=()):
    base = {"[Content_Types].xml": CT, "_rels/.rels": RELS, "xl/workbook.xml": WB,
            "xl/_rels/workbook.xml.rels": WBRELS, "xl/sharedStrings.xml": SS, "xl/worksheets/sheet1.xml": GOOD}
    base.update(parts)
    path = os.path.join(out, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in base.items():
            if k in skip:
                continue
            z.writestr(k, v)
    return path


def raw(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


book("good.xlsx", {})
raw("empty.xlsx", b"")
raw("not_a_zip.xlsx", "这不是工作簿，只是一段文字。\n".encode() * 20)
raw("encrypted.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + b"EncryptionInfo" * 10)
good = open(os.path.join(out, "good.xlsx"), "rb").read()
raw("truncated.xlsx", good[: len(good) // 2])
book("missing_workbook.xlsx", {}, skip=("xl/workbook.xml",))
book("missing_sheet.xlsx", {}, skip=("xl/worksheets/sheet1.xml",))
book("malformed_xml.xlsx", {"xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1"><v>1</v></row>')})
book("xxe.xlsx", {"xl/sharedStrings.xml":
                  '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                  f'<sst {NS}><si><t>&xxe;</t></si></sst>'})
book("xxe_parameter.xlsx", {"xl/worksheets/sheet1.xml":
                            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>' + GOOD[38:]})
lol = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
book("entity_bomb.xlsx", {"xl/sharedStrings.xml": f'<?xml version="1.0"?><!DOCTYPE sst [{lol}]><sst {NS}><si><t>&a9;</t></si></sst>'})
book("absurd_ref.xlsx", {"xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="ZZZZ99999999"><v>1</v></c></row>')})
book("absurd_row.xlsx", {"xl/worksheets/sheet1.xml": sheet('<row r="99999999"><c><v>1</v></c></row>')})
book("absurd_merge.xlsx", {"xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells count="1"><mergeCell ref="A1:XFE5"/></mergeCells>')})
book("string_index.xlsx", {"xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="C7" t="s"><v>99</v></c></row>')})
book("bad_number.xlsx", {"xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="B2"><v>12,3x</v></c></row>')})

# Odd but valid: every element prefixed (x:), an absolute relationship target, rich and phonetic
# runs, escapes, an empty string item, inline rich text, error/boolean/formula cells, a custom
# date format, a hidden row, cells without r attributes.
XNS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
book("quirks.xlsx", {
    "xl/workbook.xml": f'<?xml version="1.0"?><x:workbook {XNS} xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                       '<x:sheets><x:sheet name="表&amp;一" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>',
    "xl/_rels/workbook.xml.rels": WBRELS.replace('Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/sheet1.xml"')
                                        .replace("</Relationships>", '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
    "xl/styles.xml": f'<?xml version="1.0"?><x:styleSheet {XNS}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts>'
                     '<x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="4"/></x:cellXfs></x:styleSheet>',
    "xl/sharedStrings.xml": f'<?xml version="1.0"?><x:sst {XNS}><x:si><x:r><x:t>财政</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">拨款 </x:t></x:r>'
                            '<x:rPh sb="0" eb="2"><x:t>ざいせい</x:t></x:rPh></x:si><x:si><x:t>行_x000D_次_x005F_x000D_</x:t></x:si><x:si/></x:sst>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><x:worksheet {XNS}><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>'
        '<x:row r="2" hidden="1"><x:c t="inlineStr"><x:is><x:r><x:t>内联</x:t></x:r><x:r><x:t>富文本</x:t></x:r></x:is></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="A4" s="1"><x:v>45292</x:v></x:c><x:c r="B4" s="2"><x:f>SUM(1,2)</x:f><x:v>1566600.5</x:v></x:c><x:c r="C4" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c></x:row>'
        '</x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>',
})

# A zip bomb: a sheet of 320 MiB of white space inside <sheetData>, about 300 KiB compressed.
path = os.path.join(out, "zip_bomb.xlsx")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for k, v in {"[Content_Types].xml": CT, "_rels/.rels": RELS, "xl/workbook.xml": WB,
                 "xl/_rels/workbook.xml.rels": WBRELS, "xl/sharedStrings.xml": SS}.items():
        z.writestr(k, v)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(f'<?xml version="1.0"?><worksheet {NS}><sheetData>'.encode())
        block = b" " * (1 << 20)
        for _ in range(320):
            f.write(block)
        f.write(b"</sheetData></worksheet>")

# Corrupt deflate data: flip bytes in the middle of the sheet's compressed stream.
data = bytearray(open(os.path.join(out, "good.xlsx"), "rb").read())
with zipfile.ZipFile(os.path.join(out, "good.xlsx")) as z:
    info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
for i in range(start + 5, start + min(info.compress_size, 40)):
    data[i] ^= 0x5A
raw("corrupt_part.xlsx", bytes(data))

# Limits (issue 19): each is small on disk and would be large or slow without a cap.
# A sheet name of 300 characters (Excel allows 31).
book("long_sheet_name.xlsx", {"xl/workbook.xml": WB.replace('name="S"', 'name="' + "表" * 300 + '"')})
# 2,000 <sheet> entries, all pointing at one part.
many = "".join(f'<sheet name="S{i}" sheetId="{i + 1}" r:id="rId1"/>' for i in range(2000))
book("many_sheets.xlsx", {"xl/workbook.xml": WB.replace('<sheet name="S" sheetId="1" r:id="rId1"/>', many)})
# A shared string of 2 MiB.
book("huge_shared_string.xlsx", {"xl/sharedStrings.xml": SS.replace("收入决算表", "字" * (700 * 1024))})
# An inline string of 2 MiB.
book("huge_inline_string.xlsx", {"xl/worksheets/sheet1.xml": sheet(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>' + "x" * (2 << 20) + '</t></is></c></row>')})
# A <v> of 2 MiB.
book("huge_value.xlsx", {"xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1"><v>' + "1" * (2 << 20) + '</v></c></row>')})
# 100,001 different single-cell merges.
merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(1, 100_003))
book("many_merges.xlsx", {"xl/worksheets/sheet1.xml": sheet("", f"<mergeCells>{merges}</mergeCells>")})
# 1,000,000 copies of one merge: held once, read.
same = '<mergeCell ref="A1:B1"/>' * 1_000_000
book("repeated_merge.xlsx", {"xl/worksheets/sheet1.xml": GOOD.replace("</worksheet>", f"<mergeCells>{same}</mergeCells></worksheet>")})
# 6,000,000 empty shared strings (more than the 5,000,000 held).
book("many_shared_strings.xlsx", {"xl/sharedStrings.xml": SS.replace("<si><t>收入决算表</t></si>", "<si><t>收入决算表</t></si>" + "<si/>" * 6_000_000)})

for name in sorted(os.listdir(out)):
    print(name)
