import Foundation
import JuesuanModel

/// What an import found, and what it could not read.
public struct ImportReport: Sendable {
    /// Each table read, with where it was (`Sheet!A2:F44`).
    public var found: [(table: TableID, range: String)] = []
    /// Tables of the nine that the workbook does not have.
    public var missing: [TableID] = []
    /// Cells, columns and rows left unread or read with a caveat.
    public var notes: [ImportNote] = []
    /// Where each table's values came from (compact; see `source`).
    public var tableSources: [TableID: TableSources] = [:]

    /// Where each value came from: table → row index → column → `Sheet!B7` (spelled out on each
    /// call, for every value: `source` looks one up without it).
    public var sources: [TableID: [[String: String]]] {
        tableSources.mapValues { t in (0..<t.count).map(t.row) }
    }

    /// The cell a value was read from.
    public func source(_ table: TableID, _ row: Int, _ column: String) -> String? {
        tableSources[table]?[row, column]
    }

    /// One line: `9 tables (公开01表 at 公开01表!A2:F44, …); missing: none; 0 cells left unread`.
    public var summary: String {
        let unread = notes.filter { $0.severity == .unread }.count
        let warn = notes.count - unread
        let missingText = missing.isEmpty ? "none" : missing.map(\.rawValue).joined(separator: " ")
        return "\(found.count) tables read; missing: \(missingText); \(unread) left unread; \(warn) warnings"
    }
}

/// Turns a workbook into the model: finds the nine tables by their titles in any sheet, reads
/// their header trees and rows, and reports what it could not read.
///
/// ```swift
/// let (doc, report) = try WorkbookImporter().read(path: "附表.xlsx")
/// ```
public struct WorkbookImporter: Sendable {
    public var limits: ReadLimits
    /// Convert every amount to this unit (rounding half up); nil keeps the workbook's unit.
    public var unit: AmountUnit?

    public init(limits: ReadLimits = ReadLimits(), unit: AmountUnit? = nil) {
        self.limits = limits
        self.unit = unit
    }

