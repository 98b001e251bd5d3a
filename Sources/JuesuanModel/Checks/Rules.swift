/// One 勾稽关系 rule: an id, what it checks (TABLES.md §5), and the check itself.
///
/// Each rule's id is written once, where the rule is declared; the findings a rule returns carry
/// it (the checks build findings without an id and `Rule` stamps its own on them).
public struct Rule: Sendable {
    /// `01.income-total`, `04-05.fund` …: the table(s) and what is checked.
    public let id: String
    /// What the rule checks, in one line.
    public let summary: String
    let check: @Sendable (CheckContext) -> [Finding?]

    init(_ id: String, _ summary: String, _ check: @escaping @Sendable (CheckContext) -> [Finding?]) {
        self.id = id
        self.summary = summary
        self.check = check
    }

    /// The rule's findings on a document, each carrying the rule's id.
    func run(_ ctx: CheckContext) -> [Finding] {
        check(ctx).compactMap { f in
            guard var f else { return nil }
            f.rule = id
            return f
        }
    }

    /// Every rule, within tables then between them.
    public static let all: [Rule] = within + between
}

// MARK: - helpers shared by the rules

extension CheckContext {
    /// 类 rows (3-digit codes) of a table, optionally on one side.
    func categoryRows(_ id: TableID, side: Side? = nil) -> [Int] {
        guard let t = table(id) else { return [] }
        return codedRows(id).compactMap { i, code in
            code.count == 3 && (side == nil || t.rows[i].side == side) ? i : nil
        }
    }

