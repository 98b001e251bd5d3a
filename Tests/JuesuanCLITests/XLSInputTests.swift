import Foundation
import JuesuanModel
import JuesuanTestSupport
import JuesuanXLSX
import Testing

/// .xls through the command line: hand-made hostile files (Tests/interop/make_xls.py) and damaged
/// copies of a LibreOffice .xls get one line naming the file and exit 65; renamed workbooks are
/// read by content; a folder import takes .xls, .xlsm and .xlsx in any letter case.
@Suite(.serialized) struct XLSInputTests {
    /// The hand-made cases, the seed's export and its LibreOffice .xls copy, and damaged copies.
    static let folder: Result<URL, any Error> = Result {
        let dir = try CLI.tempDir()
        let made = try runProcess(
            "/usr/bin/env", ["python3", CLI.root.appendingPathComponent("Tests/interop/make_xls.py").path, dir.path])
        guard made.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: made.err])
        }
        let export = try CLI.run(["export", CLI.seed, "-o", dir.appendingPathComponent("seed.xlsx").path])
        guard export.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: export.err])
        }
        let profile = "file://" + dir.appendingPathComponent("lo-profile").path
        let lo = try runProcess(
            "/usr/bin/env",
            [
                "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "xls", "--outdir",
                dir.path,
                dir.appendingPathComponent("seed.xlsx").path,
            ])
        guard lo.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: lo.err]) }
        let xls = try Data(contentsOf: dir.appendingPathComponent("seed.xls"))
        let xlsx = try Data(contentsOf: dir.appendingPathComponent("seed.xlsx"))
        try xls.prefix(xls.count / 2).write(to: dir.appendingPathComponent("truncated.xls"))
        try xls.prefix(1536).write(to: dir.appendingPathComponent("header_only.xls"))
        try xlsx.prefix(xlsx.count / 2).write(to: dir.appendingPathComponent("truncated_xlsx_named.xls"))
        try xls.prefix(xls.count / 2).write(to: dir.appendingPathComponent("truncated_xls_named.xlsx"))
        try xls.write(to: dir.appendingPathComponent("xls_named.xlsx"))
        try xlsx.write(to: dir.appendingPathComponent("xlsx_named.xls"))
        return dir
    }

    static func path(_ name: String) throws -> String { try folder.get().appendingPathComponent(name).path }

    static let cases: [(file: String, expected: String)] = [
        ("empty_ole2.xls", "is an OLE2 container without a Workbook stream (it holds nothing): not an Excel workbook"),
        ("word_document.xls", "is an OLE2 container without a Workbook stream (it holds WordDocument)"),
        ("random_ole2.xls", "is an OLE2 container, but a damaged one: sector size"),
        ("encrypted_package.xls", "is an encrypted (password-protected) workbook"),
        ("filepass.xls", "is a password-protected (encrypted) .xls workbook"),
        ("biff4_in_ole2.xls", "is an Excel 4.0 workbook (BIFF4), which juesuan does not read"),
        ("biff4_worksheet.xls", "is an Excel 4.0 worksheet (BIFF4), which juesuan does not read"),
        ("absurd_dimension.xls", "Workbook: a sheet declares 2147483647 rows × 256 columns, beyond the .xls limit"),
        ("too_many_cells.xls", "Workbook: the sheets declare more than 16777216 cells in all"),
        ("absurd_date.xls", "the serial 2100000000.0 under a date format is beyond Excel's calendar"),
        ("truncated.xls", "is an OLE2 container, but a damaged one"),
        ("header_only.xls", "is an OLE2 container, but a damaged one"),
        ("truncated_xlsx_named.xls", "not a valid zip archive (truncated or corrupt central directory)"),
        ("truncated_xls_named.xlsx", "is an OLE2 container, but a damaged one"),
    ]

    @Test(arguments: XLSInputTests.cases.indices)
    func badXLSGetsOneLineAndExit65(index: Int) throws {
        let (file, expected) = Self.cases[index]
        let path = try Self.path(file)
        for command in ["cells", "import", "check"] {
            let started = Date()
            let r = try CLI.run([command, path])
            #expect(r.status == 65, "\(command) \(file): status \(r.status), stderr \(r.err)")
            #expect(r.err.hasPrefix("juesuan: \(path): "), "\(command) \(file): \(r.err)")
            #expect(r.err.contains(expected), "\(command) \(file): \(r.err)")
            #expect(r.err.filter { $0 == "\n" }.count == 1, "\(command) \(file): not one line: \(r.err)")
            #expect(r.out.isEmpty, "\(command) \(file): \(r.out.prefix(200))")
            #expect(Date().timeIntervalSince(started) < 10, "\(command) \(file) took too long")
        }
    }

    /// The good twin of the hostile files, in full.
    @Test func goodXLSCellsAreListed() throws {
        let r = try CLI.run(["cells", Self.path("good.xls")])
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.out == """
                {"sheet": "S", "cell": "A1", "type": "s", "value": "收入决算表"}
                {"sheet": "S", "cell": "B1", "type": "n", "value": 263.72}

                """)
    }

    /// An .xlsx named .xls and an .xls named .xlsx are read like the originals.
    @Test func renamedWorkbooksAreReadByContent() throws {
        for (renamed, original) in [("xlsx_named.xls", "seed.xlsx"), ("xls_named.xlsx", "seed.xls")] {
            for command in [["cells"], ["import", "--format", "csv"]] {
                let a = try CLI.run(command + [Self.path(renamed)])
                let b = try CLI.run(command + [Self.path(original)])
                #expect(a.status == 0 && b.status == 0, "\(renamed): \(a.err)")
                #expect(!a.out.isEmpty && a.out == b.out, "\(command) \(renamed) vs \(original)")
            }
        }
        let check = try CLI.run(["check", Self.path("xls_named.xlsx")])
        #expect(check.out.contains("checks:"), "\(check.err)")
    }

    /// A folder of .xlsx, .xls, .XLS and .xlsm (and a lock file and a text file, which are not
    /// workbooks): every workbook is read, the bad .xls is listed as failed, and two workbooks
    /// with one name keep apart JSON files.
    @Test func folderImportTakesXLS() throws {
        let dir = try CLI.tempDir()
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(
            at: input.appendingPathComponent("区县"), withIntermediateDirectories: true)
        let fm = FileManager.default
        try fm.copyItem(atPath: Self.path("seed.xlsx"), toPath: input.appendingPathComponent("单位1.xlsx").path)
        try fm.copyItem(atPath: Self.path("seed.xls"), toPath: input.appendingPathComponent("单位1.xls").path)
        try fm.copyItem(atPath: Self.path("seed.xls"), toPath: input.appendingPathComponent("区县/单位2.XLS").path)
        try fm.copyItem(atPath: Self.path("seed.xlsx"), toPath: input.appendingPathComponent("区县/单位3.xlsm").path)
        try fm.copyItem(atPath: Self.path("filepass.xls"), toPath: input.appendingPathComponent("区县/加密.xls").path)
        try Data().write(to: input.appendingPathComponent("~$单位1.xls"))
        try Data("不是工作簿".utf8).write(to: input.appendingPathComponent("说明.txt"))
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["import", input.path, "-o", out.path])
        #expect(r.status == 2, "one file is bad: \(r.err)")
        let last = r.err.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("5 workbooks in") && last.contains("4 read, 1 failed, 2 skipped"), "\(r.err)")
        let summary = String(
            decoding: try Data(contentsOf: out.appendingPathComponent("summary.csv")).dropFirst(3), as: UTF8.self)
        let rows = summary.split(separator: "\n").dropFirst().map(String.init)
        // Every file has a row: the five workbooks, the lock file and the text file (skipped).
        #expect(rows.count == 7)
        #expect(rows.contains { $0.hasPrefix("区县/加密.xls,未能读取,") && $0.contains("password-protected") })
        #expect(rows.contains { $0.hasPrefix("说明.txt,已跳过,") })
        for f in ["单位1.xlsx", "单位1.xls", "区县/单位2.XLS", "区县/单位3.xlsm"] {
            #expect(rows.contains { $0.hasPrefix("\(f),已读取,") }, "\(f): \(summary)")
        }
        let json = fm.enumerator(atPath: out.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(json == ["区县/单位2.json", "区县/单位3.json", "单位1.xls.json", "单位1.xlsx.json"])
        // The .xls imports to the same amounts as its .xlsx (decimals aside) for the tables
        // whose headers need no merges.
        let fromXLSX = try DocumentJSON.decode(Data(contentsOf: out.appendingPathComponent("单位1.xlsx.json")))
        let fromXLS = try DocumentJSON.decode(Data(contentsOf: out.appendingPathComponent("单位1.xls.json")))
        for id in [TableID.t01, .t02, .t03, .t04, .t05, .t06] {
            let a = fromXLSX[id]?.rows.flatMap {
                $0.values.values.compactMap { $0.amount.map { "\(Decimal(string: $0.description)!)" } }
            }
            let b = fromXLS[id]?.rows.flatMap {
                $0.values.values.compactMap { $0.amount.map { "\(Decimal(string: $0.description)!)" } }
            }
            #expect(a?.sorted() == b?.sorted(), "\(id.rawValue)")
        }
    }
}
