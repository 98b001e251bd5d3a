import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

/// The xlsx workbooks of the import tests — the seed's export in both layouts, a few generated
/// departments, the producer variants of TABLES.md §3 — and their .xls copies made by LibreOffice
/// Calc (`soffice --convert-to xls`, once per test run).
enum XLSFixtures {
    static let names: [String] =
        ["seed_national", "seed_shanghai", "generated_1", "generated_2", "generated_3", "generated_4"]
        + ["seed_yuan_text_split", "shanghai_one_sheet", "guangdong_blocks"]

    static let folder: Result<URL, any Error> = Result {
        let dir = try Paths.tempDir()
        let seed = try Paths.seed()
        for name in Layout.builtInNames {
            try WorkbookWriter(layout: Layout.builtIn(name)).write(
                seed, to: dir.appendingPathComponent("seed_\(name).xlsx"))
        }
        let layouts = try Layout.builtInNames.map(Layout.builtIn)
        for k in 1...4 {
            var gen = DocumentGenerator(seed: UInt64(40_000 + k))
            try WorkbookWriter(layout: layouts[k % 2]).write(
                gen.document(), to: dir.appendingPathComponent("generated_\(k).xlsx"))
        }
        let variants = dir.appendingPathComponent("variants")
        let made = try run([
            "python3", Paths.interop.appendingPathComponent("make_variants.py").path, Paths.seedJSON.path,
            variants.path,
        ])
        guard made.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: made.err])
        }
        for name in ["seed_yuan_text_split", "shanghai_one_sheet", "guangdong_blocks"] {
            try FileManager.default.copyItem(
                at: variants.appendingPathComponent("\(name).xlsx"), to: dir.appendingPathComponent("\(name).xlsx"))
        }
        let profile = "file://" + dir.appendingPathComponent("lo-profile").path
        let lo = try run(
            [
                "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "xls", "--outdir",
                dir.appendingPathComponent("xls").path,
            ] + names.map { dir.appendingPathComponent("\($0).xlsx").path })
        guard lo.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: lo.err]) }
        return dir
    }

    static func xlsx(_ name: String) throws -> String { try folder.get().appendingPathComponent("\(name).xlsx").path }
    static func xls(_ name: String) throws -> String { try folder.get().appendingPathComponent("xls/\(name).xls").path }
}

/// Each .xls copy imports to the tidy CSV of its .xlsx, table by table. FreeXL gives no number
/// formats, so an amount is compared as a decimal (2.10 in the .xlsx, 2.1 from the .xls); and no
/// merges, so multi-level headers (07's 预算数/决算数 groups, the 本年支出 group of 08/09) rest on
/// the header spans inferred without merges. A difference is reported per table.
@Suite(.serialized) struct XLSImportTests {
    /// A tidy record without its amount, and the amount apart.
    struct Record: Hashable {
        var key: [String]
        var amount: String
    }

    static func records(_ doc: Document) -> [TableID: [Record]] {
        var out: [TableID: [Record]] = [:]
        for r in TidyCSV.records(doc, extraColumns: []) {
            guard let id = TableID(rawValue: r[0]) else { continue }
            var key = r
            let amount = key.remove(at: 4)
            out[id, default: []].append(Record(key: key, amount: amount))
        }
        return out
    }

    /// The amount as a number when it is one (so `2.10` ≡ `2.1`), else as written (`—`).
    static func decimalKey(_ s: String) -> String {
        guard let d = Decimal(string: s), s.first.map({ $0.isNumber || $0 == "-" }) == true else { return s }
        return "\(d)"
    }

