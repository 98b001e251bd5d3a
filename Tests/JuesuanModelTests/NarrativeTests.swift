import Foundation
import Testing

@testable import JuesuanModel

/// The 说明 checks (TABLES.md §6) on the seed's own 说明 and on copies with one planted mistake.
@Suite struct NarrativeTests {
    static let seedText: String = {
        let url = Fixtures.root.appendingPathComponent("Fixtures/seed/说明.txt")
        return String(decoding: try! Data(contentsOf: url), as: UTF8.self)
    }()

    static func check(_ text: String, _ doc: Document? = nil, previous: Document? = nil) -> NarrativeReport {
        NarrativeChecker().run(NarrativeText(text), document: doc ?? (try! Fixtures.seed()), previous: previous)
    }

    /// The seed's text with one replacement, which must be there exactly once.
    static func planted(_ old: String, _ new: String) -> String {
        #expect(seedText.components(separatedBy: old).count == 2, "\(old) is not in the seed's 说明 exactly once")
        return seedText.replacingOccurrences(of: old, with: new)
    }

    @Test func seedNarrativeHasNoFindings() {
        let report = Self.check(Self.seedText)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
        // Every section of 第二部分 is found, in order.
        let labels = NarrativeText(Self.seedText).sections.map(\.label)
        #expect(
            labels == [
                "一", "二", "三", "四", "五", "五（一）", "五（二）", "五（三）", "六", "七", "八", "九", "十", "十（一）", "十（二）", "十（三）", "十一",
                "十二",
            ])
        // What the tables cannot confirm is listed, by reason, and never as a finding.
        let reasons = Set(report.unchecked.map(\.reason))
        #expect(reasons == [.lastYear, .initialBudget, .procurement, .assets, .performance, .counts])
        #expect(
            report.unchecked.filter { $0.reason == .initialBudget }.map(\.figure.printed) == ["468.53万元", "468.53万元"])
        #expect(report.uncheckedLines.count == reasons.count)
        // Nothing the text states about the tables goes unrecognised.
        #expect(!report.unchecked.contains { $0.reason == .unrecognised || $0.reason == .tableMissing })
    }

    /// What was read, figure by figure, in the sections the tables speak to.
    @Test func seedFiguresAreReadWithWhatTheyAreOf() {
        let figures = Self.check(Self.seedText).figures
        func find(_ section: String, _ kind: NarrativeFigure.Kind, _ printed: String) -> NarrativeFigure? {
            figures.first { $0.section == section && $0.kind == kind && $0.printed == printed }
        }
        #expect(find("二", .share, "100.00%")?.subject == "财政拨款收入")
        #expect(find("三", .share, "16.57%")?.subject == "项目支出")
        #expect(find("五（二）", .share, "9.25%")?.subject == "住房保障支出（类）")
        #expect(find("五（三）", .growth, "1052.87%")?.value == Amount("1052.87"))
        #expect(find("五（三）", .change, "172.86万元")?.value == Amount("-172.86"))
        #expect(find("四", .budgetRate, "-43.71%")?.subject == "财政拨款收入支出总体")
        #expect(find("七", .budgetRate, "-93.92%")?.subject == "公务接待费")
        #expect(find("十（一）", .amount, "33.74万元")?.subject == "机关运行经费")
        #expect(figures.filter { $0.section == "五（三）" && $0.kind == .amount }.count == 9)
    }

    /// One planted mistake each: that mistake is reported, and nothing else.
    @Test(arguments: [
        ("支出决算数为 156.66 万元", "支出决算数为 165.66 万元", "narrative.amount", "五（三）", "165.66万元", "156.66万元"),
        ("占 11.38%", "占 11.83%", "narrative.share", "五（二）", "11.83%", "11.38%"),
        ("预决算差异率-51.23%", "预决算差异率-15.23%", "narrative.budget-rate", "七", "-15.23%", "-51.23%"),
        ("4. 卫生健康支出(类)", "4. 医疗卫生与计划生育支出(类)", "narrative.name", "五（二）", "医疗卫生与计划生育支出", "prints 卫生健康支出"),
        ("公用经费 33.74 万元", "公用经费 34.74 万元", "narrative.amount", "六", "34.74万元", "33.74万元"),
        ("占 91.81%", "占 90.81%", "narrative.share", "七", "90.81%", "91.81%"),
    ])
    func plantedMistake(
        _ old: String, _ new: String, rule: String, section: String, said: String, gives: String
    ) {
        let report = Self.check(Self.planted(old, new))
        #expect(report.findings.count == 1, "\(report.findings.map(\.line))")
        guard let f = report.findings.first else { return }
        #expect(f.rule == rule)
        #expect(f.severity == .error)
        #expect(f.section == section)
        #expect(f.left == said)
        #expect(f.right.hasPrefix(gives), "\(f.line)")
        #expect(f.excerpt?.isEmpty == false)
    }

    /// A 类 name the tables do not print at all: the name is the one finding.
    @Test func unknownCategoryName() {
        let report = Self.check(Self.planted("3. 社会保障和就业支出(类)", "3. 社会保障支出(类)"))
        #expect(report.findings.map(\.rule) == ["narrative.name"], "\(report.findings.map(\.line))")
        #expect(report.findings.first?.right.contains("no 类 of that name") == true)
    }

    /// "为空表" while the table has data: the statement is wrong.
    @Test func emptyTableStatementAgainstATableWithData() {
        var doc = try! Fixtures.seed()
        var t08 = doc[.t08]!
        t08.rows[0][.yearIncome] = .amount(Amount("5.00")!)
        doc[.t08] = t08
        let report = Self.check(Self.seedText, doc)
        #expect(report.findings.map(\.rule) == ["narrative.empty-table"], "\(report.findings.map(\.line))")
        #expect(report.findings.first?.table == .t08)
        #expect(report.findings.first?.section == "八")
    }

    /// A planted "为空表" about a table with data.
    @Test func plantedEmptyTableStatement() {
        let text = Self.planted("具体情况如下：", "财政拨款“三公”经费支出决算表为空表。具体情况如下：")
        let report = Self.check(text)
        #expect(report.findings.map(\.rule) == ["narrative.empty-table"], "\(report.findings.map(\.line))")
        #expect(report.findings.first?.table == .t07)
    }

    /// Last year's tables built from what the seed says of last year: every change and rate agrees.
    static func lastYear() -> Document {
        func a(_ s: String) -> Value { .amount(Amount(s)!) }
        var doc = Document(department: "克拉玛依市乌尔禾区人民政府办公室", year: 2022)
        doc[.t01] = Table(id: .t01, rows: [Row(side: .income, item: .grandTotal, values: ["收入/金额": a("386.23")])])
        doc[.t04] = Table(id: .t04, rows: [Row(side: .income, item: .grandTotal, values: ["收入/金额": a("386.23")])])
        let items: [(String, String)] = [
            ("2010301", "329.52"), ("2010302", "31.57"), ("2080505", "24.27"), ("2080506", "0.87"),
        ]
        doc[.t05] = Table(
            id: .t05,
            rows: [Row(item: .total, values: [ColumnName.total.rawValue: a("386.23")])]
                + items.map { Row(code: $0.0, name: "", values: [ColumnName.total.rawValue: a($0.1)]) })
        doc[.t06] = Table(
            id: .t06, rows: [Row(item: .publicUseTotal, values: [ColumnName.actual06.rawValue: a("71.38")])])
        let three: [(ColumnName, String)] = [
            (.total, "42.86"), (.travelAbroad, "0.00"), (.vehiclesSubtotal, "30.33"), (.vehiclePurchase, "0.00"),
            (.vehicleOperation, "30.33"), (.reception, "12.53"),
        ]
        doc[.t07] = Table(
            id: .t07,
            rows: [
                Row(
                    item: .threePublic,
                    values: RowValues(three.map { (ColumnName.actual($0.0).rawValue, a($0.1)) }))
            ])
        return doc
    }

    @Test func changesAgainstLastYear() {
        let report = Self.check(Self.seedText, previous: Self.lastYear())
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
        #expect(!report.unchecked.contains { $0.reason == .lastYear })
        // 34 changes and rates against last year, besides two in 十一 (绩效, not in the tables).
        let compared = report.figures.filter { ($0.kind == .change || $0.kind == .growth) && $0.section != "十一" }
        #expect(compared.count == 34)
        // A planted rate and a planted change.
        let wrong = Self.check(Self.planted("下降 62.15%", "下降 26.15%"), previous: Self.lastYear())
        #expect(wrong.findings.map(\.rule) == ["narrative.growth"], "\(wrong.findings.map(\.line))")
        let wrongChange = Self.check(Self.planted("比上年减少 37.64 万元", "比上年减少 36.64 万元"), previous: Self.lastYear())
        #expect(wrongChange.findings.map(\.rule) == ["narrative.change"], "\(wrongChange.findings.map(\.line))")
    }

    /// A zero base: 增长100.00% by default; 不可比 is the other region's way, a warning here and
    /// right under `.notComparable`.
    @Test func zeroBaseConvention() {
        let text = Self.planted("比上年决算增加 1.75 万元, 增长 100.00%", "比上年决算增加 1.75 万元, 增长--（基数为0，不可比）")
        let byDefault = Self.check(text, previous: Self.lastYear())
        #expect(byDefault.findings.map(\.severity) == [.warning], "\(byDefault.findings.map(\.line))")
        var conventions = NarrativeConventions()
        conventions.zeroBase = .notComparable
        let guangdong = NarrativeChecker(conventions: conventions).run(
            NarrativeText(text), document: try! Fixtures.seed(), previous: Self.lastYear())
        #expect(
            guangdong.findings.filter {
                $0.rule == "narrative.growth" && $0.section == "五（三）" && $0.severity == .warning
            }.count == 4)
        #expect(!guangdong.findings.contains { $0.excerpt?.contains("不可比") == true })
    }

    @Test func percentRoundsHalfAwayFromZero() {
        #expect(NarrativeRun.percent(Amount("24.42")!, of: Amount("263.72")!, scale: 2) == Amount("9.26"))
        #expect(NarrativeRun.percent(Amount("-204.81")!, of: Amount("468.53")!, scale: 2) == Amount("-43.71"))
        #expect(NarrativeRun.percent(Amount("1")!, of: Amount("8")!, scale: 1) == Amount("12.5"))
        #expect(NarrativeRun.percent(Amount("1")!, of: Amount("0")!, scale: 2) == nil)
        // Whatever the scales and sizes: the same value printed two ways gives the same percent.
        let big = Amount("-827818856867378")!
        #expect(NarrativeRun.percent(big, of: Amount("827818856867378")!, scale: 2) == Amount("-100.00"))
        #expect(
            NarrativeRun.percent(Amount("-827818856867378.00")!, of: Amount("827818856867378")!, scale: 2)
                == Amount("-100.00"))
        #expect(NarrativeRun.percent(Amount("0.0000000001")!, of: Amount("9000000000")!, scale: 2) == Amount("0.00"))
        #expect(NarrativeRun.percent(Amount("9000000000000000")!, of: Amount("0.0000000001")!, scale: 2) == nil)
    }

    @Test func normalisation() {
        #expect(NarrativeText.normalise("本年支出 263.72 万元， 占 1,052.87％ (类)") == "本年支出263.72万元，占1,052.87%（类）")
        #expect(NarrativeText.normalise("事务(款)信访事务(项): 支出, 比上年") == "事务（款）信访事务（项）：支出，比上年")
        #expect(NarrativeText.normalise("## 一、收入支出决算总体情况说明") == "一、收入支出决算总体情况说明")
    }
}

