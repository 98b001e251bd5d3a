import CoreFoundation
import Foundation
import JuesuanModel

/// What an OLE2 (Compound File) container holds, read in Swift before any C library sees the file:
/// the directory's stream names, and a walk over the records of the Workbook stream.
///
/// FreeXL parses a whole .xls when it opens it and allocates every cell of the rectangle each
/// sheet's DIMENSION record declares, trusting the record. This check reads the container's
/// directory and the BIFF records first, so that an encrypted package, a password-protected
/// workbook, a BIFF2–4 workbook, a truncated container or declared dimensions beyond the limits
/// get a clear refusal, and FreeXL only sees files whose cost is bounded.
struct XLSPreflight {
    /// The BIFF version the Workbook stream's first BOF record declares (5 or 8 once checked).
    var biffVersion = 0
    /// Cells the DIMENSION records declare, summed over the sheets.
    var declaredCells = 0
    /// Formula records.
    var formulaCount = 0
    /// The cached results of formula cells, by sheet index (0-based, workbook order): FreeXL does
    /// not read FORMULA records, so the reader takes their results from here.
    var formulaResults: [Int: [CellAddress: CellValue]] = [:]
    /// The stream holding the workbook: `Workbook` (BIFF8) or `Book` (BIFF5).
    var streamName = "Workbook"
    /// The title in the summary-information property set, if any.
    var title: String?
    /// Each sheet's visibility, in workbook order (BOUNDSHEET records; FreeXL does not give it).
    var sheetStates: [SheetInfo.State] = []

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Reads and checks the container at `path` (already known to start with the OLE2 signature).
    /// - Throws: `JuesuanError` (exit 65) for an encrypted package or workbook, a BIFF2–4 workbook,
    ///   an OLE2 file that holds no workbook, a corrupt container, or declared cells beyond `limits`.
    static func check(_ path: String, limits: ReadLimits) throws(JuesuanError) -> XLSPreflight {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw JuesuanError(.io, "cannot be read", file: path)
        }
        let container = try CompoundFile(data: data, path: path)
        let names = Set(container.entries.map(\.name))
        if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") {
            throw JuesuanError(
                .invalidWorkbook,
                "is an encrypted (password-protected) workbook: an OLE2 container holding an EncryptedPackage; save it without a password",
                file: path)
        }
        guard
            let stream = container.entries.first(where: { $0.type == 2 && ($0.name == "Workbook" || $0.name == "Book") }
            )
        else {
            let held = container.entries.filter { $0.type != 5 }.map(\.name).prefix(6)
            throw JuesuanError(
                .invalidWorkbook,
                "is an OLE2 container without a Workbook stream (\(held.isEmpty ? "it holds nothing" : "it holds " + held.joined(separator: ", "))): not an Excel workbook",
                file: path)
        }
        let bytes = try container.read(stream)
        var result = XLSPreflight()
        result.streamName = stream.name
        // Metadata only: a damaged property set does not make the workbook unreadable.
        if let summary = container.entries.first(where: { $0.type == 2 && $0.name == "\u{5}SummaryInformation" }),
            let bytes = try? container.read(summary)
        {
            result.title = Self.summaryTitle(bytes)
        }
        try result.walk(bytes, path: path, part: stream.name, limits: limits)
        return result
    }

    /// Walks the BIFF records: version, FILEPASS, DIMENSION rectangles, formula count.
    private mutating func walk(_ b: [UInt8], path: String, part: String, limits: ReadLimits) throws(JuesuanError) {
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        func refuse(_ message: String) -> JuesuanError {
            JuesuanError(.invalidWorkbook, message, file: path, part: part)
        }
        guard b.count >= 8 else { throw refuse("the Workbook stream is too short to hold a BOF record (truncated)") }
        let firstType = u16(0)
        switch firstType {
        case 0x0809:
            let version = u16(4)
            if version == 0x0600 {
                biffVersion = 8
            } else if version == 0x0500 {
                biffVersion = 5
            } else {
                throw refuse(String(format: "the BOF record declares an unknown BIFF version 0x%04X", version))
            }
        case 0x0009, 0x0209, 0x0409:
            let v = firstType == 0x0009 ? 2 : firstType == 0x0209 ? 3 : 4
            throw JuesuanError(
                .invalidWorkbook,
                "is an Excel \(v == 4 ? "4.0" : v == 3 ? "3.0" : "2.x") workbook (BIFF\(v)), which juesuan does not read; save it as .xlsx",
                file: path)
        default:
            throw refuse(String(format: "the Workbook stream does not start with a BOF record (0x%04X)", firstType))
        }
        // Each sheet's rectangle: its DIMENSION record, or (without one) the farthest cell, as FreeXL computes it.
        var sawDimension = false
        var farthest: (row: Int, col: Int)? = nil
        func count(rows: Int, cols: Int) throws(JuesuanError) {
            guard rows <= 65_536, cols <= 256 else {
                throw refuse("a sheet declares \(rows) rows × \(cols) columns, beyond the .xls limit of 65536 × 256")
            }
            declaredCells += rows * cols
            guard declaredCells <= limits.maxXLSCells else {
                throw JuesuanError(
                    .limitExceeded,
                    "the sheets declare more than \(limits.maxXLSCells) cells in all (FreeXL allocates every declared cell)",
                    file: path, part: part)
            }
        }
        var sheetOffsets: [Int] = []  // BOUNDSHEET: where each sheet's BOF record is, in workbook order
        var sheet: Int?
        var codePage = 1252
        var pendingString: CellAddress?  // a formula whose text result follows in a STRING record
        // FreeXL turns a number under a date format into text by counting days one at a time from
        // 1900: a serial of 2^31 costs seconds per cell. Which XF is a date, FreeXL's way.
        var xfFormats: [Int] = []
        var dateFormats = Set(Array(14...22) + Array(45...47))
        func checkDate(_ xf: Int, _ value: Double, _ r: Int, _ c: Int) throws(JuesuanError) {
            guard value > 2_958_465, xf < xfFormats.count, dateFormats.contains(xfFormats[xf]) else { return }
            let name = sheet.map { "sheet \($0 + 1)" } ?? "the workbook"
            throw refuse(
                "\(name), cell \(CellAddress(row: r, col: c)): the serial \(value) under a date format is beyond Excel's calendar (corrupt or crafted)"
            )
        }
        var i = 0
        while i + 4 <= b.count {
            let type = u16(i), size = u16(i + 2)
            let body = i + 4
            // FreeXL would read a cut-off record on into the sector's padding: refuse it.
            guard body + size <= b.count else {
                throw refuse(String(format: "a record (type 0x%04X) runs past the end of the stream (truncated)", type))
            }
            try Self.checkShape(type: type, body: b[body..<(body + size)], biff8: biffVersion == 8, refuse: refuse)
            // A formula's STRING record follows it, possibly after SHRFMLA or ARRAY (and CONTINUE).
            if ![0x0207, 0x003C, 0x04BC, 0x0221].contains(type) { pendingString = nil }
            switch type {
            case 0x0809:  // BOF of a sheet: a new rectangle
                sawDimension = false
                farthest = nil
                sheet = i == 0 ? nil : sheetOffsets.firstIndex(of: i)
            case 0x0085:  // BOUNDSHEET (its shape is checked above)
                sheetOffsets.append(u32(body))
                sheetStates.append(b[body + 4] & 3 == 1 ? .hidden : b[body + 4] & 3 == 2 ? .veryHidden : .visible)
            case 0x0042 where size >= 2:  // CODEPAGE
                codePage = u16(body)
            case 0x00E0 where size >= 4:  // XF: its number format
                xfFormats.append(u16(body + 2))
            case 0x041E where size >= 3:  // FORMAT: is its code a date or time, as FreeXL decides
                let code: String
                if biffVersion == 8 {
                    guard size >= 5 else { break }
                    code = Self.text(
                        b[(body + 4)..<(body + size)], count: u16(body + 2), biff8: true, codePage: codePage)
                } else {
                    code = String(decoding: b[(body + 3)..<(body + size)].prefix(Int(b[body + 2])), as: UTF8.self)
                }
                if Self.isDateCode(code) { dateFormats.insert(u16(body)) }
            case 0x0207 where size >= 2:  // STRING: the text result of the formula before it
                if let at = pendingString, let sheet {
                    formulaResults[sheet, default: [:]][at] = .text(
                        Self.text(
                            b[(body + 2)..<(body + size)], count: u16(body), biff8: biffVersion == 8, codePage: codePage
                        ))
                }
                pendingString = nil
            case 0x000A:  // EOF of a substream
                if !sawDimension, let f = farthest { try count(rows: f.row + 1, cols: f.col + 1) }
                farthest = nil
            case 0x002F:  // FILEPASS
                throw JuesuanError(
                    .invalidWorkbook,
                    "is a password-protected (encrypted) .xls workbook; save it without a password", file: path)
            case 0x0200:  // DIMENSION: the rectangle FreeXL allocates (again for each one it meets)
                guard !sawDimension else { throw refuse("a sheet has a second DIMENSION record (corrupt)") }
                if biffVersion == 8 {
                    try count(rows: u32(body + 4), cols: u16(body + 10))
                } else {
                    try count(rows: u16(body + 2), cols: u16(body + 6))
                }
                sawDimension = true
            case 0x00FC:  // SST: FreeXL allocates a slot per declared string before reading any
                guard u32(body + 4) <= b.count / 3 else {
                    throw refuse(
                        "the shared string table declares \(u32(body + 4)) strings, more than the stream can hold")
                }
            case 0x0006, 0x0203, 0x027E, 0x00BD, 0x0204, 0x00FD, 0x0205:  // FORMULA and the cell records
                guard size >= 4 else { break }
                let (r, c) = (u16(body), u16(body + 2))
                farthest = (max(farthest?.row ?? 0, r), max(farthest?.col ?? 0, c))
                if type == 0x0203 && size >= 14 {
                    try checkDate(u16(body + 4), Self.double(b, body + 6), r, c)
                } else if type == 0x027E && size >= 10 {
                    try checkDate(u16(body + 4), Self.rk(UInt32(u32(body + 6))), r, c)
                } else if type == 0x00BD {
                    var k = body + 4
                    while k + 6 <= body + size - 2 {
                        try checkDate(u16(k), Self.rk(UInt32(u32(k + 2))), r, c + (k - body - 4) / 6)
                        k += 6
                    }
                }
                guard type == 0x0006, size >= 14 else { break }
                formulaCount += 1
                guard let sheet else { break }
                let at = CellAddress(row: r, col: c)
                let result: CellValue?
                if b[body + 12] == 0xFF && b[body + 13] == 0xFF {
                    switch b[body + 6] {
                    case 0: pendingString = at; result = nil
                    case 1: result = .bool(b[body + 8] != 0)
                    case 2: result = .error(Self.errorText[b[body + 8]] ?? "#ERROR!")
                    default: result = .text("")
                    }
                } else {
                    result = .number(Self.double(b, body + 6))
                }
                if let result { formulaResults[sheet, default: [:]][at] = result }
            default: break
            }
            i = body + size
        }
        if !sawDimension, let f = farthest { try count(rows: f.row + 1, cols: f.col + 1) }
    }
}

