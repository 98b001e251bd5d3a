internal import CXLSXWriter
import Foundation
import JuesuanModel

// Thin wrappers over libxlsxwriter: every C call of the writer is in this file, every status
// is checked and becomes a JuesuanError. No C type leaves this file.

/// Owns one `lxw_workbook`. The corresponding C functions are `workbook_new_opt` and `workbook_close`.
final class LXWWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var keepAlive: [UnsafeMutablePointer<CChar>] = []
    let path: String

    /// - Parameter constantMemory: libxlsxwriter's constant-memory mode: each row goes to a
    ///   temporary file as soon as a later row is written, and strings are written inline rather
    ///   than shared. Rows must then be written top to bottom (reports are; the 附表 are not).
    init(path: String, constantMemory: Bool = false) throws(JuesuanError) {
        self.path = path
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 0)
        guard let wb = path.withCString({ workbook_new_opt($0, &options) }) else {
            throw JuesuanError(.library, "libxlsxwriter could not create the workbook", file: path)
        }
        handle = wb
    }

    deinit {
        // An unclosed workbook still owns memory; closing writes the (temporary) file, which the
        // caller removes on failure.
        if let h = handle { _ = workbook_close(h) }
        for p in keepAlive { free(p) }
    }

    /// A C copy of `s` that lives as long as the workbook. The corresponding C function is `strdup`.
    private func cString(_ s: String) throws(JuesuanError) -> UnsafeMutablePointer<CChar> {
        guard let p = strdup(s) else {
            throw JuesuanError(.library, "out of memory copying a \(s.utf8.count)-byte string", file: path)
        }
        keepAlive.append(p)
        return p
    }

    /// The corresponding C function is `workbook_set_properties`.
    func setProperties(title: String, author: String, subject: String, created: Date?) throws(JuesuanError) {
        var props = lxw_doc_properties()
        props.title = try cString(title)
        props.author = try cString(author)
        props.subject = try cString(subject)
        props.comments = try cString("Written by juesuan")
        if let created { props.created = time_t(created.timeIntervalSince1970) }
        try check(workbook_set_properties(handle, &props), "setting document properties")
    }

    /// The corresponding C function is `workbook_add_worksheet`.
    func addWorksheet(_ name: String) throws(JuesuanError) -> LXWWorksheet {
        guard let ws = name.withCString({ workbook_add_worksheet(handle, $0) }) else {
            throw JuesuanError(.library, "libxlsxwriter refused the sheet name \"\(name)\"", file: path)
        }
        return LXWWorksheet(ws, workbook: self, name: name)
    }

    /// One `lxw_format` per distinct style. The corresponding C function is `workbook_add_format`.
    func format(_ style: CellStyle) throws(JuesuanError) -> UnsafeMutablePointer<lxw_format> {
        if let f = formats[style] { return f }
        let spec = style.format
        guard let f = workbook_add_format(handle) else {
            throw JuesuanError(.library, "libxlsxwriter could not add a cell format", file: path)
        }
        format_set_font_name(f, spec.font)
        format_set_font_size(f, spec.size)
        format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        switch spec.align {
        case .left?: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if spec.bold { format_set_bold(f) }
        if spec.border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if spec.wrap { format_set_text_wrap(f) }
        if spec.indent > 0 { format_set_indent(f, UInt8(spec.indent)) }
        if let nf = spec.numFormat { format_set_num_format(f, nf) }
        formats[style] = f
        return f
    }

    /// Writes the file. The corresponding C function is `workbook_close`.
    func close() throws(JuesuanError) {
        guard let h = handle else { return }
        handle = nil
        // libxlsxwriter reports a failure on stderr too ("[ERROR] …"): that text is captured and
        // becomes part of the one error line instead.
        var status = LXW_NO_ERROR
        let said = StandardError.capturing { status = workbook_close(h) }
        guard status != LXW_NO_ERROR else { return }
        let reason = String(cString: lxw_strerror(status))
        let detail = said.split(whereSeparator: \.isNewline).first.map { " (\($0))" } ?? ""
        throw JuesuanError(.library, "libxlsxwriter failed writing the workbook: \(reason)\(detail)", file: path)
    }

    func check(_ status: lxw_error, _ doing: String, cell: String? = nil) throws(JuesuanError) {
        guard status != LXW_NO_ERROR else { return }
        let reason = String(cString: lxw_strerror(status))
        throw JuesuanError(.library, "libxlsxwriter failed \(doing): \(reason)", file: path, cell: cell)
    }
}

/// A worksheet of an `LXWWorkbook` (owned by it; valid while the workbook is open).
struct LXWWorksheet {
    private let ws: UnsafeMutablePointer<lxw_worksheet>
    private unowned let workbook: LXWWorkbook
    let name: String

    fileprivate init(_ ws: UnsafeMutablePointer<lxw_worksheet>, workbook: LXWWorkbook, name: String) {
        self.ws = ws
        self.workbook = workbook
        self.name = name
    }

