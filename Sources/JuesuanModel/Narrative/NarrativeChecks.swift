/// Comparing one figure of the 说明 with the tables.
extension NarrativeRun {
    mutating func check(_ figure: NarrativeFigure, in section: NarrativeText.Section, clause: String) {
        if let reason = NarrativeRun.outsideTheTables(section.kind, clause: clause, subject: current) {
            return unchecked(reason, figure)
        }
        if figure.kind == .count { return unchecked(.counts, figure) }
        if figure.kind == .percent { return unchecked(.unrecognised, figure) }
        guard let subject = current else { return unchecked(.unrecognised, figure) }
        // A name the table does not print has its own finding; its figures cannot be placed.
        if subject.unresolved { return }
        switch figure.kind {
        case .amount:
            guard let m = subject.amount else { return unchecked(.unrecognised, figure) }
            compareAmount(figure, m, subject: subject, section: section)
        case .budget:
            if let m = subject.budget {
                compareAmount(figure, m, subject: subject, section: section)
            } else {
                statedBudget = figure.value
                unchecked(.initialBudget, figure)
            }
        case .share:
            guard let m = subject.amount, let base = subject.shareBase else { return unchecked(.unrecognised, figure) }
            guard let (a, ar) = m.lookup(document), let (b, br) = base.lookup(document) else {
                return unchecked(.tableMissing, figure)
            }
            report.compared += 1
            let expected = b.isZero ? Amount.zero(scale: figure.value!.scale) : NarrativeRun.percent(a, of: b, figure)
            comparePercent(
                ID.share, figure, expected, subject: subject, what: "占", measure: m,
                how: "\(m.label(in: document)) ÷ \(base.label(in: document))",
                sources: sources([(m, ar), (base, br)]), section: section)
        case .change, .growth:
            guard let m = subject.changeMeasure else { return unchecked(.unrecognised, figure) }
            guard let previous else { return unchecked(.lastYear, figure) }
            guard let (a, ar) = m.lookup(document), let (last, _) = m.lookup(previous) else {
                return unchecked(.tableMissing, figure)
            }
            report.compared += 1
            if figure.kind == .change {
                let now = converted(a, to: figure), before = converted(last, to: figure)
                let expected = now.flatMap { n in before.flatMap { n.subtracting($0) } }
                compareExact(
                    ID.change, figure, expected, subject: subject, what: "与上年相比增减", measure: m,
                    how: "\(m.label(in: document)) − last year's", sources: sources([(m, ar)]), section: section)
            } else {
                rate(
                    ID.growth, figure, actual: a, base: last, subject: subject, measure: m,
                    how: "(\(m.label(in: document)) − last year's) ÷ last year's", sources: sources([(m, ar)]),
                    section: section)
            }
        case .budgetRate, .completionRate:
            guard let m = subject.amount, let (a, ar) = m.lookup(document) else {
                return unchecked(subject.amount == nil ? .unrecognised : .tableMissing, figure)
            }
            var budget: Amount?
            var budgetLabel = "the 预算数 the text gives"
            var cells = [(m, ar)]
            if let bm = subject.budget, let (b, br) = bm.lookup(document) {
                budget = b
                budgetLabel = bm.label(in: document)
                cells.append((bm, br))
            } else if let stated = statedBudget {
                budget = stated
            }
            guard let budget else { return unchecked(.initialBudget, figure) }
            report.compared += 1
            if figure.kind == .budgetRate {
                rate(
                    ID.budgetRate, figure, actual: a, base: budget, subject: subject, measure: m,
                    how: "(\(m.label(in: document)) − \(budgetLabel)) ÷ \(budgetLabel)", sources: sources(cells),
                    section: section)
            } else {
                let expected = budget.isZero ? nil : NarrativeRun.percent(a, of: budget, figure)
                comparePercent(
                    ID.completionRate, figure, expected, subject: subject, what: "完成预算", measure: m,
                    how: "\(m.label(in: document)) ÷ \(budgetLabel)", sources: sources(cells), section: section)
            }
        case .count, .percent:
            break
        }
    }