    /// Reads a workbook (.xlsx or .xls, told apart by content).
    /// - Throws: `JuesuanError` when the file is not a readable workbook, has none of the nine
    ///   tables, or mixes units without `unit` set.
    public func read(path: String) throws(JuesuanError) -> (Document, ImportReport) {
        let book = try WorkbookFile.open(path: path, limits: limits)
        var report = ImportReport()
        var results: [TableReader.Result] = []
        var texts: [String] = [book.documentTitle ?? ""]
        var coverTexts: [String] = []
        for sheet in book.sheets where sheet.part != nil {
            let grid = try book.grid(sheet.index)
            texts.append(sheet.name)
            let (hits, others) = TableLocator.scan(grid)
            // A table's region ends before the next title, of the nine or of any other table.
            let starts = (hits.map(\.row) + others.map(\.row)).sorted()
            let hitRows = hits.map(\.row)  // `scan` gives the hits top to bottom
            var crowdedRows = Set<Int>()
            for hit in hits {
                texts.append(hit.text)
                // Tables side by side: titles within two rows of each other, at different columns,
                // split the sheet's columns between them (each table from its title's column to the
                // column before the next title on its right), and do not end each other's regions.
                // Found by binary search, so that thousands of titles cost no more than their count.
                let near =
                    Self.firstIndex(
                        in: hitRows, atLeast: hit.row - 2)..<Self.firstIndex(in: hitRows, atLeast: hit.row + 3)
                if near.count > Self.maxTitlesSideBySide {
                    // A row of titles is no layout: said once per row, not read as tables.
                    if crowdedRows.insert(hit.row).inserted {
                        report.notes.append(
                            ImportNote(
                                severity: .unread, location: "\(grid.name)!\(CellRef.name(hit.row, hit.col))",
                                message:
                                    "\(near.count) table titles within two rows of each other; more than \(Self.maxTitlesSideBySide) side by side are not read as tables"
                            ))
                    }
                    continue
                }
                let beside = hits[near].filter { $0.col != hit.col }
                let besideRows = Set(beside.map(\.row))
                var k = Self.firstIndex(in: starts, atLeast: hit.row + 1)
                while k < starts.count, besideRows.contains(starts[k]) { k += 1 }
                let end = (k < starts.count ? starts[k] : grid.maxRow + 1) - 1
                var tableGrid = grid
                if !beside.isEmpty && end > hit.row {
                    let lo = beside.contains { $0.col < hit.col } ? hit.col : 0
                    let hi = beside.filter { $0.col > hit.col }.map(\.col).min().map { $0 - 1 } ?? grid.maxCol
                    tableGrid = grid.window(columns: lo...max(lo, hi), rows: max(0, hit.row - 2)...end)
                }
                guard end > hit.row, let result = TableReader(grid: tableGrid, hit: hit, regionEnd: end).read() else {
                    // A title with something under it that could not be read is said, never dropped
                    // silently (a 目录 line naming a table has nothing under it).
                    if end > hit.row, Self.headsATable(grid, row: hit.row) {
                        report.notes.append(
                            ImportNote(
                                severity: .unread, location: "\(grid.name)!\(CellRef.name(hit.row, hit.col))",
                                message:
                                    "\(hit.id.rawValue) (\(hit.text)) could not be read: no column under its title is one of \(hit.id.rawValue)'s; left unread"
                            ))
                    }
                    continue
                }
                results.append(result)
            }
            for other in others where Self.headsATable(grid, row: other.row) {
                report.notes.append(
                    ImportNote(
                        severity: .unread, location: "\(grid.name)!\(CellRef.name(other.row, other.col))",
                        message: "a table titled \"\(other.text)\" is not among the nine 决算公开 tables; left unread"))
            }
            // Cover pages name the department and year.
            if hits.isEmpty {
                for cell in grid.firstCells(200) {
                    if case .text(let t) = cell.value { texts.append(t); coverTexts.append(t) }
                }
            }
        }
        // One table per 表号: a visible copy wins over a hidden one (last year's figures are often
        // kept in a hidden sheet); among copies alike in that, the fullest.
        var chosen: [TableID: TableReader.Result] = [:]
        for r in results {
            guard let other = chosen[r.table.id] else { chosen[r.table.id] = r; continue }
            let keep: TableReader.Result
            if other.hidden != r.hidden {
                keep = other.hidden ? r : other
            } else {
                keep = other.table.rows.count >= r.table.rows.count ? other : r
            }
            let drop = keep.range == other.range ? r : other
            let why =
                drop.hidden && !keep.hidden
                ? "in a hidden sheet; the visible one at \(keep.range) was kept"
                : "the fuller one at \(keep.range) was kept"
            report.notes.append(
                ImportNote(severity: .unread, location: drop.range, message: "a second \(r.table.id.rawValue) \(why)"))
            chosen[r.table.id] = keep
        }
        for r in chosen.values where r.hidden {
            report.notes.append(
                ImportNote(
                    severity: .warning, location: r.range,
                    message: "\(r.table.id.rawValue) was read from a hidden sheet (no visible copy)"))
        }
        guard !chosen.isEmpty else {
            throw JuesuanError(
                .invalidWorkbook,
                "has none of the nine 决算公开 tables (no title such as 收入支出决算总表 … 国有资本经营预算财政拨款收入支出决算表 heads a table in its \(book.sheets.count) sheets)",
                file: path)
        }
        let ordered = chosen.values.sorted { $0.table.id < $1.table.id }
        let units = Set(ordered.compactMap(\.unit))
        let sourceUnit: AmountUnit
        if units.count > 1 && unit == nil {
            let which = ordered.map { "\($0.table.id.rawValue) \($0.unit?.rawValue ?? "?")" }.joined(separator: ", ")
            throw JuesuanError(
                .invalidWorkbook,
                "the tables are in different units (\(which))", file: path, remedy: .chooseUnit)
        }
        sourceUnit = units.first ?? .wanYuan
        if units.isEmpty {
            report.notes.append(
                ImportNote(severity: .warning, location: nil, message: "no 金额单位 line; amounts taken as 万元"))
        }
        let department = ordered.compactMap(\.department).first { !$0.isEmpty } ?? Self.departmentOnCover(coverTexts)
        var doc = Document(department: department ?? "", unit: unit ?? sourceUnit)
        doc.year = ordered.compactMap(\.year).first ?? Self.year(in: texts + ordered.compactMap(\.department))
        let numbering = Self.numberingLayout(ordered)
        if let numbering {
            doc.layout = numbering.name
        } else if ordered.contains(where: { $0.tableNumberLine || $0.hasLineColumn }) {
            doc.layout = "national"
        } else if ordered.contains(where: { $0.unitLabel == "单位" }) {
            doc.layout = "shanghai"
        }
        for r in ordered {
            var table = r.table
            if let numbering, table.title == numbering.printedTitle(Table(id: table.id)) {
                // The layout's own title for the table: kept as the canonical one, which the
                // layout prints again (central's …明细表 and 国有资本经营…支出决算表).
                table.title = table.id.spec.title
            }
            if numbering == nil, let other = r.otherTableNumber {
                report.notes.append(
                    ImportNote(
                        severity: .warning, location: other.location,
                        message:
                            "the 表号 line says \(other.text) but the title is \(table.id.spec.title) (\(table.id.rawValue)); read as \(table.id.rawValue)"
                    ))
            }
            if let target = unit, let from = r.unit ?? units.first, from != target {
                table = try Self.convert(table, from: from, to: target, path: path)
            }
            doc.tables[table.id] = table
            report.tableSources[table.id] = r.sources
            report.found.append((table.id, r.range))
            report.notes += r.notes
        }
        report.missing = TableID.allCases.filter { chosen[$0] == nil }
        report.notes += Self.unitDisagreements(doc, report: report, unitLine: units.first)
        if doc.department.isEmpty {
            report.notes.append(
                ImportNote(severity: .warning, location: nil, message: "no 编制单位 line; the department is left empty"))
        }
        return (doc, report)
    }

