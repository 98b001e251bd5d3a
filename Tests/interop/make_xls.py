"""Writes hand-made .xls files (OLE2 compound files holding BIFF records), one per quirk or
hostile case the .xls reader must handle. Written here byte by byte, independently of juesuan and
of FreeXL, from [MS-CFB] and [MS-XLS].

Usage: make_xls.py OUTDIR   → OUTDIR/*.xls (see the list at the bottom)"""
import math
import os
import random
import struct
import sys

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)

SECTOR = 512
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def cfb(streams):
    """A version-3 compound file with 512-byte sectors holding `streams` [(name, bytes)] in the
    root storage. Streams are padded to the 4096-byte mini-stream cutoff so all live in
    regular sectors (FreeXL reads a stream of exactly 4096 bytes from the mini stream)."""
    streams = [(n, d + b"\0" * max(0, 4608 - len(d))) for n, d in streams]
    entries = 1 + len(streams)
    dir_sectors = math.ceil(entries * 128 / SECTOR)
    data_sectors = dir_sectors + sum(math.ceil(len(d) / SECTOR) for _, d in streams)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + data_sectors:
        fat_sectors += 1
    assert fat_sectors <= 109
    fat = [FATSECT] * fat_sectors
    first_dir = len(fat)
    fat += [first_dir + i + 1 for i in range(dir_sectors - 1)] + [END]
    starts = []
    for _, d in streams:
        n = math.ceil(len(d) / SECTOR)
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(n - 1)] + [END]
    fat += [FREE] * (fat_sectors * 128 - len(fat))

    def entry(name, kind, start, size, child=FREE, right=FREE):
        u = name.encode("utf-16-le")
        return (u + b"\0" * (64 - len(u)) + struct.pack("<HBB", len(u) + 2, kind, 1)
                + struct.pack("<III", FREE, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
                + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, END, 0, child=1 if streams else FREE)
    for k, (name, d) in enumerate(streams):
        directory += entry(name, 2, starts[k], len(d), right=k + 2 if k + 1 < len(streams) else FREE)
    directory += b"\0" * (dir_sectors * SECTOR - len(directory))
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, fat_sectors, first_dir, 0, 4096, END, 0, END, 0))
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header += struct.pack("<109I", *difat)
    assert len(header) == 512
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for _, d in streams:
        body += d + b"\0" * (math.ceil(len(d) / SECTOR) * SECTOR - len(d))
    return header + body


def rec(kind, payload=b""):
    return struct.pack("<HH", kind, len(payload)) + payload


def bof(version, dt):
    return rec(0x0809, struct.pack("<HHHH", version, dt, 0x0DBB, 0x07CC) + (b"\0" * 8 if version == 0x0600 else b""))


def biff8_text(s, length_bytes=2):
    u = s.encode("utf-16-le")
    return struct.pack("<H" if length_bytes == 2 else "<B", len(s)) + b"\x01" + u


def workbook(sheets, version=0x0600, codepage=1200, encoding="utf-16-le", globals_extra=b"", xfs=(0,)):
    """A BIFF5/BIFF8 Workbook stream: globals (BOF, extras, CODEPAGE, XFs, BOUNDSHEETs, EOF) then
    one substream per sheet. `sheets` = [(name, records)] or [(name, records, hidden state)];
    records exclude BOF/EOF."""
    biff8 = version == 0x0600

    def sheet_name(name):
        if biff8:
            return biff8_text(name, 1)
        b = name.encode(encoding)
        return struct.pack("<B", len(b)) + b

    glob = bof(version, 0x0005) + globals_extra + rec(0x0042, struct.pack("<H", codepage))
    for fmt in xfs:  # XF: font, format index, then the rest of the record zeroed
        glob += rec(0x00E0, struct.pack("<HH", 0, fmt) + b"\0" * (16 if biff8 else 12))
    sheets = [(sh[0], sh[1], sh[2] if len(sh) > 2 else 0) for sh in sheets]
    bound_len = sum(len(rec(0x0085, b"\0" * 6 + sheet_name(n))) for n, _, _ in sheets)
    offset = len(glob) + bound_len + len(rec(0x000A))
    bodies = []
    for name, records, state in sheets:
        body = bof(version, 0x0010) + records + rec(0x000A)
        glob += rec(0x0085, struct.pack("<IBB", offset, state, 0) + sheet_name(name))
        bodies.append(body)
        offset += len(body)
    glob += rec(0x000A)
    return glob + b"".join(bodies)


def dimension(rows, cols, biff8=True):
    if biff8:
        return rec(0x0200, struct.pack("<IIHHH", 0, rows, 0, cols, 0))
    return rec(0x0200, struct.pack("<HHHHH", 0, rows, 0, cols, 0))


def number(r, c, v, xf=0):
    return rec(0x0203, struct.pack("<HHHd", r, c, xf, v))


def label(r, c, s, biff8=True, encoding=None):
    if biff8:
        return rec(0x0204, struct.pack("<HHH", r, c, 0) + biff8_text(s))
    b = s.encode(encoding)
    return rec(0x0204, struct.pack("<HHHH", r, c, 0, len(b)) + b)


