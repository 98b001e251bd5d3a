/// One of the nine 部门决算公开 tables, named by its 表号.
public enum TableID: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable, Comparable {
    /// 收入支出决算总表 (公开01表).
    case t01 = "公开01表"
    /// 收入决算表 (公开02表).
    case t02 = "公开02表"
    /// 支出决算表 (公开03表).
    case t03 = "公开03表"
    /// 财政拨款收入支出决算总表 (公开04表).
    case t04 = "公开04表"
    /// 一般公共预算财政拨款支出决算表 (公开05表).
    case t05 = "公开05表"
    /// 一般公共预算财政拨款基本支出决算表 (公开06表).
    case t06 = "公开06表"
    /// 财政拨款“三公”经费支出决算表 (公开07表).
    case t07 = "公开07表"
    /// 政府性基金预算财政拨款收入支出决算表 (公开08表).
    case t08 = "公开08表"
    /// 国有资本经营预算财政拨款收入支出决算表 (公开09表).
    case t09 = "公开09表"

    /// The two-digit number, 1 … 9.
    public var number: Int { TableID.allCases.firstIndex(of: self)! + 1 }

    /// The table's specification: title, columns, fixed rows.
    public var spec: TableSpec { TableSpec.of(self) }

    public static func < (a: TableID, b: TableID) -> Bool { a.number < b.number }

    /// The table whose 表号 is `text` ("公开01表", "公开1表", "01", "1"), or nil.
    public init?(number text: String) {
        let digits = text.filter(\.isASCIIDigitChar)
        guard let n = Int(digits), (1...9).contains(n) else { return nil }
        self = TableID.allCases[n - 1]
    }
}

/// The two sides of the fixed-row tables 公开01表 and 公开04表.
public enum Side: String, Codable, Sendable, CaseIterable {
    /// 收入 (left side).
    case income = "收入"
    /// 支出 (right side).
    case expenditure = "支出"
}

/// How a table's rows are keyed.
public enum RowScheme: Sendable, Equatable {
    /// Fixed items on two sides, with 类 rows on the expenditure side (01, 04).
    case twoSided
    /// 功能分类科目 rows (类/款/项) plus a 合计 row (02, 03, 05, 08, 09).
    case functional
    /// 经济分类科目 rows (类/款) plus 人员经费合计 and 公用经费合计 (06).
    case economic
    /// One row of amounts (07).
    case single
}