    /// Each coded row that has children equals the sum of its children, per column (linear in rows).
    func treeFindings(_ id: TableID, columns: [ColumnName]) -> [Finding?] {
        guard let t = table(id) else { return [] }
        var out: [Finding?] = []
        for (i, code) in codedRows(id) {
            let children = self.children(id, of: code)
            guard !children.isEmpty else { continue }
            for c in columns {
                // Most sums hold: checked exactly without building terms or labels.
                if CheckContext.exactlyEqual(t, i, c, sumOfRows: children) { continue }
                if let f = equal(
                    term(t, i, c), children.map { term(t, $0, c) }, rightLabel: "Σ rows under \(code)",
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
        _ id: TableID, columns: [ColumnName], totalItem: ItemName = .total, side: Side? = nil
    ) -> [Finding?] {
        let cats = categoryRows(id, side: side)
        guard !cats.isEmpty, let total = rowIndex(id, item: totalItem, side: side) else { return [] }
        return columns.map { c in
            equal(term(id, total, c), cats.map { term(id, $0, c) }, rightLabel: "Σ 类 rows", table: id, column: c)
        }
    }

    /// Every row: `total` column = Σ `parts` columns.
    func rowSums(_ id: TableID, total: ColumnName, parts: [ColumnName], side: Side? = nil) -> [Finding?] {
        guard let t = table(id) else { return [] }
        var out: [Finding?] = []
        for i in t.rows.indices {
            guard side == nil || t.rows[i].side == side, !t.rows[i].values.isEmpty else { continue }
            // Most rows add up: checked exactly without building terms.
            if CheckContext.exactlyEqual(t.rows[i], total, sumOfColumns: parts) { continue }
            let label = parts.map(\.rawValue).joined(separator: " + ")
            if let f = equal(
                term(t, i, total), parts.map { term(t, i, $0) }, rightLabel: label, table: id, column: total)
            {
                out.append(f)
            }
        }
        return out
    }

    /// `left` = Σ `right` for fixed items of one table and side, in one column.
    func itemSum(
        _ id: TableID, _ left: ItemName, _ right: [ItemName], side: Side? = nil, _ column: ColumnName,
        rightLabel: String? = nil
    ) -> Finding? {
        equal(
            term(id, item: left, side: side, column), right.map { term(id, item: $0, side: side, column) },
            rightLabel: rightLabel ?? right.map(\.rawValue).joined(separator: " + "), table: id, column: column)
    }
}

extension Rule {
    static let within: [Rule] =
        [
            Rule("01.income-total", "01 本年收入合计 = Σ the eight income items") { c in
                [
                    c.itemSum(
                        .t01, .incomeTotal, ItemName.incomeItems01, side: .income, .incomeAmount,
                        rightLabel: "Σ income items")
                ]
            },
            Rule("01.income-grand-total", "01 总计(收入) = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余") { c in
                [
                    c.itemSum(
                        .t01, .grandTotal, [.incomeTotal, .nonGrantBalanceUsed, .openingBalance], side: .income,
                        .incomeAmount)
                ]
            },
            Rule("01.expenditure-total", "01 本年支出合计 = Σ 类 rows") { c in
                c.totalOfCategories(
                    .t01, columns: [.expenditureAmount], totalItem: .expenditureTotal, side: .expenditure)
            },
            Rule("01.expenditure-grand-total", "01 总计(支出) = 本年支出合计 + 结余分配 + 年末结转和结余") { c in
                [
                    c.itemSum(
                        .t01, .grandTotal, [.expenditureTotal, .balanceDistribution, .closingBalance],
                        side: .expenditure, .expenditureAmount)
                ]
            },
            Rule("01.balance", "01 总计(收入) = 总计(支出)") { c in
                [
                    c.equal(
                        c.term(.t01, item: .grandTotal, side: .income, .incomeAmount),
                        [c.term(.t01, item: .grandTotal, side: .expenditure, .expenditureAmount)],
                        rightLabel: "总计(支出)", table: .t01, column: .incomeAmount)
                ]
            },
            Rule("02.row-sum", "02 each row: 本年收入合计 = Σ the six sources") { c in
                c.rowSums(.t02, total: .incomeTotal, parts: ColumnName.sources02)
            },
            Rule("02.tree", "02: 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                c.totalOfCategories(.t02, columns: TableID.t02.spec.columns)
                    + c.treeFindings(.t02, columns: TableID.t02.spec.columns)
            },
            Rule("03.row-sum", "03 each row: 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助") { c in
                c.rowSums(.t03, total: .expenditureTotal03, parts: ColumnName.parts03)
            },
            Rule("03.tree", "03: 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                c.totalOfCategories(.t03, columns: TableID.t03.spec.columns)
                    + c.treeFindings(.t03, columns: TableID.t03.spec.columns)
            },
            Rule("04.row-sum", "04 each expenditure row: 合计 = Σ the three funds") { c in
                c.rowSums(.t04, total: .expenditureTotal, parts: ColumnName.fundColumns04, side: .expenditure)
            },
            Rule("04.income-total", "04 本年收入合计 = Σ the three funds") { c in
                [
                    c.itemSum(
                        .t04, .incomeTotal, ItemName.funds, side: .income, .incomeAmount,
                        rightLabel: "Σ the three funds")
                ]
            },
            Rule("04.opening-balance", "04 年初财政拨款结转和结余 = Σ its three sub-rows") { c in
                let subs = ItemName.funds.map(ItemName.openingGrantBalance(of:))
                guard subs.contains(where: { c.rowIndex(.t04, item: $0, side: .income) != nil }) else { return [] }
                return [
                    c.itemSum(
                        .t04, .openingGrantBalance, subs, side: .income, .incomeAmount,
                        rightLabel: "Σ the three funds' 年初")
                ]
            },
            Rule("04.income-grand-total", "04 总计(收入) = 本年收入合计 + 年初财政拨款结转和结余") { c in
                [c.itemSum(.t04, .grandTotal, [.incomeTotal, .openingGrantBalance], side: .income, .incomeAmount)]
            },
            Rule("04.expenditure-total", "04 本年支出合计 = Σ 类 rows, per column") { c in
                c.totalOfCategories(
                    .t04, columns: TableID.t04.spec.columns(for: .expenditure), totalItem: .expenditureTotal,
                    side: .expenditure)
            },
            Rule("04.expenditure-grand-total", "04 总计(支出) = 本年支出合计 + 年末财政拨款结转和结余, per column") { c in
                TableID.t04.spec.columns(for: .expenditure).map { col in
                    c.itemSum(.t04, .grandTotal, [.expenditureTotal, .closingGrantBalance], side: .expenditure, col)
                }
            },
            Rule("04.balance", "04 总计(收入) = 总计(支出)/合计") { c in
                [
                    c.equal(
                        c.term(.t04, item: .grandTotal, side: .income, .incomeAmount),
                        [c.term(.t04, item: .grandTotal, side: .expenditure, .expenditureTotal)],
                        rightLabel: "总计(支出) [\(ColumnName.expenditureTotal)]", table: .t04, column: .incomeAmount)
                ]
            },
            Rule("05.row-sum", "05 each row: 合计 = 基本支出 + 项目支出") { c in
                c.rowSums(.t05, total: .total, parts: [.basic, .project])
            },
            Rule("05.tree", "05: 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                c.totalOfCategories(.t05, columns: TableID.t05.spec.columns)
                    + c.treeFindings(.t05, columns: TableID.t05.spec.columns)
            },
            Rule("06.tree", "06 each 类 = Σ its 款") { c in c.treeFindings(.t06, columns: [.actual06]) },
            Rule("06.personnel", "06 人员经费合计 = 301 + 303") { c in
                let parts = Catalogue.personnelCategories.map { c.term(.t06, code: $0, .actual06) }
                guard parts.contains(where: { $0 != nil }) else { return [] }
                return [
                    c.equal(
                        c.term(.t06, item: .personnelTotal, .actual06), parts,
                        rightLabel: Catalogue.personnelCategories.joined(separator: " + "), table: .t06,
                        column: .actual06)
                ]
            },
            Rule("06.public-use", "06 公用经费合计 = 302 + 310 (+ the other 公用 类 present)") { c in
                guard let t = c.table(.t06) else { return [] }
                let cats = c.categoryRows(.t06).filter {
                    Catalogue.economicGroup(of: t.rows[$0].code ?? "") == .publicUse
                }
                guard !cats.isEmpty else { return [] }
                let label = cats.compactMap { t.rows[$0].code }.joined(separator: " + ")
                return [
                    c.equal(
                        c.term(.t06, item: .publicUseTotal, .actual06), cats.map { c.term(.t06, $0, .actual06) },
                        rightLabel: label, table: .t06, column: .actual06)
                ]
            },
            Rule("07.total", "07 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, for 预算数 and 决算数") { c in
                [ColumnName.budget, ColumnName.actual].map { half in
                    let parts: [ColumnName] = [.travelAbroad, .vehiclesSubtotal, .reception]
                    return c.equal(
                        c.term(.t07, item: .threePublic, half(.total)),
                        parts.map { c.term(.t07, item: .threePublic, half($0)) },
                        rightLabel: parts.map { half($0).rawValue }.joined(separator: " + "), table: .t07,
                        column: half(.total))
                }
            },
            Rule("07.vehicles", "07 公务用车购置及运行费 小计 = 购置费 + 运行费, for 预算数 and 决算数") { c in
                [ColumnName.budget, ColumnName.actual].map { half in
                    let parts: [ColumnName] = [.vehiclePurchase, .vehicleOperation]
                    return c.equal(
                        c.term(.t07, item: .threePublic, half(.vehiclesSubtotal)),
                        parts.map { c.term(.t07, item: .threePublic, half($0)) },
                        rightLabel: parts.map { half($0).rawValue }.joined(separator: " + "), table: .t07,
                        column: half(.vehiclesSubtotal))
                }
            },
        ]
        + [TableID.t08, .t09].flatMap { id -> [Rule] in
            let n = id == .t08 ? "08" : "09"
            return [
                Rule("\(n).row-sum", "\(n) each row: 本年支出 合计 = 基本支出 + 项目支出") { c in
                    c.rowSums(
                        id, total: .yearExpenditureTotal, parts: [.yearExpenditureBasic, .yearExpenditureProject])
                },
                Rule("\(n).carry-over", "\(n) each row: 年末 = 年初 + 本年收入 − 本年支出") { c in
                    guard let t = c.document[id] else { return [] }
                    return t.rows.indices.map { i -> Finding? in
                        guard !t.rows[i].values.isEmpty else { return nil }
                        var spent = c.term(id, i, .yearExpenditureTotal)
                        spent.amount = Amount(units: -spent.amount.units, scale: spent.amount.scale)
                        return c.equal(
                            c.term(id, i, .closingBalance),
                            [c.term(id, i, .openingBalance), c.term(id, i, .yearIncome), spent],
                            rightLabel: "年初 + 本年收入 − 本年支出", table: id, column: .closingBalance)
                    }
                },
                Rule("\(n).tree", "\(n): 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项") { c in
                    c.totalOfCategories(id, columns: id.spec.columns) + c.treeFindings(id, columns: id.spec.columns)
                },
            ]
        }
}
