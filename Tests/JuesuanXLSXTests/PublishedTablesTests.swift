import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing

@testable import JuesuanXLSX

private let pinned = Date(timeIntervalSince1970: 1_704_067_200)

/// A 公开05表 with a 合计 row and one 项 whose amounts were typed in three ways.
private func table05(_ total: String, _ basic: String, _ project: String) throws -> Document {
    var doc = Document(department: "测试局", year: 2024, unit: .wanYuan)
    func v(_ s: String) throws -> Value { try Value(parsing: s) }
    doc[.t05] = Table(
        id: .t05,
        rows: [
            Row(
                item: .total,
                values: [
                    ColumnName.total.rawValue: try v(total), ColumnName.basic.rawValue: try v(basic),
                    ColumnName.project.rawValue: try v(project),
                ]),
            Row(
                code: "2010301", name: "行政运行",
                values: [
                    ColumnName.total.rawValue: try v(total), ColumnName.basic.rawValue: try v(basic),
                    ColumnName.project.rawValue: try v(project),
                ]),
        ])
    return doc
}

/// The amount cells of a sheet: (cell, number, decimals its format shows).
private func amountCells(_ sheet: SheetLayout) -> [(String, Double, Int)] {
    sheet.cells.compactMap { c in
        guard c.style.role == .amount, case .number(let d) = c.content else { return nil }
        return (CellRef.name(c.row, c.col), d, c.style.decimals)
    }
}

@Suite struct PublishedDecimalsTests {
    /// 250.5 and 50 typed beside 200.50 all print with the table's two decimals, without a note.
    @Test(arguments: Layout.builtInNames)
    func everyAmountPrintsAtTheTablesDecimals(layout name: String) throws {
        let doc = try table05("250.5", "50", "200.50")
        let sheets = try WorkbookWriter(layout: Layout.builtIn(name)).sheets(for: doc)
        let cells = amountCells(sheets[0])
        #expect(cells.count == 6)
        #expect(cells.allSatisfy { $0.2 == 2 }, "\(cells)")
        #expect(sheets[0].roundings.isEmpty)
        // The format a blank amount cell gets is the same.
        let formats = Set(sheets[0].cells.filter { $0.style.role == .amount }.map(\.style.format.numFormat))
        #expect(formats == ["#,##0.00"])
    }

    /// More decimals than the table prints: rounded half up, and each rounding noted with its cell.
    @Test func extraDecimalsAreRoundedHalfUpWithANote() throws {
        let doc = try table05("12.345", "12.344", "0.001")
        let sheets = try WorkbookWriter(layout: Layout.builtIn("national")).sheets(for: doc)
        let numbers = amountCells(sheets[0]).map(\.1)
        #expect(numbers.contains(12.35) && numbers.contains(12.34) && numbers.contains(0.00))
        let notes = sheets[0].roundings
        // Three columns of two rows, each changed by the rounding: six notes.
        #expect(notes.count == 6, "\(notes)")
        #expect(
            notes.contains {
                $0.hasPrefix("公开05表!C")
                    && $0.contains("公开05表 2010301 行政运行 [合计] 12.345 printed as 12.35")
            }, "\(notes)")
    }

    /// `--decimals` chooses other decimals; nil keeps each amount as it was printed.
    @Test func otherDecimalsAndKeepingThemAsPrinted() throws {
        let doc = try table05("250.5", "50", "200.50")
        let writer = try WorkbookWriter(layout: Layout.builtIn("national"))
        let three = try writer.sheets(for: doc, options: ExportOptions(decimals: 3))
        #expect(amountCells(three[0]).allSatisfy { $0.2 == 3 })
        let kept = try writer.sheets(for: doc, options: ExportOptions(decimals: nil))
        #expect(Set(amountCells(kept[0]).map(\.2)) == [0, 1, 2])
        #expect(throws: JuesuanError.self) { try writer.sheets(for: doc, options: ExportOptions(decimals: 11)) }
    }

    /// Export then import: the amounts come back as printed (250.50, 50.00), the rounding reported.
    @Test func theImportKeepsWhatWasPrinted() throws {
        let dir = try Paths.tempDir()
        let url = dir.appendingPathComponent("t.xlsx")
        let doc = try table05("250.5", "50", "200.555")
        let report = try WorkbookWriter(layout: Layout.builtIn("national")).write(
            doc, to: url, options: ExportOptions(created: pinned))
        #expect(report.roundings.count == 2)
        let (back, notes) = try WorkbookImporter().read(path: url.path)
        #expect(notes.notes.isEmpty, "\(notes.notes)")
        let row = try #require(back[.t05]?.rows.first { $0.code == "2010301" })
        #expect(row[.total] == .amount(Amount(units: 25050, scale: 2)))
        #expect(row[.basic] == .amount(Amount(units: 5000, scale: 2)))
        #expect(row[.project] == .amount(Amount(units: 20056, scale: 2)))
    }
}

