import Testing
@testable import JuesuanModel

/// Every figure the seed document (shared/seed/000_4ce561fc559b5fc4.txt) quotes is in the fixture.
@Suite struct SeedFixtureTests {
    let doc: Document
    init() throws { doc = try Fixtures.seed() }

    func v(_ t: TableID, item: String, side: Side? = nil, _ column: String) -> String? {
        doc[t]?.row(item: ItemName(rawValue: item), side: side)?.values[column]?.description
    }

    func v(_ t: TableID, code: String, side: Side? = nil, _ column: String) -> String? {
        doc[t]?.row(code: code, side: side)?.values[column]?.description
    }

    @Test func describesTheDepartment() {
        #expect(doc.department == "克拉玛依市乌尔禾区人民政府办公室")
        #expect(doc.year == 2023)
        #expect(doc.unit == .wanYuan)
        #expect(doc.tables.count == 9)
        #expect(doc.validate().isEmpty)
    }

    @Test func table01QuotesIncomeAndExpenditureTotals() {
        // 收入总计 263.72，本年收入合计 263.72，使用非财政拨款结余 0.00，年初结转和结余 0.00
        #expect(v(.t01, item: "总计", side: .income, "收入/金额") == "263.72")
        #expect(v(.t01, item: "本年收入合计", side: .income, "收入/金额") == "263.72")
        #expect(v(.t01, item: "使用非财政拨款结余", side: .income, "收入/金额") == "0.00")
        #expect(v(.t01, item: "年初结转和结余", side: .income, "收入/金额") == "0.00")
        // 支出总计 263.72，本年支出合计 263.72，结余分配 0.00，年末结转和结余 0.00
        #expect(v(.t01, item: "总计", side: .expenditure, "支出/金额") == "263.72")
        #expect(v(.t01, item: "本年支出合计", side: .expenditure, "支出/金额") == "263.72")
        #expect(v(.t01, item: "结余分配", side: .expenditure, "支出/金额") == "0.00")
        #expect(v(.t01, item: "年末结转和结余", side: .expenditure, "支出/金额") == "0.00")
        // 一般公共预算财政拨款支出结构：类 totals
        for (code, amount) in [
            ("201", "170.36"), ("206", "30.00"), ("208", "24.79"), ("210", "14.15"), ("221", "24.42"),
        ] {
            #expect(v(.t01, code: code, side: .expenditure, "支出/金额") == amount, "类 \(code)")
        }
    }