/// The draft (`NarrativeDraft`) checked against the tables it was drafted from.
@Suite struct NarrativeDraftTests {
    @Test func draftOfTheSeedChecksClean() throws {
        let doc = try Fixtures.seed()
        let draft = NarrativeDraft(document: doc)
        let report = NarrativeChecker().run(NarrativeText(draft.markdown), document: doc)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
        #expect(report.unchecked.isEmpty, "\(report.uncheckedLines)")
        // Sections 一 to 九, with every 类 and 项 of 公开05表.
        let labels = Set(NarrativeText(draft.markdown).sections.map(\.number))
        #expect(labels == ["一", "二", "三", "四", "五", "六", "七", "八", "九"])
        #expect(report.figures.filter { $0.section == "五（三）" && $0.kind == .amount }.count == 9)
        #expect(draft.markdown.contains("主要原因是：【请填写】"))
        #expect(draft.markdown.contains("政府性基金预算财政拨款收入支出决算表为空表"))
        // The same figures the seed's own 说明 gives, where it gives them from the tables.
        let seed = NarrativeTests.check(NarrativeTests.seedText).figures
        for f in report.figures where f.kind == .amount && f.section == "五（三）" {
            #expect(seed.contains { $0.section == f.section && $0.kind == .amount && $0.value == f.value })
        }
    }

