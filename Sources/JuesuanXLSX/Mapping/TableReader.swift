import Foundation
import JuesuanModel

/// Something the importer could not read, or read with a caveat.
public struct ImportNote: Sendable, Hashable, CustomStringConvertible {
    /// `unread`: a cell, column, row or table was left out; `warning`: read, with a caveat.
    public enum Severity: String, Sendable { case warning, unread }
    public var severity: Severity
    /// `Sheet!B7` or `Sheet!A3:F40`; nil for notes about the workbook as a whole.
    public var location: String?
    public var message: String
    /// A cell read as shown by a scaling format (folded into one note per table by `TableReader`).
    var scaling: AmountReading.Scaling? = nil
    public var description: String { location.map { "\($0): \(message)" } ?? message }

    /// A note at a place (nil: the whole workbook).
    public init(severity: Severity, location: String?, message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    init(severity: Severity, location: String?, message: String, scaling: AmountReading.Scaling?) {
        self.init(severity: severity, location: location, message: message)
        self.scaling = scaling
    }
}

/// Reads one recognised table out of a sheet grid. The flow is the same for every table:
///
/// 1. meta lines (表号, 编制单位, 金额单位) — `MetaLines.swift`;
/// 2. the header block and its tree of labels, spans included — `HeaderBlock.swift`, `HeaderTree.swift`;
/// 3. what each column is — `ColumnRoles.swift`;
/// 4. the body, row by row — `BodyReader.swift`.
///
/// What is particular to one table is declared in `Recognisers/`, one file per quirk, and
/// reached through `TableID.recognisers`.
struct TableReader {
    let grid: SheetGrid
    let hit: TitleHit
    /// Last row of the table's region (before the next title or the sheet's end), 0-based.
    let regionEnd: Int
    let book = LabelBook.shared

    /// What was read.
    struct Result {
        var table: Table
        var department: String?
        var unit: AmountUnit?
        var unitLabel: String?
        var tableNumberLine = false
        /// The 表号 line names another table: where, and the 表号 it prints (noted by the importer
        /// unless the whole workbook follows a layout that numbers the tables so).
        var otherTableNumber: (location: String, text: String)?
        /// The year the meta lines print.
        var year: Int?
        var hasLineColumn = false
        var range: String
        var notes: [ImportNote] = []
        /// Per row (in `table.rows` order): where its values were read.
        var sources = TableSources(sheet: "", panels: [], rows: [])
        /// The sheet the table is in is hidden (or very hidden).
        var hidden = false
    }

    var recognisers: Recognisers { hit.id.recognisers }

    /// `Sheet!B7` for 0-based (row, column).
    func ref(_ r: Int, _ c: Int) -> String { "\(grid.name)!\(CellRef.name(r, c))" }

