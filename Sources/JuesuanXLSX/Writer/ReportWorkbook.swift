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
    /// How many rows follow the header.
    public var rowCount: Int
    /// Row `i` (0-based, under the header), made when it is written: a folder's findings can
    /// run to hundreds of thousands of rows, which are never all held as cells.
    public var row: @Sendable (Int) -> [Value]

    /// A sheet of rows already made.
    public init(name: String, header: [String], rows: [[Value]]) {
        self.init(name: name, header: header, rowCount: rows.count) { rows[$0] }
    }

    /// A sheet whose rows are made on demand (twice: once to size the columns, once to write).
    public init(name: String, header: [String], rowCount: Int, row: @escaping @Sendable (Int) -> [Value]) {
        self.name = name
        self.header = header
        self.rowCount = rowCount
        self.row = row
    }

    /// Where the rows are in full when the sheet cannot hold them all (`findings.csv`, say).
    public var overflowNote = "the CSV beside this workbook"

    /// Every row (tests; the writer asks for them one at a time).
    public var rows: [[Value]] { (0..<rowCount).map(row) }
}

/// Writes report workbooks (a folder import's summary) with the project's own libxlsxwriter
/// wrapper: the same temporary-file-then-rename placement as every output.
public enum ReportWorkbook {
    /// The widest a column is made, in character widths.
    static let maxWidth = 60.0
    /// Rows in a worksheet (ECMA-376 §18.3.1.73; Excel's limit).
    static let maxRows = 1_048_576

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
            // Rows are written top to bottom, so libxlsxwriter need not hold them: a summary of
            // a thousand workbooks has hundreds of thousands of findings.
            let wb = try LXWWorkbook(path: temp.path, constantMemory: true)
            for sheet in sheets {
                let ws = try wb.addWorksheet(sheet.name)
                // Column widths from a first pass over the rows, then the rows top to bottom.
                for (c, w) in columnWidths(sheet).enumerated() { try ws.setColumnWidth(c, w) }
                for (c, title) in sheet.header.enumerated() {
                    try ws.write(
                        PlacedCell(
                            row: 0, col: c, lastRow: 0, lastCol: c, content: .text(title),
                            style: CellStyle(role: .header)))
                }
                // A sheet holds 1,048,576 rows (ECMA-376, Excel's limit): beyond them, one last row
                // says how many were left out and where they are.
                let shown = min(sheet.rowCount, maxRows - 2)
                for r in 0..<shown {
                    for (c, value) in sheet.row(r).enumerated() where c < sheet.header.count {
                        try ws.write(cell(value, row: r + 1, col: c))
                    }
                }
                // (In constant-memory mode a range must reach the last row written.)
                let lastRow = shown < sheet.rowCount ? shown + 1 : shown
                if shown < sheet.rowCount {
                    try ws.write(
                        cell(
                            .text("……另有 \(sheet.rowCount - shown) 行未列出（超过工作表的行数上限），见 \(sheet.overflowNote)"),
                            row: shown + 1, col: 0))
                }
                ws.freezeRows(above: 1)
                try ws.setupPrinting(
                    repeatRows: 0...0, lastRow: max(lastRow, 1), lastCol: max(sheet.header.count - 1, 0),
                    onePage: false)
                try ws.autofilter(lastRow: max(lastRow, 1), lastCol: max(sheet.header.count - 1, 0))
            }
            try wb.close()
        } catch {
            unlink(temp.path)
            TemporaryFiles.unregister(temp.path)
            throw error
        }
        try OutputFile.commit(temp, to: url, overwrite: overwrite)
    }

    /// The cell a report value is written as.
    static func cell(_ value: ReportSheet.Value, row: Int, col: Int) -> PlacedCell {
        switch value {
        case .text(let t):
            return PlacedCell(
                row: row, col: col, lastRow: row, lastCol: col, content: .text(t), style: CellStyle(role: .label))
        case .count(let n):
            return PlacedCell(
                row: row, col: col, lastRow: row, lastCol: col, content: .number(Double(n)),
                style: CellStyle(role: .amount, decimals: 0))
        }
    }

    /// Each column's width in character widths: its widest content, at most `maxWidth`.
    static func columnWidths(_ sheet: ReportSheet) -> [Double] {
        var widths = sheet.header.map { TableDrawer.displayWidth($0) + 4 }
        for r in 0..<min(sheet.rowCount, maxRows - 2) {
            for (c, value) in sheet.row(r).enumerated() where c < sheet.header.count {
                switch value {
                case .text(let t): widths[c] = max(widths[c], TableDrawer.displayWidth(t) + 2)
                case .count(let n): widths[c] = max(widths[c], Double(String(n).count) + 3)
                }
            }
        }
        return widths.map { min($0, maxWidth) }
    }
}
