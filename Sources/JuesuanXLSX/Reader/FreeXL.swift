internal import CFreeXL
import JuesuanModel

// Thin wrappers over FreeXL: every freexl_* call of the reader is in this file, every status is
// checked and becomes a `JuesuanError` naming the file (and the sheet or cell where known), and the
// one handle has one owner, `FreeXLBook`, which closes it.

/// What FreeXL holds in one cell. Dates, date-times and times come as FreeXL's text
/// (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `HH:MM:SS`); numbers without their format.
enum FreeXLValue: Equatable {
    case int(Int32)
    case double(Double)
    case text(String)
    case date(String)
    case dateTime(String)
    case time(String)
}

/// An .xls file opened by FreeXL. The corresponding C functions are `freexl_open` and `freexl_close`.
///
/// FreeXL parses the whole workbook when it opens it (every cell of every sheet, in the rectangle
/// each sheet's DIMENSION record declares), so callers check the file before opening it
/// (`XLSPreflight`).
final class FreeXLBook {
    private let handle: UnsafeRawPointer
    let path: String

    init(path: String) throws(JuesuanError) {
        self.path = path
        var h: UnsafeRawPointer?
        let rc = freexl_open(path, &h)
        guard rc == FREEXL_OK, let opened = h else {
            // FreeXL asks for a close even after a failed open (it keeps the handle on some failures).
            if let h { _ = freexl_close(h) }
            throw FreeXLBook.error(rc, path: path, doing: "opening the workbook")
        }
        handle = opened
    }

    // freexl_close fails only for a null or foreign handle, which this owner never holds.
    deinit { _ = freexl_close(handle) }

    /// One `freexl_get_info` query.
    private func info(_ what: Int32) throws(JuesuanError) -> UInt32 {
        var value: UInt32 = 0
        let rc = freexl_get_info(handle, UInt16(what), &value)
        guard rc == FREEXL_OK else {
            throw FreeXLBook.error(rc, path: path, doing: "reading the workbook's properties")
        }
        return value
    }

    /// The BIFF version: 2, 3, 4, 5 or 8 (0 when FreeXL does not know).
    func biffVersion() throws(JuesuanError) -> Int {
        let v = try info(FREEXL_BIFF_VERSION)
        return v == UInt32(FREEXL_UNKNOWN) ? 0 : Int(v)
    }

    /// True when a FILEPASS record says the workbook is encrypted (FreeXL calls it obfuscated).
    func isObfuscated() throws(JuesuanError) -> Bool {
        try info(FREEXL_BIFF_PASSWORD) == UInt32(FREEXL_BIFF_OBFUSCATED)
    }

    /// True when serial dates count from 1904.
    func date1904() throws(JuesuanError) -> Bool {
        try info(FREEXL_BIFF_DATEMODE) == UInt32(FREEXL_BIFF_DATEMODE_1904)
    }

    /// The number of sheets the workbook lists (worksheets, chart sheets and macro sheets alike).
    func sheetCount() throws(JuesuanError) -> Int { Int(try info(FREEXL_BIFF_SHEET_COUNT)) }

    /// The name of sheet `index` (0-based), as UTF-8 (FreeXL converts BIFF5 code pages and BIFF8 UTF-16).
    func sheetName(_ index: Int) throws(JuesuanError) -> String {
        var name: UnsafePointer<CChar>?
        let rc = freexl_get_worksheet_name(handle, UInt16(index), &name)
        guard rc == FREEXL_OK else {
            throw FreeXLBook.error(rc, path: path, doing: "reading the name of sheet \(index + 1)")
        }
        guard let name else { return "" }
        return String(cString: name)
    }

    /// Makes sheet `index` (0-based) the one `dimensions` and `value` read.
    func select(_ index: Int, sheet: String) throws(JuesuanError) {
        let rc = freexl_select_active_worksheet(handle, UInt16(index))
        guard rc == FREEXL_OK else { throw FreeXLBook.error(rc, path: path, doing: "selecting the sheet", cell: sheet) }
    }

