import Foundation
import JuesuanModel

/// A layout: how the nine tables are drawn on sheets (Templates/*.json). Data, not code.
public struct Layout: Decodable, Sendable {
    /// The layout's name (`national`, `shanghai`, `central`), as `--layout` takes it.
    public var name: String
    /// What the layout is, in one line.
    public var description: String
    /// `{表号}`, `{序号}` and `{标题}` are replaced per table.
    public var sheetName: String
    /// A 表号 line (公开01表) is printed above each title.
    public var tableNumberLine: Bool
    /// The label before the department (`编制单位：`).
    public var departmentLabel: String
    /// The label before the unit (`金额单位：` or `单位：`).
    public var unitLabel: String
    /// A 栏次 row (1, 2, 3 …) is printed under the header.
    public var columnNumbers: Bool
    /// The label of the 栏次 row's first cell.
    public var columnNumberLabel: String
    /// The year as the caption row prints it between the 编制单位 and the unit, `{年度}` replaced
    /// (`{年度}年度` → 2023年度); nil: the layout prints no year.
    public var yearLabel: String?
    /// The order the sheets are written in, by this project's 表号 (default: 公开01表 … 公开09表).
    public var order: [String]?
    /// The facts of this layout confirmed from a primary source (documentation only).
    public var verified: [String]?
    /// The facts of this layout not confirmed from a primary source (documentation only).
    public var unverified: [String]?
    /// Each table's layout, by 表号 (`公开01表` …).
    public var tables: [String: TableLayout]

    /// How one table is drawn.
    public struct TableLayout: Decodable, Sendable {
        /// The panels side by side, left to right (01/04: 收入 then 支出; 06: 人员经费, 公用经费 …).
        public var panels: [Panel]
        /// Rows that line up across panels: each entry lists the items that share one sheet row.
        public var anchors: [[String]]?
        /// Notes printed under the table (注：本表反映…).
        public var footnotes: [String]?
        /// The 表号 this layout prints for the table when it differs from this project's numbering
        /// (the central departments print 政府性基金… as 公开07表).
        public var number: String?
        /// The title this layout prints for a document that carries the canonical title.
        public var title: String?
        /// Scale the printed table to fit one page (01, 04 and 06); otherwise one page wide.
        public var onePage: Bool?
        /// The blank template's 行次: the first number of each side (`收入`, `支出`), counted on
        /// down that side's rows.
        public var firstLine: [String: Int]?
        /// Notes the blank template prints under the table (the 空表 note of 08 and 09).
        public var templateNotes: [String]?
        /// Formatted blank rows the blank template draws under the body, for 科目 rows to be typed in.
        public var templateBlankRows: Int?
    }

    /// A block of columns; panels sit side by side.
    public struct Panel: Decodable, Sendable {
        /// The side this panel shows (01/04), nil elsewhere.
        public var side: Side?
        /// The 经费 group this panel shows (06: 人员经费 or 公用经费), nil elsewhere.
        public var group: String?
        /// The panel's columns, left to right.
        public var columns: [Column]
    }

    /// One printed column.
    public struct Column: Decodable, Sendable {
        /// What a column holds: 科目编码, 科目名称, 行次, or an amount.
        public enum Kind: String, Decodable, Sendable { case code, name, line, amount }
        /// What the column holds.
        public var kind: Kind
        /// The canonical column an amount column shows.
        public var column: String?
        /// Header labels, top-down.
        public var header: [String]
    }

    /// The names of the layouts shipped in Templates/.
    public static let builtInNames = ["national", "shanghai", "central"]

    /// The shipped layouts, decoded once from the files embedded in the binary.
    private static let shipped: [String: Result<Layout, JuesuanError>] = Dictionary(
        uniqueKeysWithValues: builtInNames.map { name in
            guard let text = EmbeddedTemplates.files["\(name).json"] else {
                return (
                    name, .failure(JuesuanError(.invalidLayout, "the layout \(name) is not embedded in this build"))
                )
            }
            return (
                name,
                Result { () throws(JuesuanError) in try decode(Data(text.utf8), source: "Templates/\(name).json") }
            )
        })

    /// A shipped layout by name.
    /// - Throws: `JuesuanError.invalidLayout` for an unknown name or a malformed file.
    public static func builtIn(_ name: String) throws(JuesuanError) -> Layout {
        guard let layout = shipped[name] else {
            throw JuesuanError(
                .invalidLayout, "unknown layout \"\(name)\" (expected one of \(builtInNames.joined(separator: ", ")))")
        }
        return try layout.get()
    }

