/// A canonical column of one of the nine tables: its label path joined by `/` (TABLES.md §1),
/// e.g. `收入/金额`, `本年支出/合计`, `决算数/公务用车购置及运行费/小计`.
///
/// Every canonical column the project knows is declared once, below, as a static member; code
/// names columns only through these members, so a mistyped column fails to compile. The raw
/// value is what JSON, the tidy CSV and findings print. Layout files and `labels.json` are data
/// and name columns by their raw values.
public struct ColumnName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The label path joined by `/`.
    public let rawValue: String
    /// A column name from data (a layout file, JSON); code uses the declared members instead.
    public init(rawValue: String) { self.rawValue = rawValue }
    fileprivate init(_ raw: String) { self.rawValue = raw }

    /// The canonical path, `收入/金额`.
    public var description: String { rawValue }
    /// Ordered by the canonical text.
    public static func < (a: ColumnName, b: ColumnName) -> Bool { a.rawValue < b.rawValue }

    /// The labels of the path, top-down (`本年支出/合计` → [本年支出, 合计]).
    public var components: [String] { rawValue.split(separator: "/").map(String.init) }

    /// This column under a parent label: `合计`.under(`支出`) → `支出/合计`.
    func under(_ parent: String) -> ColumnName { ColumnName(parent + "/" + rawValue) }

    /// Decodes the canonical text.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// A canonical fixed row of one of the nine tables (TABLES.md §1): `本年收入合计`, `合计`,
/// `人员经费合计`, `年初财政拨款结转和结余/政府性基金预算财政拨款` …, declared once each below.
public struct ItemName: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The canonical label (sub-rows joined to their parent by `/`).
    public let rawValue: String
    /// An item name from data (a layout file, JSON); code uses the declared members instead.
    public init(rawValue: String) { self.rawValue = rawValue }
    fileprivate init(_ raw: String) { self.rawValue = raw }

    /// The canonical item, `本年收入合计`.
    public var description: String { rawValue }
    /// Ordered by the canonical text.
    public static func < (a: ItemName, b: ItemName) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

// MARK: - Fixed items

extension ItemName {
    /// 合计: the total row of 02, 03, 05, 08 and 09.
    public static let total = ItemName("合计")
    /// 总计: the last row of each side of 01 and 04.
    public static let grandTotal = ItemName("总计")
    /// 本年收入合计 (01, 04 income side).
    public static let incomeTotal = ItemName("本年收入合计")
    /// 本年支出合计 (01, 04 expenditure side).
    public static let expenditureTotal = ItemName("本年支出合计")

    // 公开01表, income side.
    /// 一、一般公共预算财政拨款收入 (01).
    public static let generalBudgetGrantIncome = ItemName("一般公共预算财政拨款收入")
    /// 二、政府性基金预算财政拨款收入 (01).
    public static let governmentFundGrantIncome = ItemName("政府性基金预算财政拨款收入")
    /// 三、国有资本经营预算财政拨款收入 (01).
    public static let stateCapitalGrantIncome = ItemName("国有资本经营预算财政拨款收入")
    /// 四、上级补助收入 (01).
    public static let superiorSubsidyIncome = ItemName("上级补助收入")
    /// 五、事业收入 (01).
    public static let publicServiceIncome = ItemName("事业收入")
    /// 六、经营收入 (01).
    public static let operatingIncome = ItemName("经营收入")
    /// 七、附属单位上缴收入 (01).
    public static let subordinateRemittanceIncome = ItemName("附属单位上缴收入")
    /// 八、其他收入 (01).
    public static let otherIncome = ItemName("其他收入")
    /// 使用非财政拨款结余 (01).
    public static let nonGrantBalanceUsed = ItemName("使用非财政拨款结余")
    /// 年初结转和结余 (01).
    public static let openingBalance = ItemName("年初结转和结余")
    // 公开01表, expenditure side.
    /// 结余分配 (01).
    public static let balanceDistribution = ItemName("结余分配")
    /// 年末结转和结余 (01).
    public static let closingBalance = ItemName("年末结转和结余")

