#!/usr/bin/env python3
"""Prints each paragraph of a .docx as `STYLE<TAB>TEXT`, read by python-docx (exit 3 without it).

usage: read_docx.py FILE.docx
"""
import sys

try:
    import docx
except ImportError:
    sys.exit(3)

for p in docx.Document(sys.argv[1]).paragraphs:
    print("%s\t%s" % (p.style.name, p.text))