    @Test(arguments: XLSFixtures.names)
    func xlsCopyImportsLikeItsXLSX(name: String) throws {
        let (want, _) = try WorkbookImporter().read(path: XLSFixtures.xlsx(name))
        let (got, report) = try WorkbookImporter().read(path: XLSFixtures.xls(name))
        #expect(got.department == want.department, "\(name)")
        #expect(got.year == want.year, "\(name)")
        #expect(got.unit == want.unit, "\(name)")
        #expect(got.layout == want.layout, "\(name)")
        let a = Self.records(want), b = Self.records(got)
        var amounts = 0, decimalsOnly = 0
        for id in TableID.allCases {
            let x = a[id] ?? [], y = b[id] ?? []
            let xs = Set(x.map { Record(key: $0.key, amount: Self.decimalKey($0.amount)) })
            let ys = Set(y.map { Record(key: $0.key, amount: Self.decimalKey($0.amount)) })
            let missing = xs.subtracting(ys), extra = ys.subtracting(xs)
            #expect(
                missing.isEmpty && extra.isEmpty,
                "\(name) \(id.rawValue): \(missing.count) records of the .xlsx missing from the .xls, \(extra.count) extra; e.g. missing \(missing.map(\.key).prefix(2)), extra \(extra.map(\.key).prefix(2)) (notes: \(report.notes.filter { $0.location?.hasPrefix(id.rawValue) == true }.prefix(2)))"
            )
            // The measurement: amounts equal as decimals but printed differently (0.00 → 0, 2.10 → 2.1).
            let printed = Dictionary(x.map { ($0.key, $0.amount) }, uniquingKeysWith: { p, _ in p })
            for r in y {
                guard let p = printed[r.key] else { continue }
                amounts += 1
                if p != r.amount && Self.decimalKey(p) == Self.decimalKey(r.amount) { decimalsOnly += 1 }
            }
        }
        print("xls decimals: \(name): \(decimalsOnly) of \(amounts) amounts read with fewer decimals than printed")
    }

    /// The .xls copy has the same cells as the .xlsx, value for value (numbers, text), sheet by sheet.
    @Test(arguments: XLSFixtures.names)
    func xlsCopyHasTheSameCells(name: String) throws {
        func cells(_ book: any SpreadsheetFile) throws -> [String: [String: CellValue]] {
            var out: [String: [String: CellValue]] = [:]
            for s in book.sheets {
                var sheet: [String: CellValue] = [:]
                try book.readSheet(s.index) { cell in
                    if case .text(let t) = cell.value, t.isEmpty { return }
                    sheet[cell.reference] = cell.value
                }
                out[s.name] = sheet
            }
            return out
        }
        let xls = try WorkbookFile.open(path: XLSFixtures.xls(name))
        let xlsx = try WorkbookFile.open(path: XLSFixtures.xlsx(name))
        #expect(xls is XLSWorkbook && xlsx is XLSXWorkbook)
        // The title LibreOffice carries over into the summary-information stream.
        #expect(xls.documentTitle == xlsx.documentTitle, "\(name)")
        let want = try cells(xlsx)
        let got = try cells(xls)
        #expect(got.keys.sorted() == want.keys.sorted(), "\(name): sheets")
        for (sheet, w) in want {
            let g = got[sheet] ?? [:]
            let differing = w.filter { g[$0.key] != $0.value }.map(\.key).sorted()
            let extra = g.keys.filter { w[$0] == nil }.sorted()
            #expect(
                differing.isEmpty && extra.isEmpty,
                "\(name) \(sheet): \(differing.count) cells differ (\(differing.prefix(3).map { "\($0): \(w[$0]!) vs \(g[$0].map { "\($0)" } ?? "none")" })), \(extra.count) extra"
            )
        }
    }

    /// The .xls and its .xlsx read by the one entry point whatever their names say.
    @Test func formatsAreToldByContentNotName() throws {
        let dir = try Paths.tempDir()
        let xlsAsXLSX = dir.appendingPathComponent("really_xls.xlsx")
        let xlsxAsXLS = dir.appendingPathComponent("really_xlsx.xls")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: XLSFixtures.xls("seed_national")), to: xlsAsXLSX)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: XLSFixtures.xlsx("seed_national")), to: xlsxAsXLS)
        #expect(try WorkbookFile.format(of: xlsAsXLSX.path) == .ole2)
        #expect(try WorkbookFile.format(of: xlsxAsXLS.path) == .xlsx)
        let (a, _) = try WorkbookImporter().read(path: xlsAsXLSX.path)
        let (b, _) = try WorkbookImporter().read(path: XLSFixtures.xls("seed_national"))
        #expect(a == b)
        let (c, _) = try WorkbookImporter().read(path: xlsxAsXLS.path)
        let (d, _) = try WorkbookImporter().read(path: XLSFixtures.xlsx("seed_national"))
        #expect(c == d)
    }
}