    /// With last year's tables the changes are written, and check clean with them.
    @Test func draftWithLastYear() throws {
        let doc = try Fixtures.seed()
        let last = NarrativeTests.lastYear()
        let draft = NarrativeDraft(document: doc, previous: last)
        let report = NarrativeChecker().run(NarrativeText(draft.markdown), document: doc, previous: last)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
        #expect(draft.markdown.contains("比上年决算减少172.86万元，下降52.46%"))
        #expect(draft.markdown.contains("比上年决算增加1.75万元，增长100.00%"))
        #expect(report.figures.filter { $0.kind == .change || $0.kind == .growth }.count >= 30)
    }

    /// Other regions' conventions: 不可比, one decimal, 年初预算数, 完成率.
    @Test func draftInOtherConventions() throws {
        let doc = try Fixtures.seed()
        var c = NarrativeConventions()
        c.zeroBase = .notComparable
        c.rateDecimals = 1
        c.budgetWording = .initial
        c.budgetComparison = .completionRate
        let last = NarrativeTests.lastYear()
        let draft = NarrativeDraft(document: doc, previous: last, conventions: c)
        #expect(draft.markdown.contains("增长--（基数为0，不可比）"))
        #expect(draft.markdown.contains("年初预算数47.35万元，决算数14.66万元，完成年初预算的31.0%"))
        #expect(draft.markdown.contains("占64.6%"))
        let report = NarrativeChecker(conventions: c).run(NarrativeText(draft.markdown), document: doc, previous: last)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
    }
}