    /// The footnotes any shipped layout prints under a table (the reader leaves them out of the model).
    static func shippedFootnotes(_ id: TableID) -> Set<String> { footnotesByTable[id] ?? [] }

    private static let footnotesByTable: [TableID: Set<String>] = Dictionary(
        uniqueKeysWithValues: TableID.allCases.map { id in
            (id, Set(builtInNames.compactMap { try? builtIn($0) }.flatMap { $0.table(id).footnotes ?? [] }))
        })

    /// A layout from a file.
    public static func load(_ url: URL) throws(JuesuanError) -> Layout {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw JuesuanError(.io, "cannot read the layout file", file: url.path)
        }
        return try decode(data, source: url.path)
    }

    static func decode(_ data: Data, source: String) throws(JuesuanError) -> Layout {
        let layout: Layout
        do { layout = try JSONDecoder().decode(Layout.self, from: data) } catch let e as DecodingError {
            throw JuesuanError(.invalidLayout, DocumentJSON.describe(e), file: source)
        } catch {
            throw JuesuanError(.invalidLayout, "\(error)", file: source)
        }
        try layout.check(source: source)
        return layout
    }

    /// The layout of a table (every layout covers all nine).
    public func table(_ id: TableID) -> TableLayout { tables[id.rawValue]! }

    /// Verifies that every table is covered and every amount column is one of the table's.
    func check(source: String) throws(JuesuanError) {
        if let order, Set(order) != Set(TableID.allCases.map(\.rawValue)) || order.count != TableID.allCases.count {
            throw JuesuanError(
                .invalidLayout, "order: must name each of 公开01表 … 公开09表 once (got \(order.joined(separator: " ")))",
                file: source)
        }
        let numbers = tables.compactMap { $0.value.number }
        for n in numbers where TableID(number: n) == nil {
            throw JuesuanError(.invalidLayout, "number: \"\(n)\" is not a 表号 公开01表 … 公开09表", file: source)
        }
        let printed = TableID.allCases.map { tables[$0.rawValue]?.number ?? $0.rawValue }
        if Set(printed).count != printed.count {
            throw JuesuanError(.invalidLayout, "number: two tables would print the same 表号", file: source)
        }
        for id in TableID.allCases {
            guard let t = tables[id.rawValue] else {
                throw JuesuanError(.invalidLayout, "tables.\(id.rawValue): is missing", file: source)
            }
            if t.panels.isEmpty {
                throw JuesuanError(.invalidLayout, "tables.\(id.rawValue).panels: is empty", file: source)
            }
            for (p, panel) in t.panels.enumerated() {
                if panel.columns.isEmpty {
                    throw JuesuanError(
                        .invalidLayout, "tables.\(id.rawValue).panels[\(p)].columns: is empty", file: source)
                }
                let allowed = id.spec.columns(for: panel.side)
                for (c, col) in panel.columns.enumerated() {
                    let at = "tables.\(id.rawValue).panels[\(p)].columns[\(c)]"
                    if col.header.isEmpty {
                        throw JuesuanError(.invalidLayout, "\(at).header: is empty", file: source)
                    }
                    if col.kind == .amount {
                        guard let name = col.column, allowed.contains(ColumnName(rawValue: name)) else {
                            throw JuesuanError(
                                .invalidLayout,
                                "\(at).column: \"\(col.column ?? "")\" is not a column of \(id.rawValue)", file: source)
                        }
                    }
                }
            }
        }
    }

    /// The 表号 this layout prints for a table (its own unless the layout renumbers it).
    public func printedNumber(_ id: TableID) -> String { table(id).number ?? id.rawValue }

    /// True when the layout prints some table under another 表号 than this project's.
    public var renumbers: Bool { TableID.allCases.contains { printedNumber($0) != $0.rawValue } }

    /// The title printed for a table: the layout's own title when the document carries the
    /// canonical one, otherwise the document's title as it was printed.
    public func printedTitle(_ table: Table) -> String {
        if table.title == table.id.spec.title, let own = self.table(table.id).title { return own }
        return table.title
    }

    /// The tables in the order this layout prints them.
    public func ordered(_ tables: [Table]) -> [Table] {
        guard let order else { return tables }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return tables.sorted { (rank[$0.id.rawValue] ?? 99, $0.id) < (rank[$1.id.rawValue] ?? 99, $1.id) }
    }

    /// The sheet name for a table.
    public func sheetName(for table: Table) -> String {
        sheetName.replacingOccurrences(of: "{表号}", with: printedNumber(table.id))
            .replacingOccurrences(of: "{序号}", with: String(table.id.number))
            .replacingOccurrences(of: "{标题}", with: table.id.spec.title)
    }
}
