"""Re-packs workbooks with ZIP_STORED (no compression) so that byte mutations land in the XML
itself, for the fuzz test. Usage: stored_copies.py OUTDIR FILE..."""
import os
import sys
import zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for src in sys.argv[2:]:
    dst = os.path.join(out, os.path.basename(src))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename), compress_type=zipfile.ZIP_STORED)
    print(dst)
