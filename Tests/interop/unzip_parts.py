"""Print every part of an .xlsx as JSON {path: text}, with the only part libxlsxwriter varies
between runs (the creation/modification dates in docProps/core.xml) normalised."""
import json
import re
import sys
import zipfile

parts = {}
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in sorted(z.namelist()):
        text = z.read(name).decode("utf-8")
        if name == "docProps/core.xml":
            # Dates are whatever --created said; compare the rest.
            text = re.sub(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", r"<dcterms:\1/>", text)
        parts[name] = text
json.dump(parts, sys.stdout, ensure_ascii=False)
