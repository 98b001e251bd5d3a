/// A cell of the tables that a figure of the 说明 is compared with.
struct Measure: Sendable {
    enum Key: Sendable {
        case item(ItemName, Side?)
        case code(String)
    }
    let table: TableID
    let key: Key
    let column: ColumnName

    init(_ table: TableID, _ item: ItemName, side: Side? = nil, _ column: ColumnName) {
        self.table = table
        self.key = .item(item, side)
        self.column = column
    }

    init(_ table: TableID, code: String, _ column: ColumnName) {
        self.table = table
        self.key = .code(code)
        self.column = column
    }

    /// `公开05表 221 住房保障支出` / `公开01表 总计 (支出)`.
    func rowLabel(in doc: Document) -> String {
        switch key {
        case .item(let item, let side): return "\(table.rawValue) \(item)" + (side.map { "（\($0.rawValue)）" } ?? "")
        case .code(let code):
            let name = doc[table]?.row(code: code).map(\.name) ?? Catalogue.name(of: code, in: table) ?? ""
            return "\(table.rawValue) \(code) \(name)"
        }
    }

    /// `公开05表 221 住房保障支出 [合计]`.
    func label(in doc: Document) -> String { "\(rowLabel(in: doc)) [\(column)]" }

    /// The amount in the cell (blank and a dash count as zero) and the row's index; nil when the
    /// document lacks the table, or a fixed row of it. A 科目 row missing from a present table is
    /// a zero (nothing was spent under it).
    func lookup(_ doc: Document) -> (amount: Amount, row: Int?)? {
        guard let t = doc[table] else { return nil }
        let index: Int?
        switch key {
        case .item(let item, let side):
            index = t.rows.firstIndex { $0.item == item.rawValue && (side == nil || $0.side == side) }
            if index == nil { return nil }
        case .code(let code):
            index = t.rows.firstIndex { $0.code == code }
        }
        let value = index.flatMap { t.rows[$0][column] }
        return (value?.numeric ?? .zero(scale: 0), index)
    }
}

/// What a run of the 说明's text is about: the figure it states, what its share is of, its budget.
struct Subject: Sendable {
    /// The words of the text (`住房保障支出`, `“三公”经费`).
    var name: String
    /// The cell its amount (and 决算数) is; nil: the tables hold no such amount.
    var amount: Measure?
    /// The cell its 占 % is a share of.
    var shareBase: Measure? = nil
    /// The cell its 预算数 is (公开07表 only); nil: the budget is in none of the nine tables.
    var budget: Measure? = nil
    /// The cell compared with last year (defaults to `amount`).
    var change: Measure? = nil
    /// True when the text names something the tables do not have (reported as a name finding).
    var unresolved = false

    var changeMeasure: Measure? { change ?? amount }
}

/// The phrases each kind of section uses for the figures it quotes (TABLES.md §6), longest first.
enum NarrativeLexicon {
    typealias Entry = (phrase: String, subject: Subject)

    static func entries(for kind: NarrativeText.Kind) -> [Entry] {
        let list: [Entry]
        switch kind {
        case .overview: list = overview
        case .income: list = income
        case .expenditure: list = expenditure
        case .grants: list = grants
        case .generalBudget: list = generalBudget
        case .basic: list = basic
        case .threePublic: list = threePublic
        case .governmentFund: list = fund(.t08, ItemName.governmentFundGrant.rawValue)
        case .stateCapital: list = fund(.t09, ItemName.stateCapitalGrant.rawValue)
        case .runningCost, .other: list = runningCost
        case .procurement, .assets, .performance: list = []
        }
        return list.sorted { $0.phrase.count > $1.phrase.count }
    }

    private static func entry(_ phrase: String, _ amount: Measure?, share: Measure? = nil, budget: Measure? = nil)
        -> Entry
    {
        (phrase, Subject(name: phrase, amount: amount, shareBase: share, budget: budget))
    }

    /// The words 本年收入 (01/02's 本年收入合计 in 一 and 二; the same words head 08/09's column).
    static let thisYearIncome = ColumnName.yearIncome.rawValue

    /// 一: 公开01表.
    static let overview: [Entry] = {
        let inc: (ItemName) -> Measure = { Measure(.t01, $0, side: .income, .incomeAmount) }
        let exp: (ItemName) -> Measure = { Measure(.t01, $0, side: .expenditure, .expenditureAmount) }
        var s = Subject(name: "收入支出总体", amount: nil)
        s.change = inc(.grandTotal)
        return [
            entry("收入总计", inc(.grandTotal)), entry(ItemName.incomeTotal.rawValue, inc(.incomeTotal)),
            entry(thisYearIncome, inc(.incomeTotal)),
            entry(ItemName.nonGrantBalanceUsed.rawValue, inc(.nonGrantBalanceUsed)),
            entry(ItemName.openingBalance.rawValue, inc(.openingBalance)),
            entry("支出总计", exp(.grandTotal)), entry(ItemName.expenditureTotal.rawValue, exp(.expenditureTotal)),
            entry("本年支出", exp(.expenditureTotal)),
            entry(ItemName.balanceDistribution.rawValue, exp(.balanceDistribution)),
            entry(ItemName.closingBalance.rawValue, exp(.closingBalance)),
            ("收入支出总体", s), ("收入支出总计", s),
        ] + ItemName.incomeItems01.map { entry($0.rawValue, inc($0), share: inc(.incomeTotal)) }
    }()

