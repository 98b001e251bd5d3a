private func rule(_ id: String, _ summary: String, _ run: @escaping @Sendable (CheckContext) -> [Finding?]) -> Rule {
    Rule(id: id, summary: summary) { ctx in run(ctx).compactMap { $0 } }
}

extension CheckContext {
    /// A term for "this 类 in that table", zero when the table has no such row (but has the table).
    func categoryTerm(_ id: TableID, code: String, side: Side? = nil, _ column: String) -> Term? {
        guard table(id) != nil else { return nil }
        return term(id, code: code, side: side, column)
            ?? Term(
                amount: .zero(scale: 0), printed: false, source: nil,
                label: "\(id.rawValue) \(code) [\(column)] (no row)")
    }

    /// True when a table holds no non-zero amount.
    func isEmpty(_ id: TableID) -> Bool { table(id)?.hasNoData ?? true }

    /// True when a column of 04's expenditure side is zero everywhere.
    func fundColumnIsZero(_ column: String) -> Bool {
        (table(.t04)?.rows ?? []).allSatisfy { $0.values[column]?.amount?.isZero ?? true }
    }
}

private let sourceItems01To02: [(String, String)] = [
    ("上级补助收入", "上级补助收入"), ("事业收入", "事业收入"), ("经营收入", "经营收入"),
    ("附属单位上缴收入", "附属单位上缴收入"), ("其他收入", "其他收入"),
]