    /// The selected sheet's row and column counts (FreeXL's rectangle, from A1).
    func dimensions(sheet: String) throws(JuesuanError) -> (rows: Int, columns: Int) {
        var rows: UInt32 = 0
        var columns: UInt16 = 0
        let rc = freexl_worksheet_dimensions(handle, &rows, &columns)
        guard rc == FREEXL_OK else {
            throw FreeXLBook.error(rc, path: path, doing: "reading the sheet's dimensions", cell: sheet)
        }
        return (Int(rows), Int(columns))
    }

    /// The value of one cell of the selected sheet (0-based); nil when it is empty.
    func value(row: Int, column: Int, sheet: String) throws(JuesuanError) -> FreeXLValue? {
        var v = FreeXL_CellValue()
        let rc = freexl_get_cell_value(handle, UInt32(row), UInt16(column), &v)
        guard rc == FREEXL_OK else {
            throw FreeXLBook.error(
                rc, path: path, doing: "reading the cell",
                cell: "\(sheet)!\(CellAddress(row: row, col: column))")
        }
        func text() -> String { v.value.text_value.map { String(cString: $0) } ?? "" }
        switch Int32(v.type) {
        case FREEXL_CELL_NULL: return nil
        case FREEXL_CELL_INT: return .int(v.value.int_value)
        case FREEXL_CELL_DOUBLE: return .double(v.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT: return .text(text())
        case FREEXL_CELL_DATE: return .date(text())
        case FREEXL_CELL_DATETIME: return .dateTime(text())
        case FREEXL_CELL_TIME: return .time(text())
        default:
            throw JuesuanError(
                .library, "FreeXL returned an unknown cell type \(v.type)", file: path,
                cell: "\(sheet)!\(CellAddress(row: row, col: column))")
        }
    }

    /// A FreeXL status as a one-line error.
    static func error(_ rc: Int32, path: String, doing: String, cell: String? = nil) -> JuesuanError {
        let (code, what): (JuesuanError.Code, String)
        switch rc {
        case FREEXL_FILE_NOT_FOUND: (code, what) = (.io, "cannot be opened for reading")
        case FREEXL_INSUFFICIENT_MEMORY:
            (code, what) = (.limitExceeded, "FreeXL ran out of memory (the sheets declare too many cells)")
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE:
            (code, what) = (.invalidWorkbook, "the OLE2 container's header is corrupt")
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR:
            (code, what) = (.invalidWorkbook, "the file ends inside the OLE2 container (truncated or corrupt)")
        case FREEXL_CFBF_EMPTY_FAT_CHAIN, FREEXL_CFBF_ILLEGAL_FAT_ENTRY, FREEXL_INVALID_MINI_STREAM,
            FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
            (code, what) = (.invalidWorkbook, "the OLE2 container's allocation table is corrupt")
        case FREEXL_BIFF_INVALID_BOF:
            (code, what) = (.invalidWorkbook, "the Workbook stream is not BIFF5/BIFF8 records (corrupt)")
        case FREEXL_BIFF_INVALID_SST, FREEXL_BIFF_ILLEGAL_SST_INDEX:
            (code, what) = (.invalidWorkbook, "the shared string table is corrupt")
        case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
            (code, what) = (.invalidWorkbook, "the OLE2 container has no Workbook stream (not an Excel workbook)")
        case FREEXL_INVALID_CHARACTER:
            (code, what) = (.invalidWorkbook, "a text is not valid in the workbook's code page")
        case FREEXL_UNSUPPORTED_CHARSET:
            (code, what) = (.invalidWorkbook, "the workbook's code page is not supported")
        case FREEXL_ILLEGAL_RK_VALUE:
            (code, what) = (.invalidWorkbook, "a number record is corrupt")
        case FREEXL_ILLEGAL_CELL_ROW_COL:
            (code, what) = (.invalidWorkbook, "a cell lies outside the sheet's declared dimensions (corrupt)")
        case FREEXL_CRAFTED_FILE:
            (code, what) = (.invalidWorkbook, "the file is severely corrupt (possibly crafted)")
        default:
            (code, what) = (.library, "FreeXL failed")
        }
        return JuesuanError(code, "\(what) (FreeXL status \(rc) while \(doing))", file: path, cell: cell)
    }
}
