import Foundation
import JuesuanModel

/// An Excel 95–2003 (.xls, BIFF5/BIFF8) workbook opened for reading through FreeXL, giving the
/// same cells and sheet grids an `XLSXWorkbook` gives, so everything above the grid is shared.
///
/// What FreeXL does not give, the grid does not have: no merged ranges, no number formats (a
/// number is `.number(Double)`; a date, date-time or time format makes it `.date`), no hidden
/// rows (hidden sheets are known from the BOUNDSHEET records). Booleans and error cells come as the numbers 1/0 (FreeXL
/// reads them so). FreeXL skips formula cells; their cached results are read from the FORMULA
/// records by `XLSPreflight` and come as formula cells, as in XLSX. Text in BIFF5 code pages (936 / GBK among them) is converted to UTF-8 by FreeXL
/// through iconv.
///
/// ```swift
/// let book = try XLSWorkbook(path: "附表.xls")
/// let grid = try book.grid(0)
/// ```
public final class XLSWorkbook: SpreadsheetFile {
    /// The file it was opened from.
    public let path: String
    /// The sheets in workbook order (worksheets, chart and macro sheets alike); `part` is the
    /// stream that holds them, `Workbook` (BIFF8) or `Book` (BIFF5).
    public let sheets: [SheetInfo]
    /// True when serial dates count from 1904.
    public let date1904: Bool
    /// The BIFF version: 5 (Excel 95) or 8 (Excel 97–2003, WPS).
    public let biffVersion: Int
    /// Formula cells in the workbook.
    public let formulaCount: Int
    private let formulaResults: [Int: [CellAddress: CellValue]]
    /// The document title from the summary-information stream (read in Swift; FreeXL does not), if any.
    public let documentTitle: String?
    private let book: FreeXLBook

    /// Opens an .xls workbook.
    /// - Parameters:
    ///   - path: the file; its first bytes must be the OLE2 signature.
    ///   - limits: `maxXLSFileBytes` bounds the file, `maxXLSCells` the cells its sheets declare.
    /// - Throws: `JuesuanError` naming the file: larger than the limit, an encrypted package or
    ///   password-protected workbook, BIFF2–4, not a workbook, corrupt or truncated (exit 65).
    public init(path: String, limits: ReadLimits = ReadLimits()) throws(JuesuanError) {
        self.path = path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
        guard let size else { throw JuesuanError(.io, "cannot be read", file: path) }
        guard size <= limits.maxXLSFileBytes else {
            throw JuesuanError(
                .limitExceeded,
                "is an .xls of \(size >> 20) MiB, larger than the \(limits.maxXLSFileBytes >> 20) MiB read (FreeXL reads the whole file)",
                file: path)
        }
        let preflight = try XLSPreflight.check(path, limits: limits)
        book = try FreeXLBook(path: path)
        biffVersion = try book.biffVersion()
        guard biffVersion == 5 || biffVersion == 8 else {
            throw JuesuanError(
                .invalidWorkbook,
                "is an Excel BIFF\(biffVersion) workbook, which juesuan does not read; save it as .xlsx",
                file: path)
        }
        if try book.isObfuscated() {
            throw JuesuanError(
                .invalidWorkbook, "is a password-protected (encrypted) .xls workbook; save it without a password",
                file: path)
        }
        date1904 = try book.date1904()
        formulaCount = preflight.formulaCount
        formulaResults = preflight.formulaResults
        documentTitle = preflight.title
        let count = try book.sheetCount()
        guard count <= Int(UInt16.max) else {
            throw JuesuanError(.invalidWorkbook, "lists \(count) sheets, more than an .xls can hold", file: path)
        }
        var infos: [SheetInfo] = []
        for i in 0..<count {
            infos.append(
                SheetInfo(
                    name: try book.sheetName(i),
                    state: i < preflight.sheetStates.count ? preflight.sheetStates[i] : .visible,
                    part: preflight.streamName, index: i))
        }
        sheets = infos
    }