    /// Figures of sections (or, in 其他需说明的事项, of clauses) that the nine tables do not cover.
    static func outsideTheTables(_ kind: NarrativeText.Kind, clause: String, subject: Subject?)
        -> UncheckedFigure.Reason?
    {
        switch kind {
        case .procurement: return .procurement
        case .assets: return .assets
        case .performance: return .performance
        case .other:
            if subject != nil { return nil }
            if ["政府采购", "中小企业", "小微企业"].contains(where: clause.contains) { return .procurement }
            if ["资产", "房屋", "车辆"].contains(where: clause.contains) { return .assets }
            if clause.contains("绩效") { return .performance }
            return nil
        default: return nil
        }
    }

    mutating func unchecked(_ reason: UncheckedFigure.Reason, _ figure: NarrativeFigure) {
        report.unchecked.append(UncheckedFigure(reason: reason, figure: figure))
    }

    func sources(_ cells: [(Measure, Int?)]) -> [String] {
        cells.compactMap { m, row in row.flatMap { locate(m.table, $0, m.column.rawValue) } }
    }

    /// A table amount in the text's unit (元 or 万元), at the text's decimals (rounding half up).
    func converted(_ amount: Amount, to figure: NarrativeFigure) -> Amount? {
        let unit: AmountUnit = figure.unit == AmountUnit.yuan.rawValue ? .yuan : .wanYuan
        guard let value = figure.value, let c = try? amount.converted(from: document.unit, to: unit) else { return nil }
        return try? c.rescaled(to: value.scale)
    }

    mutating func compareAmount(
        _ figure: NarrativeFigure, _ m: Measure, subject: Subject, section: NarrativeText.Section
    ) {
        guard let (a, row) = m.lookup(document) else { return unchecked(.tableMissing, figure) }
        report.compared += 1
        compareExact(
            ID.amount, figure, converted(a, to: figure), subject: subject,
            what: figure.kind == .budget ? "预算数" : "", measure: m, how: m.label(in: document),
            sources: sources([(m, row)]), section: section)
    }

    /// An amount that must equal the table's, at the text's decimals.
    mutating func compareExact(
        _ rule: String, _ figure: NarrativeFigure, _ expected: Amount?, subject: Subject, what: String,
        measure: Measure, how: String, sources: [String], section: NarrativeText.Section
    ) {
        guard let value = figure.value, let expected, let diff = value.subtracting(expected), !diff.isZero else {
            return
        }
        report.findings.append(
            finding(
                rule, .error, figure, subject: subject, what: what, said: value.description + figure.unit,
                gives: expected.description + figure.unit, how: how, difference: diff.description, measure: measure,
                sources: sources, section: section))
    }

    /// A percentage that may miss the quotient by one unit of its last printed decimal.
    mutating func comparePercent(
        _ rule: String, _ figure: NarrativeFigure, _ expected: Amount?, subject: Subject, what: String,
        measure: Measure, how: String, sources: [String], section: NarrativeText.Section
    ) {
        guard let value = figure.value, let expected, let diff = value.subtracting(expected) else { return }
        if diff.magnitude.compare(Amount(units: 1, scale: value.scale)) != .greater { return }
        report.findings.append(
            finding(
                rule, .error, figure, subject: subject, what: what, said: value.description + "%",
                gives: expected.description + "%", how: how, difference: diff.description, measure: measure,
                sources: sources, section: section))
    }