    /// The shipped layout that numbers the tables the way the workbook's 表号 lines do, when some
    /// 表号 line names another table than its title and every 表号 line agrees with that layout
    /// (the central departments' order: 政府性基金… printed as 公开07表). Then those 表号 lines are
    /// the layout's, not mistakes, and are not noted.
    static func numberingLayout(_ results: [TableReader.Result]) -> Layout? {
        guard results.contains(where: { $0.otherTableNumber != nil }) else { return nil }
        let candidates = Layout.builtInNames.compactMap { try? Layout.builtIn($0) }.filter(\.renumbers)
        return candidates.first { layout in
            results.allSatisfy { r in
                if let other = r.otherTableNumber { return layout.printedNumber(r.table.id) == other.text }
                if r.tableNumberLine { return layout.printedNumber(r.table.id) == r.table.id.rawValue }
                return true
            }
        }
    }

    /// Tables whose amounts are about 10⁴ times (or a 10⁴th of) those of the other totals tables
    /// (公开01表…公开06表, compared by their largest amount against the median of the others'): a
    /// warning naming the table's largest cell, without changing anything. Amounts a scaling
    /// format already showed in another unit are compared as shown, so they never trigger it.
    static func unitDisagreements(_ doc: Document, report: ImportReport, unitLine: AmountUnit?) -> [ImportNote] {
        let totals: [TableID] = [.t01, .t02, .t03, .t04, .t05, .t06]
        var largest: [(TableID, Amount, String?)] = []
        for id in totals {
            guard let table = doc[id] else { continue }
            var best: (Amount, String?)?
            for (i, row) in table.rows.enumerated() {
                for (column, value) in row.values {
                    guard let a = value.amount?.magnitude, !a.isZero else { continue }
                    if best == nil || a.compare(best!.0) == .greater { best = (a, report.source(id, i, column)) }
                }
            }
            if let best { largest.append((id, best.0, best.1)) }
        }
        guard largest.count >= 3 else { return [] }
        var notes: [ImportNote] = []
        for (id, amount, cell) in largest {
            let others = largest.filter { $0.0 != id }.map { $0.1.doubleValue }.sorted()
            let median = others[others.count / 2]
            guard median > 0 else { continue }
            let ratio = amount.doubleValue / median
            let unitText = unitLine.map { " under 金额单位：\($0.rawValue)" } ?? ""
            if ratio > 3_000 && ratio < 30_000 {
                notes.append(
                    ImportNote(
                        severity: .warning, location: cell,
                        message:
                            "\(id.rawValue)'s amounts are about 10⁴ times those of the other tables (\(amount) here)\(unitText): stored in 元? Read as written; check the unit"
                    ))
            } else if ratio < 1.0 / 3_000 && ratio > 1.0 / 30_000 {
                notes.append(
                    ImportNote(
                        severity: .warning, location: cell,
                        message:
                            "\(id.rawValue)'s amounts are about 10⁴ times smaller than those of the other tables (\(amount) here)\(unitText): stored in 万元? Read as written; check the unit"
                    ))
            }
        }
        return notes
    }

