/// What a table holds, independent of how any layout draws it: canonical title, columns and
/// fixed rows (TABLES.md §1). Layout files map printed labels onto these canonical names.
public struct TableSpec: Sendable {
    public let id: TableID
    /// The official title.
    public let title: String
    /// Other titles the same table is published under.
    public let titleVariants: [String]
    public let scheme: RowScheme
    /// Canonical column labels (paths joined by `/`), in printed order. For two-sided tables,
    /// the income side's columns come first and carry the `收入/` prefix.
    public let columns: [String]
    /// Fixed items that may appear as rows, by side for two-sided tables (nil side otherwise).
    public let incomeItems: [String]
    public let expenditureItems: [String]
    /// Items that stand for a total of the whole table (合计 rows).
    public let totalItems: [String]

    /// Columns of one side of a two-sided table (all columns for the others).
    public func columns(for side: Side?) -> [String] {
        guard scheme == .twoSided, let side else { return columns }
        return columns.filter { $0.hasPrefix(side.rawValue + "/") }
    }

    /// Items allowed on `side` (nil for one-sided tables).
    public func items(for side: Side?) -> [String] {
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

    /// The item of 公开07表's single row.
    public static let threePublicItem = "“三公”经费"
    /// The 合计 item of the 科目-keyed tables.
    public static let totalItem = "合计"

    static let t01 = TableSpec(
        id: .t01, title: "收入支出决算总表", titleVariants: [], scheme: .twoSided,
        columns: ["收入/金额", "支出/金额"],
        incomeItems: [
            "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
            "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
            "本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计",
        ],
        expenditureItems: ["本年支出合计", "结余分配", "年末结转和结余", "总计"],
        totalItems: ["本年收入合计", "本年支出合计", "总计"])

    static let t02 = TableSpec(
        id: .t02, title: "收入决算表", titleVariants: [], scheme: .functional,
        columns: ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
        incomeItems: [totalItem], expenditureItems: [], totalItems: [totalItem])

    static let t03 = TableSpec(
        id: .t03, title: "支出决算表", titleVariants: [], scheme: .functional,
        columns: ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
        incomeItems: [totalItem], expenditureItems: [], totalItems: [totalItem])

    /// The three funds of 公开04表, in printed order.
    public static let funds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]

    static let t04 = TableSpec(
        id: .t04, title: "财政拨款收入支出决算总表", titleVariants: [], scheme: .twoSided,
        columns: ["收入/金额", "支出/合计"] + funds.map { "支出/" + $0 },
        incomeItems: funds + ["本年收入合计", "年初财政拨款结转和结余"]
            + funds.map { "年初财政拨款结转和结余/" + $0 } + ["总计"],
        expenditureItems: ["本年支出合计", "年末财政拨款结转和结余", "总计"],
        totalItems: ["本年收入合计", "本年支出合计", "总计"])

    static let t05 = TableSpec(
        id: .t05, title: "一般公共预算财政拨款支出决算表", titleVariants: [], scheme: .functional,
        columns: ["合计", "基本支出", "项目支出"],
        incomeItems: [totalItem], expenditureItems: [], totalItems: [totalItem])

    static let t06 = TableSpec(
        id: .t06, title: "一般公共预算财政拨款基本支出决算表",
        titleVariants: ["一般公共预算财政拨款基本支出决算明细表"], scheme: .economic,
        columns: ["决算数"],
        incomeItems: ["人员经费合计", "公用经费合计"], expenditureItems: [],
        totalItems: ["人员经费合计", "公用经费合计"])

    /// The six items of 公开07表, in printed order, for each of 预算数 and 决算数.
    public static let threePublicItems = [
        "合计", "因公出国（境）费", "公务用车购置及运行费/小计",
        "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费", "公务接待费",
    ]

    static let t07 = TableSpec(
        id: .t07, title: "财政拨款“三公”经费支出决算表",
        titleVariants: ["一般公共预算财政拨款“三公”经费支出决算表"], scheme: .single,
        columns: threePublicItems.map { "预算数/" + $0 } + threePublicItems.map { "决算数/" + $0 },
        incomeItems: [threePublicItem], expenditureItems: [], totalItems: [])

    static let fundColumns = [
        "年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余",
    ]

    static let t08 = TableSpec(
        id: .t08, title: "政府性基金预算财政拨款收入支出决算表", titleVariants: [], scheme: .functional,
        columns: fundColumns, incomeItems: [totalItem], expenditureItems: [], totalItems: [totalItem])

    static let t09 = TableSpec(
        id: .t09, title: "国有资本经营预算财政拨款收入支出决算表",
        titleVariants: ["国有资本经营预算财政拨款支出决算表"], scheme: .functional,
        columns: fundColumns, incomeItems: [totalItem], expenditureItems: [], totalItems: [totalItem])
}