    /// A rate (actual − base) / base against its figure, with the zero-base convention.
    mutating func rate(
        _ rule: String, _ figure: NarrativeFigure, actual: Amount, base: Amount, subject: Subject, measure: Measure,
        how: String, sources: [String], section: NarrativeText.Section
    ) {
        let what = rule == ID.growth ? "增长/下降" : "预决算差异率"
        let scale = figure.value?.scale ?? conventions.rateDecimals
        if base.isZero {
            if actual.isZero {
                // Nothing against nothing: 0.00% (or 不可比, which is not wrong either).
                if figure.value != nil {
                    comparePercent(
                        rule, figure, .zero(scale: scale), subject: subject, what: what, measure: measure, how: how,
                        sources: sources, section: section)
                }
                return
            }
            let hundred = Amount(units: 100 * Amount.pow10(scale) * (actual.isNegative ? -1 : 1), scale: scale)
            switch (conventions.zeroBase, figure.value) {
            case (.hundredPercent, .some):
                comparePercent(
                    rule, figure, hundred, subject: subject, what: what, measure: measure, how: how + " (zero base)",
                    sources: sources, section: section)
            case (.notComparable, nil):
                return
            case (.hundredPercent, nil), (.notComparable, .some):
                let expected = conventions.zeroBase == .hundredPercent ? "增长\(hundred)%" : "不可比"
                report.findings.append(
                    finding(
                        rule, .warning, figure, subject: subject, what: what, said: figure.printed,
                        gives: "\(expected) (zero base; the convention chosen writes it so)", how: how,
                        difference: "—", measure: measure, sources: sources, section: section))
            }
            return
        }
        guard figure.value != nil, let diff = actual.subtracting(base) else {
            // 不可比 against a base that is not zero.
            let expected = actual.subtracting(base).flatMap { NarrativeRun.percent($0, of: base, scale: scale) }
            report.findings.append(
                finding(
                    rule, .error, figure, subject: subject, what: what, said: figure.printed,
                    gives: expected.map { "\($0)%" } ?? "a rate", how: how + " (the base is not zero)",
                    difference: "—", measure: measure, sources: sources, section: section))
            return
        }
        comparePercent(
            rule, figure, NarrativeRun.percent(diff, of: base, scale: scale), subject: subject, what: what,
            measure: measure, how: how, sources: sources, section: section)
    }

    func finding(
        _ rule: String, _ severity: Finding.Severity, _ figure: NarrativeFigure, subject: Subject, what: String,
        said: String, gives: String, how: String, difference: String, measure: Measure, sources: [String],
        section: NarrativeText.Section
    ) -> Finding {
        Finding(
            rule: rule, severity: severity, table: measure.table, row: measure.rowLabel(in: document),
            column: measure.column.rawValue, leftLabel: what.isEmpty ? subject.name : "\(subject.name) \(what)",
            left: said, rightLabel: how, right: gives, difference: difference, relation: "==", sources: sources,
            section: section.label, excerpt: figure.excerpt)
    }

    static func percent(_ a: Amount, of b: Amount, _ figure: NarrativeFigure) -> Amount? {
        percent(a, of: b, scale: figure.value?.scale ?? 2)
    }

    /// a ÷ b × 100 at `scale` decimals, rounding half away from zero; nil when b is zero or the
    /// result does not fit. Exact for every pair of amounts, whatever their scales (128-bit
    /// intermediate), so the draft and the check always agree.
    static func percent(_ a: Amount, of b: Amount, scale: Int) -> Amount? {
        guard !b.isZero, (0...Amount.maxScale).contains(scale) else { return nil }
        // a.units / 10^a.scale ÷ (b.units / 10^b.scale) × 100 × 10^scale = a.units × 10^e ÷ b.units.
        let e = b.scale - a.scale + 2 + scale
        var denominator = b.units.magnitude
        let high: UInt64
        let low: UInt64
        if e >= 0 {
            guard e <= 19 else { return nil }
            (high, low) = a.units.magnitude.multipliedFullWidth(by: UInt64(Amount.pow10(e)))
        } else {
            let (d, overflow) = denominator.multipliedReportingOverflow(by: UInt64(Amount.pow10(-e)))
            // A denominator past 2^64 is more than twice any numerator: the quotient rounds to 0.
            if overflow { return Amount(units: 0, scale: scale) }
            denominator = d
            (high, low) = (0, a.units.magnitude)
        }
        guard high < denominator else { return nil }
        var (q, r) = denominator.dividingFullWidth((high, low))
        if r >= denominator - r {
            let (up, overflow) = q.addingReportingOverflow(1)
            guard !overflow else { return nil }
            q = up
        }
        guard q <= UInt64(Int64.max) else { return nil }
        let negative = (a.units < 0) != (b.units < 0)
        return Amount(units: negative ? -Int64(q) : Int64(q), scale: scale)
    }
}
