import Foundation
import JuesuanModel

/// What a sheet holds besides its cells.
public struct SheetExtras: Sendable {
    public var merges: [CellRange] = []
    /// 0-based rows marked hidden.
    public var hiddenRows: Set<Int> = []
    /// 0-based columns marked hidden (`<col min max hidden="1">`), as ranges.
    public var hiddenColumns: [ClosedRange<Int>] = []
    public var cellCount = 0
}

/// Streams one worksheet part into cells: `<row>`/`<c>` events → `Cell` values, one at a time.
/// Memory does not grow with the sheet: only merges and hidden rows are kept.
final class SheetHandler: XMLEventHandler {
    @exclusivity(unchecked) var failure: JuesuanError? { didSet { hasFailed = failure != nil } }
    @exclusivity(unchecked) private(set) var hasFailed = false
    @exclusivity(unchecked) var extras = SheetExtras()
    private let strings: [String]
    private let formats: [NumberFormat?]
    private let onCell: (Cell) -> Void
    private let file: String
    private let part: String
    private let sheetName: String

    // Current position.
    @exclusivity(unchecked) private var row = -1
    @exclusivity(unchecked) private var col = -1
    // Current cell.
    @exclusivity(unchecked) private var type: UInt8 = 0  // first byte of t: s(hared or str), b, e, n, i(nlineStr), d
    @exclusivity(unchecked) private var typeIsStr = false
    @exclusivity(unchecked) private var style = 0
    @exclusivity(unchecked) private var isFormula = false
    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var inValue = false
    @exclusivity(unchecked) private var inInline = false
    @exclusivity(unchecked) private var value = ByteBuffer()
    @exclusivity(unchecked) private var inline = TextCollector()
    // The current cell's formula: its text, and a shared formula's attributes.
    @exclusivity(unchecked) private var inFormula = false
    @exclusivity(unchecked) private var sawValue = false
    @exclusivity(unchecked) private var formulaBytes: [UInt8] = []
    @exclusivity(unchecked) private var sharedIndex: String?
    @exclusivity(unchecked) private var sharedIsMaster = false
    private let limits: ReadLimits
    /// Merged ranges seen, so that a range repeated a million times is held once.
    private var mergeSet = Set<CellRange>()
    /// Shared formulas by `si`: the master's text and cell (dependents are translated from it).
    private var sharedFormulas: [String: (text: String, row: Int, col: Int)] = [:]

    init(
        strings: [String], formats: [NumberFormat?], file: String, part: String, sheet: String,
        limits: ReadLimits = ReadLimits(), onCell: @escaping (Cell) -> Void
    ) {
        self.limits = limits
        self.strings = strings
        self.formats = formats
        self.file = file
        self.part = part
        self.sheetName = sheet
        self.onCell = onCell
    }

    /// At most 200 characters of an input text, for a message.
    static func excerpt(_ s: String) -> String { s.count <= 200 ? s : String(s.prefix(200)) + "…" }

