import Foundation
import JuesuanModel
import Testing
@testable import JuesuanXLSX

private let pinned = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z

@Suite struct LayoutFileTests {
    @Test(arguments: Layout.builtInNames)
    func builtInLayoutsLoadAndCoverAllNineTables(name: String) throws {
        let layout = try Layout.builtIn(name)
        #expect(layout.name == name)
        for id in TableID.allCases { #expect(!layout.table(id).panels.isEmpty) }
    }

    @Test func unknownLayoutIsAClearError() {
        #expect(throws: JuesuanError.self) { try Layout.builtIn("guangxi") }
    }

    @Test func malformedLayoutFileNamesThePath() throws {
        let dir = try Paths.tempDir()
        let bad = dir.appendingPathComponent("bad.json")
        var json = try String(contentsOf: Paths.root.appendingPathComponent("Templates/national.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: "\"column\": \"本年收入合计\"", with: "\"column\": \"本年收入合记\"")
        try json.write(to: bad, atomically: true, encoding: .utf8)
        do {
            _ = try Layout.load(bad)
            Issue.record("loaded a layout with an unknown column")
        } catch {
            #expect(error.description.contains("\"本年收入合记\" is not a column of 公开02表"), "\(error)")
        }
    }
}

extension LayoutFileTests {
    @Test func aPanelWithoutColumnsIsRefused() throws {
        let dir = try Paths.tempDir()
        let bad = dir.appendingPathComponent("empty-panel.json")
        var json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Paths.root.appendingPathComponent("Templates/shanghai.json"))) as! [String: Any]
        var tables = json["tables"] as! [String: Any]
        var t05 = tables["公开05表"] as! [String: Any]
        t05["panels"] = [["columns": []]]
        tables["公开05表"] = t05
        json["tables"] = tables
        try JSONSerialization.data(withJSONObject: json).write(to: bad)
        #expect(throws: JuesuanError(.invalidLayout, "tables.公开05表.panels[0].columns: is empty", file: bad.path)) {
            try Layout.load(bad)
        }
    }
}

@Suite struct SheetLayoutTests {
    @Test func overlappingMergesAreFound() {
        var s = SheetLayout(name: "x")
        let st = CellStyle(role: .header)
        s.put(0, 0, .text("a"), st, toRow: 1, toCol: 2)
        s.put(1, 2, .text("b"), st, toRow: 2, toCol: 3)
        s.put(5, 5, .text("c"), st, toCol: 6)
        #expect(s.overlaps() == ["A1:C2 and C2:D3"])
        s.put(5, 6, .text("inside"), st)
        #expect(s.overlaps().contains("G6 inside F6:G6"))
    }

    @Test(arguments: Layout.builtInNames)
    func seedSheetsHaveNoOverlapsAndTheExpectedHeader(name: String) throws {
        let doc = try Paths.seed()
        let sheets = try WorkbookWriter(layout: Layout.builtIn(name)).sheets(for: doc)
        #expect(sheets.count == 9)
        for s in sheets { #expect(s.overlaps().isEmpty, "\(s.name)") }
        let t01 = sheets[0]
        // 01: 本年收入合计 sits beside 本年支出合计 and 总计 beside 总计 (anchors).
        func rowOf(_ text: String, fromCol: Int = 0) -> Int? {
            t01.cells.first { $0.col >= fromCol && $0.content == .text(text) }?.row
        }
        let nameColRight = name == "shanghai" ? 2 : 3
        #expect(rowOf("本年收入合计") == rowOf("本年支出合计", fromCol: nameColRight))
        #expect(rowOf("总计") == rowOf("总计", fromCol: nameColRight))
    }
}

@Suite(.serialized) struct ExportTests {
    func export(_ layout: String, to dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("\(layout).xlsx")
        try WorkbookWriter(layout: Layout.builtIn(layout)).write(
            Paths.seed(), to: url, options: ExportOptions(created: pinned))
        return url
    }

    @Test func sameInputSameBytes() throws {
        let dir = try Paths.tempDir()
        let a = try export("national", to: dir)
        let first = try Data(contentsOf: a)
        try FileManager.default.removeItem(at: a)
        let second = try Data(contentsOf: export("national", to: dir))
        #expect(first == second)
    }

    @Test func refusesToOverwriteAndLeavesNothingBehind() throws {
        let dir = try Paths.tempDir()
        let url = dir.appendingPathComponent("out.xlsx")
        try Data("precious".utf8).write(to: url)
        let writer = try WorkbookWriter(layout: Layout.builtIn("national"))
        #expect(throws: JuesuanError.self) { try writer.write(Paths.seed(), to: url) }
        #expect(try Data(contentsOf: url) == Data("precious".utf8))
        try writer.write(Paths.seed(), to: url, options: ExportOptions(overwrite: true))
        #expect(try Data(contentsOf: url).prefix(2) == Data("PK".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func missingFolderIsAClearError() throws {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/out.xlsx")
        let writer = try WorkbookWriter(layout: Layout.builtIn("national"))
        let doc = try Paths.seed()
        do {
            try writer.write(doc, to: url)
            Issue.record("wrote into a missing folder")
        } catch {
            #expect(error.code == .io)
            #expect(error.description.contains("does not exist"))
        }
    }

