/// Looks values up in a document for the rules, and turns comparisons into findings.
public struct CheckContext {
    public let document: Document
    /// Where a value came from: (table, row index, column) → `Sheet!B7`.
    public let locate: (TableID, Int, String) -> String?

    public init(document: Document, locate: @escaping (TableID, Int, String) -> String? = { _, _, _ in nil }) {
        self.document = document
        self.locate = locate
    }

    /// A cell taking part in a check.
    public struct Term {
        var amount: Amount
        var printed: Bool
        var source: String?
        var label: String
    }

    func table(_ id: TableID) -> Table? { document[id] }

    func rowIndex(_ id: TableID, item: String, side: Side? = nil) -> Int? {
        table(id)?.rows.firstIndex { $0.item == item && (side == nil || $0.side == side) }
    }

    func rowIndex(_ id: TableID, code: String, side: Side? = nil) -> Int? {
        table(id)?.rows.firstIndex { $0.code == code && (side == nil || $0.side == side) }
    }

    /// The term at (table, row, column): blank and dashes count as zero.
    func term(_ id: TableID, _ index: Int, _ column: String) -> Term {
        let row = table(id)!.rows[index]
        let v = row.values[column]
        let label =
            "\(id.rawValue) \(row.item ?? [row.code, row.name].compactMap { $0 }.joined(separator: " ")) [\(column)]"
        return Term(
            amount: v?.numeric ?? .zero(scale: 0), printed: v?.amount != nil, source: locate(id, index, column),
            label: label)
    }

    func term(_ id: TableID, item: String, side: Side? = nil, _ column: String) -> Term? {
        rowIndex(id, item: item, side: side).map { term(id, $0, column) }
    }

    func term(_ id: TableID, code: String, side: Side? = nil, _ column: String) -> Term? {
        rowIndex(id, code: code, side: side).map { term(id, $0, column) }
    }

    /// Half a unit of the last printed decimal of each term: how far rounding can move a sum.
    static func envelope(_ terms: [Term]) -> Amount {
        let scale = terms.map(\.amount.scale).max() ?? 2
        var total: Int64 = 0
        for t in terms {
            // 0.5 × 10^-scale(t), expressed at `scale`; unprinted (blank) terms are exact.
            guard t.printed else { continue }
            total += 5 * Amount.pow10(scale - t.amount.scale)
        }
        return Amount(units: total, scale: scale + 1)
    }

    /// `left == Σ right`; a finding when it is not.
    func equal(_ rule: String, _ left: Term?, _ right: [Term?], rightLabel: String, table: TableID, column: String?)
        -> Finding?
    {
        guard let left else { return nil }
        let parts = right.compactMap { $0 }
        guard let sum = Amount.sum(parts.map(\.amount)), let diff = left.amount.subtracting(sum) else { return nil }
        if diff.isZero { return nil }
        let env = CheckContext.envelope([left] + parts)
        let severity: Finding.Severity = diff.magnitude.compare(env) == .greater ? .error : .warning
        return finding(
            rule, severity, left, sum: sum, diff: diff, rightLabel: rightLabel, relation: "==", table: table,
            column: column, sources: ([left] + parts).compactMap(\.source))
    }

    /// `left ≤ right` (or ≥ with `atMost: false`); always an error when broken.
    func inequality(_ rule: String, _ left: Term?, _ right: Term?, atMost: Bool, table: TableID, column: String?)
        -> Finding?
    {
        guard let left, let right, let diff = left.amount.subtracting(right.amount) else { return nil }
        let broken = atMost ? diff.compare(.zero()) == .greater : diff.compare(.zero()) == .less
        guard broken else { return nil }
        return finding(
            rule, .error, left, sum: right.amount, diff: diff, rightLabel: right.label, relation: atMost ? "<=" : ">=",
            table: table, column: column, sources: [left.source, right.source].compactMap { $0 })
    }

    private func finding(
        _ rule: String, _ severity: Finding.Severity, _ left: Term, sum: Amount, diff: Amount, rightLabel: String,
        relation: String, table: TableID, column: String?, sources: [String]
    ) -> Finding {
        Finding(
            rule: rule, severity: severity, table: table, row: left.label, column: column, leftLabel: left.label,
            left: left.amount.description,
            rightLabel: rightLabel, right: sum.description, difference: diff.description, relation: relation,
            sources: sources)
    }
}
