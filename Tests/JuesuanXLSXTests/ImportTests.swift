import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

private let pinned = Date(timeIntervalSince1970: 1_704_067_200)

func exportThenImport(_ doc: Document, layout: Layout, dir: URL, name: String = "book.xlsx") throws -> (
    Document, ImportReport
) {
    let url = dir.appendingPathComponent(name)
    try? FileManager.default.removeItem(at: url)
    try WorkbookWriter(layout: layout).write(doc, to: url, options: ExportOptions(created: pinned))
    return try WorkbookImporter().read(path: url.path)
}

/// Prints the first difference between two documents (a test failing on `==` alone says little).
func firstDifference(_ a: Document, _ b: Document) -> String {
    for k in ["department", "year", "unit", "layout"] {
        let (x, y): (String, String) =
            switch k {
            case "department": (a.department, b.department)
            case "year": ("\(a.year as Any)", "\(b.year as Any)")
            case "unit": (a.unit.rawValue, b.unit.rawValue)
            default: ("\(a.layout as Any)", "\(b.layout as Any)")
            }
        if x != y { return "\(k): \(x) vs \(y)" }
    }
    for id in TableID.allCases {
        guard let t = a[id], let u = b[id] else {
            if (a[id] == nil) != (b[id] == nil) { return "\(id.rawValue) present in one only" }
            continue
        }
        if t.title != u.title { return "\(id.rawValue) title \(t.title) vs \(u.title)" }
        if t.notes != u.notes { return "\(id.rawValue) notes \(t.notes) vs \(u.notes)" }
        for (i, (r, s)) in zip(t.rows, u.rows).enumerated() where r != s {
            return "\(id.rawValue) row \(i): \(r) vs \(s)"
        }
        if t.rows.count != u.rows.count { return "\(id.rawValue) rows \(t.rows.count) vs \(u.rows.count)" }
    }
    return "no difference"
}

@Suite struct RoundTripTests {
    @Test(arguments: Layout.builtInNames)
    func seedSurvivesExportAndImport(layout name: String) throws {
        let layout = try Layout.builtIn(name)
        let doc = try Paths.seed()
        let (back, report) = try exportThenImport(doc, layout: layout, dir: try Paths.tempDir())
        let expected = doc.asWritten(in: layout)
        #expect(back == expected, "\(firstDifference(expected, back))")
        #expect(report.notes.isEmpty, "\(report.notes)")
        #expect(report.found.count == 9)
    }

    /// import(export(doc)) == doc for seeded random documents, in both layouts.
    @Test func generatedDocumentsSurviveExportAndImport() throws {
        let dir = try Paths.tempDir()
        let count = Int(ProcessInfo.processInfo.environment["JUESUAN_ROUNDTRIP_SEEDS"] ?? "") ?? 200
        let layouts = try Layout.builtInNames.map(Layout.builtIn)
        var failures = 0
        for seed in 1...UInt64(count) {
            var gen = DocumentGenerator(seed: seed)
            let doc = gen.document()
            let layout = layouts[Int(seed % UInt64(layouts.count))]
            let (back, _) = try exportThenImport(doc, layout: layout, dir: dir)
            let expected = doc.asWritten(in: layout)
            if back != expected {
                failures += 1
                Issue.record("seed \(seed) (\(layout.name)): \(firstDifference(expected, back))")
                if failures > 3 { break }
            }
            // The JSON form round-trips too.
            #expect(try DocumentJSON.decode(DocumentJSON.encode(back)) == back, "seed \(seed): JSON")
        }
        print("round trip: \(count) seeded documents, \(failures) failures")
    }
}

