import JuesuanModel

/// What a printed column is, decided from its header path.
struct ColumnRole: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// 科目编码 in one column (part nil) or one of 类/款/项 (part 0/1/2).
        case code(part: Int?)
        case name
        case line
        /// An amount column, with its canonical label.
        case amount(ColumnName)
    }
    var col: Int
    var kind: Kind
    /// Panels are blocks of label columns followed by amount columns, side by side.
    var panel: Int
    var side: Side?
    var group: String?
    var path: [String]
}

/// Maps header paths to canonical columns through the label book: a canonical column matches a
/// path when each of its components is (equivalent to) some label of the path, in any order;
/// the match with the most components wins.
struct ColumnMatcher {
    let table: TableID
    let book = LabelBook.shared

    func classes(_ path: [String]) -> Set<String> { Set(path.map(book.columnClass)) }

    /// Each table's canonical columns split into label classes, computed once.
    static let canonicalParts: [TableID: [(ColumnName, [String])]] = Dictionary(
        uniqueKeysWithValues: TableID.allCases.map { id in
            (
                id,
                id.spec.columns.map { column in
                    (
                        column,
                        column.components.map { LabelBook.shared.columnClass(Labels.normalise($0)) }
                    )
                }
            )
        })

    /// The role of a column with this (normalised) header path, or nil when it is not recognised.
    func role(for path: [String]) -> ColumnRole.Kind? {
        guard let last = path.last else { return nil }
        if book.lineColumnLabels.contains(last) { return .line }
        if let part = book.codePartLabels.firstIndex(of: last) { return .code(part: part) }
        if book.codeColumnLabels.contains(last) { return .code(part: nil) }
        if let amount = canonicalColumn(for: path) { return .amount(amount) }
        if book.nameColumnLabels.contains(last) { return .name }
        return nil
    }

    /// Header paths the shipped layouts print, per table: the reader knows its own writer's
    /// headers exactly before it falls back to label equivalences.
    static let layoutPaths: [TableID: [String: ColumnName]] = {
        var out: [TableID: [String: ColumnName]] = [:]
        for name in Layout.builtInNames {
            guard let layout = try? Layout.builtIn(name) else { continue }
            for id in TableID.allCases {
                for panel in layout.table(id).panels {
                    for col in panel.columns where col.kind == .amount {
                        let key = col.header.map(Labels.normalise).joined(separator: "/")
                        out[id, default: [:]][key] = col.column.map(ColumnName.init(rawValue:))
                    }
                }
            }
        }
        return out
    }()

    func canonicalColumn(for path: [String]) -> ColumnName? {
        if let known = ColumnMatcher.layoutPaths[table]?[path.joined(separator: "/")] { return known }
        let have = classes(path.filter { !book.ignoredColumnLabels.contains($0) })
        guard !have.isEmpty else { return nil }
        var best: (column: ColumnName, score: Int)?
        var tie = false
        for (column, parts) in ColumnMatcher.canonicalParts[table] ?? [] {
            guard Set(parts).isSubset(of: have) else { continue }
            if parts.count > best?.score ?? 0 {
                best = (column, parts.count)
                tie = false
            } else if parts.count == best?.score {
                tie = true
            }
        }
        return tie ? nil : best?.column
    }

    /// The side (01/04) or group (06) a path names, from its labels.
    func sideAndGroup(_ path: [String]) -> (Side?, String?) {
        var side: Side?
        var group: String?
        if table.spec.scheme == .twoSided {
            if path.contains(Side.income.rawValue) {
                side = .income
            } else if path.contains(Side.expenditure.rawValue) {
                side = .expenditure
            }
        }
        if table == .t06 {
            for g in [Catalogue.EconomicGroup.personnel, .publicUse] where path.contains(g.rawValue) {
                group = g.rawValue
            }
        }
        return (side, group)
    }
}