extension XLSPreflight {
    /// Refuses a record FreeXL would read past its end: FreeXL reads fields at fixed offsets and
    /// string lengths as declared, without comparing them with the record's size, and a record
    /// longer than BIFF allows overruns its buffer.
    static func checkShape(
        type: Int, body: ArraySlice<UInt8>, biff8: Bool, refuse: (String) -> JuesuanError
    ) throws(JuesuanError) {
        let size = body.count
        let s = body.startIndex
        func u16(_ i: Int) -> Int { Int(body[s + i]) | Int(body[s + i + 1]) << 8 }
        // Bytes a BIFF8 string needs: option flags, optional rich-run / extension fields, characters.
        func unicode(at i: Int, count: Int) -> Int? {
            guard i < size else { return nil }
            let flags = body[s + i]
            return 1 + (flags & 0x08 != 0 ? 2 : 0) + (flags & 0x04 != 0 ? 4 : 0) + count * (flags & 1 != 0 ? 2 : 1)
        }
        let needed: Int?
        switch type {
        case 0x0809: needed = 4  // BOF
        case 0x0042, 0x0022: needed = 2  // CODEPAGE, DATEMODE
        case 0x00E0: needed = 4  // XF
        case 0x0200: needed = biff8 ? 12 : 8  // DIMENSION
        case 0x00FC: needed = 8  // SST
        case 0x0203: needed = 14  // NUMBER
        case 0x027E: needed = 10  // RK
        case 0x00BD: needed = 6  // MULRK
        case 0x0205: needed = 7  // BOOLERR
        case 0x00FD: needed = 10  // LABELSST
        case 0x0006: needed = 14  // FORMULA (the cached result)
        case 0x0085:  // BOUNDSHEET: offset, state, type, name
            guard size >= 7 else { needed = 7; break }
            let cch = Int(body[s + 6])
            needed = biff8 ? unicode(at: 7, count: cch).map { 7 + $0 } : 7 + cch
        case 0x0204:  // LABEL: row, col, XF, length, text
            guard size >= 8 else { needed = 8; break }
            needed = biff8 ? unicode(at: 8, count: u16(6)).map { 8 + $0 } : 8 + u16(6)
        case 0x041E:  // FORMAT: index, length, text
            guard size >= (biff8 ? 4 : 3) else { needed = biff8 ? 4 : 3; break }
            needed = biff8 ? unicode(at: 4, count: u16(2)).map { 4 + $0 } : 3 + Int(body[s + 2])
        default: needed = 0
        }
        guard size <= 8224 else {
            throw refuse(String(format: "a record (type 0x%04X) is longer than BIFF allows", type))
        }
        guard let needed, size >= needed else {
            throw refuse(String(format: "a record (type 0x%04X) is shorter than its fields (corrupt)", type))
        }
    }