    /// True when a title has a table under it: two or more cells in one of the three rows below
    /// (a 目录 line naming a table has nothing of the kind).
    static func headsATable(_ grid: SheetGrid, row: Int) -> Bool {
        (row + 1...row + 3).contains { grid.cells(inRow: $0).count >= 2 }
    }

    /// The most titles read as tables within two rows of each other (real layouts put two or
    /// three tables side by side).
    static let maxTitlesSideBySide = 9

    /// The first index of a sorted array whose element is at least `value`.
    static func firstIndex(in sorted: [Int], atLeast value: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A cover page's department: a labelled 单位名称：X, or a short line naming an organisation.
    static func departmentOnCover(_ texts: [String]) -> String? {
        let book = LabelBook.shared
        for t in texts {
            let n = Labels.normalise(String(t.prefix(200)))
            for label in book.departmentLabels {
                if let r = n[...].utf8Range(of: label + "：") ?? n[...].utf8Range(of: label + ":") {
                    let v = String(n[r.upperBound...])
                    if !v.isEmpty { return v }
                }
            }
        }
        let suffixes = [
            "办公室", "局", "委员会", "政府", "中心", "院", "所", "站", "队", "馆", "学校", "医院", "部", "会", "处", "厅", "办", "委",
        ]
        return texts.map { Labels.normalise(String($0.prefix(200))) }.first { n in
            (4...40).contains(n.count) && !n.contains(where: \.isNumber) && suffixes.contains(where: n.hasSuffix)
                && !["决算", "公开", "表", "说明"].contains(where: n.contains)
        }
    }

    /// The first plausible 4-digit year followed by 年.
    static func year(in texts: [String]) -> Int? {
        for t in texts {
            let chars = Array(t.prefix(200))
            guard chars.count >= 5 else { continue }
            for i in 0...(chars.count - 5) where chars[i + 4] == "年" {
                let digits = String(chars[i..<(i + 4)])
                if digits.allSatisfy(\.isASCIIDigit), let y = Int(digits), (1990...2100).contains(y) { return y }
            }
        }
        return nil
    }

    static func convert(_ table: Table, from: AmountUnit, to: AmountUnit, path: String) throws(JuesuanError) -> Table {
        var t = table
        for i in t.rows.indices {
            for (k, v) in t.rows[i].values {
                guard case .amount(let a) = v else { continue }
                do { t.rows[i].values[k] = .amount(try a.converted(from: from, to: to)) } catch {
                    throw JuesuanError(
                        .invalidWorkbook,
                        "\(t.id.rawValue) \(t.rows[i].name) \(k): \(a) does not fit when converted to \(to.rawValue)",
                        file: path)
                }
            }
        }
        return t
    }
}
