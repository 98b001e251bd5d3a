import Foundation
import JuesuanModel

/// A layout: how the nine tables are drawn on sheets (Templates/*.json). Data, not code.
public struct Layout: Decodable, Sendable {
    public var name: String
    public var description: String
    /// `{表号}`, `{序号}` and `{标题}` are replaced per table.
    public var sheetName: String
    public var tableNumberLine: Bool
    public var departmentLabel: String
    public var unitLabel: String
    public var columnNumbers: Bool
    public var columnNumberLabel: String
    public var tables: [String: TableLayout]

    /// How one table is drawn.
    public struct TableLayout: Decodable, Sendable {
        public var panels: [Panel]
        public var anchors: [[String]]?
        public var footnotes: [String]?
    }

    /// A block of columns; panels sit side by side.
    public struct Panel: Decodable, Sendable {
        public var side: Side?
        public var group: String?
        public var columns: [Column]
    }

    /// One printed column.
    public struct Column: Decodable, Sendable {
        public enum Kind: String, Decodable, Sendable { case code, name, line, amount }
        public var kind: Kind
        /// The canonical column an amount column shows.
        public var column: String?
        /// Header labels, top-down.
        public var header: [String]
    }

    /// The names of the layouts shipped in Templates/.
    public static let builtInNames = ["national", "shanghai"]

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

    /// The sheet name for a table.
    public func sheetName(for table: Table) -> String {
        sheetName.replacingOccurrences(of: "{表号}", with: table.id.rawValue)
            .replacingOccurrences(of: "{序号}", with: String(table.id.number))
            .replacingOccurrences(of: "{标题}", with: table.id.spec.title)
    }
}
