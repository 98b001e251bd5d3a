import Foundation
import JuesuanModel

/// An XLSX workbook opened for reading: zip → package relationships → workbook → shared strings
/// → styles; sheets are read on demand, streamed cell by cell.
///
/// ```swift
/// let book = try XLSXWorkbook(path: "附表.xlsx")
/// for sheet in book.sheets { _ = try book.readSheet(sheet.index) { cell in print(cell.reference, cell.value) } }
/// ```
public final class XLSXWorkbook {
    public let path: String
    public let sheets: [SheetInfo]
    /// True when serial dates count from 1904.
    public let date1904: Bool
    /// True when workbook.xml asks for every formula to be recalculated on opening
    /// (`<calcPr fullCalcOnLoad="1"/>`): cached zeros of formulas are then evaluated again.
    public let fullCalcOnLoad: Bool
    /// The document title from docProps/core.xml (dc:title), if any; read on first use.
    public private(set) lazy var documentTitle: String? = readCoreTitle()
    private let corePart: String?
    let zip: ZipArchive
    /// What reading this workbook may cost.
    let limits: ReadLimits
    let sharedStrings: [String]
    let formats: [NumberFormat?]

    /// Opens a workbook.
    /// - Throws: `JuesuanError` naming the file and part: not a zip, encrypted, missing or corrupt part,
    ///   malformed XML, a limit exceeded.
    public init(path: String, limits: ReadLimits = ReadLimits()) throws(JuesuanError) {
        self.path = path
        self.limits = limits
        let zip = try ZipArchive(path: path, limits: limits)
        self.zip = zip
        // Package relationships → the main workbook part.
        var workbookPart = "xl/workbook.xml"
        var core: String?
        if zip.entry("_rels/.rels") != nil {
            let rels = RelationshipsHandler(base: "")
            try XMLStream.parse(zip, part: "_rels/.rels", into: rels)
            if let main = rels.rels.first(where: { $0.type == "officeDocument" && !$0.external }) {
                workbookPart = main.target
            }
            core = rels.rels.first(where: { $0.type == "core-properties" && !$0.external })?.target
        } else if zip.entry("[Content_Types].xml") == nil && zip.entry(workbookPart) == nil {
            throw JuesuanError(
                .invalidWorkbook, "is a zip but not an XLSX workbook (no _rels/.rels, no xl/workbook.xml)", file: path)
        }
        corePart = core
        guard zip.entry(workbookPart) != nil else {
            throw JuesuanError(
                .invalidWorkbook, "the workbook part is missing from the zip", file: path, part: workbookPart)
        }
        let wb = WorkbookHandler(limits: limits)
        try XMLStream.parse(zip, part: workbookPart, into: wb)
        date1904 = wb.date1904
        fullCalcOnLoad = wb.fullCalcOnLoad
        let wbRels = RelationshipsHandler(base: PartPath.folder(of: workbookPart))
        let relsPart = PartPath.relsPart(of: workbookPart)
        if zip.entry(relsPart) != nil { try XMLStream.parse(zip, part: relsPart, into: wbRels) }
        let byId = Dictionary(wbRels.rels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Shared strings and styles, through the relationships (conventional paths as a fallback).
        var strings: [String] = []
        let ssPart =
            wbRels.rels.first { $0.type == "sharedStrings" }?.target
            ?? (zip.entry("xl/sharedStrings.xml") != nil ? "xl/sharedStrings.xml" : nil)
        if let ssPart, zip.entry(ssPart) != nil {
            let ss = SharedStringsHandler(limits: limits)
            try XMLStream.parse(zip, part: ssPart, maxBytes: limits.maxSharedStringsBytes, into: ss)
            strings = ss.strings
        }
        sharedStrings = strings
        var formats: [NumberFormat?] = []
        if let stylesPart = wbRels.rels.first(where: { $0.type == "styles" })?.target, zip.entry(stylesPart) != nil {
            let st = StylesHandler()
            try XMLStream.parse(zip, part: stylesPart, into: st)
            formats = st.formats()
        }
        self.formats = formats
        sheets = wb.sheets.enumerated().map { i, s in
            let rel = byId[s.rid]
            let part = rel.flatMap { $0.type == "worksheet" && !$0.external ? $0.target : nil }
            return SheetInfo(name: s.name, state: s.state, part: part, index: i)
        }
    }

    private func readCoreTitle() -> String? {
        guard let corePart, zip.entry(corePart) != nil else { return nil }
        // Metadata only: a damaged core.xml does not make the workbook unreadable.
        let h = CoreTitleHandler()
        return (try? XMLStream.parse(zip, part: corePart, maxBytes: 1 << 20, into: h)) != nil ? h.title : nil
    }

    /// Streams the cells of sheet `index` in document order.
    /// - Returns: merges, hidden rows and the number of cells.
    @discardableResult
    public func readSheet(_ index: Int, _ onCell: @escaping (Cell) -> Void) throws(JuesuanError) -> SheetExtras {
        let info = sheets[index]
        guard let part = info.part else { return SheetExtras() }
        guard zip.entry(part) != nil else {
            throw JuesuanError(
                .invalidWorkbook, "the worksheet part of sheet \"\(info.name)\" is missing from the zip", file: path,
                part: part)
        }
        let handler = SheetHandler(
            strings: sharedStrings, formats: formats, file: path, part: part, sheet: info.name, limits: limits,
            onCell: onCell)
        try XMLStream.parse(zip, part: part, into: handler)
        return handler.extras
    }

    /// Reads sheet `index` into a sparse grid, each cell stored once in a compact form (see
    /// `SheetGrid`). Formulas without a usable cached value are then evaluated on the grid where
    /// they are simple and local (see `FormulaEvaluator`); the others stay `.uncomputed` with the reason.
    public func grid(_ index: Int) throws(JuesuanError) -> SheetGrid {
        var builder = SheetGrid.Builder()
        var formulas = false
        var overflow = false
        var count = 0
        let cap = limits.maxGridCells
        let extras = try readSheet(index) {
            guard !overflow else { return }
            if $0.isFormula { formulas = true }
            builder.append($0)
            count += 1
            if count > cap { overflow = true; builder = SheetGrid.Builder() }
        }
        if overflow {
            throw JuesuanError(
                .limitExceeded,
                "sheet \"\(sheets[index].name)\" has more than \(cap) cells, more than an import holds (juesuan cells streams it)",
                file: path, remedy: .raiseCellLimit)
        }
        var grid = SheetGrid(
            name: sheets[index].name, state: sheets[index].state, builder: builder, merges: extras.merges,
            hiddenRows: extras.hiddenRows)
        grid.hiddenColumns = extras.hiddenColumns
        guard formulas else { return grid }
        let cells = FormulaEvaluator.evaluate(grid.cells, sheet: grid.name, recalculateZeros: fullCalcOnLoad)
        var evaluated = SheetGrid(
            name: grid.name, state: grid.state, cells: cells, merges: grid.merges, hiddenRows: grid.hiddenRows)
        evaluated.hiddenColumns = grid.hiddenColumns
        return evaluated
    }

    /// The text a spreadsheet shows for a cell under its number format (`263.72` for 263.72 under
    /// `#,##0.00`, `263.7200` for 2637200 under `0!.0000`, `二百六十三` under `[DBNum1]`); nil for cells
    /// whose text is their value (text without a text format, booleans, errors, uncomputed formulas).
    public func shownText(_ cell: Cell) -> String? {
        let engine = cell.format?.engine ?? FormatCode.general
        switch cell.value {
        case .number(let d): return engine.format(d).text
        case .date(let serial, _): return engine.format(date1904 ? serial + 1462 : serial).text
        case .text(let t):
            let shown = engine.format(text: t)
            return shown == t ? nil : shown
        case .bool, .error, .uncomputed: return nil
        }
    }

    /// A date cell's value as text: `2024-03-01`, `12:30:00`, or `2024-03-01T12:30:00`.
    public func dateText(serial: Double, kind: NumberFormat.Kind) -> String {
        ExcelDate.text(serial: serial, kind: kind, date1904: date1904)
    }
}

/// Excel serial dates.
enum ExcelDate {
    static func text(serial: Double, kind: NumberFormat.Kind, date1904: Bool) -> String {
        // Excel's calendar ends at 9999-12-31 (serial 2958465); outside it a serial is just a number.
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return "\(serial)" }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        let time = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        if kind == .time && days == 0 { return time }
        let date: String
        if !date1904 && days == 60 {
            date = "1900-02-29"  // the day Lotus and Excel believe in
        } else {
            // Days since 1970-01-01: 1900 system day 25569 (after the phantom leap day), 1904 system day 24107.
            var offset = date1904 ? days - 24_107 : days - 25_569
            if !date1904 && days < 60 { offset += 1 }
            date = civil(fromDays: offset)
        }
        if kind == .date || seconds == 0 { return date }
        return date + "T" + time
    }

    /// Proleptic Gregorian date for days since 1970-01-01, as `2024-03-01`.
    static func civil(fromDays z0: Int) -> String {
        let (y, m, d) = DateRendering.civil(z0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