    /// 二: 公开02表's 合计 row, shares of 本年收入合计.
    static let income: [Entry] = {
        let total = Measure(.t02, .total, .incomeTotal)
        return [entry(thisYearIncome, total), entry(ColumnName.incomeTotal.rawValue, total)]
            + ColumnName.sources02.map { entry($0.rawValue, Measure(.t02, .total, $0), share: total) }
    }()

    /// 三: 公开03表's 合计 row, shares of 本年支出合计.
    static let expenditure: [Entry] = {
        let total = Measure(.t03, .total, .expenditureTotal03)
        return [entry("本年支出", total), entry(ColumnName.expenditureTotal03.rawValue, total)]
            + ColumnName.parts03.map { entry($0.rawValue, Measure(.t03, .total, $0), share: total) }
    }()

    /// 四: 公开04表.
    static let grants: [Entry] = {
        let inc: (ItemName) -> Measure = { Measure(.t04, $0, side: .income, .incomeAmount) }
        let exp: (ItemName) -> Measure = { Measure(.t04, $0, side: .expenditure, .expenditureTotal) }
        var whole = Subject(name: "财政拨款收入支出总体", amount: exp(.expenditureTotal))
        whole.change = inc(.grandTotal)
        return [
            entry("财政拨款收入总计", inc(.grandTotal)),
            entry(ItemName.openingGrantBalance.rawValue, inc(.openingGrantBalance)),
            entry("本年财政拨款收入", inc(.incomeTotal)),
            entry("财政拨款支出总计", exp(.grandTotal)),
            entry(ItemName.closingGrantBalance.rawValue, exp(.closingGrantBalance)),
            entry("本年财政拨款支出", exp(.expenditureTotal)),
            ("财政拨款收入支出总体", whole), ("财政拨款收入支出", whole),
        ]
            // 其中：一般公共预算财政拨款收入X万元 …; 一般公共预算财政拨款支出X万元 ….
            + ItemName.funds.map { entry($0.rawValue + "收入", inc($0)) }
            + ItemName.funds.map { fund in
                entry(fund.rawValue + "支出", Measure(.t04, .expenditureTotal, side: .expenditure, .expenditure(fund)))
            }
    }()

    /// 五（一）: 公开05表's 合计, a share of 公开01表's 本年支出合计. The 类/款/项 are read by their markers.
    static let generalBudget: [Entry] = [
        entry(
            "一般公共预算财政拨款支出", Measure(.t05, .total, .total),
            share: Measure(.t01, .expenditureTotal, side: .expenditure, .expenditureAmount))
    ]

    /// 六: 公开05表's 基本支出 = 公开06表's 人员经费合计 + 公用经费合计.
    static let basic: [Entry] = {
        let basic = Measure(.t05, .total, .basic)
        let personnel = Measure(.t06, .personnelTotal, .actual06)
        let publicUse = Measure(.t06, .publicUseTotal, .actual06)
        return [
            entry("一般公共预算财政拨款基本支出", basic), entry(ColumnName.basic.rawValue, basic),
            entry(ItemName.personnelTotal.rawValue, personnel, share: basic), entry("人员经费", personnel, share: basic),
            entry(ItemName.publicUseTotal.rawValue, publicUse, share: basic), entry("公用经费", publicUse, share: basic),
        ]
    }()

    /// 七: 公开07表, 决算数 and 预算数 of each item; shares of the 决算数 合计.
    static let threePublic: [Entry] = {
        func item(_ column: ColumnName, share: Bool = true) -> (String) -> Entry {
            { phrase in
                entry(
                    phrase, Measure(.t07, .threePublic, .actual(column)),
                    share: share ? Measure(.t07, .threePublic, .actual(.total)) : nil,
                    budget: Measure(.t07, .threePublic, .budget(column)))
            }
        }
        let last: (ColumnName) -> String = { $0.components.last ?? $0.rawValue }
        let first: (ColumnName) -> String = { $0.components.first ?? $0.rawValue }
        let total = item(.total, share: false)
        let abroad = item(.travelAbroad)
        let vehicles = item(.vehiclesSubtotal)
        let purchase = item(.vehiclePurchase)
        let operation = item(.vehicleOperation)
        let reception = item(.reception)
        return [
            total(ItemName.threePublic.rawValue), total("三公经费"), total("“三公”"),
            abroad(ColumnName.travelAbroad.rawValue), abroad("因公出国（境）费用"),
            vehicles(first(.vehiclesSubtotal)), vehicles("公务用车购置及运行维护费"),
            purchase(last(.vehiclePurchase)), operation(last(.vehicleOperation)), operation("公务用车运行维护费"),
            reception(ColumnName.reception.rawValue),
        ]
    }()

    /// 八/九: the 合计 row of 公开08表 or 公开09表.
    static func fund(_ id: TableID, _ fund: String) -> [Entry] {
        let m: (ColumnName) -> Measure = { Measure(id, .total, $0) }
        return [
            entry(fund + "收入", m(.yearIncome)), entry(fund + "支出", m(.yearExpenditureTotal)),
            entry(ColumnName.yearIncome.rawValue, m(.yearIncome)), entry("本年支出", m(.yearExpenditureTotal)),
            entry(ColumnName.openingBalance.rawValue, m(.openingBalance)),
            entry(ColumnName.closingBalance.rawValue, m(.closingBalance)),
            entry(ColumnName.basic.rawValue, m(.yearExpenditureBasic)),
            entry(ColumnName.project.rawValue, m(.yearExpenditureProject)),
        ]
    }

    /// 十（一）: 机关运行经费 = 公开06表 公用经费合计.
    static let runningCost: [Entry] = [entry("机关运行经费", Measure(.t06, .publicUseTotal, .actual06))]
}