    /// A little-endian IEEE double at `i`.
    static func double(_ b: [UInt8], _ i: Int) -> Double {
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(b[i + k]) << (8 * UInt64(k)) }
        return Double(bitPattern: bits)
    }

    /// An RK number: a 30-bit integer or the high 30 bits of a double, optionally divided by 100.
    static func rk(_ v: UInt32) -> Double {
        let value: Double =
            v & 2 != 0 ? Double(Int32(bitPattern: v) >> 2) : Double(bitPattern: UInt64(v & 0xFFFF_FFFC) << 32)
        return v & 1 != 0 ? value / 100 : value
    }

    /// The title (PIDSI_TITLE, 2) of a summary-information property set ([MS-OLEPS]), in its
    /// code page (PID 1); nil when absent or malformed.
    static func summaryTitle(_ b: [UInt8]) -> String? {
        func u32(_ i: Int) -> Int? {
            guard i >= 0, i + 4 <= b.count else { return nil }
            return Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24
        }
        guard let sets = u32(24), sets >= 1, let base = u32(44), let count = u32(base + 4), count < 1000 else {
            return nil
        }
        var offsets: [Int: Int] = [:]
        for k in 0..<count {
            guard let id = u32(base + 8 + 8 * k), let off = u32(base + 12 + 8 * k) else { return nil }
            offsets[id] = base + off
        }
        var codePage = 1252
        if let at = offsets[1], let type = u32(at), type == 2, let v = u32(at + 4) { codePage = v & 0xFFFF }
        guard let at = offsets[2], let type = u32(at), let n = u32(at + 4), n < 1 << 16 else { return nil }
        let start = at + 8
        let title: String
        if type == 0x1F {  // VT_LPWSTR: UTF-16 characters, with the terminator
            guard start + 2 * n <= b.count else { return nil }
            let units = stride(from: start, to: start + 2 * n, by: 2).map { UInt16(b[$0]) | UInt16(b[$0 + 1]) << 8 }
            title = String(decoding: units, as: UTF16.self)
        } else if type == 0x1E {  // VT_LPSTR: bytes in the code page, with the terminator
            guard start + n <= b.count else { return nil }
            let bytes = b[start..<(start + n)]
            title =
                codePage == 1200
                ? String(
                    decoding: stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map {
                        UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8
                    }, as: UTF16.self)
                : codePage == 65001
                    ? String(decoding: bytes, as: UTF8.self) : text(bytes, count: n, biff8: false, codePage: codePage)
        } else {
            return nil
        }
        let trimmed = title.replacingOccurrences(of: "\u{0}", with: "")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// FreeXL's test for a date, date-time or time format code: letters y, m, d, h, s, anywhere.
    static func isDateCode(_ code: String) -> Bool {
        var y = false, m = false, d = false, h = false, s = false
        for ch in code.lowercased() {
            switch ch {
            case "y": y = true
            case "m": m = true
            case "d": d = true
            case "h": h = true
            case "s": s = true
            default: break
            }
        }
        return (y && m) || (m && d) || (h && m) || (m && s)
    }

    static let errorText: [UInt8: String] = [
        0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A",
    ]

    /// A STRING record's characters: BIFF8 as 8-bit or UTF-16LE (its option byte says which);
    /// BIFF5 in the workbook's code page (936 = GBK read as GB 18030, its superset).
    static func text(_ bytes: ArraySlice<UInt8>, count: Int, biff8: Bool, codePage: Int) -> String {
        if biff8 {
            guard let flags = bytes.first else { return "" }
            let chars = bytes.dropFirst()
            if flags & 1 == 0 {
                return String(decoding: chars.prefix(count).map { UInt16($0) }, as: UTF16.self)
            }
            let units = stride(from: chars.startIndex, to: min(chars.startIndex + 2 * count, chars.endIndex - 1), by: 2)
                .map { UInt16(chars[$0]) | UInt16(chars[$0 + 1]) << 8 }
            return String(decoding: units, as: UTF16.self)
        }
        let raw = Data(bytes.prefix(count))
        let cf: CFStringEncodings? =
            switch codePage {
            case 936: .GB_18030_2000
            case 950: .big5
            case 932: .shiftJIS
            default: nil
            }
        if let cf {
            let enc = String.Encoding(
                rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(cf.rawValue)))
            if let s = String(data: raw, encoding: enc) { return s }
        }
        return String(data: raw, encoding: .windowsCP1252) ?? String(decoding: raw, as: UTF8.self)
    }
}

