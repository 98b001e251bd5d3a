/// One result of a 勾稽关系 check: which rule, how bad, where, and the two sides.
public struct Finding: Hashable, Sendable, Codable {
    /// How bad a finding is.
    public enum Severity: String, Sendable, Codable, Comparable {
        /// A miss within the rounding envelope of the printed figures.
        case warning
        /// A miss larger than rounding explains, or a broken inequality.
        case error

        /// Warnings sort before errors.
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// The rule's id, e.g. `01.income-total` or `04-05.category`.
    public var rule: String
    /// Error or rounding warning.
    public var severity: Severity
    /// The table the left side is in.
    public var table: TableID
    /// The row (item, code and name) and column of the left side.
    public var row: String
    /// The canonical column of the left side, when the rule is about one column.
    public var column: String?
    /// What the left side is, and its amount.
    public var leftLabel: String
    /// The left side's amount, as a decimal.
    public var left: String
    /// What the right side is (a sum, another table's cell), and its amount.
    public var rightLabel: String
    /// The right side's amount (a sum, another cell), as a decimal.
    public var right: String
    /// left − right.
    public var difference: String
    /// `==`, `<=` or `>=`.
    public var relation: String
    /// Where the values came from (`公开01表!C8`), when read from a workbook.
    public var sources: [String]
    /// For a finding about the 说明: the section the figure is in (`五（二）`).
    public var section: String? = nil
    /// For a finding about the 说明: a short excerpt of the text around the figure.
    public var excerpt: String? = nil

    /// One line for people:
    /// `error 01.income-total: 公开01表 本年收入合计 [收入/金额] 263.72 ≠ Σ income items 263.70 (difference 0.02) at 公开01表!C15`.
    public var line: String {
        if let excerpt { return narrativeLine(excerpt) }
        var s = "\(severity.rawValue) \(rule): \(leftLabel) \(left)"
        // Whole-table rules compare states, not amounts.
        if difference == "—" { return s + ", while \(rightLabel) \(right)" }
        switch relation {
        case "<=": s += " > \(rightLabel) \(right) (should be ≤; difference \(difference))"
        case ">=": s += " < \(rightLabel) \(right) (should be ≥; difference \(difference))"
        default:
            s +=
                " ≠ \(rightLabel) \(right) (difference \(difference)\(severity == .warning ? ", within rounding" : ""))"
        }
        if !sources.isEmpty { s += " at " + sources.joined(separator: ", ") }
        return s
    }

    /// The line of a finding about the 说明:
    /// `error narrative.share: 五（二） «住房保障支出（类）24.42万元，占9.35%»: 住房保障支出 占 9.35%, the tables give 9.26% (公开05表 221 [合计] ÷ 公开05表 合计 [合计]; difference 0.09)`.
    private func narrativeLine(_ excerpt: String) -> String {
        var s = "\(severity.rawValue) \(rule): \(section.map { $0 + " " } ?? "")«\(excerpt)»: \(leftLabel) \(left)"
        if difference == "—" {
            s += ", while \(rightLabel) \(right)"
        } else {
            s += ", the tables give \(right) (\(rightLabel); difference \(difference))"
        }
        if !sources.isEmpty { s += " at " + sources.joined(separator: ", ") }
        return s
    }
}
