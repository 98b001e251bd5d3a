/// Looks values up in a document for the rules, and turns comparisons into findings.
///
/// Rows are indexed by code and by item once, when the context is made, so every lookup is a
/// dictionary access and no rule is worse than linear in the number of rows.
public struct CheckContext {
    public let document: Document
    /// Where a value came from: (table, row index, column) → `Sheet!B7`.
    public let locate: (TableID, Int, String) -> String?
    private let index: [TableID: RowIndex]

    /// A table's rows by key, first occurrence wins (as a reader of the printed table would take it).
    struct RowIndex {
        var byCode: [String: Int] = [:]
        var byCodeAndSide: [Side: [String: Int]] = [:]
        var byItem: [String: Int] = [:]
        var byItemAndSide: [Side: [String: Int]] = [:]
        /// Row indexes of the children of each code (款 under a 类, 项 under a 款), in row order.
        var children: [String: [Int]] = [:]
        /// The coded rows, in row order, each code once (its first row).
        var coded: [(index: Int, code: String)] = []

        init(_ table: Table) {
            for (i, r) in table.rows.enumerated() {
                if let code = r.code {
                    if let s = r.side, byCodeAndSide[s]?[code] == nil { byCodeAndSide[s, default: [:]][code] = i }
                    // A code printed twice is checked once, at its first row (a second copy is the
                    // importer's to report), so that repeated rows cannot make the tree checks quadratic.
                    guard byCode[code] == nil else { continue }
                    byCode[code] = i
                    if let parent = Catalogue.parent(of: code) { children[parent, default: []].append(i) }
                    coded.append((i, code))
                }
                if let item = r.item {
                    if byItem[item] == nil { byItem[item] = i }
                    if let s = r.side, byItemAndSide[s]?[item] == nil { byItemAndSide[s, default: [:]][item] = i }
                }
            }
        }
    }

    /// - Parameter locate: where the value at (table, 0-based row index, canonical column) was read.
    public init(document: Document, locate: @escaping (TableID, Int, String) -> String? = { _, _, _ in nil }) {
        self.document = document
        self.locate = locate
        self.index = document.tables.mapValues(RowIndex.init)
    }

    /// A cell taking part in a check. Where it was read and how it is named are worked out only
    /// when a finding is made (most comparisons hold, and a large table has millions of terms).
    public struct Term {
        var amount: Amount
        var printed: Bool
        /// The cell the term was read from: (table, row index, column); nil for a term made up by a rule.
        var origin: (table: TableID, row: Int, column: ColumnName)?
        /// The label of a term made up by a rule.
        var fixedLabel: String?

        init(amount: Amount, printed: Bool, origin: (table: TableID, row: Int, column: ColumnName)?) {
            self.amount = amount
            self.printed = printed
            self.origin = origin
        }

        init(amount: Amount, printed: Bool, source: String?, label: String) {
            self.amount = amount
            self.printed = printed
            self.fixedLabel = label
        }
    }

    /// `公开05表 2010301 行政运行 [合计]`.
    func label(_ t: Term) -> String {
        if let fixed = t.fixedLabel { return fixed }
        guard let (id, index, column) = t.origin else { return "?" }
        let row = document.tables[id]?.rows[index]
        let name = row.map { $0.item ?? [$0.code, $0.name].compactMap { $0 }.joined(separator: " ") } ?? "?"
        return "\(id.rawValue) \(name) [\(column)]"
    }

    /// Where the term was read (`Sheet!B7`), when known.
    func source(_ t: Term) -> String? {
        guard let (id, index, column) = t.origin else { return nil }
        return locate(id, index, column.rawValue)
    }

    func table(_ id: TableID) -> Table? { document[id] }

    func rowIndex(_ id: TableID, item: ItemName, side: Side? = nil) -> Int? {
        guard let ix = index[id] else { return nil }
        if let side { return ix.byItemAndSide[side]?[item.rawValue] }
        return ix.byItem[item.rawValue]
    }

    func rowIndex(_ id: TableID, code: String, side: Side? = nil) -> Int? {
        guard let ix = index[id] else { return nil }
        if let side { return ix.byCodeAndSide[side]?[code] }
        return ix.byCode[code]
    }

    /// The coded rows of a table, in row order.
    func codedRows(_ id: TableID) -> [(index: Int, code: String)] { index[id]?.coded ?? [] }

    /// The rows whose code is a child of `code`.
    func children(_ id: TableID, of code: String) -> [Int] { index[id]?.children[code] ?? [] }

    /// The term at (table, row, column): blank and dashes count as zero.
    func term(_ id: TableID, _ index: Int, _ column: ColumnName) -> Term {
        guard let t = document.tables[id] else {
            return Term(amount: .zero(scale: 0), printed: false, origin: (id, index, column))
        }
        return term(t, index, column)
    }

    /// The term at (row, column) of a table already looked up (the rules that walk every row).
    func term(_ t: Table, _ index: Int, _ column: ColumnName) -> Term {
        let v = t.rows[index].values[column.rawValue]
        return Term(amount: v?.numeric ?? .zero(scale: 0), printed: v?.amount != nil, origin: (t.id, index, column))
    }

