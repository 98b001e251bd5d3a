/// A draft of sections 一 to 九 of a 说明's 第二部分, written from the tables in the seed's
/// wording; what the tables cannot say (reasons, 年初预算数, counts, last year's figures without
/// last year's tables) is left as a marked blank, `【请填写】`.
///
/// The draft reads back: checked against the same tables it gives no errors.
///
/// ```swift
/// let draft = NarrativeDraft(document: doc, previous: lastYear)
/// print(draft.markdown)
/// ```
public struct NarrativeDraft: Sendable {
    /// One paragraph of the draft.
    public struct Paragraph: Sendable, Equatable {
        /// How a paragraph is set.
        public enum Style: Sendable, Equatable {
            /// The document's title.
            case title
            /// 第二部分 部门决算情况说明.
            case part
            /// 一、… 九、.
            case section
            /// （一）….
            case subsection
            /// Text.
            case body
            /// A note to whoever completes the draft (not part of the 说明).
            case note
        }
        /// How the paragraph is set.
        public var style: Style
        /// The paragraph's text.
        public var text: String
    }

    /// The marked blank for what the tables cannot give.
    public static let blank = "【请填写】"

    /// The paragraphs, in order.
    public private(set) var paragraphs: [Paragraph] = []

    private let doc: Document
    private let previous: Document?
    private let conventions: NarrativeConventions

    /// Drafts the 说明's figures from a document.
    /// - Parameters:
    ///   - document: this year's tables (amounts are written in its unit, 元 or 万元).
    ///   - previous: last year's tables; without them the changes against last year are blanks.
    ///   - conventions: the region's zero base, rate decimals and budget wording.
    public init(document: Document, previous: Document? = nil, conventions: NarrativeConventions = .init()) {
        self.doc = document
        self.previous = previous
        self.conventions = conventions
        write()
    }