    /// The eight income items of 公开01表 (一 … 八), in printed order.
    public static let incomeItems01: [ItemName] = [
        generalBudgetGrantIncome, governmentFundGrantIncome, stateCapitalGrantIncome, superiorSubsidyIncome,
        publicServiceIncome, operatingIncome, subordinateRemittanceIncome, otherIncome,
    ]
    /// 一、二、三 of 公开01表: the three fiscal-grant incomes, in the order of `funds`.
    public static let grantIncomes01: [ItemName] = [
        generalBudgetGrantIncome, governmentFundGrantIncome, stateCapitalGrantIncome,
    ]

    // 公开04表.
    /// 一般公共预算财政拨款 (04 income row and expenditure column).
    public static let generalBudgetGrant = ItemName("一般公共预算财政拨款")
    /// 政府性基金预算财政拨款 (04).
    public static let governmentFundGrant = ItemName("政府性基金预算财政拨款")
    /// 国有资本经营预算财政拨款 (04).
    public static let stateCapitalGrant = ItemName("国有资本经营预算财政拨款")
    /// The three funds of 公开04表, in printed order.
    public static let funds: [ItemName] = [generalBudgetGrant, governmentFundGrant, stateCapitalGrant]
    /// 年初财政拨款结转和结余 (04 income side; its three sub-rows are `openingGrantBalance(of:)`).
    public static let openingGrantBalance = ItemName("年初财政拨款结转和结余")
    /// 年末财政拨款结转和结余 (04 expenditure side).
    public static let closingGrantBalance = ItemName("年末财政拨款结转和结余")
    /// The sub-row of 年初财政拨款结转和结余 for one fund: `年初财政拨款结转和结余/政府性基金预算财政拨款`.
    public static func openingGrantBalance(of fund: ItemName) -> ItemName {
        ItemName(openingGrantBalance.rawValue + "/" + fund.rawValue)
    }

    // 公开06表.
    /// 人员经费合计 (06).
    public static let personnelTotal = ItemName("人员经费合计")
    /// 公用经费合计 (06).
    public static let publicUseTotal = ItemName("公用经费合计")

    // 公开07表.
    /// “三公”经费: the single row of 公开07表.
    public static let threePublic = ItemName("“三公”经费")
}

// MARK: - Columns

extension ColumnName {
    // 公开01表 and 公开04表: the two sides.
    /// 收入/金额 (01, 04).
    public static let incomeAmount = ColumnName("收入/金额")
    /// 支出/金额 (01).
    public static let expenditureAmount = ColumnName("支出/金额")
    /// 支出/合计 (04).
    public static let expenditureTotal = ColumnName("支出/合计")
    /// 支出/<fund> (04): one of the three funds.
    public static func expenditure(_ fund: ItemName) -> ColumnName { ColumnName("支出/" + fund.rawValue) }
    /// The three fund columns of 04's expenditure side, in printed order.
    public static let fundColumns04: [ColumnName] = ItemName.funds.map(expenditure)

    // 公开02表.
    /// 本年收入合计 (02).
    public static let incomeTotal = ColumnName("本年收入合计")
    /// 财政拨款收入 (02).
    public static let grantIncome = ColumnName("财政拨款收入")
    /// 上级补助收入 (02).
    public static let superiorSubsidyIncome = ColumnName("上级补助收入")
    /// 事业收入 (02).
    public static let publicServiceIncome = ColumnName("事业收入")
    /// 经营收入 (02).
    public static let operatingIncome = ColumnName("经营收入")
    /// 附属单位上缴收入 (02).
    public static let subordinateRemittanceIncome = ColumnName("附属单位上缴收入")
    /// 其他收入 (02).
    public static let otherIncome = ColumnName("其他收入")
    /// The six sources of 02, whose sum is 本年收入合计.
    public static let sources02: [ColumnName] = [
        grantIncome, superiorSubsidyIncome, publicServiceIncome, operatingIncome, subordinateRemittanceIncome,
        otherIncome,
    ]