    func term(_ id: TableID, item: ItemName, side: Side? = nil, _ column: ColumnName) -> Term? {
        rowIndex(id, item: item, side: side).map { term(id, $0, column) }
    }

    func term(_ id: TableID, code: String, side: Side? = nil, _ column: ColumnName) -> Term? {
        rowIndex(id, code: code, side: side).map { term(id, $0, column) }
    }

    /// An amount (blank and dash: zero) as a 128-bit count of 10^-10 units, where every amount
    /// fits exactly and a sum of millions cannot overflow.
    @inline(__always)
    static func wide(_ v: Value?) -> Int128 {
        guard case .amount(let a)? = v else { return 0 }
        return Int128(a.units) * Int128(Amount.pow10(Amount.maxScale - a.scale))
    }

    /// True when row `index`'s `column` equals the sum of the same column over `rows`, exactly.
    /// The fast test before `equal`: when it holds, `equal` would find nothing; when it does not,
    /// `equal` decides (and may still find nothing, as on an overflow).
    static func exactlyEqual(_ t: Table, _ index: Int, _ column: ColumnName, sumOfRows rows: [Int]) -> Bool {
        var sum: Int128 = 0
        for r in rows { sum += wide(t.rows[r].values[column.rawValue]) }
        return sum == wide(t.rows[index].values[column.rawValue])
    }

    /// True when `row`'s `total` equals the sum of its `parts` columns, exactly (see above).
    static func exactlyEqual(_ row: Row, _ total: ColumnName, sumOfColumns parts: [ColumnName]) -> Bool {
        var sum: Int128 = 0
        for c in parts { sum += wide(row.values[c.rawValue]) }
        return sum == wide(row.values[total.rawValue])
    }

    /// How far rounding can move a comparison, as a whole number of units at `scale`, doubled:
    /// each printed term may be off by half a unit of its last decimal, so the doubled envelope is
    /// one unit of each term's last decimal, expressed at the finest scale among them. Doubling
    /// keeps the envelope at the terms' own finest scale (an amount of 10 decimals has no room
    /// for the half unit's extra digit). Nil when it does not fit (then nothing is within rounding).
    static func doubledEnvelope(_ terms: [Term]) -> (units: Int64, scale: Int)? {
        let scale = terms.map(\.amount.scale).max() ?? 0
        var total: Int64 = 0
        for t in terms where t.printed {
            let (sum, overflow) = total.addingReportingOverflow(Amount.pow10(scale - t.amount.scale))
            if overflow { return nil }
            total = sum
        }
        return (total, scale)
    }

    /// True when |diff| lies outside the rounding envelope of the terms.
    static func beyondRounding(_ diff: Amount, _ terms: [Term]) -> Bool {
        guard let (env, scale) = doubledEnvelope(terms),
            let d = try? diff.magnitude.rescaled(to: max(scale, diff.scale))
        else { return true }
        let envAtD = Amount(units: env, scale: scale)
        guard let e = try? envAtD.rescaled(to: d.scale) else { return true }
        let (twice, overflow) = d.units.multipliedReportingOverflow(by: 2)
        return overflow || twice > e.units
    }

    /// `left == Σ right`; a finding when it is not (the rule id is filled in by the rule).
    func equal(_ left: Term?, _ right: [Term?], rightLabel: String, table: TableID, column: ColumnName?) -> Finding? {
        guard let left else { return nil }
        let parts = right.compactMap { $0 }
        guard let sum = Amount.sum(parts.map(\.amount)), let diff = left.amount.subtracting(sum) else { return nil }
        if diff.isZero { return nil }
        let severity: Finding.Severity = CheckContext.beyondRounding(diff, [left] + parts) ? .error : .warning
        return finding(
            severity, left, sum: sum, diff: diff, rightLabel: rightLabel, relation: "==", table: table,
            column: column, sources: ([left] + parts).compactMap(source))
    }

    /// `left ≤ right` (or ≥ with `atMost: false`); always an error when broken.
    func inequality(_ left: Term?, _ right: Term?, atMost: Bool, table: TableID, column: ColumnName?) -> Finding? {
        guard let left, let right, let diff = left.amount.subtracting(right.amount) else { return nil }
        let broken = atMost ? diff.compare(.zero()) == .greater : diff.compare(.zero()) == .less
        guard broken else { return nil }
        return finding(
            .error, left, sum: right.amount, diff: diff, rightLabel: label(right), relation: atMost ? "<=" : ">=",
            table: table, column: column, sources: [source(left), source(right)].compactMap { $0 })
    }

    private func finding(
        _ severity: Finding.Severity, _ left: Term, sum: Amount, diff: Amount, rightLabel: String,
        relation: String, table: TableID, column: ColumnName?, sources: [String]
    ) -> Finding {
        Finding(
            rule: "", severity: severity, table: table, row: label(left), column: column?.rawValue,
            leftLabel: label(left), left: left.amount.description, rightLabel: rightLabel, right: sum.description,
            difference: diff.description, relation: relation, sources: sources)
    }
}