    /// openpyxl reads the same titles, merged ranges, numbers and print setup.
    @Test(arguments: Layout.builtInNames)
    func openpyxlReadsTheSameTables(layout: String) throws {
        let dir = try Paths.tempDir()
        let url = try export(layout, to: dir)
        let r = try run(["python3", Paths.interop.appendingPathComponent("openpyxl_dump.py").path, url.path])
        try #require(r.status == 0, "openpyxl failed: \(r.err)")
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let doc = try Paths.seed()
        let lay = try Layout.builtIn(layout)
        let props = try #require(dump["__properties__"] as? [String: Any])
        #expect(props["creator"] as? String == doc.department)
        for table in doc.orderedTables {
            let name = lay.sheetName(for: table)
            let sheet = try #require(dump[name] as? [String: Any], "no sheet \(name)")
            let cells = try #require(sheet["cells"] as? [String: Any])
            #expect(cells.values.contains { $0 as? String == lay.printedTitle(table) }, "\(name): title")
            let merges = try #require(sheet["merges"] as? [String])
            #expect(!merges.isEmpty)
            let numbers = try #require(sheet["numbers"] as? [Double]).sorted()
            #expect(numbers == doc.amounts(table.id), "\(name): amounts")
            #expect(sheet["landscape"] as? Bool == true)
            #expect(sheet["paper"] as? Int == 9)
            #expect((sheet["print_title_rows"] as? String)?.isEmpty == false)
            // 01, 04 and 06 fit one page; the others one page wide, as tall as they need.
            #expect(sheet["fit_to_page"] as? Bool == true)
            #expect(sheet["fit_height"] as? Int == ([.t01, .t04, .t06].contains(table.id) ? 1 : 0), "\(name): fit")
        }
    }

    /// LibreOffice Calc opens the export: PDF conversion succeeds and its CSV of every sheet carries
    /// the same amounts as the model.
    @Test(arguments: Layout.builtInNames)
    func libreOfficeOpensTheExport(layout: String) throws {
        let dir = try Paths.tempDir()
        let url = try export(layout, to: dir)
        let profile = "file://" + dir.appendingPathComponent("lo-profile").path
        let pdf = try run([
            "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", dir.path,
            url.path,
        ])
        try #require(pdf.status == 0, "soffice failed: \(pdf.err)")
        let pdfURL = dir.appendingPathComponent("\(layout).pdf")
        #expect((try? Data(contentsOf: pdfURL).count) ?? 0 > 10_000)
        let text = try run(["pdftotext", pdfURL.path, "-"])
        #expect(text.out.contains("收入支出决算总表"))
        // One printed page per table: 01 and 04 are scaled to fit, the others fit as they are.
        let info = try run(["pdfinfo", pdfURL.path])
        #expect(
            info.out.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 9") }, "\(info.out)")
        // One CSV per sheet (filter tokens: 9 = true saves cells as shown, 12 = -1 writes every sheet).
        let csv = try run([
            "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir", dir.path, url.path,
        ])
        try #require(csv.status == 0, "soffice csv failed: \(csv.err)")
        let doc = try Paths.seed()
        let lay = try Layout.builtIn(layout)
        for table in doc.orderedTables {
            let file = dir.appendingPathComponent("\(layout)-\(lay.sheetName(for: table)).csv")
            let body = try String(contentsOf: file, encoding: .utf8)
            #expect(body.contains(lay.printedTitle(table)))
            let numbers = csvNumbers(body).sorted()
            #expect(numbers == doc.amounts(table.id), "\(file.lastPathComponent)")
        }
    }

    /// Amount-looking fields of a CSV as LibreOffice formats them (`#,##0.00`: always a decimal point).
    func csvNumbers(_ csv: String) -> [Double] {
        var out: [Double] = []
        for line in csv.split(separator: "\n") {
            for field in parseCSVLine(String(line)) {
                let f = field.replacingOccurrences(of: ",", with: "")
                if f.contains("."), let d = Double(f) { out.append(d) }
            }
        }
        return out
    }

    func parseCSVLine(_ line: String) -> [String] {
        var fields: [String] = [], cur = "", quoted = false
        var it = line.makeIterator()
        while let ch = it.next() {
            if quoted {
                if ch == "\"" { quoted = false } else { cur.append(ch) }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(cur); cur = ""
            } else {
                cur.append(ch)
            }
        }
        fields.append(cur)
        return fields
    }

    /// Every part's XML equals the recorded golden workbook (record with JUESUAN_RECORD_GOLDEN=1).
    @Test(arguments: Layout.builtInNames)
    func partsMatchTheGoldenWorkbook(layout: String) throws {
        let dir = try Paths.tempDir()
        let url = try export(layout, to: dir)
        let r = try run(["python3", Paths.interop.appendingPathComponent("unzip_parts.py").path, url.path])
        try #require(r.status == 0, "\(r.err)")
        let parts = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: String])
        let goldenDir = Paths.golden.appendingPathComponent(layout)
        if ProcessInfo.processInfo.environment["JUESUAN_RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: goldenDir)
            for (name, text) in parts {
                let file = goldenDir.appendingPathComponent(name)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            Issue.record("recorded golden parts for \(layout); run the tests again without JUESUAN_RECORD_GOLDEN")
            return
        }
        let recorded = try FileManager.default.subpathsOfDirectory(atPath: goldenDir.path)
            .filter { !$0.hasSuffix("/") && $0.contains(".") }
        #expect(Set(recorded) == Set(parts.keys), "parts differ from the golden workbook")
        for (name, text) in parts {
            let golden = try String(contentsOf: goldenDir.appendingPathComponent(name), encoding: .utf8)
            #expect(text == golden, "\(layout): \(name) differs from Tests/JuesuanXLSXTests/Golden/\(layout)/\(name)")
        }
    }
}