def formula_number(r, c, v):
    return rec(0x0006, struct.pack("<HHHd", r, c, 0, v) + struct.pack("<HI", 0, 0) + b"\x03\x00\x1e\x01\x00")


def formula_special(r, c, kind, value=0):
    result = struct.pack("<BBBBHH", kind, 0, value, 0, 0, 0xFFFF)
    return rec(0x0006, struct.pack("<HHH", r, c, 0) + result + struct.pack("<HI", 0, 0) + b"\x03\x00\x1e\x01\x00")


def string_record(s):
    return rec(0x0207, struct.pack("<H", len(s)) + b"\x01" + s.encode("utf-16-le"))


def string_record5(s, encoding):
    b = s.encode(encoding)
    return rec(0x0207, struct.pack("<H", len(b)) + b)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


# BIFF5 (Excel 95) in code page 936: sheet names and labels in GBK, stream "Book".
gbk = workbook(
    [("收入决算表", dimension(4, 3, False) + label(0, 0, "收入决算表", False, "gbk") + label(1, 0, "金额单位：万元", False, "gbk")
      + label(2, 0, "财政拨款收入", False, "gbk") + number(2, 1, 263.72)
      + formula_special(3, 0, 0) + string_record5("本年收入合计", "gbk") + formula_number(3, 1, 263.72)),
     ("封面", dimension(1, 1, False) + label(0, 0, "乌尔禾区人民政府办公室", False, "gbk"))],
    version=0x0500, codepage=936, encoding="gbk")
write("biff5_gbk.xls", cfb([("Book", gbk)]))

# BIFF8 quirks: a date, a date-time and a time (built-in formats 14, 22, 21 through XFs 1–3), and
# formulas whose cached results are a number, a text (STRING record), a boolean and an error.
quirks = workbook(
    [("表&一", dimension(4, 4)
      + number(0, 0, 45352.0, xf=1) + number(0, 1, 45352.5, xf=2) + number(0, 2, 0.75, xf=3)
      + formula_number(1, 0, 1566600.5) + formula_special(1, 1, 0) + string_record("合计")
      + formula_special(1, 2, 1, 1) + formula_special(1, 3, 2, 0x07)
      + label(2, 0, "财政拨款") + number(3, 3, -0.1)),
     ("隐藏", dimension(1, 1) + number(0, 0, 1.0), 1)],
    xfs=(0, 14, 22, 21))
write("quirks.xls", cfb([("Workbook", quirks)]))

# Encrypted OOXML: what Excel writes for a password-protected .xlsx.
write("encrypted_package.xls", cfb([("EncryptionInfo", b"\x04\x00\x04\x00" + b"\0" * 200),
                                    ("EncryptedPackage", os.urandom(8000))]))
# A password-protected .xls: FILEPASS (RC4) right after the globals' BOF.
write("filepass.xls", cfb([("Workbook", workbook(
    [("S", dimension(1, 1) + number(0, 0, 1.0))],
    globals_extra=rec(0x002F, struct.pack("<HHH", 1, 1, 1) + os.urandom(48))))]))
# An Excel 4.0 workbook (BIFF4W) in an OLE2 container, and a bare Excel 4.0 worksheet stream.
write("biff4_in_ole2.xls", cfb([("Book", rec(0x0409, struct.pack("<HHH", 0, 0x0100, 0)) + rec(0x000A))]))
write("biff4_worksheet.xls", rec(0x0409, struct.pack("<HHH", 0, 0x0010, 0)) + rec(0x0200, struct.pack("<HHHH", 0, 1, 0, 1))
      + rec(0x0203, struct.pack("<HH", 0, 0) + b"\0\0\0" + struct.pack("<d", 1.0)) + rec(0x000A))
# An OLE2 container with no streams at all, and one holding a Word document.
write("empty_ole2.xls", cfb([]))
write("word_document.xls", cfb([("WordDocument", b"\xec\xa5" + b"\0" * 1000)]))
# The signature followed by random bytes.
rng = random.Random(20261129)
write("random_ole2.xls", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(rng.randrange(256) for _ in range(6000)))
# Declared dimensions beyond an .xls sheet, and beyond the cell budget (three full sheets).
write("absurd_dimension.xls", cfb([("Workbook", workbook([("S", dimension(0x7FFFFFFF, 256) + number(0, 0, 1.0))]))]))
write("too_many_cells.xls", cfb([("Workbook", workbook(
    [(f"S{k}", dimension(65536, 256) + number(0, 0, 1.0)) for k in range(3)]))]))
# A valid twin of the hostile ones (BIFF8, Unicode text), read in full.
write("good.xls", cfb([("Workbook", workbook([("S", dimension(1, 2) + label(0, 0, "收入决算表") + number(0, 1, 263.72))]))]))
# A number under a date format far beyond 9999-12-31 (FreeXL counts such a date day by day).
write("absurd_date.xls", cfb([("Workbook", workbook([("S", dimension(1, 1) + number(0, 0, 2.1e9, xf=1))], xfs=(0, 14)))]))
