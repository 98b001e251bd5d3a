import Foundation
import JuesuanModel

/// Options for writing a workbook.
public struct ExportOptions: Sendable {
    /// Replace an existing file at the destination.
    public var overwrite = false
    /// The creation date stored in the file; pin it to get the same bytes for the same input.
    public var created: Date?
    /// The decimals every amount is printed with (2, as the official tables print); an amount with
    /// more is rounded half up and reported in `ExportReport.roundings`. nil prints each amount
    /// with the decimals it carries.
    public var decimals: Int?
    /// Draw the layout's formatted blank rows under the 科目 tables (the template to fill in).
    public var blankRows: Bool
    /// Leave out the 类 rows of 公开01表 and 公开04表 that carry no amount (blank in every column).
    /// Off by default: the official templates print every 类 row, and 01/04 are scaled to one page.
    public var omitEmptyCategories: Bool

    /// Options for one export.
    /// - Parameters:
    ///   - overwrite: replace an existing file.
    ///   - created: the creation date stored in the file.
    ///   - decimals: the decimals every amount is printed with (0 … `Amount.maxScale`; writing refuses
    ///     others), nil for each amount's own.
    ///   - blankRows: draw the layout's formatted blank rows (templates).
    ///   - omitEmptyCategories: leave out the 类 rows of 01 and 04 without amounts.
    public init(
        overwrite: Bool = false, created: Date? = nil, decimals: Int? = 2, blankRows: Bool = false,
        omitEmptyCategories: Bool = false
    ) {
        self.overwrite = overwrite
        self.created = created
        self.decimals = decimals
        self.blankRows = blankRows
        self.omitEmptyCategories = omitEmptyCategories
    }
}

/// What an export had to change to print the document.
public struct ExportReport: Sendable {
    /// One line per amount printed with fewer decimals than it carries (rounded half up):
    /// `公开05表!C9: 公开05表 2010301 行政运行 [合计] 12.345 printed as 12.35 (…)`.
    public var roundings: [String] = []
}

/// Writes documents as 附表 workbooks: model → layout → sheet layouts → libxlsxwriter → temp file → rename.
///
/// ```swift
/// try WorkbookWriter(layout: .builtIn("national")).write(doc, to: URL(fileURLWithPath: "附表.xlsx"))
/// ```
public struct WorkbookWriter {
    public let layout: Layout
    public init(layout: Layout) { self.layout = layout }

    /// The sheets a document becomes, decided before any file is touched.
    func sheets(for document: Document, options: ExportOptions = ExportOptions()) throws(JuesuanError)
        -> [SheetLayout]
    {
        if let d = options.decimals, !(0...Amount.maxScale).contains(d) {
            throw JuesuanError(
                .usage, "\(d) decimals is outside 0…\(Amount.maxScale), the decimals an amount can carry")
        }
        let drawer = TableDrawer(
            document: document, layout: layout, decimals: options.decimals, blankRows: options.blankRows,
            omitEmptyCategories: options.omitEmptyCategories)
        var sheets: [SheetLayout] = []
        var names = Set<String>()
        for table in layout.ordered(document.orderedTables) {
            let sheet = drawer.draw(table)
            if sheet.name.count > 31 {
                throw JuesuanError(
                    .invalidLayout, "sheet name \"\(sheet.name)\" exceeds Excel's limit of 31 characters")
            }
            guard names.insert(sheet.name.lowercased()).inserted else {
                throw JuesuanError(.invalidLayout, "two sheets would be named \"\(sheet.name)\"")
            }
            for cell in sheet.cells {
                guard case .text(let t) = cell.content else { continue }
                let length = ExcelText.escaped(t).utf16.count
                if length > ExcelText.maxCellLength {
                    throw JuesuanError(
                        .invalidDocument,
                        "a text of \(length) characters (\(ExcelText.excerpt(t))) exceeds Excel's limit of 32,767 characters in a cell",
                        cell: "\(sheet.name)!\(CellRef.name(cell.row, cell.col))")
                }
            }
            if let overlap = sheet.overlaps().first {
                throw JuesuanError(
                    .invalidLayout, "overlapping merged ranges \(overlap) (Excel would call the file damaged)",
                    cell: sheet.name)
            }
            sheets.append(sheet)
        }
        if sheets.isEmpty {
            throw JuesuanError(.invalidDocument, "the document has no tables to write")
        }
        return sheets
    }

    /// Writes `document` to `url`, atomically: a temporary file beside it is renamed on success.
    /// - Returns: what had to change to print it (amounts rounded to the table's decimals).
    /// - Throws: `JuesuanError` — `.outputExists` when `url` exists and `options.overwrite` is false,
    ///   `.library` for a libxlsxwriter failure, `.io` when the file cannot be placed.
    @discardableResult
    public func write(_ document: Document, to url: URL, options: ExportOptions = ExportOptions()) throws(JuesuanError)
        -> ExportReport
    {
        let fm = FileManager.default
        try OutputFile.checkReplaceable(url, overwrite: options.overwrite)
        let sheets = try sheets(for: document, options: options)
        let temp = OutputFile.temporaryURL(for: url)
        try? fm.removeItem(at: temp)
        TemporaryFiles.register(temp.path)
        do {
            let wb = try LXWWorkbook(path: temp.path)
            let title =
                document.year.map { "\(document.department) \($0)年度部门决算公开表" } ?? "\(document.department) 部门决算公开表"
            try wb.setProperties(title: title, author: document.department, subject: "部门决算公开", created: options.created)
            for sheet in sheets {
                let ws = try wb.addWorksheet(sheet.name)
                for (c, w) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) { try ws.setColumnWidth(c, w) }
                for (r, h) in sheet.rowHeights.sorted(by: { $0.key < $1.key }) { try ws.setRowHeight(r, h) }
                for cell in sheet.cells { try ws.write(cell) }
                try ws.setupPrinting(
                    repeatRows: sheet.repeatRows, lastRow: sheet.lastRow, lastCol: sheet.lastColumn,
                    onePage: sheet.onePage)
            }
            try wb.close()
        } catch {
            try? fm.removeItem(at: temp)
            TemporaryFiles.unregister(temp.path)
            // A failure to write names the output, not the hidden temporary file.
            if error.code == .library || error.code == .io, error.file == temp.path {
                throw JuesuanError(.outputExists, "cannot be written: \(error.message)", file: url.path)
            }
            throw error
        }
        try OutputFile.commit(temp, to: url, overwrite: options.overwrite)
        return ExportReport(roundings: sheets.flatMap(\.roundings))
    }
}
