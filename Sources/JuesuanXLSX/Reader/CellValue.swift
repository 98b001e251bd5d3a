/// What a cell holds, decided in one place (the sheet reader): number vs date vs text.
public enum CellValue: Hashable, Sendable {
    /// A number (`t="n"` or absent), not formatted as a date.
    case number(Double)
    /// A shared, inline or formula string.
    case text(String)
    case bool(Bool)
    /// An error value such as `#DIV/0!`.
    case error(String)
    /// A number whose format is a date or time: the serial day count, and the kind of format.
    case date(serial: Double, kind: NumberFormat.Kind)
    /// A formula whose value is not known: no cached value (`<v>` absent), or a cached 0 the
    /// workbook asks to recalculate (`fullCalcOnLoad`) that could not be evaluated here. The text
    /// says why (`has no computed value`); `Cell.formula` holds the formula.
    case uncomputed(String)
}

/// A cell's number format: its id, its code, the kind of value it formats, and the parsed code
/// (`engine`), made once per format id when the styles part is read.
public struct NumberFormat: Hashable, Sendable {
    /// What a format formats: dates and times are read as dates, everything else as numbers.
    public enum Kind: Hashable, Sendable { case general, number, percent, text, date, time, dateTime }
    /// The `numFmtId`.
    public var id: Int
    public var kind: Kind
    /// The parsed code: displayed text and displayed number of a value.
    public var engine: FormatCode
    /// The format code (the built-in code for ids without a `<numFmt>` element).
    public var code: String { engine.code }

    /// A format with its id, code and kind; `engine` is parsed from `code` when not given.
    public init(id: Int, code: String, kind: Kind, engine: FormatCode? = nil) {
        self.id = id
        self.kind = kind
        self.engine = engine ?? FormatCode(code)
    }

    public static func == (a: NumberFormat, b: NumberFormat) -> Bool {
        a.id == b.id && a.code == b.code && a.kind == b.kind
    }
    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(code)
    }

    /// Built-in formats (ECMA-376 Part 1 §18.8.30), with the codes Excel uses in Chinese (zh-CN)
    /// locales for the ids the standard leaves to the locale (27–36, 50–58: dates and times).
    static let builtIn: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
        5: "\"$\"#,##0_);\\(\"$\"#,##0\\)", 6: "\"$\"#,##0_);[Red]\\(\"$\"#,##0\\)",
        7: "\"$\"#,##0.00_);\\(\"$\"#,##0.00\\)", 8: "\"$\"#,##0.00_);[Red]\\(\"$\"#,##0.00\\)",
        9: "0%", 10: "0.00%", 11: "0.00E+00",
        12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
        18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
        27: "yyyy\"年\"m\"月\"", 28: "m\"月\"d\"日\"", 29: "m\"月\"d\"日\"", 30: "m-d-yy",
        31: "yyyy\"年\"m\"月\"d\"日\"", 32: "h\"时\"mm\"分\"", 33: "h\"时\"mm\"分\"ss\"秒\"",
        34: "上午/下午h\"时\"mm\"分\"", 35: "上午/下午h\"时\"mm\"分\"ss\"秒\"", 36: "yyyy\"年\"m\"月\"",
        37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
        41: "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
        42: "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",
        43: "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
        44: "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)",
        45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
        50: "yyyy\"年\"m\"月\"", 51: "m\"月\"d\"日\"", 52: "yyyy\"年\"m\"月\"", 53: "m\"月\"d\"日\"",
        54: "m\"月\"d\"日\"", 55: "上午/下午h\"时\"mm\"分\"", 56: "上午/下午h\"时\"mm\"分\"ss\"秒\"",
        57: "yyyy\"年\"m\"月\"", 58: "m\"月\"d\"日\"",
    ]

    /// Classifies a format by id and code: the built-in date and time ids by id, every other
    /// code by its first section (date parts y/m/d/h/s outside quotes and escapes, `General`,
    /// `@`, digit placeholders, `%`). An id without a code and not built in is General.
    public static func classify(id: Int, code: String?) -> NumberFormat {
        let code = code ?? builtIn[id] ?? "General"
        let engine = FormatCode(code)
        let kind: Kind
        switch id {
        case 14...17, 27...31, 36, 50...54, 57,
            58 where engine.kind != .general:
            kind = .date
        case 18...21, 32...35, 45...47, 55,
            56 where engine.kind != .general:
            kind = .time
        case 22 where engine.kind != .general: kind = .dateTime
        case 49: kind = .text
        default: kind = engine.kind
        }
        return NumberFormat(id: id, code: code, kind: kind, engine: engine)
    }
}