/// The directory and streams of a Compound File Binary container ([MS-CFB]), read from memory.
struct CompoundFile {
    struct Entry {
        var name: String
        var type: UInt8
        var start: UInt32
        var size: Int
    }

    let data: Data
    let path: String
    let sectorSize: Int
    private(set) var fat: [UInt32] = []
    private(set) var entries: [Entry] = []
    private let miniCutoff: Int
    private let miniFATStart: UInt32

    private static let endOfChain: UInt32 = 0xFFFF_FFFE

    init(data: Data, path: String) throws(JuesuanError) {
        self.data = data
        self.path = path
        func corrupt(_ what: String) -> JuesuanError {
            JuesuanError(.invalidWorkbook, "is an OLE2 container, but a damaged one: \(what)", file: path)
        }
        guard data.count >= 512 else { throw corrupt("shorter than its 512-byte header (truncated)") }
        let shift = Self.u16(data, 0x1E)
        guard shift == 9 || shift == 12 else { throw corrupt("sector size 2^\(shift) is neither 512 nor 4096") }
        sectorSize = 1 << shift
        miniCutoff = Int(Self.u32(data, 0x38))
        miniFATStart = Self.u32(data, 0x3C)
        let sectors = (data.count - sectorSize + sectorSize - 1) / sectorSize
        // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
        var fatSectors: [UInt32] = []
        let fatCount = Int(Self.u32(data, 0x2C))
        guard fatCount <= sectors else {
            throw corrupt("its header declares \(fatCount) FAT sectors in a file of \(sectors)")
        }
        for k in 0..<min(fatCount, 109) { fatSectors.append(Self.u32(data, 0x4C + 4 * k)) }
        var difat = Self.u32(data, 0x44)
        var guardCount = 0
        while fatSectors.count < fatCount && difat < 0xFFFF_FFFA {
            guardCount += 1
            guard guardCount <= sectors, let off = Self.offset(of: difat, sectorSize: sectorSize, in: data, whole: true)
            else {
                throw corrupt("its DIFAT chain leaves the file")
            }
            let perSector = sectorSize / 4 - 1
            for k in 0..<perSector where fatSectors.count < fatCount {
                fatSectors.append(Self.u32(data, off + 4 * k))
            }
            difat = Self.u32(data, off + 4 * perSector)
        }
        for s in fatSectors {
            guard let off = Self.offset(of: s, sectorSize: sectorSize, in: data, whole: true) else {
                throw corrupt("a FAT sector lies beyond the end of the file (truncated)")
            }
            for k in 0..<(sectorSize / 4) { fat.append(Self.u32(data, off + 4 * k)) }
        }
        // The directory: 128-byte entries along its chain.
        let dir = try chainBytes(start: Self.u32(data, 0x30), size: nil, what: "directory")
        var e = 0
        while e + 128 <= dir.count {
            let nameBytes = min(Int(dir[e + 64]) | Int(dir[e + 65]) << 8, 64)
            let units = stride(from: 0, to: max(nameBytes - 2, 0), by: 2).map {
                UInt16(dir[e + $0]) | UInt16(dir[e + $0 + 1]) << 8
            }
            let type = dir[e + 66]
            let start =
                UInt32(dir[e + 116]) | UInt32(dir[e + 117]) << 8 | UInt32(dir[e + 118]) << 16
                | UInt32(dir[e + 119]) << 24
            let size = Int(dir[e + 120]) | Int(dir[e + 121]) << 8 | Int(dir[e + 122]) << 16 | Int(dir[e + 123]) << 24
            if type == 1 || type == 2 || type == 5 {
                entries.append(
                    Entry(name: String(decoding: units, as: UTF16.self), type: type, start: start, size: size))
            }
            e += 128
        }
        guard entries.first?.type == 5 else { throw corrupt("its directory has no root entry") }
    }

