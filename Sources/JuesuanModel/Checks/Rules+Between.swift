extension CheckContext {
    /// A term for "this 类 in that table", zero when the table has no such row (but has the table).
    func categoryTerm(_ id: TableID, code: String, side: Side? = nil, _ column: ColumnName) -> Term? {
        guard table(id) != nil else { return nil }
        return term(id, code: code, side: side, column)
            ?? Term(
                amount: .zero(scale: 0), printed: false, source: nil,
                label: "\(id.rawValue) \(code) [\(column)] (no row)")
    }

    /// True when a table holds no non-zero amount.
    func isEmpty(_ id: TableID) -> Bool { table(id)?.hasNoData ?? true }

    /// True when a column of 04's expenditure side is zero everywhere.
    func fundColumnIsZero(_ column: ColumnName) -> Bool {
        (table(.t04)?.rows ?? []).allSatisfy { $0[column]?.amount?.isZero ?? true }
    }

    /// A one-term comparison between two tables: `left` = `right`, labelled by the right cell.
    func same(_ left: Term?, _ right: Term?, rightLabel: String, table: TableID, column: ColumnName) -> Finding? {
        equal(left, [right], rightLabel: rightLabel, table: table, column: column)
    }
}

/// 01's income items 四 … 八 and the 02 columns they equal.
private let sourceItems01To02: [(ItemName, ColumnName)] = [
    (.superiorSubsidyIncome, .superiorSubsidyIncome), (.publicServiceIncome, .publicServiceIncome),
    (.operatingIncome, .operatingIncome), (.subordinateRemittanceIncome, .subordinateRemittanceIncome),
    (.otherIncome, .otherIncome),
]

/// How a fund of 04 continues in its own table: 05 (合计), 08 and 09 (本年支出/合计).
private let fundTables: [(table: TableID, fund: ItemName, column: ColumnName)] = [
    (.t05, .generalBudgetGrant, .total),
    (.t08, .governmentFundGrant, .yearExpenditureTotal),
    (.t09, .stateCapitalGrant, .yearExpenditureTotal),
]

/// 06 items that are parts of a 07 决算数 item: 30212 因公出国（境）费用, 30217 公务接待费,
/// 30231 公务用车运行维护费, 31013 公务用车购置.
private let economicPartsOf07: [(code: String, column: ColumnName)] = [
    ("30212", .actual(.travelAbroad)), ("30217", .actual(.reception)),
    ("30231", .actual(.vehicleOperation)), ("31013", .actual(.vehiclePurchase)),
]