    private func fail(_ message: String, cell: String? = nil) {
        if failure == nil {
            failure = JuesuanError(
                .invalidWorkbook, message, file: file, part: part, cell: cell.map { "\(sheetName)!\($0)" })
        }
    }

    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes) {
        if inCell {
            if XMLName.equals(name, "v") {
                inValue = true; sawValue = true; value.reset()
            } else if XMLName.equals(name, "f") {
                isFormula = true
                inFormula = true
                formulaBytes.removeAll(keepingCapacity: true)
                sharedIndex = attrs.string("t") == "shared" ? attrs.string("si") : nil
                sharedIsMaster = sharedIndex != nil && attrs.raw("ref") != nil
            } else if XMLName.equals(name, "is") {
                inInline = true
                inline = TextCollector()
                inline.maxBytes = limits.maxStringBytes
            } else if inInline {
                inline.start(name)
            }
            return
        }
        if XMLName.equals(name, "c") {
            inCell = true
            isFormula = false
            sawValue = false
            // (The formula buffer and shared index are reset when an <f> starts.)
            value.reset()
            if let r = attrs.raw("r") {
                guard let a = r.withMemoryRebound(to: UInt8.self, capacity: 12, { CellAddress.parse($0) }),
                    r[a.end] == 0
                else {
                    fail("the cell reference \"\(String(cString: r))\" is not a cell between A1 and XFD1048576")
                    return
                }
                row = a.address.row
                col = a.address.col
            } else {
                col += 1
                if row < 0 { row = 0 }
                guard col < CellAddress.maxColumns else { fail("a row has more than 16384 cells"); return }
            }
            if let t = attrs.raw("t") {
                type = UInt8(bitPattern: t[0])
                typeIsStr = XMLName.equals(t, "str")
            } else {
                type = UInt8(ascii: "n")
                typeIsStr = false
            }
            style = attrs.raw("s").map { Int(strtol($0, nil, 10)) } ?? 0
        } else if XMLName.equals(name, "row") {
            if let r = attrs.raw("r") {
                let n = strtol(r, nil, 10)
                guard n >= 1 && n <= CellAddress.maxRows else {
                    fail("the row number \"\(String(cString: r))\" is outside 1…1048576")
                    return
                }
                row = n - 1
            } else {
                row += 1
                guard row < CellAddress.maxRows else { fail("the sheet has more than 1048576 rows"); return }
            }
            col = -1
            if let h = attrs.raw("hidden"), h[0] == 0x31 || h[0] == 0x74 { extras.hiddenRows.insert(row) }
        } else if XMLName.equals(name, "col") {
            guard let h = attrs.raw("hidden"), h[0] == 0x31 || h[0] == 0x74,
                let lo = attrs.raw("min").map({ strtol($0, nil, 10) }),
                let hi = attrs.raw("max").map({ strtol($0, nil, 10) }),
                lo >= 1, hi >= lo, hi <= CellAddress.maxColumns, extras.hiddenColumns.count < 16_384
            else { return }
            extras.hiddenColumns.append((lo - 1)...(hi - 1))
        } else if XMLName.equals(name, "mergeCell") {
            guard let ref = attrs.raw("ref") else { return }
            guard let range = ref.withMemoryRebound(to: UInt8.self, capacity: 24, { CellRange.parse($0) }) else {
                fail("the merged range \"\(String(cString: ref))\" is not a range between A1 and XFD1048576")
                return
            }
            guard mergeSet.insert(range).inserted else { return }
            guard mergeSet.count <= limits.maxMerges else {
                fail("the sheet has more than \(limits.maxMerges) merged ranges")
                return
            }
            extras.merges.append(range)
        }
    }

    func end(_ name: UnsafePointer<CChar>) {
        guard inCell else { return }
        if XMLName.equals(name, "v") { inValue = false; return }
        if XMLName.equals(name, "f") { inFormula = false; return }
        if inInline {
            if XMLName.equals(name, "is") { inInline = false } else { inline.end(name) }
            return
        }
        guard XMLName.equals(name, "c") else { return }
        inCell = false
        emit()
    }

    func text(_ bytes: UnsafeRawBufferPointer) {
        if inValue {
            guard value.count + bytes.count <= limits.maxStringBytes else {
                fail(
                    "a value longer than \(limits.maxStringBytes >> 20) MiB (Excel's limit for a cell is 32,767 characters)",
                    cell: CellRef.name(row, col))
                return
            }
            value.append(bytes)
        } else if inInline {
            inline.text(bytes)
        } else if inFormula {
            formulaBytes.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        }
    }

    /// The formula text of the current cell: its own, or its shared master's translated here.
    private func currentFormula() -> String? {
        guard isFormula else { return nil }
        let text = String(decoding: formulaBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let si = sharedIndex {
            if sharedIsMaster && !text.isEmpty {
                sharedFormulas[si] = (text, row, col)
                return text
            }
            guard let master = sharedFormulas[si] else { return text.isEmpty ? nil : text }
            return FormulaText.translate(master.text, rows: row - master.row, cols: col - master.col)
        }
        return text.isEmpty ? nil : text
    }

    private func emit() {
        let format = style >= 0 && style < formats.count ? formats[style] : nil
        let formula = isFormula ? currentFormula() : nil
        let v: CellValue
        // (`<v/>` and `<v></v>` count as none, except for a string result, where they are the empty string.)
        if isFormula && value.count == 0 && !(typeIsStr && sawValue) && type != UInt8(ascii: "i") {
            // A formula without a cached value (openpyxl, hand-made files): evaluated on the grid when it can be.
            extras.cellCount += 1
            let why = formula == nil ? "is a shared formula whose master cell is missing" : "has no computed value"
            onCell(Cell(row: row, col: col, value: .uncomputed(why), format: format, isFormula: true, formula: formula))
            return
        }
        switch type {
        case UInt8(ascii: "s") where !typeIsStr:
            guard value.count > 0 else { return }
            guard let i = parseInt(), i >= 0, i < strings.count else {
                fail(
                    "the shared string index \(Self.excerpt(value.string)) is out of range (the table has \(strings.count))",
                    cell: CellRef.name(row, col))
                return
            }
            v = .text(strings[i])
        case UInt8(ascii: "s"):  // str: a formula's string result
            v = .text(OOXMLEscapes.decode(value.string))
        case UInt8(ascii: "i"):  // inlineStr
            guard !inline.overflowed else {
                fail(
                    "an inline string longer than \(limits.maxStringBytes >> 20) MiB (Excel's limit for a cell is 32,767 characters)",
                    cell: CellRef.name(row, col))
                return
            }
            v = .text(inline.take())
        case UInt8(ascii: "b"):
            guard value.count > 0 else { return }
            v = .bool(value.base[0] == UInt8(ascii: "1") || value.base[0] == UInt8(ascii: "t"))
        case UInt8(ascii: "e"):
            v = .error(value.string)
        case UInt8(ascii: "d"):
            guard value.count > 0 else { return }
            v = .text(value.string)
        default:
            guard value.count > 0 else { return }
            guard let d = parseDouble() else {
                fail("the value \"\(Self.excerpt(value.string))\" is not a number", cell: CellRef.name(row, col))
                return
            }
            if let f = format, f.kind == .date || f.kind == .time || f.kind == .dateTime {
                v = .date(serial: d, kind: f.kind)
            } else {
                v = .number(d)
            }
        }
        extras.cellCount += 1
        onCell(Cell(row: row, col: col, value: v, format: format, isFormula: isFormula, formula: formula))
    }

    private func parseInt() -> Int? {
        var n = 0
        for i in 0..<value.count {
            let b = value.base[i]
            guard b >= 48 && b <= 57 else { return nil }
            n = n &* 10 &+ Int(b - 48)
            if n > Int(Int32.max) { return nil }
        }
        return n
    }

    private func parseDouble() -> Double? {
        if let d = fastDouble() { return d }
        let p = value.cString()
        var end: UnsafeMutablePointer<CChar>?
        let d = strtod(p, &end)
        // Whole text consumed (trailing white space allowed), finite, and not hex/inf/nan.
        guard let end, end != UnsafeMutablePointer(mutating: p) else { return nil }
        var q = end
        while q.pointee == 32 || q.pointee == 9 || q.pointee == 10 || q.pointee == 13 { q += 1 }
        guard q.pointee == 0, d.isFinite else { return nil }
        for i in 0..<value.count where value.base[i] == UInt8(ascii: "x") || value.base[i] == UInt8(ascii: "X") {
            return nil
        }
        return d
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// `-123.45`-style values with at most 15 digits: the integer and the power of ten are exact
    /// doubles, so one division gives the correctly rounded result (Clinger's fast path). Anything
    /// else (exponents, long mantissas, odd text) goes to strtod.
    @inline(__always)
    private func fastDouble() -> Double? {
        var mantissa: Int64 = 0
        var digits = 0
        var fraction = 0
        var seenDot = false
        var negative = false
        let buf = value.base
        let n = value.count
        var i = 0
        if n == 0 { return nil }
        if buf[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        if i >= n { return nil }
        while i < n {
            let b = buf[i]
            if b >= 48 && b <= 57 {
                mantissa = mantissa &* 10 &+ Int64(b &- 48)
                if mantissa != 0 || seenDot { digits &+= 1 }
                if seenDot { fraction &+= 1 }
            } else if b == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else {
                return nil
            }
            i &+= 1
        }
        guard digits <= 15, fraction <= 22, !(seenDot && fraction == 0) else { return nil }
        let d = Double(mantissa) / SheetHandler.powersOfTen[fraction]
        return negative ? -d : d
    }
}