    /// Reads the table, or nil when the title has no recognisable table under it (a 目录 line).
    func read() -> Result? {
        var result = Result(table: Table(id: hit.id, title: hit.text), range: "")
        result.hidden = grid.state != .visible
        guard grid.maxCol >= 0, hit.row < regionEnd else { return nil }
        let meta = readMeta()
        result.department = meta.department
        result.unit = meta.unit
        result.unitLabel = meta.unitLabel
        result.tableNumberLine = meta.tableNumberLine
        result.year = meta.year
        if let other = meta.otherTableNumber { result.otherTableNumber = (ref(other.row, other.col), other.text) }
        guard meta.headerStart <= regionEnd, let block = headerBlock(from: meta.headerStart) else { return nil }
        let tree = HeaderTree(grid: grid, rows: block.headerRows, lastCol: block.lastCol)
        guard let roles = columnRoles(tree, notes: &result.notes) else { return nil }
        result.hasLineColumn = roles.contains { $0.kind == .line }
        let lastBodyRow = readBody(roles, from: block.dataStart, into: &result)
        result.notes = AmountReading.foldingScaling(result.notes, table: hit.id, unit: result.unit)
        // Hidden columns and rows are read like the others, and said: a hidden column of last
        // year's figures or a hidden 类 row is something a reader of the printed table does not see.
        let hiddenAmountColumns = roles.filter { role in
            role.isAmount && grid.hiddenColumns.contains { $0.contains(role.col) }
        }
        if !hiddenAmountColumns.isEmpty {
            result.notes.append(
                ImportNote(
                    severity: .warning, location: ref(block.headerRows.lowerBound, hiddenAmountColumns[0].col),
                    message:
                        "\(hiddenAmountColumns.count) amount column(s) of \(hit.id.rawValue) are hidden in the sheet (\(hiddenAmountColumns.map { CellRef.column($0.col) }.joined(separator: ", "))); read as the others"
                ))
        }
        // Whichever is fewer is walked: the table's rows or the sheet's hidden rows.
        let hiddenBody =
            lastBodyRow < block.dataStart || grid.hiddenRows.isEmpty
            ? []
            : lastBodyRow - block.dataStart < grid.hiddenRows.count
                ? (block.dataStart...lastBodyRow).filter(grid.hiddenRows.contains)
                : grid.hiddenRows.filter { $0 >= block.dataStart && $0 <= lastBodyRow }.sorted()
        if let first = hiddenBody.first {
            result.notes.append(
                ImportNote(
                    severity: .warning, location: ref(first, 0),
                    message:
                        "\(hiddenBody.count) row(s) of \(hit.id.rawValue) are hidden in the sheet (from row \(first + 1)); read as the others"
                ))
        }
        result.range =
            "\(grid.name)!\(CellRef.name(hit.row, min(hit.col, roles.map(\.col).min() ?? 0))):\(CellRef.name(max(lastBodyRow, block.headerRows.upperBound), block.lastCol))"
        return result
    }
}

/// Where a table's values were read, held compactly (a large table has a million values): each
/// row keeps its sheet row, its panel and a bit per column of the panel that held a value;
/// `Sheet!B7` is spelled out when asked for.
public struct TableSources: Sendable {
    struct RowSource: Sendable {
        var row: Int32
        var panel: Int32
        /// Bit k: the panel's column k held a value.
        var mask: UInt64
    }

    let sheet: String
    /// Per panel: canonical column → its bit and its 0-based sheet column.
    let panels: [[String: (bit: Int, col: Int)]]
    var rows: [RowSource]

    /// The number of rows.
    public var count: Int { rows.count }

    /// `Sheet!B7` for the value of `column` in row `index` (in `table.rows` order); nil when the
    /// row had no value there.
    public subscript(index: Int, column: String) -> String? {
        guard index >= 0, index < rows.count else { return nil }
        let r = rows[index]
        guard let (bit, col) = panels[Int(r.panel)][column], r.mask & (1 << UInt64(bit)) != 0 else { return nil }
        return "\(sheet)!\(CellRef.name(Int(r.row), col))"
    }

    /// Every value's cell in row `index`: column → `Sheet!B7`.
    public func row(_ index: Int) -> [String: String] {
        guard index >= 0, index < rows.count else { return [:] }
        var out: [String: String] = [:]
        for column in panels[Int(rows[index].panel)].keys { out[column] = self[index, column] }
        return out
    }
}

/// The table-specific recognisers a table uses; each lives in its own file under `Recognisers/`.
struct Recognisers: Sendable {
    /// 01, 04: two sides side by side, each side's columns completed with 收入/支出 (`TwoSidedPanels`).
    var twoSidedPanels = false
    /// 04: the three fund sub-rows under 年初财政拨款结转和结余 (`OpeningBalanceSubRows`).
    var openingBalanceSubRows = false
    /// 06: 人员经费 and 公用经费 panels, totals after the items (`EconomicPanels`).
    var economicPanels = false
    /// 07: a single row of amounts under a paired or block header (`ThreePublicRow`).
    var threePublicRow = false
}

extension TableID {
    /// What is particular to this table's printed form.
    var recognisers: Recognisers {
        switch self {
        case .t01: return Recognisers(twoSidedPanels: true)
        case .t04: return Recognisers(twoSidedPanels: true, openingBalanceSubRows: true)
        case .t06: return Recognisers(economicPanels: true)
        case .t07: return Recognisers(threePublicRow: true)
        case .t02, .t03, .t05, .t08, .t09: return Recognisers()
        }
    }
}
