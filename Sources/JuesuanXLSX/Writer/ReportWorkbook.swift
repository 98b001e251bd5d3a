import Foundation
import JuesuanModel

/// A plain table for people: a header row and rows of text or whole numbers, written as one
/// sheet with the header frozen, filter buttons and columns as wide as their contents.
public struct ReportSheet: Sendable {
    /// A cell of a report: text, or a whole number (counts).
    public enum Value: Sendable, Hashable {
        case text(String)
        case count(Int)

        /// The value as CSV text.
        public var csvText: String {
            switch self {
            case .text(let t): return t
            case .count(let n): return String(n)
            }
        }
    }

    /// The sheet name (at most 31 characters, Excel's limit).
    public var name: String
    public var header: [String]
    public var rows: [[Value]]

    public init(name: String, header: [String], rows: [[Value]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// Writes report workbooks (a folder import's summary) with the project's own libxlsxwriter
/// wrapper: the same temporary-file-then-rename placement as every output.
public enum ReportWorkbook {
    /// The widest a column is made, in character widths.
    static let maxWidth = 60.0

    /// Writes `sheets` to `url`.
    /// - Throws: `JuesuanError` as `OutputFile.checkReplaceable` does; `.invalidDocument` for a
    ///   sheet name over 31 characters; `.library` for a libxlsxwriter failure.
    public static func write(_ sheets: [ReportSheet], to url: URL, overwrite: Bool) throws(JuesuanError) {
        try OutputFile.checkReplaceable(url, overwrite: overwrite)
        for s in sheets where s.name.count > 31 {
            throw JuesuanError(.invalidDocument, "sheet name \"\(s.name)\" exceeds Excel's limit of 31 characters")
        }
        let temp = OutputFile.temporaryURL(for: url)
        TemporaryFiles.register(temp.path)
        do {
            let wb = try LXWWorkbook(path: temp.path)
            for sheet in sheets {
                let ws = try wb.addWorksheet(sheet.name)
                let layout = self.layout(sheet)
                for (c, w) in layout.columnWidths.sorted(by: { $0.key < $1.key }) { try ws.setColumnWidth(c, w) }
                for cell in layout.cells { try ws.write(cell) }
                ws.freezeRows(above: 1)
                try ws.setupPrinting(
                    repeatRows: 0...0, lastRow: max(sheet.rows.count, 1), lastCol: max(sheet.header.count - 1, 0),
                    onePage: false)
                try ws.autofilter(lastRow: max(sheet.rows.count, 1), lastCol: max(sheet.header.count - 1, 0))
            }
            try wb.close()
        } catch {
            unlink(temp.path)
            TemporaryFiles.unregister(temp.path)
            throw error
        }
        try OutputFile.commit(temp, to: url, overwrite: overwrite)
    }

    /// The cells and column widths of one report sheet.
    static func layout(_ sheet: ReportSheet) -> SheetLayout {
        var out = SheetLayout(name: sheet.name)
        var widths = sheet.header.map { TableDrawer.displayWidth($0) + 4 }
        for (c, title) in sheet.header.enumerated() { out.put(0, c, .text(title), CellStyle(role: .header)) }
        for (r, row) in sheet.rows.enumerated() {
            for (c, value) in row.enumerated() where c < sheet.header.count {
                switch value {
                case .text(let t):
                    out.put(r + 1, c, .text(t), CellStyle(role: .label))
                    widths[c] = max(widths[c], TableDrawer.displayWidth(t) + 2)
                case .count(let n):
                    out.put(r + 1, c, .number(Double(n)), CellStyle(role: .amount, decimals: 0))
                    widths[c] = max(widths[c], Double(String(n).count) + 3)
                }
            }
        }
        for (c, w) in widths.enumerated() { out.columnWidths[c] = min(w, maxWidth) }
        return out
    }
}
