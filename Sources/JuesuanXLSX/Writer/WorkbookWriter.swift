import Foundation
import JuesuanModel

/// Options for writing a workbook.
public struct ExportOptions: Sendable {
    /// Replace an existing file at the destination.
    public var overwrite = false
    /// The creation date stored in the file; pin it to get the same bytes for the same input.
    public var created: Date?
    public init(overwrite: Bool = false, created: Date? = nil) {
        self.overwrite = overwrite
        self.created = created
    }
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
    func sheets(for document: Document) throws(JuesuanError) -> [SheetLayout] {
        let drawer = TableDrawer(document: document, layout: layout)
        var sheets: [SheetLayout] = []
        var names = Set<String>()
        for table in document.orderedTables {
            let sheet = drawer.draw(table)
            if sheet.name.count > 31 {
                throw JuesuanError(
                    .invalidLayout, "sheet name \"\(sheet.name)\" exceeds Excel's limit of 31 characters")
            }
            guard names.insert(sheet.name.lowercased()).inserted else {
                throw JuesuanError(.invalidLayout, "two sheets would be named \"\(sheet.name)\"")
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
    /// - Throws: `JuesuanError` — `.outputExists` when `url` exists and `options.overwrite` is false,
    ///   `.library` for a libxlsxwriter failure, `.io` when the file cannot be placed.
    public func write(_ document: Document, to url: URL, options: ExportOptions = ExportOptions()) throws(JuesuanError)
    {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
            if isDir.boolValue { throw JuesuanError(.outputExists, "is a directory", file: url.path) }
            if !options.overwrite {
                throw JuesuanError(.outputExists, "already exists", file: url.path, remedy: .allowReplace)
            }
        }
        let dir = url.deletingLastPathComponent()
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw JuesuanError(.io, "the folder \(dir.path) does not exist", file: url.path)
        }
        let sheets = try sheets(for: document)
        let temp = dir.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? fm.removeItem(at: temp)
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
                try ws.setupPrinting(repeatRows: sheet.repeatRows, lastRow: sheet.lastRow, lastCol: sheet.lastColumn)
            }
            try wb.close()
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
        // rename(2) replaces the destination atomically: a reader sees the old file or the new one.
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw JuesuanError(.io, "cannot move the finished workbook into place: \(reason)", file: url.path)
        }
    }
}