/// Wordings of other documents than the seed's.
@Suite struct NarrativeWordingTests {
    /// The national template writes the 类 marker inside the name: `一般公共服务（类）支出`.
    @Test func markerInsideTheCategoryName() throws {
        let text = """
            第二部分 部门决算情况说明
            五、一般公共预算财政拨款支出决算情况说明
            （二）一般公共预算财政拨款支出决算结构情况
            一般公共服务（类）支出170.36万元，占64.60%；科学技术（类）支出30.00万元，占11.38%；卫生健康支出（类）14.15万元，占5.73%。
            """
        let report = NarrativeChecker().run(NarrativeText(text), document: try Fixtures.seed())
        #expect(
            report.figures.filter { $0.kind == .amount }.map(\.subject) == ["一般公共服务支出（类）", "科学技术支出（类）", "卫生健康支出（类）"])
        #expect(report.findings.map(\.rule) == ["narrative.share"], "\(report.findings.map(\.line))")
    }

    /// 类 without markers, after a sentence about the whole 一般公共预算 total.
    @Test func categoriesWithoutMarkers() throws {
        let text = """
            五、一般公共预算财政拨款支出决算情况说明
            （二）一般公共预算财政拨款支出决算结构情况
            一般公共预算财政拨款支出主要用于以下方面：一般公共服务支出170.36万元，占64.60%；科学技术支出30.00万元，占11.38%；住房保障支出24.42万元，占9.62%。
            """
        let report = NarrativeChecker().run(NarrativeText(text), document: try Fixtures.seed())
        #expect(report.figures.filter { $0.kind == .amount }.map(\.subject) == ["一般公共服务支出", "科学技术支出", "住房保障支出"])
        #expect(report.findings.map(\.left) == ["9.62%"], "\(report.findings.map(\.line))")
    }

    /// Headings numbered by Word's automatic list numbering carry no 一、/（一） in their text:
    /// the same figures are read, of the same subjects, in sections of the same kinds.
    @Test func headingsWithoutTheirNumbers() throws {
        var lines: [String] = []
        for line in NarrativeTests.seedText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let n = NarrativeText.normalise(line)
            if let (_, rest) = NarrativeText.heading(n) {
                lines.append(rest)
            } else if let (_, rest) = NarrativeText.subHeading(n) {
                lines.append(rest)
            } else {
                lines.append(line)
            }
        }
        let doc = try Fixtures.seed()
        let plain = NarrativeChecker().run(NarrativeText(lines.joined(separator: "\n")), document: doc)
        let numbered = NarrativeTests.check(NarrativeTests.seedText)
        #expect(plain.findings.isEmpty, "\(plain.findings.map(\.line))")
        func key(_ f: NarrativeFigure) -> String { "\(f.kind) \(f.printed) \(f.subject ?? "-")" }
        #expect(plain.figures.map(key) == numbered.figures.map(key))
        #expect(plain.unchecked.map(\.reason) == numbered.unchecked.map(\.reason))
    }

    /// A figure of something the section's lexicon does not know is listed as not recognised,
    /// not compared with the subject named before it.
    @Test func unknownThingsAreNotTakenForTheSubject() throws {
        let text = """
            四、财政拨款收入支出决算总体情况说明
            2023年度财政拨款收入总计263.72万元，其中：一般公共预算财政拨款收入263.72万元，政府性基金预算财政拨款收入0.00万元，专项调剂资金12.00万元。本年财政拨款支出263.72万元，其中：一般公共预算财政拨款支出263.72万元。
            """
        let report = NarrativeChecker().run(NarrativeText(text), document: try Fixtures.seed())
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
        #expect(
            report.figures.map(\.subject) == [
                "财政拨款收入总计", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", nil, "本年财政拨款支出", "一般公共预算财政拨款支出",
            ])
        #expect(report.unchecked.map(\.reason) == [.unrecognised])
    }

    /// Shanghai's 完成年初预算的X% and Guangdong's one decimal, right and wrong.
    @Test func completionRateAndOneDecimal() throws {
        let doc = try Fixtures.seed()
        func check(_ body: String) -> NarrativeReport {
            NarrativeChecker().run(NarrativeText("七、财政拨款“三公”经费支出决算情况说明\n" + body), document: doc)
        }
        let right = check("“三公”经费支出年初预算数47.35万元，决算数14.66万元，完成年初预算的31.0%；公务接待费年初预算数19.75万元，决算数1.20万元，预决算差异率-93.9%。")
        #expect(right.findings.isEmpty, "\(right.findings.map(\.line))")
        #expect(right.figures.map(\.kind) == [.budget, .amount, .completionRate, .budget, .amount, .budgetRate])
        let wrong = check("“三公”经费支出年初预算数47.35万元，决算数14.66万元，完成年初预算的13.0%。")
        #expect(wrong.findings.map(\.rule) == ["narrative.completion-rate"])
        #expect(wrong.findings.first?.right == "31.0%")
    }

    /// Tables the document lacks: their figures are listed as not checkable, never errors.
    @Test func missingTables() throws {
        var doc = try Fixtures.seed()
        for id in TableID.allCases where id != .t01 { doc[id] = nil }
        let report = NarrativeTests.check(NarrativeTests.seedText, doc)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
        let missing = report.unchecked.filter { $0.reason == .tableMissing }
        #expect(missing.count > 50)
        #expect(!missing.contains { $0.figure.section == "一" })
    }

    /// Amounts in 元, 较上年 wording, 包括 without a colon, a named 06 item the table lacks.
    @Test func yuanAndItemNames() throws {
        let text = """
            六、一般公共预算财政拨款基本支出决算情况说明
            2023年度一般公共预算财政拨款基本支出2,200,200.00元，其中：人员经费1,862,700.00元，主要包括基本工资、津贴补贴、伙食补助费等。
            """
        let report = NarrativeChecker().run(NarrativeText(text), document: try Fixtures.seed())
        #expect(report.figures.map(\.printed) == ["2200200.00元", "1862700.00元"])
        #expect(report.findings.map(\.rule) == ["narrative.item-name"], "\(report.findings.map(\.line))")
        #expect(report.findings.first?.left == "伙食补助费")
        #expect(report.findings.first?.severity == .warning)
    }
}