    @Test func table02QuotesIncomeBySource() {
        // 本年收入 263.72，其中：财政拨款收入 263.72（100%）；其余来源 0
        #expect(v(.t02, item: "合计", "本年收入合计") == "263.72")
        #expect(v(.t02, item: "合计", "财政拨款收入") == "263.72")
        for source in ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"] {
            #expect(doc[.t02]?.row(item: .total)?.values[source]?.numeric.isZero ?? true, "\(source)")
        }
    }

    @Test func table03QuotesBasicAndProjectExpenditure() {
        #expect(v(.t03, item: "合计", "本年支出合计") == "263.72")
        #expect(v(.t03, item: "合计", "基本支出") == "220.02")
        #expect(v(.t03, item: "合计", "项目支出") == "43.70")
    }

    @Test func table04QuotesFiscalAppropriations() {
        // 财政拨款收入总计 263.72，年初财政拨款结转和结余 0.00，本年财政拨款收入 263.72
        #expect(v(.t04, item: "总计", side: .income, "收入/金额") == "263.72")
        #expect(v(.t04, item: "年初财政拨款结转和结余", side: .income, "收入/金额") == "0.00")
        #expect(v(.t04, item: "本年收入合计", side: .income, "收入/金额") == "263.72")
        #expect(v(.t04, item: "总计", side: .expenditure, "支出/合计") == "263.72")
        #expect(v(.t04, item: "年末财政拨款结转和结余", side: .expenditure, "支出/合计") == "0.00")
        #expect(v(.t04, item: "本年支出合计", side: .expenditure, "支出/一般公共预算财政拨款") == "263.72")
    }

    /// The nine 项 of 五（三）, with their amounts; the basic/project split follows the seed's text
    /// (行政运行 and the personnel 项 are basic; 一般行政管理事务, 信访事务 and 其他科学技术支出 are the
    /// projects, which add up to the quoted 项目支出 43.70).
    static let items: [(code: String, name: String, total: String, basic: String?, project: String?)] = [
        ("2010301", "行政运行", "156.66", "156.66", nil),
        ("2010302", "一般行政管理事务", "11.95", nil, "11.95"),
        ("2010308", "信访事务", "1.75", nil, "1.75"),
        ("2069999", "其他科学技术支出", "30.00", nil, "30.00"),
        ("2080505", "机关事业单位基本养老保险缴费支出", "14.76", "14.76", nil),
        ("2080506", "机关事业单位职业年金缴费支出", "10.03", "10.03", nil),
        ("2101101", "行政单位医疗", "12.05", "12.05", nil),
        ("2101103", "公务员医疗补助", "2.10", "2.10", nil),
        ("2210201", "住房公积金", "24.42", "24.42", nil),
    ]

    @Test(arguments: SeedFixtureTests.items.indices)
    func table05QuotesEachItem(index: Int) throws {
        let item = SeedFixtureTests.items[index]
        let row = try #require(doc[.t05]?.row(code: item.code))
        #expect(row.name == item.name)
        #expect(row.values["合计"]?.description == item.total)
        #expect(row.values["基本支出"]?.description == item.basic)
        #expect(row.values["项目支出"]?.description == item.project)
        #expect(doc[.t03]?.row(code: item.code)?.values["本年支出合计"]?.description == item.total)
    }

    @Test func table05QuotesTheTotal() {
        #expect(v(.t05, item: "合计", "合计") == "263.72")
        #expect(v(.t05, item: "合计", "基本支出") == "220.02")
        #expect(v(.t05, item: "合计", "项目支出") == "43.70")
        for (code, amount) in [
            ("201", "170.36"), ("206", "30.00"), ("208", "24.79"), ("210", "14.15"), ("221", "24.42"),
        ] {
            #expect(v(.t05, code: code, "合计") == amount)
        }
    }

    @Test func table06QuotesPersonnelAndPublicFunds() {
        #expect(v(.t06, item: "人员经费合计", "决算数") == "186.27")
        #expect(v(.t06, item: "公用经费合计", "决算数") == "33.74")
        // The items the seed names under each heading are all present.
        for name in [
            "基本工资", "津贴补贴", "奖金", "绩效工资", "机关事业单位基本养老保险缴费", "职业年金缴费",
            "职工基本医疗保险缴费", "公务员医疗补助缴费", "其他社会保障缴费", "住房公积金",
            "办公费", "邮电费", "差旅费", "会议费", "公务接待费", "工会经费", "福利费", "公务用车运行维护费",
        ] {
            #expect(doc[.t06]?.rows.contains { $0.name == name } == true, "\(name)")
        }
    }

    @Test func table07QuotesBudgetAndActual() {
        let expected: [String: String] = [
            "预算数/合计": "47.35", "预算数/因公出国（境）费": "0.00",
            "预算数/公务用车购置及运行费/公务用车购置费": "0.00", "预算数/公务用车购置及运行费/公务用车运行费": "27.60",
            "预算数/公务接待费": "19.75",
            "决算数/合计": "14.66", "决算数/因公出国（境）费": "0.00", "决算数/公务用车购置及运行费/小计": "13.46",
            "决算数/公务用车购置及运行费/公务用车购置费": "0.00", "决算数/公务用车购置及运行费/公务用车运行费": "13.46",
            "决算数/公务接待费": "1.20",
        ]
        for (column, amount) in expected {
            #expect(v(.t07, item: ItemName.threePublic.rawValue, column) == amount, "\(column)")
        }
    }

    @Test func tables08And09AreEmptyWithTheirNotes() {
        for id in [TableID.t08, .t09] {
            let t = doc[id]
            #expect(t?.hasNoData == true)
            #expect(t?.notes.first?.contains("本表为空表") == true)
        }
    }
}