    /// The draft as Markdown: `#` title, `##` part, `###` sections, `####` sub-sections.
    public var markdown: String {
        paragraphs.map { p in
            switch p.style {
            case .title: return "# " + p.text
            case .part: return "## " + p.text
            case .section: return "### " + p.text
            case .subsection: return "#### " + p.text
            case .body: return p.text
            case .note: return "> " + p.text
            }
        }.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Writing

    private mutating func add(_ style: Paragraph.Style, _ text: String) {
        paragraphs.append(Paragraph(style: style, text: text))
    }

    private var year: String { doc.year.map(String.init) ?? NarrativeDraft.blank }
    private var unit: String { doc.unit.rawValue }
    private static let reason = "主要原因是：" + blank

    /// The amount of a cell as the tables print it (0.00 for a blank or missing cell).
    private func amount(_ m: Measure, in d: Document? = nil) -> Amount {
        guard let a = m.lookup(d ?? doc)?.amount else { return .zero(scale: 2) }
        return a.scale == 0 && a.isZero ? .zero(scale: 2) : a
    }

    private func money(_ m: Measure) -> String { "\(amount(m))\(unit)" }

    private func rate(_ a: Amount, of b: Amount) -> String {
        let d = conventions.rateDecimals
        return (NarrativeRun.percent(a, of: b, scale: d) ?? .zero(scale: d)).description
    }

    /// 100 at the rate decimals: `100.00`.
    private var hundred: Amount {
        Amount(units: 100 * Amount.pow10(conventions.rateDecimals), scale: conventions.rateDecimals)
    }

    private func share(_ m: Measure, of base: Measure) -> String { "占\(rate(amount(m), of: amount(base)))%" }

    /// `增加1.75万元，增长100.00%` against last year (blanks without last year's tables).
    private func change(_ m: Measure) -> String {
        let b = NarrativeDraft.blank
        guard let previous, m.lookup(previous) != nil, let diff = amount(m).subtracting(amount(m, in: previous)) else {
            return "【增加/减少】\(b)\(unit)，【增长/下降】\(b)%"
        }
        let last = amount(m, in: previous)
        let up = !diff.isNegative
        var text = "\(up ? "增加" : "减少")\(diff.magnitude)\(unit)，"
        if last.isZero && !diff.isZero {
            text +=
                conventions.zeroBase == .hundredPercent
                ? "\(up ? "增长" : "下降")\(hundred)%" : "增长--（基数为0，不可比）"
        } else {
            text += "\(up ? "增长" : "下降")\(rate(diff.magnitude, of: last))%"
        }
        return text
    }

    /// `预决算差异率-69.04%` (or `完成全年预算的30.96%`) of a 决算 against its 预算.
    private func budgetRate(_ actual: Amount, _ budget: Amount, wording: String) -> String {
        switch conventions.budgetComparison {
        case .differenceRate:
            if budget.isZero {
                if actual.isZero { return "预决算差异率\(Amount.zero(scale: conventions.rateDecimals))%" }
                return conventions.zeroBase == .hundredPercent
                    ? "预决算差异率\(actual.isNegative ? "-" : "")\(hundred)%"
                    : "预决算差异率--（基数为0，不可比）"
            }
            return "预决算差异率\(rate(actual.subtracting(budget) ?? .zero(), of: budget))%"
        case .completionRate:
            if budget.isZero { return "预算数为0，不计算完成率" }
            return "完成\(wording)的\(rate(actual, of: budget))%"
        }
    }

    /// The blanks of a comparison with the 年初预算 (not in the tables).
    private func initialBudget(_ actual: Measure) -> String {
        let b = NarrativeDraft.blank
        let rate = conventions.budgetComparison == .differenceRate ? "预决算差异率\(b)%" : "完成年初预算的\(b)%"
        return "与年初预算相比，年初预算数\(b)\(unit)，决算数\(money(actual))，\(rate)，\(NarrativeDraft.reason)。"
    }

    private mutating func write() {
        add(.title, "\(doc.department)\(year)年度部门决算公开说明")
        add(.note, "本稿由 juesuan 根据决算公开附表生成；标有\(NarrativeDraft.blank)之处（原因、年初预算数、数量等附表中没有的内容）须由单位补充。")
        add(.part, "第二部分 部门决算情况说明")
        overview()
        income()
        expenditure()
        grants()
        generalBudget()
        basic()
        threePublic()
        fund(.t08, number: "八", name: ItemName.governmentFundGrant.rawValue)
        fund(.t09, number: "九", name: ItemName.stateCapitalGrant.rawValue)
    }

    private mutating func overview() {
        let inc: (ItemName) -> Measure = { Measure(.t01, $0, side: .income, .incomeAmount) }
        let exp: (ItemName) -> Measure = { Measure(.t01, $0, side: .expenditure, .expenditureAmount) }
        add(.section, "一、收入支出决算总体情况说明")
        add(
            .body,
            "\(year)年度收入总计\(money(inc(.grandTotal)))，其中：\(ItemName.incomeTotal)\(money(inc(.incomeTotal)))，"
                + "\(ItemName.nonGrantBalanceUsed)\(money(inc(.nonGrantBalanceUsed)))，\(ItemName.openingBalance)\(money(inc(.openingBalance)))。"
        )
        add(
            .body,
            "\(year)年度支出总计\(money(exp(.grandTotal)))，其中：\(ItemName.expenditureTotal)\(money(exp(.expenditureTotal)))，"
                + "\(ItemName.balanceDistribution)\(money(exp(.balanceDistribution)))，\(ItemName.closingBalance)\(money(exp(.closingBalance)))。"
        )
        add(.body, "收入支出总体与上年相比，\(change(inc(.grandTotal)))，\(NarrativeDraft.reason)。")
    }

    private mutating func income() {
        let total = Measure(.t02, .total, .incomeTotal)
        add(.section, "二、收入决算情况说明")
        let parts = ColumnName.sources02.map { c in
            let m = Measure(.t02, .total, c)
            return "\(c)\(money(m))，\(share(m, of: total))"
        }
        add(.body, "本年收入\(money(total))，其中：" + parts.joined(separator: "；") + "。")
    }

    private mutating func expenditure() {
        let total = Measure(.t03, .total, .expenditureTotal03)
        add(.section, "三、支出决算情况说明")
        let parts = ColumnName.parts03.map { c in
            let m = Measure(.t03, .total, c)
            return "\(c)\(money(m))，\(share(m, of: total))"
        }
        add(.body, "本年支出\(money(total))，其中：" + parts.joined(separator: "；") + "。")
    }

    private mutating func grants() {
        let inc: (ItemName) -> Measure = { Measure(.t04, $0, side: .income, .incomeAmount) }
        let exp: (ItemName) -> Measure = { Measure(.t04, $0, side: .expenditure, .expenditureTotal) }
        add(.section, "四、财政拨款收入支出决算总体情况说明")
        add(
            .body,
            "\(year)年度财政拨款收入总计\(money(inc(.grandTotal)))，其中：\(ItemName.openingGrantBalance)\(money(inc(.openingGrantBalance)))，"
                + "本年财政拨款收入\(money(inc(.incomeTotal)))。财政拨款支出总计\(money(exp(.grandTotal)))，其中："
                + "\(ItemName.closingGrantBalance)\(money(exp(.closingGrantBalance)))，本年财政拨款支出\(money(exp(.expenditureTotal)))。"
        )
        add(
            .body,
            "财政拨款收入支出总体与上年相比，\(change(inc(.grandTotal)))，\(NarrativeDraft.reason)。"
                + initialBudget(exp(.expenditureTotal)))
    }

    /// The name 公开05表 prints for a code (the catalogue's when the table has no such row).
    private func name05(_ code: String) -> String {
        doc[.t05]?.row(code: code).map { Labels.normalise(Labels.strippingOrdinal($0.name)) }
            ?? Catalogue.functionalName(code) ?? NarrativeDraft.blank
    }

    private mutating func generalBudget() {
        let total = Measure(.t05, .total, .total)
        add(.section, "五、一般公共预算财政拨款支出决算情况说明")
        add(.subsection, "（一）一般公共预算财政拨款支出决算总体情况")
        add(
            .body,
            "\(year)年度一般公共预算财政拨款支出\(money(total))，占本年支出合计的"
                + "\(rate(amount(total), of: amount(Measure(.t01, .expenditureTotal, side: .expenditure, .expenditureAmount))))%。"
                + "与上年相比，\(change(total))，\(NarrativeDraft.reason)。" + initialBudget(total))
        add(.subsection, "（二）一般公共预算财政拨款支出决算结构情况")
        let rows = (doc[.t05]?.rows ?? []).filter { r in
            r.code != nil && !(r[.total]?.numeric.isZero ?? true)
        }
        let categories = rows.filter { $0.code?.count == 3 }
        if categories.isEmpty { add(.body, "本年度无一般公共预算财政拨款支出。") }
        for (i, r) in categories.enumerated() {
            let m = Measure(.t05, code: r.code!, .total)
            add(.body, "\(i + 1).\(name05(r.code!))（类）\(money(m))，\(share(m, of: total))。")
        }
        add(.subsection, "（三）一般公共预算财政拨款支出决算具体情况")
        for (i, r) in rows.filter({ $0.code?.count == 7 }).enumerated() {
            let code = r.code!
            let m = Measure(.t05, code: code, .total)
            let names = "\(name05(String(code.prefix(3))))（类）\(name05(String(code.prefix(5))))（款）\(name05(code))（项）"
            add(.body, "\(i + 1).\(names)：支出决算数为\(money(m))，比上年决算\(change(m))，\(NarrativeDraft.reason)。")
        }
    }

    private mutating func basic() {
        let basic = Measure(.t05, .total, .basic)
        let personnel = Measure(.t06, .personnelTotal, .actual06)
        let publicUse = Measure(.t06, .publicUseTotal, .actual06)
        let items = (doc[.t06]?.rows ?? []).filter { r in
            r.code?.count == 5 && !(r[.actual06]?.numeric.isZero ?? true)
        }
        func names(_ group: Catalogue.EconomicGroup) -> String {
            let list = items.filter { Catalogue.economicGroup(of: $0.code!) == group }.map { Labels.normalise($0.name) }
            return list.isEmpty ? NarrativeDraft.blank : list.joined(separator: "、")
        }
        add(.section, "六、一般公共预算财政拨款基本支出决算情况说明")
        add(
            .body,
            "\(year)年度一般公共预算财政拨款基本支出\(money(basic))，其中：人员经费\(money(personnel))，包括：\(names(.personnel))。")
        add(.body, "公用经费\(money(publicUse))，包括：\(names(.publicUse))。")
    }

    private mutating func threePublic() {
        let actual: (ColumnName) -> Measure = { Measure(.t07, .threePublic, .actual($0)) }
        let budget: (ColumnName) -> Measure = { Measure(.t07, .threePublic, .budget($0)) }
        let total = actual(.total)
        let b = NarrativeDraft.blank
        add(.section, "七、财政拨款“三公”经费支出决算情况说明")
        let items: [(String, ColumnName)] = [
            (ColumnName.travelAbroad.rawValue, .travelAbroad), ("公务用车购置及运行维护费", .vehiclesSubtotal),
            (ColumnName.reception.rawValue, .reception),
        ]
        let parts = items.map { name, c in
            "\(name)支出\(money(actual(c)))，\(share(actual(c), of: total))，比上年\(change(actual(c)))，\(NarrativeDraft.reason)"
        }
        add(
            .body,
            "\(year)年度财政拨款“三公”经费支出\(money(total))，比上年\(change(total))，\(NarrativeDraft.reason)。其中："
                + parts.joined(separator: "；") + "。")
        add(.body, "具体情况如下：")
        add(
            .body,
            "因公出国（境）费支出\(money(actual(.travelAbroad)))，开支内容包括\(b)。单位全年安排的因公出国（境）团组\(b)个，因公出国（境）\(b)人次。")
        add(
            .body,
            "公务用车购置及运行维护费\(money(actual(.vehiclesSubtotal)))，其中：公务用车购置费\(money(actual(.vehiclePurchase)))，"
                + "公务用车运行维护费\(money(actual(.vehicleOperation)))。公务用车运行维护费开支内容包括\(b)。"
                + "公务用车购置数\(b)辆，公务用车保有量\(b)辆。")
        add(.body, "公务接待费\(money(actual(.reception)))，开支内容包括\(b)。单位全年安排的国内公务接待\(b)批次，\(b)人次。")
        let wording = conventions.budgetWording.rawValue + "预算"
        let last: (ColumnName) -> String = { $0.components.last ?? $0.rawValue }
        func compare(_ c: ColumnName) -> String {
            "\(wording)数\(money(budget(c)))，决算数\(money(actual(c)))，"
                + budgetRate(amount(actual(c)), amount(budget(c)), wording: wording)
        }
        let budgetParts: [(String, ColumnName)] = [
            (ColumnName.travelAbroad.rawValue, .travelAbroad), (last(.vehiclePurchase), .vehiclePurchase),
            (last(.vehicleOperation), .vehicleOperation), (ColumnName.reception.rawValue, .reception),
        ]
        add(
            .body,
            "与\(wording)相比，财政拨款“三公”经费支出\(compare(.total))，\(NarrativeDraft.reason)。其中："
                + budgetParts.map { "\($0.0)\(compare($0.1))，\(NarrativeDraft.reason)" }.joined(separator: "；") + "。")
    }

    private mutating func fund(_ id: TableID, number: String, name: String) {
        add(.section, "\(number)、\(name)收入支出决算情况说明")
        guard let table = doc[id], !table.hasNoData else {
            add(.body, "我单位本年度无\(name)收入、支出及结转和结余，\(id.spec.title)为空表。")
            return
        }
        let m: (ColumnName) -> Measure = { Measure(id, .total, $0) }
        add(
            .body,
            "\(year)年度\(name)\(ColumnName.openingBalance)\(money(m(.openingBalance)))，\(ColumnName.yearIncome)\(money(m(.yearIncome)))，"
                + "本年支出\(money(m(.yearExpenditureTotal)))，其中：\(ColumnName.basic)\(money(m(.yearExpenditureBasic)))，"
                + "\(ColumnName.project)\(money(m(.yearExpenditureProject)))；\(ColumnName.closingBalance)\(money(m(.closingBalance)))。"
                + "本年支出主要用于\(NarrativeDraft.blank)。")
    }
}
