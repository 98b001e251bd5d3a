import Foundation
import JuesuanTestSupport
import Testing

/// End-to-end: run the built `juesuan` binary and look at stdout, stderr and the exit status.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seed = root.appendingPathComponent("Fixtures/seed/wuerhe-2023.json").path

    /// The binary beside the test bundle (same build configuration).
    static var binary: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("juesuan")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/juesuan").path
    }

    static func run(_ args: [String], cwd: URL? = nil) throws -> (status: Int32, out: String, err: String) {
        try runProcess(binary, args, cwd: cwd)
    }

    static func tempDir() throws -> URL { try makeTempDir("juesuan-cli") }
}

@Suite struct CLITests {
    @Test func exportsTheSeedDocument() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["export", CLI.seed, "-o", "附表.xlsx", "--created", "2024-01-01T00:00:00Z"], cwd: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "wrote 附表.xlsx: 9 tables, layout national\n")
        #expect(
            r.err
                == "juesuan: \(CLI.seed): warning 05-06.basic: 公开05表 合计 [基本支出] 220.02 ≠ 公开06表 人员经费合计 + 公用经费合计 220.01 (difference 0.01, within rounding)\njuesuan: \(CLI.seed): checks: 0 errors, 1 warning (44 rules)\n"
        )
        let data = try Data(contentsOf: dir.appendingPathComponent("附表.xlsx"))
        #expect(data.prefix(2) == Data("PK".utf8))
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let dir = try CLI.tempDir()
        let target = dir.appendingPathComponent("out.xlsx")
        try Data("keep me".utf8).write(to: target)
        let r = try CLI.run(["export", CLI.seed, "-o", target.path])
        #expect(r.status == 73)
        #expect(r.err == "juesuan: \(target.path): already exists (use --force to replace it)\n")
        #expect(try Data(contentsOf: target) == Data("keep me".utf8))
        let forced = try CLI.run(["export", CLI.seed, "-o", target.path, "--force", "--layout", "shanghai"])
        #expect(forced.status == 0, "\(forced.err)")
    }

    @Test func badJSONIsOneLineAndExit65() throws {
        let dir = try CLI.tempDir()
        let bad = dir.appendingPathComponent("bad.json")
        try Data(
            #"{"format":"juesuan/1","department":"x","unit":"万元","tables":{"公开05表":{"rows":[{"item":"合计","name":"合计","values":{"合计":"1.2.3"}}]}}}"#
                .utf8
        ).write(to: bad)
        let r = try CLI.run(["export", bad.path, "-o", dir.appendingPathComponent("o.xlsx").path])
        #expect(r.status == 65)
        #expect(r.err == "juesuan: \(bad.path): tables.公开05表.rows[0].values.合计: \"1.2.3\" is not a decimal amount\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.xlsx").path))
    }

    /// A workbook given where a JSON document is expected gets one line pointing to `import`.
    @Test(arguments: ["export", "summary"])
    func aWorkbookGivenForADocumentSaysToImportIt(command: String) throws {
        let dir = try CLI.tempDir()
        let made = try CLI.run(["export", CLI.seed, "-o", "附表.xlsx", "--no-check"], cwd: dir)
        try #require(made.status == 0, "\(made.err)")
        let args = command == "export" ? ["export", "附表.xlsx", "-o", "again.xlsx"] : ["summary", "附表.xlsx"]
        let r = try CLI.run(args, cwd: dir)
        #expect(r.status == 65)
        #expect(
            r.err
                == "juesuan: 附表.xlsx: is an .xlsx workbook (a zip package), not a juesuan JSON document; read it with `juesuan import 附表.xlsx` (or give the workbook to `juesuan check`)\n"
        )
        #expect(r.out.isEmpty)
    }

    /// Amounts with more decimals than the table prints are rounded with one stderr line each.
    @Test func exportNotesEveryRoundedAmount() throws {
        let dir = try CLI.tempDir()
        let doc = dir.appendingPathComponent("doc.json")
        try Data(
            #"{"format":"juesuan/1","department":"x","unit":"万元","tables":{"公开05表":{"rows":[{"item":"合计","name":"合计","values":{"合计":"1.005","基本支出":"1.5"}}]}}}"#
                .utf8
        ).write(to: doc)
        let r = try CLI.run(["export", "doc.json", "-o", "o.xlsx", "--no-check"], cwd: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.err
                == "juesuan: doc.json: 公开05表!C7: 公开05表 合计 [合计] 1.005 printed as 1.01 (the table prints 2 decimals; rounded half up)\n"
        )
        let keep = try CLI.run(["export", "doc.json", "-o", "k.xlsx", "--no-check", "--decimals", "keep"], cwd: dir)
        #expect(keep.status == 0 && keep.err.isEmpty, "\(keep.err)")
        let bad = try CLI.run(["export", "doc.json", "-o", "b.xlsx", "--decimals", "11"], cwd: dir)
        #expect(bad.status == 64)
        #expect(bad.err.contains("--decimals \"11\""))
    }

    @Test func missingInputIsExit66() throws {
        let r = try CLI.run(["summary", "/nonexistent/doc.json"])
        #expect(r.status == 66)
        #expect(r.err == "juesuan: /nonexistent/doc.json: no such file\n")
    }

    @Test func unknownLayoutAndBadDateAreUsageErrors() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run([
            "export", CLI.seed, "-o", dir.appendingPathComponent("o.xlsx").path, "--layout", "guangxi",
        ])
        #expect(r.status == 65)
        #expect(r.err.contains("unknown layout \"guangxi\""))
        let d = try CLI.run(["export", CLI.seed, "-o", "o.xlsx", "--created", "yesterday"], cwd: dir)
        #expect(d.status == 64)
        #expect(d.err.contains("is not an ISO 8601 date"))
    }

    @Test func templateWritesBlankTables() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["template", "-o", "blank.xlsx", "--year", "2024"], cwd: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("blank.xlsx").path))
    }

    @Test func templateImportsBack() throws {
        let dir = try CLI.tempDir()
        _ = try CLI.run(
            ["template", "-o", "blank.xlsx", "--department", "某某局", "--year", "2024", "--layout", "shanghai"], cwd: dir)
        let r = try CLI.run(["import", "blank.xlsx"], cwd: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("blank.xlsx: 9 tables read; missing: none; 0 left unread; 0 warnings\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["department"] as? String == "某某局")
        #expect(json["year"] as? Int == 2024)
        #expect((json["tables"] as? [String: Any])?.count == 9)
    }

    @Test func importWritesTidyCSVAndRefusesToOverwrite() throws {
        let dir = try CLI.tempDir()
        _ = try CLI.run(["export", CLI.seed, "-o", "seed.xlsx"], cwd: dir)
        let r = try CLI.run(["import", "seed.xlsx", "--format", "csv", "-o", "seed.csv"], cwd: dir)
        #expect(r.status == 0, "\(r.err)")
        let csv = try String(contentsOf: dir.appendingPathComponent("seed.csv"), encoding: .utf8)
        #expect(
            csv.hasPrefix(
                "表号,科目编码,项目,栏目,金额,单位,级次,部门,年度\n公开01表,,一般公共预算财政拨款收入,收入/金额,263.72,万元,固定行,克拉玛依市乌尔禾区人民政府办公室,2023\n"
            ))
        #expect(csv.contains("公开05表,2010301,行政运行,合计,156.66,万元,项,克拉玛依市乌尔禾区人民政府办公室,2023\n"))
        #expect(csv.contains("公开07表,,“三公”经费,决算数/公务用车购置及运行费/公务用车运行费,13.46,万元,固定行,克拉玛依市乌尔禾区人民政府办公室,2023\n"))
        let again = try CLI.run(["import", "seed.xlsx", "--format", "csv", "-o", "seed.csv"], cwd: dir)
        #expect(again.status == 73)
        try makeWorkbookWithoutTables(at: dir.appendingPathComponent("no-tables.xlsx"))
        let none = try CLI.run(["import", "no-tables.xlsx"], cwd: dir)
        #expect(none.status == 65)
        #expect(none.err.contains("has none of the nine 决算公开 tables"))
    }

    @Test func checkReportsFindingsWithCellsAndExitStatus() throws {
        let dir = try CLI.tempDir()
        _ = try CLI.run(["export", CLI.seed, "-o", "seed.xlsx"], cwd: dir)
        let ok = try CLI.run(["check", "seed.xlsx"], cwd: dir)
        #expect(ok.status == 0)
        #expect(
            ok.out
                == "warning 05-06.basic: 公开05表 合计 [基本支出] 220.02 ≠ 公开06表 人员经费合计 + 公用经费合计 220.01 (difference 0.01, within rounding) at 公开05表!D7, 公开06表!C18, 公开06表!I18\nchecks: 0 errors, 1 warning (44 rules)\n"
        )
        // Break 05's 行政运行: its row no longer adds up (an error), and check exits 1.
        var text = try String(contentsOfFile: CLI.seed, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"合计\": \"156.66\"", with: "\"合计\": \"165.66\"")
        try text.write(to: dir.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", "broken.json", "--format", "json"], cwd: dir)
        #expect(bad.status == 1)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(bad.out.utf8)) as? [[String: Any]])
        #expect(
            findings.contains {
                $0["rule"] as? String == "05.row-sum" && $0["severity"] as? String == "error"
                    && $0["difference"] as? String == "9.00"
            })
        let unreadable = try CLI.run(["check", "nothing.xlsx"], cwd: dir)
        #expect(unreadable.status == 66)
    }

    @Test func summaryPrintsHeadlines() throws {
        let r = try CLI.run(["summary", CLI.seed])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("克拉玛依市乌尔禾区人民政府办公室  2023年度  金额单位：万元\n"))
        #expect(r.out.contains("公开01表 收入支出决算总表: 42 rows, 总计 收入/金额 263.72\n"))
        #expect(r.out.contains("公开08表 政府性基金预算财政拨款收入支出决算表: 1 rows (no data)\n"))
    }
}