/// One non-empty cell of a sheet, 0-based.
public struct Cell: Sendable {
    public var row: Int
    public var col: Int
    public var value: CellValue
    /// The cell's number format, when its style has one other than General.
    public var format: NumberFormat?
    /// True when the cell holds a formula (its value is the cached result).
    public var isFormula: Bool
    /// The formula without its `=` (a shared formula translated to this cell); nil when the cell
    /// has none, or when a shared formula's master was not found.
    public var formula: String? = nil

    /// `B7`.
    public var reference: String { CellAddress(row: row, col: col).description }
}

/// A 0-based cell position, printed as `B7`.
public struct CellAddress: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var row: Int
    public var col: Int
    public init(row: Int, col: Int) { self.row = row; self.col = col }

    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    public var description: String { CellRef.name(row, col) }

    public static func < (a: CellAddress, b: CellAddress) -> Bool { (a.row, a.col) < (b.row, b.col) }

    /// Parses `B7`, `$B$7`, `xfd1048576`; nil when malformed or outside XFD1048576.
    public init?(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.append(0)
        guard let a = bytes.withUnsafeBufferPointer({ CellAddress.parse($0.baseAddress!) }), a.end == bytes.count - 1
        else { return nil }
        self = a.address
    }

    /// Parses a reference at `p`; returns the address and the offset after it.
    static func parse(_ p: UnsafePointer<UInt8>) -> (address: CellAddress, end: Int)? {
        var i = 0
        if p[i] == UInt8(ascii: "$") { i += 1 }
        var col = 0, letters = 0
        while true {
            var ch = p[i]
            if ch >= 97 && ch <= 122 { ch -= 32 }
            guard ch >= 65 && ch <= 90 else { break }
            col = col * 26 + Int(ch - 64)
            letters += 1
            i += 1
            if letters > 3 { return nil }
        }
        guard letters > 0, col <= maxColumns else { return nil }
        if p[i] == UInt8(ascii: "$") { i += 1 }
        var row = 0, digits = 0
        while p[i] >= 48 && p[i] <= 57 {
            row = row * 10 + Int(p[i] - 48)
            digits += 1
            i += 1
            if digits > 7 { return nil }
        }
        guard digits > 0, row >= 1, row <= maxRows else { return nil }
        return (CellAddress(row: row - 1, col: col - 1), i)
    }
}

/// A rectangle of cells, `A1:C3`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellAddress
    public var last: CellAddress
    public var description: String { first == last ? first.description : "\(first):\(last)" }

    public init(first: CellAddress, last: CellAddress) { self.first = first; self.last = last }

    /// Parses `A1:C3` (or a single `B2`); nil when malformed, reversed or out of bounds.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let a = CellAddress(String(parts[0])) else { return nil }
        let b = parts.count == 2 ? CellAddress(String(parts[1])) : a
        guard let b, a.row <= b.row, a.col <= b.col else { return nil }
        first = a
        last = b
    }

    /// Parses `A1:C3` or `B2` from NUL-terminated bytes; nil when malformed, reversed or out of bounds.
    static func parse(_ p: UnsafePointer<UInt8>) -> CellRange? {
        guard let a = CellAddress.parse(p) else { return nil }
        var last = a.address
        var end = a.end
        if p[end] == UInt8(ascii: ":") {
            guard let b = CellAddress.parse(p + end + 1) else { return nil }
            last = b.address
            end += 1 + b.end
        }
        guard p[end] == 0, a.address.row <= last.row, a.address.col <= last.col else { return nil }
        return CellRange(first: a.address, last: last)
    }

    public func contains(_ a: CellAddress) -> Bool {
        a.row >= first.row && a.row <= last.row && a.col >= first.col && a.col <= last.col
    }
}