    // 公开03表 (and 05's parts).
    /// 本年支出合计 (03).
    public static let expenditureTotal03 = ColumnName("本年支出合计")
    /// 基本支出 (03, 05).
    public static let basic = ColumnName("基本支出")
    /// 项目支出 (03, 05).
    public static let project = ColumnName("项目支出")
    /// 上缴上级支出 (03).
    public static let remittanceToSuperior = ColumnName("上缴上级支出")
    /// 经营支出 (03).
    public static let operatingExpenditure = ColumnName("经营支出")
    /// 对附属单位补助支出 (03).
    public static let subsidyToSubordinate = ColumnName("对附属单位补助支出")
    /// The five parts of 03, whose sum is 本年支出合计.
    public static let parts03: [ColumnName] = [
        basic, project, remittanceToSuperior, operatingExpenditure, subsidyToSubordinate,
    ]

    // 公开05表.
    /// 合计 (05).
    public static let total = ColumnName("合计")

    // 公开06表.
    /// 决算数 (06).
    public static let actual06 = ColumnName("决算数")

    // 公开07表.
    /// 预算数 and 决算数: the two halves of 公开07表.
    public static let budgetGroup = "预算数"
    /// 决算数: the second half of 公开07表.
    public static let actualGroup = "决算数"
    /// The six items of 公开07表 under each half, in printed order.
    public static let threePublicItems: [ColumnName] = [
        total, ColumnName("因公出国（境）费"), vehiclesSubtotal, vehiclePurchase, vehicleOperation,
        ColumnName("公务接待费"),
    ]
    /// 因公出国（境）费 (07, under 预算数 or 决算数).
    public static var travelAbroad: ColumnName { threePublicItems[1] }
    /// 公务接待费 (07).
    public static var reception: ColumnName { threePublicItems[5] }
    /// 公务用车购置及运行费/小计 (07).
    public static let vehiclesSubtotal = ColumnName("公务用车购置及运行费/小计")
    /// 公务用车购置及运行费/公务用车购置费 (07).
    public static let vehiclePurchase = ColumnName("公务用车购置及运行费/公务用车购置费")
    /// 公务用车购置及运行费/公务用车运行费 (07).
    public static let vehicleOperation = ColumnName("公务用车购置及运行费/公务用车运行费")
    /// An item of 07 under 预算数: `预算数/公务接待费`.
    public static func budget(_ item: ColumnName) -> ColumnName { item.under(budgetGroup) }
    /// An item of 07 under 决算数: `决算数/公务接待费`.
    public static func actual(_ item: ColumnName) -> ColumnName { item.under(actualGroup) }

    // 公开08表 and 公开09表.
    /// 年初结转和结余 (08, 09).
    public static let openingBalance = ColumnName("年初结转和结余")
    /// 本年收入 (08, 09).
    public static let yearIncome = ColumnName("本年收入")
    /// 本年支出/合计 (08, 09).
    public static let yearExpenditureTotal = ColumnName("本年支出/合计")
    /// 本年支出/基本支出 (08, 09).
    public static let yearExpenditureBasic = ColumnName("本年支出/基本支出")
    /// 本年支出/项目支出 (08, 09).
    public static let yearExpenditureProject = ColumnName("本年支出/项目支出")
    /// 年末结转和结余 (08, 09).
    public static let closingBalance = ColumnName("年末结转和结余")
    /// The six columns of 08 and 09, in printed order.
    public static let fundTableColumns: [ColumnName] = [
        openingBalance, yearIncome, yearExpenditureTotal, yearExpenditureBasic, yearExpenditureProject,
        closingBalance,
    ]
}

extension Side {
    /// The prefix of this side's columns in 01/04 (`收入/…`, `支出/…`).
    public func owns(_ column: ColumnName) -> Bool { column.rawValue.hasPrefix(rawValue + "/") }
}

extension Row {
    /// The value in a canonical column (nil: a blank cell).
    public subscript(_ column: ColumnName) -> Value? {
        get { values[column.rawValue] }
        set { values[column.rawValue] = newValue }
    }

    /// The canonical item, typed.
    public var itemName: ItemName? { item.map(ItemName.init(rawValue:)) }
}
