import Foundation
import JuesuanModel

/// A workbook opened for reading, whatever its file format: the sheets, their cells streamed or as
/// a grid. `XLSXWorkbook` and `XLSWorkbook` are the two; `WorkbookFile.open` picks one by content.
public protocol SpreadsheetFile: AnyObject {
    /// The file it was opened from.
    var path: String { get }
    /// The sheets in workbook order; `index` is 0-based.
    var sheets: [SheetInfo] { get }
    /// The document title stored in the file's properties, if the format and file have one.
    var documentTitle: String? { get }
    /// Streams the cells of sheet `index` (0-based).
    /// - Returns: merges, hidden rows and the number of cells.
    /// - Throws: `JuesuanError` naming the file, part and cell when the sheet cannot be read.
    @discardableResult
    func readSheet(_ index: Int, _ onCell: @escaping (Cell) -> Void) throws(JuesuanError) -> SheetExtras
    /// Reads sheet `index` (0-based) into a sparse grid.
    /// - Throws: `JuesuanError` naming the file, part and cell when the sheet cannot be read.
    func grid(_ index: Int) throws(JuesuanError) -> SheetGrid
    /// A date cell's value as text: `2024-03-01`, `12:30:00`, or `2024-03-01T12:30:00`.
    func dateText(serial: Double, kind: NumberFormat.Kind) -> String
    /// The text a spreadsheet shows for a cell under its number format; nil when it is the value itself.
    func shownText(_ cell: Cell) -> String?
}

extension XLSXWorkbook: SpreadsheetFile {}

/// Opening a workbook by what its bytes are, not by its name: an .xlsx named .xls and an .xls
/// named .xlsx are both read.
///
/// ```swift
/// let book = try WorkbookFile.open(path: "附表.xls")
/// for sheet in book.sheets { let grid = try book.grid(sheet.index) }
/// ```
public enum WorkbookFile {
    /// The formats a workbook file's first bytes tell apart.
    public enum Format: Sendable, Equatable {
        /// A zip package (`PK`): Office Open XML, .xlsx / .xlsm.
        case xlsx
        /// An OLE2 compound file (`D0 CF 11 E0 A1 B1 1A E1`): .xls, or an encrypted package.
        case ole2
    }

    /// Opens a workbook, choosing the reader by the file's first bytes.
    /// - Parameters:
    ///   - path: the workbook file.
    ///   - limits: what reading it may cost (zip inflation for .xlsx; file size and declared cells for .xls).
    /// - Throws: `JuesuanError`: a missing or unreadable file (`.io`); an empty file, an Excel
    ///   2.x–4.0 worksheet, an encrypted or corrupt workbook, bytes that are no workbook
    ///   (`.invalidWorkbook`); a limit exceeded (`.limitExceeded`).
    public static func open(path: String, limits: ReadLimits = ReadLimits()) throws(JuesuanError) -> any SpreadsheetFile
    {
        switch try format(of: path) {
        case .ole2: return try XLSWorkbook(path: path, limits: limits)
        case .xlsx: return try XLSXWorkbook(path: path, limits: limits)
        }
    }

    /// Tells the format from the first bytes. Anything that is neither OLE2 nor a legacy BIFF
    /// worksheet is handed to the XLSX reader, which names what is wrong with it.
    /// - Throws: `JuesuanError` for a missing file, a folder, an empty file, or an Excel 2.x–4.0
    ///   worksheet (a bare BIFF2–4 stream).
    public static func format(of path: String) throws(JuesuanError) -> Format {
        try InputFile.checkRegular(path)
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw JuesuanError(.io, "cannot be opened for reading", file: path)
        }
        defer { try? fh.close() }
        let head = [UInt8]((try? fh.read(upToCount: 8)) ?? Data())
        if head.isEmpty { throw JuesuanError(.invalidWorkbook, "is an empty file, not a workbook", file: path) }
        if head.starts(with: XLSPreflight.signature) { return .ole2 }
        // A bare BIFF stream: the BOF record of Excel 2.x (0x0009), 3.0 (0x0209) or 4.0 (0x0409).
        if head.count >= 4, head[0] == 0x09, [0x00, 0x02, 0x04].contains(head[1]) {
            let v = head[1] == 0x00 ? 2 : head[1] == 0x02 ? 3 : 4
            throw JuesuanError(
                .invalidWorkbook,
                "is an Excel \(v == 4 ? "4.0" : v == 3 ? "3.0" : "2.x") worksheet (BIFF\(v)), which juesuan does not read; save it as .xlsx",
                file: path)
        }
        return .xlsx
    }
}