/// Hand-made .xls files (Tests/interop/make_xls.py), one per quirk.
@Suite struct XLSQuirkTests {
    static let folder: Result<URL, any Error> = Result {
        let dir = try Paths.tempDir()
        let r = try run(["python3", Paths.interop.appendingPathComponent("make_xls.py").path, dir.path])
        guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: r.err]) }
        return dir
    }

    static func path(_ name: String) throws -> String { try folder.get().appendingPathComponent(name).path }

    /// BIFF5 (Excel 95) in code page 936: sheet names, text and a formula's text result are GBK
    /// bytes; they read as Chinese (FreeXL converts through iconv, the formula pass through
    /// Foundation's GB 18030).
    @Test func biff5InCodePage936ReadsChinese() throws {
        let book = try XLSWorkbook(path: Self.path("biff5_gbk.xls"))
        #expect(book.biffVersion == 5)
        #expect(book.sheets.map(\.name) == ["收入决算表", "封面"])
        #expect(book.sheets.allSatisfy { $0.part == "Book" })
        let grid = try book.grid(0)
        #expect(grid[0, 0]?.value == .text("收入决算表"))
        #expect(grid[1, 0]?.value == .text("金额单位：万元"))
        #expect(grid[2, 1]?.value == .number(263.72))
        #expect(grid[3, 0]?.value == .text("本年收入合计") && grid[3, 0]?.isFormula == true)
        #expect(grid[3, 1]?.value == .number(263.72) && grid[3, 1]?.isFormula == true)
        #expect(try book.grid(1)[0, 0]?.value == .text("乌尔禾区人民政府办公室"))
        #expect(grid.merges.isEmpty && grid.hiddenRows.isEmpty)
    }

    /// Dates under built-in formats 14/22/21 come back as the serials Excel stored; formula results
    /// (which FreeXL skips) are read from the FORMULA and STRING records.
    @Test func datesAndFormulaResults() throws {
        let book = try XLSWorkbook(path: Self.path("quirks.xls"))
        let g = try book.grid(0)
        #expect(g[0, 0]?.value == .date(serial: 45352, kind: .date))
        #expect(g[0, 1]?.value == .date(serial: 45352.5, kind: .dateTime))
        #expect(g[0, 2]?.value == .date(serial: 0.75, kind: .time))
        #expect(book.dateText(serial: 45352, kind: .date) == "2024-03-01")
        #expect(g[1, 0]?.value == .number(1_566_600.5) && g[1, 0]?.isFormula == true)
        #expect(g[1, 1]?.value == .text("合计") && g[1, 1]?.isFormula == true)
        #expect(g[1, 2]?.value == .bool(true))
        #expect(g[1, 3]?.value == .error("#DIV/0!"))
        #expect(g[2, 0]?.value == .text("财政拨款"))
        #expect(g[3, 3]?.value == .number(-0.1))
        #expect(book.formulaCount == 4)
        #expect(book.sheets.map(\.state) == [.visible, .hidden])
    }

    /// FreeXL's date text goes back to the serial it came from, in both date systems, across
    /// Excel's phantom 1900-02-29.
    @Test(arguments: [1, 59, 60, 61, 366, 45352, 73_050, 2_958_465])
    func freeXLDatesInvertToTheirSerial(serial: Int) {
        for date1904 in [false, true] {
            let text = ExcelDate.text(serial: Double(serial), kind: .date, date1904: date1904)
            // FreeXL's calendar has a leap year every fourth year; Gregorian dates after 2100-02-28
            // differ from it, so only the range both agree on is checked.
            guard let year = Int(text.prefix { $0 != "-" }), year < 2100 else { continue }
            #expect(FreeXLDate.serial(date: text, date1904: date1904) == serial, "\(text) 1904: \(date1904)")
        }
    }
}

/// The WPS-saved workbook in ../shared/real gives the cells LibreOffice's CSV of it gives.
/// Enabled when JUESUAN_SHARED names the shared folder (e.g. JUESUAN_SHARED=/work/shared): the
/// file is research material that is not part of the repository.
@Suite struct XLSRealWorkbookTests {
    // Skipped, with the reason, when the shared folder is not named (a fresh clone has none).
    @Test(.enabled(if: SharedFolder.isAvailable, Comment(rawValue: SharedFolder.reason)))
    func wpsWorkbookMatchesLibreOfficeCSV() throws {
        let file = SharedFolder.path("real/sh_putuo_unit_budget_template_wps.xls")
        let dir = try Paths.tempDir()
        let profile = "file://" + dir.appendingPathComponent("lo-profile").path
        // One CSV per sheet (the trailing -1), values as stored rather than as shown.
        let lo = try run([
            "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1", "--outdir",
            dir.appendingPathComponent("csv").path, file.path,
        ])
        try #require(lo.status == 0, "\(lo.err)")
        let dump = try run([
            "python3", Paths.interop.appendingPathComponent("csv_cells.py").path,
            dir.appendingPathComponent("csv").path,
            file.deletingPathExtension().lastPathComponent,
        ])
        try #require(dump.status == 0, "\(dump.err)")
        let reference = try #require(
            try JSONSerialization.jsonObject(with: Data(dump.out.utf8)) as? [String: [String: String]])
        let book = try WorkbookFile.open(path: file.path)
        #expect(book.sheets.count == 16)
        #expect(book.sheets.first?.name == "封面")
        var compared = 0, agreed = 0
        var differences: [String] = []
        for s in book.sheets {
            let ref = try #require(reference[s.name], "LibreOffice wrote no CSV for sheet \(s.name)")
            var ours: [String: String] = [:]
            try book.readSheet(s.index) { cell in
                switch cell.value {
                case .text(let t): if !t.isEmpty { ours[cell.reference] = t }
                case .number(let d): ours[cell.reference] = "\(d)"
                case .bool(let b): ours[cell.reference] = b ? "TRUE" : "FALSE"
                case .error(let e): ours[cell.reference] = e
                case .date(let serial, let kind): ours[cell.reference] = book.dateText(serial: serial, kind: kind)
                case .uncomputed(let formula): ours[cell.reference] = "=" + formula
                }
            }
            for (addr, v) in ref {
                compared += 1
                let mine = ours[addr]
                // Numbers compare as numbers (LibreOffice prints 12 where we print 12.0).
                if mine == v || (mine.flatMap(Double.init) != nil && mine.flatMap(Double.init) == Double(v)) {
                    agreed += 1
                } else {
                    differences.append("\(s.name)!\(addr): LibreOffice \(v), ours \(mine ?? "none")")
                }
            }
            for addr in ours.keys where ref[addr] == nil {
                differences.append("\(s.name)!\(addr): LibreOffice none, ours \(ours[addr]!)")
            }
        }
        print("real .xls: \(agreed)/\(compared) of LibreOffice's cells agree; \(differences.count) differences")
        #expect(compared > 200)
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }
}
