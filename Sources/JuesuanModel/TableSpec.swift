/// What a table holds, independent of how any layout draws it: canonical title, columns and
/// fixed rows (TABLES.md §1). Layout files map printed labels onto these canonical names.
public struct TableSpec: Sendable {
    /// The table's 表号.
    public let id: TableID
    /// The official title.
    public let title: String
    /// Other titles the same table is published under.
    public let titleVariants: [String]
    /// How its rows are keyed.
    public let scheme: RowScheme
    /// Canonical column labels (paths joined by `/`), in printed order. For two-sided tables,
    /// the income side's columns come first and carry the `收入/` prefix.
    public let columns: [ColumnName]
    /// Fixed items that may appear as rows, by side for two-sided tables (nil side otherwise).
    public let incomeItems: [ItemName]
    /// Fixed items of the expenditure side (01/04).
    public let expenditureItems: [ItemName]
    /// Items that stand for a total of the whole table (合计 rows).
    public let totalItems: [ItemName]

    /// Columns of one side of a two-sided table (all columns for the others).
    public func columns(for side: Side?) -> [ColumnName] {
        guard scheme == .twoSided, let side else { return columns }
        return columns.filter(side.owns)
    }

    /// Items allowed on `side` (nil for one-sided tables).
    public func items(for side: Side?) -> [ItemName] {
        switch side {
        case .income?: return incomeItems
        case .expenditure?: return expenditureItems
        case nil: return incomeItems + expenditureItems
        }
    }

    /// The digits a 科目编码 may have in this table's rows (empty: no code rows).
    public var codeLengths: Set<Int> {
        switch scheme {
        case .twoSided: return [3]
        case .functional: return [3, 5, 7]
        case .economic: return [3, 5]
        case .single: return []
        }
    }

    static func of(_ id: TableID) -> TableSpec {
        switch id {
        case .t01: return t01
        case .t02: return t02
        case .t03: return t03
        case .t04: return t04
        case .t05: return t05
        case .t06: return t06
        case .t07: return t07
        case .t08: return t08
        case .t09: return t09
        }
    }

    /// 收入支出决算总表 (公开01表).
    static let t01 = TableSpec(
        id: .t01, title: "收入支出决算总表", titleVariants: [], scheme: .twoSided,
        columns: [.incomeAmount, .expenditureAmount],
        incomeItems: ItemName.incomeItems01 + [.incomeTotal, .nonGrantBalanceUsed, .openingBalance, .grandTotal],
        expenditureItems: [.expenditureTotal, .balanceDistribution, .closingBalance, .grandTotal],
        totalItems: [.incomeTotal, .expenditureTotal, .grandTotal])

    /// 收入决算表 (公开02表).
    static let t02 = TableSpec(
        id: .t02, title: "收入决算表", titleVariants: ["收入决算总表"], scheme: .functional,
        columns: [.incomeTotal] + ColumnName.sources02,
        incomeItems: [.total], expenditureItems: [], totalItems: [.total])

    /// 支出决算表 (公开03表).
    static let t03 = TableSpec(
        id: .t03, title: "支出决算表", titleVariants: ["支出决算总表"], scheme: .functional,
        columns: [.expenditureTotal03] + ColumnName.parts03,
        incomeItems: [.total], expenditureItems: [], totalItems: [.total])

    /// 财政拨款收入支出决算总表 (公开04表).
    static let t04 = TableSpec(
        id: .t04, title: "财政拨款收入支出决算总表", titleVariants: [], scheme: .twoSided,
        columns: [.incomeAmount, .expenditureTotal] + ColumnName.fundColumns04,
        incomeItems: ItemName.funds + [.incomeTotal, .openingGrantBalance]
            + ItemName.funds.map(ItemName.openingGrantBalance(of:)) + [.grandTotal],
        expenditureItems: [.expenditureTotal, .closingGrantBalance, .grandTotal],
        totalItems: [.incomeTotal, .expenditureTotal, .grandTotal])

    /// 一般公共预算财政拨款支出决算表 (公开05表).
    static let t05 = TableSpec(
        id: .t05, title: "一般公共预算财政拨款支出决算表", titleVariants: [], scheme: .functional,
        columns: [.total, .basic, .project],
        incomeItems: [.total], expenditureItems: [], totalItems: [.total])

    /// 一般公共预算财政拨款基本支出决算表 (公开06表).
    static let t06 = TableSpec(
        id: .t06, title: "一般公共预算财政拨款基本支出决算表",
        titleVariants: ["一般公共预算财政拨款基本支出决算明细表"], scheme: .economic,
        columns: [.actual06],
        incomeItems: [.personnelTotal, .publicUseTotal], expenditureItems: [],
        totalItems: [.personnelTotal, .publicUseTotal])

    /// 财政拨款“三公”经费支出决算表 (公开07表).
    static let t07 = TableSpec(
        id: .t07, title: "财政拨款“三公”经费支出决算表",
        titleVariants: [
            "一般公共预算财政拨款“三公”经费支出决算表", "“三公”经费支出决算表", "“三公”经费及会议费、培训费支出决算表",
            "“三公”经费及会议费培训费支出决算表",
        ], scheme: .single,
        columns: ColumnName.threePublicItems.map(ColumnName.budget)
            + ColumnName.threePublicItems.map(ColumnName.actual),
        incomeItems: [.threePublic], expenditureItems: [], totalItems: [])

    /// 政府性基金预算财政拨款收入支出决算表 (公开08表).
    static let t08 = TableSpec(
        id: .t08, title: "政府性基金预算财政拨款收入支出决算表", titleVariants: [], scheme: .functional,
        columns: ColumnName.fundTableColumns, incomeItems: [.total], expenditureItems: [], totalItems: [.total])

    /// 国有资本经营预算财政拨款收入支出决算表 (公开09表).
    static let t09 = TableSpec(
        id: .t09, title: "国有资本经营预算财政拨款收入支出决算表",
        titleVariants: ["国有资本经营预算财政拨款支出决算表"], scheme: .functional,
        columns: ColumnName.fundTableColumns, incomeItems: [.total], expenditureItems: [], totalItems: [.total])
}