extension Rule {
    static let between: [Rule] =
        [
            Rule("01-02.income", "01 本年收入合计 = 02 合计/本年收入合计") { c in
                guard c.table(.t02) != nil else { return [] }
                return [
                    c.same(
                        c.term(.t01, item: .incomeTotal, side: .income, .incomeAmount),
                        c.term(.t02, item: .total, .incomeTotal), rightLabel: "公开02表 合计 [\(ColumnName.incomeTotal)]",
                        table: .t01, column: .incomeAmount)
                ]
            },
            Rule("01-03.expenditure", "01 本年支出合计 = 03 合计/本年支出合计") { c in
                guard c.table(.t03) != nil else { return [] }
                return [
                    c.same(
                        c.term(.t01, item: .expenditureTotal, side: .expenditure, .expenditureAmount),
                        c.term(.t03, item: .total, .expenditureTotal03),
                        rightLabel: "公开03表 合计 [\(ColumnName.expenditureTotal03)]", table: .t01,
                        column: .expenditureAmount)
                ]
            },
            Rule("01-02.sources", "01 income items 四…八 = 02 合计 of the matching source; 01 一+二+三 = 02 合计/财政拨款收入") { c in
                guard c.table(.t02) != nil, c.table(.t01) != nil else { return [] }
                var out: [Finding?] = sourceItems01To02.map { item, column in
                    c.same(
                        c.term(.t01, item: item, side: .income, .incomeAmount), c.term(.t02, item: .total, column),
                        rightLabel: "公开02表 合计 [\(column)]", table: .t01, column: .incomeAmount)
                }
                // 02's 财政拨款收入 against 01's 一+二+三.
                let fiscal = ItemName.grantIncomes01.compactMap { c.term(.t01, item: $0, side: .income, .incomeAmount) }
                if !fiscal.isEmpty, let total = c.term(.t02, item: .total, .grantIncome) {
                    out.append(
                        c.equal(
                            total, fiscal, rightLabel: "公开01表 一+二+三 财政拨款收入", table: .t02, column: .grantIncome))
                }
                return out
            },
            Rule("01-03.category", "01 each 类 row = 03 that 类 本年支出合计") { c in
                guard c.table(.t03) != nil, let t01 = c.table(.t01) else { return [] }
                return c.categoryRows(.t01, side: .expenditure).map { i in
                    let code = t01.rows[i].code ?? ""
                    return c.same(
                        c.term(.t01, i, .expenditureAmount), c.categoryTerm(.t03, code: code, .expenditureTotal03),
                        rightLabel: "公开03表 \(code) [\(ColumnName.expenditureTotal03)]", table: .t01,
                        column: .expenditureAmount)
                }
            },
            Rule("01-04.funds", "01 一/二/三 = 04 income 一/二/三") { c in
                guard c.table(.t04) != nil else { return [] }
                return zip(ItemName.grantIncomes01, ItemName.funds).map { item, fund in
                    c.same(
                        c.term(.t01, item: item, side: .income, .incomeAmount),
                        c.term(.t04, item: fund, side: .income, .incomeAmount),
                        rightLabel: "公开04表 \(fund) [\(ColumnName.incomeAmount)]", table: .t01, column: .incomeAmount)
                }
            },
            Rule("04-02.income", "04 本年收入合计 = 02 合计/财政拨款收入") { c in
                guard c.table(.t02) != nil else { return [] }
                return [
                    c.same(
                        c.term(.t04, item: .incomeTotal, side: .income, .incomeAmount),
                        c.term(.t02, item: .total, .grantIncome), rightLabel: "公开02表 合计 [\(ColumnName.grantIncome)]",
                        table: .t04, column: .incomeAmount)
                ]
            },
        ]
        + fundTables.map { other, fund, column in
            let n = String(format2(other.number))
            return Rule("04-\(n).fund", "04 本年支出合计 and each 类 row under \(fund) = \(n) 合计 and that 类 [\(column)]") {
                c in
                guard c.table(other) != nil, let t04 = c.table(.t04) else { return [] }
                let fundColumn = ColumnName.expenditure(fund)
                var out: [Finding?] = [
                    c.same(
                        c.term(.t04, item: .expenditureTotal, side: .expenditure, fundColumn),
                        c.term(other, item: .total, column), rightLabel: "\(other.rawValue) 合计 [\(column)]",
                        table: .t04, column: fundColumn)
                ]
                for i in c.categoryRows(.t04, side: .expenditure) {
                    let code = t04.rows[i].code ?? ""
                    out.append(
                        c.same(
                            c.term(.t04, i, fundColumn), c.categoryTerm(other, code: code, column),
                            rightLabel: "\(other.rawValue) \(code) [\(column)]", table: .t04, column: fundColumn))
                }
                return out
            }
        } + [
            Rule("05-06.basic", "05 合计/基本支出 = 06 人员经费合计 + 公用经费合计") { c in
                guard c.table(.t06) != nil else { return [] }
                return [
                    c.equal(
                        c.term(.t05, item: .total, .basic),
                        [ItemName.personnelTotal, .publicUseTotal].map { c.term(.t06, item: $0, .actual06) },
                        rightLabel: "公开06表 \(ItemName.personnelTotal) + \(ItemName.publicUseTotal)", table: .t05,
                        column: .basic)
                ]
            },
            Rule("05-03.at-most", "05 合计 ≤ 03 合计, for 基本支出 and 项目支出") { c in
                guard c.table(.t03) != nil else { return [] }
                return [ColumnName.basic, .project].map { col in
                    c.inequality(
                        c.term(.t05, item: .total, col), c.term(.t03, item: .total, col), atMost: true, table: .t05,
                        column: col)
                }
            },
            Rule("01-04.balances", "01 年初/年末结转和结余 ≥ 04 年初/年末财政拨款结转和结余") { c in
                guard c.table(.t04) != nil else { return [] }
                return [
                    c.inequality(
                        c.term(.t01, item: .openingBalance, side: .income, .incomeAmount),
                        c.term(.t04, item: .openingGrantBalance, side: .income, .incomeAmount), atMost: false,
                        table: .t01, column: .incomeAmount),
                    c.inequality(
                        c.term(.t01, item: .closingBalance, side: .expenditure, .expenditureAmount),
                        c.term(.t04, item: .closingGrantBalance, side: .expenditure, .expenditureTotal), atMost: false,
                        table: .t01, column: .expenditureAmount),
                ]
            },
            Rule("06-07.at-most", "06 30212/30217/30231/31013 ≤ 07 决算数 因公出国（境）费/公务接待费/公务用车运行费/公务用车购置费") { c in
                guard c.table(.t07) != nil else { return [] }
                return economicPartsOf07.map { code, col in
                    c.inequality(
                        c.term(.t06, code: code, .actual06), c.term(.t07, item: .threePublic, col), atMost: true,
                        table: .t06, column: .actual06)
                }
            },
        ]
        + fundTables.dropFirst().map { id, fund, _ in
            let n = format2(id.number)
            let fundColumn = ColumnName.expenditure(fund)
            return Rule(
                "04-\(n).empty", "04 \(fund) column all zero ⇔ \(n) has no data; an empty \(n) carries its 空表 note"
            ) {
                c in
                guard let t = c.table(id), c.table(.t04) != nil else { return [] }
                let zero = c.fundColumnIsZero(fundColumn)
                let empty = c.isEmpty(id)
                func make(_ severity: Finding.Severity, _ state: String, _ other: String) -> Finding {
                    Finding(
                        rule: "", severity: severity, table: id, row: "\(id.rawValue) (whole table)",
                        column: nil, leftLabel: id.rawValue, left: state, rightLabel: "公开04表 [\(fundColumn)]",
                        right: other, difference: "—", relation: "==", sources: [])
                }
                if zero != empty {
                    return [make(.error, empty ? "has no data" : "has data", zero ? "is all zero" : "has amounts")]
                }
                if empty && !t.notes.contains(where: EmptyTableNote.isEmptyTableNote) {
                    return [make(.warning, "is empty but lacks its 本表为空表 note", "is all zero")]
                }
                return []
            }
        }
}

/// `5` → `05`.
private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// The note an empty 08/09 (or 07) carries, in the wordings real publications use (TABLES.md §3):
/// `注：…本表为空表。`, `说明：…故本表无数据。`, `…无…支出，故本表无数据`.
public enum EmptyTableNote {
    /// Phrases any of which marks a note as the empty-table note.
    public static let phrases = ["空表", "本表无数据", "故本表无数据", "无数据"]

    /// True when the note says the table is empty.
    public static func isEmptyTableNote(_ note: String) -> Bool { phrases.contains(where: note.contains) }
}
