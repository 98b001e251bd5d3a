/// One figure the 说明 states: what kind of figure, its value as printed, and where.
public struct NarrativeFigure: Hashable, Sendable {
    /// What a figure is, from the words before it.
    public enum Kind: String, Sendable, CaseIterable {
        /// An amount (元 or 万元): `基本支出220.02万元`, `决算数14.66万元`.
        case amount
        /// A 预算数 (年初预算数, 全年预算数).
        case budget
        /// A share: `占83.43%`.
        case share
        /// A change against last year: `增加1.75万元`, `减少122.51万元` (signed).
        case change
        /// A rate of change against last year: `增长100.00%`, `下降31.72%` (signed), or 不可比.
        case growth
        /// 预决算差异率 = (决算 − 预算) / 预算.
        case budgetRate
        /// 完成预算的X% = 决算 / 预算.
        case completionRate
        /// A count: 个, 人次, 辆, 批次 ….
        case count
        /// A percentage whose meaning the words do not tell.
        case percent
    }

    /// The section it is in (`五（二）`).
    public var section: String
    /// What kind of figure it is.
    public var kind: Kind
    /// The value as printed, signed for changes (nil for 不可比).
    public var value: Amount?
    /// 万元, 元, %, or the count's unit.
    public var unit: String
    /// The words the text gives for what the figure is of (nil when not recognised).
    public var subject: String?
    /// A short excerpt of the text ending with the figure.
    public var excerpt: String

    /// `五（二） share 9.25% of 住房保障支出（类） «住房保障支出（类）24.42万元，占9.25%»`.
    public var line: String {
        "\(section) \(kind.rawValue) \(printed)" + (subject.map { " of \($0)" } ?? "") + " «\(excerpt)»"
    }

    /// The figure as the text prints it, with its unit: `-43.71%`, `263.72万元`, `不可比`.
    public var printed: String {
        guard let value else { return "不可比" }
        let magnitude = kind == .change || kind == .growth ? value.magnitude : value
        return magnitude.description + unit
    }
}

/// A figure of the 说明 that the tables cannot confirm, and why.
public struct UncheckedFigure: Hashable, Sendable {
    /// Why a figure cannot be checked against the nine tables.
    public enum Reason: String, Sendable, CaseIterable, Comparable {
        /// A change or rate against last year, and no last year's tables were given (`--previous`).
        case lastYear = "last year's figures (give last year's tables to check them)"
        /// A 年初预算数 (or a rate against it): budgets other than 三公's are in none of the nine tables.
        case initialBudget = "年初预算数 (in none of the nine tables)"
        /// 政府采购 figures.
        case procurement = "政府采购 (in none of the nine tables)"
        /// 国有资产 figures.
        case assets = "国有资产 (in none of the nine tables)"
        /// 预算绩效 figures.
        case performance = "绩效 (in none of the nine tables)"
        /// Counts: people, vehicles, groups, batches.
        case counts = "counts of people, vehicles, groups and batches (in none of the nine tables)"
        /// The table the figure comes from is not in the document.
        case tableMissing = "figures of a table the document does not have"
        /// What the figure is of was not recognised.
        case unrecognised = "figures whose meaning was not recognised"

        public static func < (a: Reason, b: Reason) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// Why it cannot be checked.
    public var reason: Reason
    /// The figure.
    public var figure: NarrativeFigure
}

/// What checking a 说明 against its tables found.
public struct NarrativeReport: Sendable {
    /// Mismatches between the text and the tables (rule ids `narrative.…`), in text order.
    public var findings: [Finding] = []
    /// Figures the tables cannot confirm, in text order.
    public var unchecked: [UncheckedFigure] = []
    /// Every figure read, in text order.
    public var figures: [NarrativeFigure] = []
    /// How many figures (and names, and empty-table statements) were compared with the tables.
    public var compared = 0

    /// `说明: 1 error, 0 warnings; 104 figures read, 61 compared, 43 not checkable`.
    public var summary: String {
        let e = findings.filter { $0.severity == .error }.count
        let w = findings.count - e
        return "说明: \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s"); "
            + "\(figures.count) figures read, \(unchecked.count) of them not checkable; \(compared) comparisons with the tables (figures, names, 为空表 statements)"
    }

    /// The figures that cannot be checked, one line per reason: the count and where they are.
    public var uncheckedLines: [String] {
        let grouped = Dictionary(grouping: unchecked, by: \.reason)
        return grouped.keys.sorted().map { reason in
            let list = grouped[reason]!
            var places: [String] = []
            for u in list where !places.contains(u.figure.section) { places.append(u.figure.section) }
            let examples = list.prefix(3).map { "«\($0.figure.excerpt)»" }.joined(separator: ", ")
            return "not checkable: \(list.count) × \(reason.rawValue) in \(places.joined(separator: "、")): \(examples)"
                + (list.count > 3 ? ", …" : "")
        }
    }
}
