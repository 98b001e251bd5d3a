/// One 勾稽关系 rule: an id, what it checks (TABLES.md §5), and the check itself.
public struct Rule: Sendable {
    public let id: String
    public let summary: String
    let run: @Sendable (CheckContext) -> [Finding]

    /// Every rule, within tables then between them.
    public static let all: [Rule] = within + between
}

// MARK: - helpers shared by the rules

extension CheckContext {
    /// 类 rows (3-digit codes) of a table, optionally on one side.
    func categoryRows(_ id: TableID, side: Side? = nil) -> [Int] {
        table(id)?.rows.indices.filter { i in
            let r = table(id)!.rows[i]
            return r.code?.count == 3 && (side == nil || r.side == side)
        } ?? []
    }

    /// Each coded row that has children equals the sum of its children, per column.
    func treeFindings(_ rule: String, _ id: TableID, columns: [String]) -> [Finding] {
        guard let t = table(id) else { return [] }
        var out: [Finding] = []
        let codes = t.rows.enumerated().compactMap { i, r in r.code.map { (i, $0) } }
        for (i, code) in codes {
            let children = codes.filter { Catalogue.parent(of: $0.1) == code }.map(\.0)
            guard !children.isEmpty else { continue }
            for c in columns {
                if let f = equal(
                    rule, term(id, i, c), children.map { term(id, $0, c) }, rightLabel: "Σ rows under \(code)",
                    table: id, column: c)
                {
                    out.append(f)
                }
            }
        }
        return out
    }

    /// The 合计 row equals the sum of the 类 rows, per column (only when 类 rows are present).
    func totalOfCategories(
        _ rule: String, _ id: TableID, columns: [String], totalItem: String = TableSpec.totalItem, side: Side? = nil
    ) -> [Finding] {
        let cats = categoryRows(id, side: side)
        guard !cats.isEmpty, let total = rowIndex(id, item: totalItem, side: side) else { return [] }
        return columns.compactMap { c in
            equal(rule, term(id, total, c), cats.map { term(id, $0, c) }, rightLabel: "Σ 类 rows", table: id, column: c)
        }
    }

    /// Every row: `total` column = Σ `parts` columns.
    func rowSums(_ rule: String, _ id: TableID, total: String, parts: [String], side: Side? = nil) -> [Finding] {
        guard let t = table(id) else { return [] }
        return t.rows.indices.compactMap { i in
            guard side == nil || t.rows[i].side == side, !t.rows[i].values.isEmpty else { return nil }
            return equal(
                rule, term(id, i, total), parts.map { term(id, i, $0) }, rightLabel: parts.joined(separator: " + "),
                table: id, column: total)
        }
    }
}

private func rule(_ id: String, _ summary: String, _ run: @escaping @Sendable (CheckContext) -> [Finding?]) -> Rule {
    Rule(id: id, summary: summary) { ctx in run(ctx).compactMap { $0 } }
}

private let t01Income = [
    "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
]
private let sources02 = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
private let parts03 = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
private let fund04 = TableSpec.funds.map { "支出/" + $0 }