    /// The bytes of a stream (from the mini stream when it is below the cutoff).
    func read(_ entry: Entry) throws(JuesuanError) -> [UInt8] {
        guard entry.size <= data.count else {
            throw JuesuanError(
                .invalidWorkbook,
                "is an OLE2 container, but a damaged one: the \(entry.name) stream claims \(entry.size) bytes, more than the file",
                file: path)
        }
        if entry.size >= miniCutoff { return try chainBytes(start: entry.start, size: entry.size, what: entry.name) }
        // Mini stream: 64-byte sectors inside the root entry's stream, chained by the mini FAT.
        let root = entries[0]
        let mini = try chainBytes(start: root.start, size: nil, what: "mini stream")
        let miniFATBytes = try chainBytes(start: miniFATStart, size: nil, what: "mini FAT")
        var out: [UInt8] = []
        out.reserveCapacity(entry.size)
        var s = entry.start
        var steps = 0
        while out.count < entry.size {
            let off = Int(s) * 64
            let link = Int(s) * 4
            steps += 1
            guard s < 0xFFFF_FFFA, off + 64 <= mini.count, link + 4 <= miniFATBytes.count, steps <= mini.count / 64
            else {
                throw JuesuanError(
                    .invalidWorkbook,
                    "is an OLE2 container, but a damaged one: the \(entry.name) stream's mini-sector chain is broken",
                    file: path)
            }
            out += mini[off..<(off + min(64, entry.size - out.count))]
            s =
                UInt32(miniFATBytes[link]) | UInt32(miniFATBytes[link + 1]) << 8 | UInt32(miniFATBytes[link + 2]) << 16
                | UInt32(miniFATBytes[link + 3]) << 24
        }
        return out
    }

