#!/usr/bin/env python3
"""Makes a .docx of a text file, one paragraph a line, for the 说明 reader's tests.

usage: make_docx.py TEXT OUT.docx [zipfile|python-docx]

zipfile (default, needs nothing): a hand-built WordprocessingML package; each paragraph is
split into several runs (as Word splits text it has edited), lines holding tabs become the
cells of a table row, and the package relationships name the main part by a non-default path
(word/main.xml) so the reader must follow _rels/.rels. python-docx: the same paragraphs written
by python-docx (exit status 3 when it is not installed).
"""
import sys
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def runs(text):
    # Split into runs of at most 7 characters, as edited Word text is.
    return "".join(
        '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text[i:i + 7]) for i in range(0, len(text), 7)
    )


def by_zipfile(lines, out):
    body = []
    for line in lines:
        if "\t" in line:
            cells = "".join("<w:tc><w:p>%s</w:p></w:tc>" % runs(c) for c in line.split("\t"))
            body.append("<w:tbl><w:tr>%s</w:tr></w:tbl>" % cells)
        else:
            body.append("<w:p>%s</w:p>" % runs(line))
    doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (
        W, "".join(body))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.xml"/></Relationships>')
        z.writestr("word/main.xml", doc)


def by_python_docx(lines, out):
    try:
        import docx
    except ImportError:
        sys.exit(3)
    d = docx.Document()
    for line in lines:
        if "\t" in line:
            cells = line.split("\t")
            t = d.add_table(rows=1, cols=len(cells))
            for i, c in enumerate(cells):
                t.rows[0].cells[i].text = c
        else:
            d.add_paragraph(line)
    d.save(out)


if __name__ == "__main__":
    text, out = sys.argv[1], sys.argv[2]
    engine = sys.argv[3] if len(sys.argv) > 3 else "zipfile"
    lines = open(text, encoding="utf-8").read().split("\n")
    (by_python_docx if engine == "python-docx" else by_zipfile)(lines, out)