    @inline(__always)
    private func check(_ s: lxw_error, _ doing: @autoclosure () -> String, _ r: Int, _ c: Int) throws(JuesuanError) {
        // The message is only built when libxlsxwriter reports an error.
        guard s != LXW_NO_ERROR else { return }
        try workbook.check(s, doing(), cell: "\(name)!\(CellRef.name(r, c))")
    }

    /// The corresponding C functions are `worksheet_write_string`, `worksheet_write_number`,
    /// `worksheet_write_blank` and `worksheet_merge_range`.
    func write(_ cell: PlacedCell) throws(JuesuanError) {
        let f = try workbook.format(cell.style)
        let r = lxw_row_t(cell.row), c = lxw_col_t(cell.col)
        if cell.isMerge {
            let text: String
            switch cell.content {
            case .text(let t): text = ExcelText.escaped(t)
            case .number, .blank: text = ""
            }
            try check(
                worksheet_merge_range(ws, r, c, lxw_row_t(cell.lastRow), lxw_col_t(cell.lastCol), text, f), "merging",
                cell.row, cell.col)
            if case .number(let d) = cell.content {
                try check(worksheet_write_number(ws, r, c, d, f), "writing a number", cell.row, cell.col)
            }
            return
        }
        switch cell.content {
        case .text(let t):
            try check(worksheet_write_string(ws, r, c, ExcelText.escaped(t), f), "writing a string", cell.row, cell.col)
        case .number(let d): try check(worksheet_write_number(ws, r, c, d, f), "writing a number", cell.row, cell.col)
        case .blank: try check(worksheet_write_blank(ws, r, c, f), "writing a blank", cell.row, cell.col)
        }
    }

    /// Freezes the rows above `row` (0-based) so they stay in view. The corresponding C function is
    /// `worksheet_freeze_panes`.
    func freezeRows(above row: Int) {
        worksheet_freeze_panes(ws, lxw_row_t(row), 0)
    }

    /// Filter buttons on the first row of `A1:lastCol lastRow` (0-based). The corresponding C
    /// function is `worksheet_autofilter`.
    func autofilter(lastRow: Int, lastCol: Int) throws(JuesuanError) {
        try check(worksheet_autofilter(ws, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastCol)), "adding filters", 0, 0)
    }

    /// The corresponding C function is `worksheet_set_column`.
    func setColumnWidth(_ c: Int, _ width: Double) throws(JuesuanError) {
        try check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width, nil), "sizing a column", 0, c)
    }

    /// The corresponding C function is `worksheet_set_row`.
    func setRowHeight(_ r: Int, _ height: Double) throws(JuesuanError) {
        try check(worksheet_set_row(ws, lxw_row_t(r), height, nil), "sizing a row", r, 0)
    }

    /// A4 landscape, one page wide (or one page in all, `onePage`), centred, header rows repeated,
    /// page numbers in the footer. The corresponding C function for the fit is `worksheet_fit_to_pages`.
    func setupPrinting(repeatRows: ClosedRange<Int>?, lastRow: Int, lastCol: Int, onePage: Bool) throws(JuesuanError) {
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9)  // A4
        worksheet_fit_to_pages(ws, 1, onePage ? 1 : 0)
        worksheet_center_horizontally(ws)
        worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6)
        if let rr = repeatRows {
            try check(
                worksheet_repeat_rows(ws, lxw_row_t(rr.lowerBound), lxw_row_t(rr.upperBound)), "repeating header rows",
                rr.lowerBound, 0)
        }
        try check(
            worksheet_print_area(ws, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastCol)), "setting the print area", 0, 0)
        try check(worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"), "setting the footer", 0, 0)
    }
}

/// Runs a C call with file descriptor 2 pointed at a temporary file, and returns what it wrote
/// there, so that a C library's own messages become part of juesuan's one line. The
/// corresponding C functions are `dup`, `dup2` and `tmpfile`.
///
/// File descriptor 2 belongs to the whole process: the capture is done only when the program
/// asks for it (`isEnabled`, set by the command line, whose writing is single-threaded), and one
/// capture at a time.
public enum StandardError {
    /// Capture C libraries' stderr messages into errors. Off by default (a library user's other
    /// threads may be writing to stderr).
    nonisolated(unsafe) public static var isEnabled = false
    private static let lock = NSLock()

    static func capturing(_ body: () -> Void) -> String {
        guard isEnabled else { body(); return "" }
        lock.lock()
        defer { lock.unlock() }
        fflush(nil)  // every C stream, stderr among them
        guard let tmp = tmpfile() else { body(); return "" }
        defer { fclose(tmp) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(fileno(tmp), STDERR_FILENO) >= 0 else {
            if saved >= 0 { close(saved) }
            body()
            return ""
        }
        body()
        fflush(nil)  // every C stream, stderr among them
        dup2(saved, STDERR_FILENO)
        close(saved)
        rewind(tmp)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 16 {
            let n = fread(&buffer, 1, buffer.count, tmp)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