extension Rule {
    static let between: [Rule] =
        [
            rule("01-02.income", "01 本年收入合计 = 02 合计/本年收入合计") { c in
                guard c.table(.t02) != nil else { return [] }
                return [
                    c.equal(
                        "01-02.income", c.term(.t01, item: "本年收入合计", side: .income, "收入/金额"),
                        [c.term(.t02, item: "合计", "本年收入合计")],
                        rightLabel: "公开02表 合计 [本年收入合计]", table: .t01, column: "收入/金额")
                ]
            },
            rule("01-03.expenditure", "01 本年支出合计 = 03 合计/本年支出合计") { c in
                guard c.table(.t03) != nil else { return [] }
                return [
                    c.equal(
                        "01-03.expenditure", c.term(.t01, item: "本年支出合计", side: .expenditure, "支出/金额"),
                        [c.term(.t03, item: "合计", "本年支出合计")],
                        rightLabel: "公开03表 合计 [本年支出合计]", table: .t01, column: "支出/金额")
                ]
            },
            rule("01-02.sources", "01 income items 四…八 = 02 合计 of the matching source; 01 一+二+三 = 02 合计/财政拨款收入") { c in
                guard c.table(.t02) != nil, c.table(.t01) != nil else { return [] }
                var out: [Finding?] = sourceItems01To02.map { item, column in
                    c.equal(
                        "01-02.sources", c.term(.t01, item: item, side: .income, "收入/金额"),
                        [c.term(.t02, item: "合计", column)],
                        rightLabel: "公开02表 合计 [\(column)]", table: .t01, column: "收入/金额")
                }
                // 一+二+三 against 02's 财政拨款收入 (written as 02 − (二+三) against 一 to reuse `equal`).
                let fiscal = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"].compactMap {
                    c.term(.t01, item: $0, side: .income, "收入/金额")
                }
                if !fiscal.isEmpty, let total = c.term(.t02, item: "合计", "财政拨款收入") {
                    out.append(
                        c.equal(
                            "01-02.sources", total, fiscal, rightLabel: "公开01表 一+二+三 财政拨款收入", table: .t02,
                            column: "财政拨款收入"))
                }
                return out
            },
            rule("01-03.category", "01 each 类 row = 03 that 类 本年支出合计") { c in
                guard c.table(.t03) != nil else { return [] }
                return c.categoryRows(.t01, side: .expenditure).map { i in
                    let code = c.document[.t01]!.rows[i].code!
                    return c.equal(
                        "01-03.category", c.term(.t01, i, "支出/金额"), [c.categoryTerm(.t03, code: code, "本年支出合计")],
                        rightLabel: "公开03表 \(code) [本年支出合计]", table: .t01, column: "支出/金额")
                }
            },
            rule("01-04.funds", "01 一/二/三 = 04 income 一/二/三") { c in
                guard c.table(.t04) != nil else { return [] }
                return zip(["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"], TableSpec.funds).map { item, fund in
                    c.equal(
                        "01-04.funds", c.term(.t01, item: item, side: .income, "收入/金额"),
                        [c.term(.t04, item: fund, side: .income, "收入/金额")],
                        rightLabel: "公开04表 \(fund) [收入/金额]", table: .t01, column: "收入/金额")
                }
            },
            rule("04-02.income", "04 本年收入合计 = 02 合计/财政拨款收入") { c in
                guard c.table(.t02) != nil else { return [] }
                return [
                    c.equal(
                        "04-02.income", c.term(.t04, item: "本年收入合计", side: .income, "收入/金额"),
                        [c.term(.t02, item: "合计", "财政拨款收入")],
                        rightLabel: "公开02表 合计 [财政拨款收入]", table: .t04, column: "收入/金额")
                ]
            },
        ]
        + [
            (TableID.t05, "一般公共预算财政拨款", "合计", "05"),
            (TableID.t08, "政府性基金预算财政拨款", "本年支出/合计", "08"),
            (TableID.t09, "国有资本经营预算财政拨款", "本年支出/合计", "09"),
        ].map { other, fund, column, n in
            rule("04-\(n).fund", "04 本年支出合计 and each 类 row under \(fund) = \(n) 合计 and that 类 [\(column)]") { c in
                guard c.table(other) != nil, c.table(.t04) != nil else { return [] }
                var out: [Finding?] = [
                    c.equal(
                        "04-\(n).fund", c.term(.t04, item: "本年支出合计", side: .expenditure, "支出/" + fund),
                        [c.term(other, item: "合计", column)],
                        rightLabel: "\(other.rawValue) 合计 [\(column)]", table: .t04, column: "支出/" + fund)
                ]
                for i in c.categoryRows(.t04, side: .expenditure) {
                    let code = c.document[.t04]!.rows[i].code!
                    out.append(
                        c.equal(
                            "04-\(n).fund", c.term(.t04, i, "支出/" + fund), [c.categoryTerm(other, code: code, column)],
                            rightLabel: "\(other.rawValue) \(code) [\(column)]", table: .t04, column: "支出/" + fund))
                }
                return out
            }
        } + [
            rule("05-06.basic", "05 合计/基本支出 = 06 人员经费合计 + 公用经费合计") { c in
                guard c.table(.t06) != nil else { return [] }
                return [
                    c.equal(
                        "05-06.basic", c.term(.t05, item: "合计", "基本支出"),
                        ["人员经费合计", "公用经费合计"].map { c.term(.t06, item: $0, "决算数") },
                        rightLabel: "公开06表 人员经费合计 + 公用经费合计", table: .t05, column: "基本支出")
                ]
            },
            rule("05-03.at-most", "05 合计 ≤ 03 合计, for 基本支出 and 项目支出") { c in
                guard c.table(.t03) != nil else { return [] }
                return ["基本支出", "项目支出"].map { col in
                    c.inequality(
                        "05-03.at-most", c.term(.t05, item: "合计", col), c.term(.t03, item: "合计", col), atMost: true,
                        table: .t05, column: col)
                }
            },
            rule("01-04.balances", "01 年初/年末结转和结余 ≥ 04 年初/年末财政拨款结转和结余") { c in
                guard c.table(.t04) != nil else { return [] }
                return [
                    c.inequality(
                        "01-04.balances", c.term(.t01, item: "年初结转和结余", side: .income, "收入/金额"),
                        c.term(.t04, item: "年初财政拨款结转和结余", side: .income, "收入/金额"), atMost: false, table: .t01,
                        column: "收入/金额"),
                    c.inequality(
                        "01-04.balances", c.term(.t01, item: "年末结转和结余", side: .expenditure, "支出/金额"),
                        c.term(.t04, item: "年末财政拨款结转和结余", side: .expenditure, "支出/合计"), atMost: false, table: .t01,
                        column: "支出/金额"),
                ]
            },
            rule("06-07.at-most", "06 30212/30217/30231/31013 ≤ 07 决算数 因公出国（境）费/公务接待费/公务用车运行费/公务用车购置费") { c in
                guard c.table(.t07) != nil else { return [] }
                return [
                    ("30212", "决算数/因公出国（境）费"), ("30217", "决算数/公务接待费"),
                    ("30231", "决算数/公务用车购置及运行费/公务用车运行费"), ("31013", "决算数/公务用车购置及运行费/公务用车购置费"),
                ].map { code, col in
                    c.inequality(
                        "06-07.at-most", c.term(.t06, code: code, "决算数"),
                        c.term(.t07, item: TableSpec.threePublicItem, col), atMost: true, table: .t06, column: "决算数")
                }
            },
        ]
        + [(TableID.t08, "政府性基金预算财政拨款", "08"), (TableID.t09, "国有资本经营预算财政拨款", "09")].map { id, fund, n in
            rule("04-\(n).empty", "04 \(fund) column all zero ⇔ \(n) has no data; an empty \(n) carries its 空表 note") {
                c in
                guard let t = c.table(id), c.table(.t04) != nil else { return [] }
                let zero = c.fundColumnIsZero("支出/" + fund)
                let empty = c.isEmpty(id)
                func make(_ severity: Finding.Severity, _ state: String, _ other: String) -> Finding {
                    Finding(
                        rule: "04-\(n).empty", severity: severity, table: id, row: "\(id.rawValue) (whole table)",
                        column: nil, leftLabel: id.rawValue, left: state, rightLabel: "公开04表 [支出/\(fund)]",
                        right: other, difference: "—", relation: "==", sources: [])
                }
                if zero != empty {
                    return [make(.error, empty ? "has no data" : "has data", zero ? "is all zero" : "has amounts")]
                }
                if empty && !t.notes.contains(where: { $0.contains("空表") }) {
                    return [make(.warning, "is empty but lacks its 本表为空表 note", "is all zero")]
                }
                return []
            }
        }
}