/// Department workbooks in the variants of TABLES.md §3, made by openpyxl and XlsxWriter with the
/// tidy CSV computed independently (Tests/interop/make_variants.py); and a LibreOffice re-save.
@Suite(.serialized) struct VariantImportTests {
    nonisolated(unsafe) static let folder: Result<URL, any Error> = Result {
        let dir = try Paths.tempDir()
        let r = try run([
            "python3", Paths.interop.appendingPathComponent("make_variants.py").path, Paths.seedJSON.path, dir.path,
        ])
        guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: r.err]) }
        // LibreOffice re-saves the first variant (its own XML, styles and shared strings).
        let profile = "file://" + dir.appendingPathComponent("lo-profile").path
        let lo = try run([
            "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
            "--outdir", dir.appendingPathComponent("lo").path,
            dir.appendingPathComponent("seed_yuan_text_split.xlsx").path,
        ])
        guard lo.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: lo.err]) }
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("lo/seed_yuan_text_split.xlsx"),
            to: dir.appendingPathComponent("lo_resaved.xlsx"))
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("seed_yuan_text_split.expected.csv"),
            to: dir.appendingPathComponent("lo_resaved.expected.csv"))
        return dir
    }

    static let variants:
        [(name: String, department: String, year: Int?, unit: AmountUnit, layout: String?, what: String)] = [
            (
                "seed_yuan_text_split", "克拉玛依市乌尔禾区人民政府办公室", 2023, .yuan, "national",
                "元; amounts as text with thousands separators; 类|款|项 code columns; 合计 last in 05; wrapped names; zero as —; 06 as one list; 07 in blocks; Sheet1… in shuffled order after 封面 and 目录 (year from the cover)"
            ),
            (
                "shanghai_one_sheet", "上海市某区文化和旅游局", nil, .wanYuan, "shanghai",
                "all nine stacked in one sheet; no 表号/行次/栏次; 单位：万元; 注 under each table; 06 in two panels; 07 paired with 运行维护费 labels; title variants 明细表 / 「三公」 / 09 支出决算表; 政府性基金 money, 事业/其他收入, balances; zero as 0"
            ),
            (
                "guangdong_blocks", "克拉玛依市乌尔禾区人民政府办公室", 2023, .wanYuan, "national",
                "07 in blocks with a numeric 栏次 row 1…12 and no label; 24 类 rows in 01/04; no 收入/支出 labels over the sides; General-format numbers; zero as blank; 06 in three panels; year in every title; sheets in reverse order; no 编制单位 line (the department is on the cover)"
            ),
            (
                "lo_resaved", "克拉玛依市乌尔禾区人民政府办公室", 2023, .yuan, "national",
                "the first variant after LibreOffice Calc re-saved it"
            ),
        ]

    static func sortedLines(_ text: String) -> [String] {
        text.split(separator: "\n").dropFirst().map(String.init).sorted()
    }

    @Test(arguments: VariantImportTests.variants.indices)
    func importedTidyCSVMatchesTheExpectedAmountsCellByCell(index: Int) throws {
        let v = Self.variants[index]
        let dir = try Self.folder.get()
        let (doc, report) = try WorkbookImporter().read(path: dir.appendingPathComponent("\(v.name).xlsx").path)
        let expected = Self.sortedLines(
            try String(contentsOf: dir.appendingPathComponent("\(v.name).expected.csv"), encoding: .utf8))
        // make_variants.py writes the first six columns (tidy CSV version 1): compare those.
        let got = TidyCSV.records(doc).map { TidyCSV.line(Array($0.prefix(6))) }.map { String($0.dropLast()) }.sorted()
        #expect(!expected.isEmpty)
        let missing = Set(expected).subtracting(got), extra = Set(got).subtracting(expected)
        #expect(
            missing.isEmpty && extra.isEmpty,
            "\(v.name): missing \(missing.sorted().prefix(5)), extra \(extra.sorted().prefix(5))")
        #expect(got.count == expected.count)
        #expect(doc.department == v.department)
        #expect(doc.year == v.year)
        #expect(doc.unit == v.unit)
        #expect(doc.layout == v.layout)
        #expect(report.found.count == 9 && report.missing.isEmpty)
        #expect(report.notes.filter { $0.severity == .unread }.isEmpty, "\(v.name): \(report.notes)")
    }

    /// export(import(book)) imports back to the same model.
    @Test(arguments: VariantImportTests.variants.indices)
    func recognisedWorkbookIsAFixedPoint(index: Int) throws {
        let v = Self.variants[index]
        let dir = try Self.folder.get()
        let (doc, _) = try WorkbookImporter().read(path: dir.appendingPathComponent("\(v.name).xlsx").path)
        let layout = try Layout.builtIn(doc.layout ?? "national")
        let (again, _) = try exportThenImport(doc, layout: layout, dir: try Paths.tempDir())
        let expected = doc.asWritten(in: layout)
        #expect(again == expected, "\(v.name): \(firstDifference(expected, again))")
    }

    @Test func titlesAndNotesAreKeptAsPrinted() throws {
        let dir = try Self.folder.get()
        let (doc, _) = try WorkbookImporter().read(path: dir.appendingPathComponent("shanghai_one_sheet.xlsx").path)
        #expect(doc[.t06]?.title == "一般公共预算财政拨款基本支出决算明细表")
        #expect(doc[.t07]?.title == "一般公共预算财政拨款「三公」经费支出决算表")
        #expect(doc[.t09]?.title == "国有资本经营预算财政拨款支出决算表")
        #expect(doc[.t09]?.notes.contains { $0.contains("本表为空表") } == true)
        let (g, _) = try WorkbookImporter().read(path: dir.appendingPathComponent("guangdong_blocks.xlsx").path)
        #expect(g[.t01]?.title == "2023年度收入支出决算总表")
    }

    @Test func unitConversionIsExplicitAndRoundsHalfUp() throws {
        let dir = try Self.folder.get()
        let (doc, _) = try WorkbookImporter(unit: .wanYuan).read(
            path: dir.appendingPathComponent("seed_yuan_text_split.xlsx").path)
        #expect(doc.unit == .wanYuan)
        #expect(doc[.t05]?.row(code: "2010301")?.values["合计"] == .amount(Amount(units: 15666, scale: 2)))
    }
}

@Suite struct ImportErrorTests {
    @Test func aWorkbookWithoutTheTablesIsAClearError() throws {
        let path = try Paths.tempDir().appendingPathComponent("no-tables.xlsx").path
        try makeWorkbookWithoutTables(at: URL(fileURLWithPath: path))
        do {
            _ = try WorkbookImporter().read(path: path)
            Issue.record("imported a workbook with none of the tables")
        } catch {
            #expect(error.description.hasPrefix("\(path): has none of the nine 决算公开 tables"))
        }
    }

    @Test func unreadCellsAreReportedWithTheirAddress() throws {
        let dir = try Paths.tempDir()
        var doc = try Paths.seed()
        // A value the reader cannot take as an amount: write "12,3x" where 行政运行's 合计 goes.
        doc[.t05]!.rows[3].values["合计"] = .dash("12,3x")
        let (back, report) = try exportThenImport(doc, layout: Layout.builtIn("national"), dir: dir)
        #expect(back[.t05]?.row(code: "2010301")?.values["合计"] == nil)
        let note = try #require(report.notes.first)
        #expect(note.severity == .unread)
        #expect(note.description == "公开05表!C10: \"12,3x\" is not an amount")
    }
}