@Suite struct OnePageTests {
    /// 01, 04 and 06 (two or three panels of 经济分类 items) are scaled to one page in every layout; the others are one page wide.
    @Test(arguments: Layout.builtInNames)
    func the01_04And06SheetsFitOnePage(layout name: String) throws {
        let layout = try Layout.builtIn(name)
        let sheets = try WorkbookWriter(layout: layout).sheets(for: Paths.seed())
        for (sheet, table) in zip(sheets, layout.ordered(try Paths.seed().orderedTables)) {
            #expect(sheet.onePage == [.t01, .t04, .t06].contains(table.id), "\(sheet.name)")
        }
        let dump = try WorkbookWriter(layout: layout).layoutDump(Paths.seed(), name: "x.xlsx")
        let printSetups = dump.split(separator: "\n").filter { $0.hasPrefix("R\t") }
        #expect(printSetups.filter { $0.hasSuffix("\t1") }.count == 3)
    }
}

@Suite struct OmitEmptyCategoriesTests {
    /// With the option, 01 and 04 print only the 类 rows that carry an amount; the import then has
    /// exactly those rows. Without it every 类 row prints.
    @Test(arguments: Layout.builtInNames)
    func emptyCategoryRowsCanBeLeftOut(layout name: String) throws {
        let layout = try Layout.builtIn(name)
        let seed = try Paths.seed()
        let url = try Paths.tempDir().appendingPathComponent("o.xlsx")
        try WorkbookWriter(layout: layout).write(
            seed, to: url, options: ExportOptions(created: pinned, omitEmptyCategories: true))
        let (back, report) = try WorkbookImporter().read(path: url.path)
        #expect(report.notes.isEmpty, "\(report.notes.map(\.description))")
        for id in [TableID.t01, .t04] {
            let kept = try #require(seed[id]).rows.filter { $0.code == nil || !$0.values.isEmpty }
            #expect(back[id]?.rows.map(\.name) == kept.map(\.name), "\(id)")
            #expect(kept.count < seed[id]!.rows.count)
        }
        let full = try WorkbookWriter(layout: layout).sheets(for: seed)
        let short = try WorkbookWriter(layout: layout).sheets(
            for: seed, options: ExportOptions(omitEmptyCategories: true))
        #expect(short[0].lastRow < full[0].lastRow)
    }
}