    /// Follows a FAT chain; stops at its end, at `size` bytes, or throws on a broken or looping chain.
    private func chainBytes(start: UInt32, size: Int?, what: String) throws(JuesuanError) -> [UInt8] {
        var out: [UInt8] = []
        var s = start
        var steps = 0
        while s != Self.endOfChain {
            if let size, out.count >= size { break }
            steps += 1
            guard Int(s) < fat.count, steps <= fat.count, let off = Self.offset(of: s, sectorSize: sectorSize, in: data)
            else {
                throw JuesuanError(
                    .invalidWorkbook,
                    "is an OLE2 container, but a damaged one: the \(what)'s sector chain is broken or runs past the end of the file (truncated)",
                    file: path)
            }
            // The last sector may be cut short by the end of the file (writers do that).
            let take = min(size.map { min(sectorSize, $0 - out.count) } ?? sectorSize, data.count - off)
            out += data[(data.startIndex + off)..<(data.startIndex + off + take)]
            s = fat[Int(s)]
        }
        if let size, out.count < size {
            throw JuesuanError(
                .invalidWorkbook, "is an OLE2 container, but a damaged one: the \(what) stream ends early (truncated)",
                file: path)
        }
        return out
    }

    /// Where a sector starts, when it starts inside the file (`whole`: and ends inside it too).
    private static func offset(of sector: UInt32, sectorSize: Int, in data: Data, whole: Bool = false) -> Int? {
        guard sector < 0xFFFF_FFFA else { return nil }
        let off = (Int(sector) + 1) * sectorSize
        return off + (whole ? sectorSize : 1) <= data.count ? off : nil
    }

    private static func u16(_ d: Data, _ i: Int) -> Int { Int(d[d.startIndex + i]) | Int(d[d.startIndex + i + 1]) << 8 }
    private static func u32(_ d: Data, _ i: Int) -> UInt32 { UInt32(u16(d, i)) | UInt32(u16(d, i + 2)) << 16 }
}