    /// Streams the cells of sheet `index` (0-based), row by row, left to right.
    /// - Returns: the number of cells (never merges or hidden rows: FreeXL does not read them).
    /// - Throws: `JuesuanError` naming the file and sheet when FreeXL fails.
    @discardableResult
    public func readSheet(_ index: Int, _ onCell: @escaping (Cell) -> Void) throws(JuesuanError) -> SheetExtras {
        let name = sheets[index].name
        try book.select(index, sheet: name)
        let (rows, columns) = try book.dimensions(sheet: name)
        let formulas = formulaResults[index] ?? [:]
        var extras = SheetExtras()
        for r in 0..<rows {
            for c in 0..<columns {
                if let v = try book.value(row: r, column: c, sheet: name) {
                    extras.cellCount += 1
                    onCell(
                        Cell(
                            row: r, col: c, value: Self.cellValue(v, date1904: date1904), format: nil, isFormula: false)
                    )
                } else if !formulas.isEmpty, let f = formulas[CellAddress(row: r, col: c)] {
                    extras.cellCount += 1
                    onCell(Cell(row: r, col: c, value: f, format: nil, isFormula: true))
                }
            }
        }
        return extras
    }

    /// Reads sheet `index` (0-based) into a sparse grid (no merges, no hidden rows).
    /// - Throws: `JuesuanError` naming the file and sheet when FreeXL fails.
    public func grid(_ index: Int) throws(JuesuanError) -> SheetGrid {
        var builder = SheetGrid.Builder()
        try readSheet(index) { builder.append($0) }
        return SheetGrid(
            name: sheets[index].name, state: sheets[index].state, builder: builder, merges: [], hiddenRows: [])
    }

    /// A date cell's value as text: `2024-03-01`, `12:30:00`, or `2024-03-01T12:30:00`.
    /// FreeXL reports no number formats, so what a spreadsheet shows is not known: nil.
    public func shownText(_ cell: Cell) -> String? { nil }

    public func dateText(serial: Double, kind: NumberFormat.Kind) -> String {
        ExcelDate.text(serial: serial, kind: kind, date1904: date1904)
    }

    /// FreeXL's value as a cell value: dates back to serial day counts, so that they print as the
    /// XLSX reader prints them.
    static func cellValue(_ v: FreeXLValue, date1904: Bool) -> CellValue {
        switch v {
        case .int(let i): return .number(Double(i))
        case .double(let d): return .number(d)
        case .text(let t): return .text(t)
        case .date(let t):
            guard let days = FreeXLDate.serial(date: t, date1904: date1904) else { return .text(t) }
            return .date(serial: Double(days), kind: .date)
        case .dateTime(let t):
            let parts = t.split(separator: " ")
            guard parts.count == 2, let days = FreeXLDate.serial(date: String(parts[0]), date1904: date1904),
                let seconds = FreeXLDate.seconds(String(parts[1]))
            else { return .text(t) }
            return .date(serial: Double(days) + Double(seconds) / 86_400, kind: .dateTime)
        case .time(let t):
            guard let seconds = FreeXLDate.seconds(t) else { return .text(t) }
            return .date(serial: Double(seconds) / 86_400, kind: .time)
        }
    }
}

/// FreeXL's date text back to Excel serial days. FreeXL counts days from 1900-01-01 (serial 1) or
/// 1904-01-02 (serial 1) in a calendar where every fourth year is a leap year — Excel's own
/// 1900-02-29 included — so the inverse uses the same calendar and gives Excel's serial.
enum FreeXLDate {
    static func serial(date text: String, date1904: Bool) -> Int? {
        let p = text.split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m),
            (1...31).contains(d)
        else { return nil }
        let base = date1904 ? 1904 : 1900
        guard y >= base, y <= 99_999 else { return nil }
        let monthDays = [31, y % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let dayOfYear = monthDays.prefix(m - 1).reduce(0, +) + d
        // Leap years in [base, y - 1], every fourth year.
        let leaps = (y - 1) / 4 - (base - 1) / 4
        let f = 365 * (y - base) + leaps + dayOfYear
        return date1904 ? f - 1 : f
    }

    /// `HH:MM:SS` as seconds.
    static func seconds(_ text: String) -> Int? {
        let p = text.split(separator: ":").map { Int($0) }
        guard p.count == 3, let h = p[0], let m = p[1], let s = p[2] else { return nil }
        return h * 3600 + m * 60 + s
    }
}