@Suite struct TemplateTests {
    /// The template carries the layout's 行次, 空表 notes, 06's common items, the year and blank rows.
    @Test func theNationalTemplateIsReadyToFill() throws {
        let layout = try Layout.builtIn("national")
        let doc = layout.blankTemplate(department: "某某局", year: 2024)
        let t01 = try #require(doc[.t01])
        let income = t01.rows.filter { $0.side == .income }.compactMap(\.line)
        let expenditure = t01.rows.filter { $0.side == .expenditure }.compactMap(\.line)
        #expect(income == (1...12).map(String.init))
        #expect(expenditure.first == "32" && expenditure.count == t01.rows.filter { $0.side == .expenditure }.count)
        #expect(doc[.t04]?.rows.allSatisfy { $0.line != nil } == true)
        for id in [TableID.t08, .t09] {
            #expect(doc[id]?.notes.contains(where: EmptyTableNote.isEmptyTableNote) == true, "\(id)")
        }
        let codes06 = Set(doc[.t06]?.rows.compactMap(\.code) ?? [])
        #expect(codes06.isSuperset(of: ["30101", "30108", "30201", "30217", "30231", "31013", "30399"]))

        let sheets = try WorkbookWriter(layout: layout).sheets(for: doc, options: ExportOptions(blankRows: true))
        // The year sits on the caption line of every sheet.
        for sheet in sheets { #expect(sheet.cells.contains { $0.content == .text("2024年度") }, "\(sheet.name)") }
        // 02: 15 formatted blank rows under 合计, with text-formatted code cells and #,##0.00 amounts.
        let s02 = sheets[1]
        let totalRow = try #require(s02.cells.first { $0.content == .text(ItemName.total.rawValue) }?.row)
        let blankCodes = s02.cells.filter { $0.row > totalRow && $0.style.role == .code && $0.content == .blank }
        #expect(blankCodes.count == 15)
        #expect(blankCodes.allSatisfy { $0.style.format.numFormat == "@" })
        // Labels are indented from the amounts beside them.
        #expect(sheets.flatMap(\.cells).filter { $0.style.role == .label }.allSatisfy { $0.style.format.indent >= 1 })
    }

    /// A template filled as a person would (numbers, text numbers, blanks, 科目 rows typed into
    /// the blank rows; filled by openpyxl) imports with no notes and exports again without rounding.
    @Test(arguments: Layout.builtInNames)
    func aFilledTemplateImportsWithoutNotes(layout name: String) throws {
        let dir = try Paths.tempDir()
        let layout = try Layout.builtIn(name)
        let template = dir.appendingPathComponent("template.xlsx")
        let filled = dir.appendingPathComponent("filled.xlsx")
        try WorkbookWriter(layout: layout).write(
            layout.blankTemplate(department: "某某局", year: 2024), to: template,
            options: ExportOptions(created: pinned, blankRows: true))
        let r = try run([
            "python3", Paths.interop.appendingPathComponent("fill_template.py").path, template.path, filled.path,
        ])
        try #require(r.status == 0, "\(r.err)")
        let (doc, report) = try WorkbookImporter().read(path: filled.path)
        #expect(report.notes.isEmpty, "\(report.notes.map(\.description))")
        #expect(doc.year == 2024 && doc.department == "某某局" && doc.layout == name)
        func amount(_ id: TableID, _ pick: (Row) -> Bool, _ column: ColumnName) -> String? {
            doc[id]?.rows.first(where: pick)?[column]?.description
        }
        // Typed 250.5 into a #,##0.00 cell: read as shown.
        #expect(amount(.t01, { $0.itemName == .generalBudgetGrantIncome }, .incomeAmount) == "250.50")
        #expect(amount(.t01, { $0.code == "201" }, .expenditureAmount) == "1234.50")
        #expect(amount(.t01, { $0.itemName == .publicServiceIncome }, .incomeAmount) == "50")
        #expect(amount(.t02, { $0.code == "2010301" }, .publicServiceIncome) == "50.00")
        #expect(doc[.t02]?.rows.compactMap(\.code) == ["201", "20103", "2010301"])
        #expect(amount(.t06, { $0.code == "30201" }, .actual06) == "1234.50")
        #expect(doc[.t08]?.rows.allSatisfy { $0.values.isEmpty } == true)

        let again = dir.appendingPathComponent("again.xlsx")
        let exported = try WorkbookWriter(layout: layout).write(doc, to: again, options: ExportOptions(created: pinned))
        #expect(exported.roundings.isEmpty, "\(exported.roundings)")
        let (back, report2) = try WorkbookImporter().read(path: again.path)
        #expect(report2.notes.isEmpty, "\(report2.notes.map(\.description))")
        #expect(back == doc.asWritten(in: layout), "\(firstDifference(doc.asWritten(in: layout), back))")
    }
}

@Suite struct CentralLayoutTests {
    /// Sheets in the central order with the central 表号 and titles.
    @Test func theCentralExportFollowsTheCentralNumbering() throws {
        let sheets = try WorkbookWriter(layout: Layout.builtIn("central")).sheets(for: Paths.seed())
        #expect(sheets.map(\.name) == (1...9).map { "公开0\($0)表" })
        func texts(_ s: SheetLayout) -> [String] {
            s.cells.compactMap { if case .text(let t) = $0.content { return t } else { return nil } }
        }
        let expected = [
            6: "一般公共预算财政拨款基本支出决算明细表", 7: "政府性基金预算财政拨款收入支出决算表",
            8: "国有资本经营预算财政拨款支出决算表", 9: "财政拨款“三公”经费支出决算表",
        ]
        for (n, title) in expected {
            let t = texts(sheets[n - 1])
            #expect(t.prefix(2) == ["公开0\(n)表", title], "\(t.prefix(2))")
        }
    }

    /// Importing a central export gives the same document, without notes about its 表号 lines.
    @Test func importingACentralExportGivesTheSameDocument() throws {
        let layout = try Layout.builtIn("central")
        let seed = try Paths.seed()
        let (back, report) = try exportThenImport(seed, layout: layout, dir: try Paths.tempDir())
        #expect(report.notes.isEmpty, "\(report.notes.map(\.description))")
        var expected = seed
        expected.layout = "central"
        #expect(back == expected, "\(firstDifference(expected, back))")
    }

    /// A 表号 line naming another table, in a workbook that does not follow a known numbering,
    /// is still noted and not obeyed.
    @Test func anUnknownNumberingIsStillNoted() throws {
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(EmbeddedTemplates.files["national.json"]!.utf8))
                as? [String: Any])
        var tables = try #require(json["tables"] as? [String: [String: Any]])
        tables["公开08表"]!["number"] = "公开09表"
        tables["公开09表"]!["number"] = "公开08表"
        json["tables"] = tables
        json["name"] = "swapped"
        let layout = try Layout.decode(JSONSerialization.data(withJSONObject: json), source: "swapped.json")
        let (back, report) = try exportThenImport(try Paths.seed(), layout: layout, dir: try Paths.tempDir())
        let lines = report.notes.map(\.description)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains { $0.contains("the 表号 line says 公开09表") && $0.contains("read as 公开08表") })
        #expect(back.layout == "national")
        #expect(back[.t08]?.notes == (try Paths.seed())[.t08]?.notes)
    }

    /// Every shipped layout says which of its facts are verified and which are not.
    @Test(arguments: Layout.builtInNames)
    func eachLayoutSaysWhatIsVerified(layout name: String) throws {
        let layout = try Layout.builtIn(name)
        #expect(!(layout.verified ?? []).isEmpty)
        #expect(!(layout.unverified ?? []).isEmpty)
    }
}