extension Rule {
    static let within: [Rule] =
        [
            rule("01.income-total", "01 本年收入合计 = Σ the eight income items") { c in
                [
                    c.equal(
                        "01.income-total", c.term(.t01, item: "本年收入合计", side: .income, "收入/金额"),
                        t01Income.map { c.term(.t01, item: $0, side: .income, "收入/金额") }, rightLabel: "Σ income items",
                        table: .t01, column: "收入/金额")
                ]
            },
            rule("01.income-grand-total", "01 总计(收入) = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余") { c in
                [
                    c.equal(
                        "01.income-grand-total", c.term(.t01, item: "总计", side: .income, "收入/金额"),
                        ["本年收入合计", "使用非财政拨款结余", "年初结转和结余"].map { c.term(.t01, item: $0, side: .income, "收入/金额") },
                        rightLabel: "本年收入合计 + 使用非财政拨款结余 + 年初结转和结余", table: .t01, column: "收入/金额")
                ]
            },
            rule("01.expenditure-total", "01 本年支出合计 = Σ 类 rows") { c in
                c.totalOfCategories(
                    "01.expenditure-total", .t01, columns: ["支出/金额"], totalItem: "本年支出合计", side: .expenditure)
            },
            rule("01.expenditure-grand-total", "01 总计(支出) = 本年支出合计 + 结余分配 + 年末结转和结余") { c in
                [
                    c.equal(
                        "01.expenditure-grand-total", c.term(.t01, item: "总计", side: .expenditure, "支出/金额"),
                        ["本年支出合计", "结余分配", "年末结转和结余"].map { c.term(.t01, item: $0, side: .expenditure, "支出/金额") },
                        rightLabel: "本年支出合计 + 结余分配 + 年末结转和结余", table: .t01, column: "支出/金额")
                ]
            },
            rule("01.balance", "01 总计(收入) = 总计(支出)") { c in
                [
                    c.equal(
                        "01.balance", c.term(.t01, item: "总计", side: .income, "收入/金额"),
                        [c.term(.t01, item: "总计", side: .expenditure, "支出/金额")],
                        rightLabel: "总计(支出)", table: .t01, column: "收入/金额")
                ]
            },
            rule("02.row-sum", "02 each row: 本年收入合计 = Σ the six sources") { c in
                c.rowSums("02.row-sum", .t02, total: "本年收入合计", parts: sources02)
            },
            rule("02.tree", "02: 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                c.totalOfCategories("02.tree", .t02, columns: TableSpec.t02.columns)
                    + c.treeFindings("02.tree", .t02, columns: TableSpec.t02.columns)
            },
            rule("03.row-sum", "03 each row: 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助") { c in
                c.rowSums("03.row-sum", .t03, total: "本年支出合计", parts: parts03)
            },
            rule("03.tree", "03: 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                c.totalOfCategories("03.tree", .t03, columns: TableSpec.t03.columns)
                    + c.treeFindings("03.tree", .t03, columns: TableSpec.t03.columns)
            },
            rule("04.row-sum", "04 each expenditure row: 合计 = Σ the three funds") { c in
                c.rowSums("04.row-sum", .t04, total: "支出/合计", parts: fund04, side: .expenditure)
            },
            rule("04.income-total", "04 本年收入合计 = Σ the three funds") { c in
                [
                    c.equal(
                        "04.income-total", c.term(.t04, item: "本年收入合计", side: .income, "收入/金额"),
                        TableSpec.funds.map { c.term(.t04, item: $0, side: .income, "收入/金额") },
                        rightLabel: "Σ the three funds", table: .t04, column: "收入/金额")
                ]
            },
            rule("04.opening-balance", "04 年初财政拨款结转和结余 = Σ its three sub-rows") { c in
                let subs = TableSpec.funds.map { c.term(.t04, item: "年初财政拨款结转和结余/" + $0, side: .income, "收入/金额") }
                guard subs.contains(where: { $0 != nil }) else { return [] }
                return [
                    c.equal(
                        "04.opening-balance", c.term(.t04, item: "年初财政拨款结转和结余", side: .income, "收入/金额"), subs,
                        rightLabel: "Σ the three funds' 年初", table: .t04, column: "收入/金额")
                ]
            },
            rule("04.income-grand-total", "04 总计(收入) = 本年收入合计 + 年初财政拨款结转和结余") { c in
                [
                    c.equal(
                        "04.income-grand-total", c.term(.t04, item: "总计", side: .income, "收入/金额"),
                        ["本年收入合计", "年初财政拨款结转和结余"].map { c.term(.t04, item: $0, side: .income, "收入/金额") },
                        rightLabel: "本年收入合计 + 年初财政拨款结转和结余", table: .t04, column: "收入/金额")
                ]
            },
            rule("04.expenditure-total", "04 本年支出合计 = Σ 类 rows, per column") { c in
                c.totalOfCategories(
                    "04.expenditure-total", .t04, columns: TableSpec.t04.columns(for: .expenditure),
                    totalItem: "本年支出合计", side: .expenditure)
            },
            rule("04.expenditure-grand-total", "04 总计(支出) = 本年支出合计 + 年末财政拨款结转和结余, per column") { c in
                TableSpec.t04.columns(for: .expenditure).map { col in
                    c.equal(
                        "04.expenditure-grand-total", c.term(.t04, item: "总计", side: .expenditure, col),
                        ["本年支出合计", "年末财政拨款结转和结余"].map { c.term(.t04, item: $0, side: .expenditure, col) },
                        rightLabel: "本年支出合计 + 年末财政拨款结转和结余", table: .t04, column: col)
                }
            },
            rule("04.balance", "04 总计(收入) = 总计(支出)/合计") { c in
                [
                    c.equal(
                        "04.balance", c.term(.t04, item: "总计", side: .income, "收入/金额"),
                        [c.term(.t04, item: "总计", side: .expenditure, "支出/合计")],
                        rightLabel: "总计(支出) [支出/合计]", table: .t04, column: "收入/金额")
                ]
            },
            rule("05.row-sum", "05 each row: 合计 = 基本支出 + 项目支出") { c in
                c.rowSums("05.row-sum", .t05, total: "合计", parts: ["基本支出", "项目支出"])
            },
            rule("05.tree", "05: 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                c.totalOfCategories("05.tree", .t05, columns: TableSpec.t05.columns)
                    + c.treeFindings("05.tree", .t05, columns: TableSpec.t05.columns)
            },
            rule("06.tree", "06 each 类 = Σ its 款") { c in c.treeFindings("06.tree", .t06, columns: ["决算数"]) },
            rule("06.personnel", "06 人员经费合计 = 301 + 303") { c in
                let parts = ["301", "303"].map { c.term(.t06, code: $0, "决算数") }
                guard parts.contains(where: { $0 != nil }) else { return [] }
                return [
                    c.equal(
                        "06.personnel", c.term(.t06, item: "人员经费合计", "决算数"), parts, rightLabel: "301 + 303",
                        table: .t06, column: "决算数")
                ]
            },
            rule("06.public-use", "06 公用经费合计 = 302 + 310 (+ the other 公用 类 present)") { c in
                let cats = c.categoryRows(.t06).filter {
                    Catalogue.economicGroup(of: c.document[.t06]!.rows[$0].code!) == .publicUse
                }
                guard !cats.isEmpty else { return [] }
                let label = cats.map { c.document[.t06]!.rows[$0].code! }.joined(separator: " + ")
                return [
                    c.equal(
                        "06.public-use", c.term(.t06, item: "公用经费合计", "决算数"), cats.map { c.term(.t06, $0, "决算数") },
                        rightLabel: label, table: .t06, column: "决算数")
                ]
            },
            rule("07.total", "07 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, for 预算数 and 决算数") { c in
                ["预算数", "决算数"].map { p in
                    c.equal(
                        "07.total", c.term(.t07, item: TableSpec.threePublicItem, "\(p)/合计"),
                        ["因公出国（境）费", "公务用车购置及运行费/小计", "公务接待费"].map {
                            c.term(.t07, item: TableSpec.threePublicItem, "\(p)/\($0)")
                        },
                        rightLabel: "\(p): 因公出国（境）费 + 小计 + 公务接待费", table: .t07, column: "\(p)/合计")
                }
            },
            rule("07.vehicles", "07 公务用车购置及运行费 小计 = 购置费 + 运行费, for 预算数 and 决算数") { c in
                ["预算数", "决算数"].map { p in
                    c.equal(
                        "07.vehicles", c.term(.t07, item: TableSpec.threePublicItem, "\(p)/公务用车购置及运行费/小计"),
                        ["公务用车购置费", "公务用车运行费"].map {
                            c.term(.t07, item: TableSpec.threePublicItem, "\(p)/公务用车购置及运行费/\($0)")
                        },
                        rightLabel: "\(p): 公务用车购置费 + 公务用车运行费", table: .t07, column: "\(p)/公务用车购置及运行费/小计")
                }
            },
        ]
        + [TableID.t08, .t09].flatMap { id -> [Rule] in
            let n = id == .t08 ? "08" : "09"
            return [
                rule("\(n).row-sum", "\(n) each row: 本年支出 合计 = 基本支出 + 项目支出") { c in
                    c.rowSums("\(n).row-sum", id, total: "本年支出/合计", parts: ["本年支出/基本支出", "本年支出/项目支出"])
                },
                rule("\(n).carry-over", "\(n) each row: 年末 = 年初 + 本年收入 − 本年支出") { c in
                    guard let t = c.document[id] else { return [] }
                    return t.rows.indices.map { i -> Finding? in
                        guard !t.rows[i].values.isEmpty else { return nil }
                        var spent = c.term(id, i, "本年支出/合计")
                        spent.amount = Amount(units: -spent.amount.units, scale: spent.amount.scale)
                        return c.equal(
                            "\(n).carry-over", c.term(id, i, "年末结转和结余"),
                            [c.term(id, i, "年初结转和结余"), c.term(id, i, "本年收入"), spent],
                            rightLabel: "年初 + 本年收入 − 本年支出", table: id, column: "年末结转和结余")
                    }
                },
                rule("\(n).tree", "\(n): 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                    c.totalOfCategories("\(n).tree", id, columns: id.spec.columns)
                        + c.treeFindings("\(n).tree", id, columns: id.spec.columns)
                },
            ]
        }
}
