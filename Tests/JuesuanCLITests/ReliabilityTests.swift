import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing

/// Issue 19: no trap from input or a broken stdout, never replace what is not ours, one safe
/// line per message. Each case asserts the outcome: exit status, one line, files untouched.
@Suite struct ReliabilityTests {
    /// The seed with one amount at the model's maximum scale (10 decimals).
    static func tenDecimals(in dir: URL) throws -> URL {
        var doc = try DocumentJSON.decode(Data(contentsOf: URL(fileURLWithPath: CLI.seed)))
        doc[.t05]!.rows[0][.basic] = .amount(Amount(units: 1_123_456_789_0, scale: 10))
        let url = dir.appendingPathComponent("ten.json")
        try DocumentJSON.encode(doc).write(to: url)
        return url
    }

    /// A sheet with more cells than an import holds is refused in one line that names the flag;
    /// the flag lets the same workbook through, and the streamed JSON is the usual one.
    @Test func aSheetOverTheCellLimitNamesTheFlagThatRaisesIt() throws {
        let dir = try CLI.tempDir()
        _ = try CLI.run(["export", CLI.seed, "-o", "seed.xlsx"], cwd: dir)
        let refused = try CLI.run(["import", "seed.xlsx", "--quiet", "--max-sheet-cells", "10"], cwd: dir)
        #expect(refused.status == 65)
        #expect(refused.err.split(separator: "\n").count == 1, "\(refused.err)")
        #expect(refused.err.contains("has more than 10 cells"))
        #expect(refused.err.hasSuffix("; raise the limit with --max-sheet-cells if the table is genuine\n"))
        let raised = try CLI.run(["import", "seed.xlsx", "--quiet", "--max-sheet-cells", "1000000"], cwd: dir)
        #expect(raised.status == 0, "\(raised.err)")
        let plain = try CLI.run(["import", "seed.xlsx", "--quiet"], cwd: dir)
        #expect(raised.out == plain.out && !plain.out.isEmpty)
        #expect(try CLI.run(["import", "seed.xlsx", "--max-sheet-cells", "0"], cwd: dir).status == 64)
    }

    /// An output name near the file system's 255 bytes still gets a temporary name that fits; a
    /// closed pipe is one line and exit 74; a MiB limit too large for bytes is refused.
    @Test func longNamesClosedPipesAndHugeLimits() throws {
        let dir = try CLI.tempDir()
        _ = try CLI.run(["export", CLI.seed, "-o", "seed.xlsx"], cwd: dir)
        let long = String(repeating: "a", count: 245) + ".json"
        let r = try CLI.run(["import", "seed.xlsx", "-o", long, "--quiet"], cwd: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(long).path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasSuffix(".tmp") })
        let huge = try CLI.run(["import", "seed.xlsx", "--max-part-mb", "9223372036854775807"], cwd: dir)
        #expect(huge.status == 64)
        #expect(huge.err == "juesuan: --max-part-mb and --max-total-mb must be at most 8796093022207\n")
        // A JSON larger than a pipe's buffer (the seed's 05 rows twenty times), so that the
        // reader's early exit is felt.
        var doc = try DocumentJSON.decode(Data(contentsOf: URL(fileURLWithPath: CLI.seed)))
        let rows = doc[.t05]!.rows
        for _ in 0..<20 { doc[.t05]!.rows += rows.filter { $0.code != nil } }
        try DocumentJSON.encode(doc).write(to: dir.appendingPathComponent("big.json"))
        #expect(try CLI.run(["export", "big.json", "-o", "big.xlsx"], cwd: dir).status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [
            "-c", "'\(CLI.binary)' import big.xlsx --quiet 2>err.txt | head -c 10 >/dev/null; echo ${PIPESTATUS[0]}",
        ]
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(status == "74\n")
        let err = try String(contentsOf: dir.appendingPathComponent("err.txt"), encoding: .utf8)
        #expect(err == "juesuan: standard output: cannot write: Broken pipe\n")
    }

    @Test func anAmountOfTenDecimalsChecksAndExports() throws {
        let dir = try CLI.tempDir()
        let doc = try Self.tenDecimals(in: dir)
        let check = try CLI.run(["check", doc.path])
        #expect(check.status == 1, "\(check.err)")  // 05's 合计 no longer adds up: an error, not a trap
        #expect(check.out.contains("error 05.row-sum"))
        let export = try CLI.run(["export", doc.path, "-o", "ten.xlsx"], cwd: dir)
        #expect(export.status == 0, "\(export.err)")
        let back = try CLI.run(["import", "ten.xlsx", "--quiet"], cwd: dir)
        #expect(back.status == 0, "\(back.err)")
    }

    @Test(arguments: [
        ["summary", CLI.seed], ["check", CLI.seed], ["import", "seed.xlsx", "--quiet", "--no-check"],
        ["cells", "seed.xlsx"],
    ])
    func aFullStdoutIsOneLineAndExit74(args: [String]) throws {
        let dir = try CLI.tempDir()
        _ = try CLI.run(["export", CLI.seed, "-o", "seed.xlsx"], cwd: dir)
        let r = try runProcess(
            "/bin/sh", ["-c", "exec \"$0\" \"$@\" > /dev/full", CLI.binary] + args, cwd: dir)
        #expect(r.status == 74, "\(r.err)")
        #expect(r.err == "juesuan: standard output: cannot write: No space left on device\n")
    }

    @Test func onlyRegularFilesAreReplaced() throws {
        let dir = try CLI.tempDir()
        let target = dir.appendingPathComponent("target.xlsx")
        try Data("keep me".utf8).write(to: target)
        let link = dir.appendingPathComponent("link.xlsx")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let r = try CLI.run(["export", CLI.seed, "-o", link.path, "--force"])
        #expect(r.status == 73)
        #expect(r.err == "juesuan: \(link.path): is a symbolic link; only a regular file is ever replaced\n")
        #expect(try Data(contentsOf: target) == Data("keep me".utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        let fifo = dir.appendingPathComponent("fifo.csv")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let f = try CLI.run(["import", target.path, "-o", fifo.path, "--force"])
        #expect(f.status != 0)
        let fifoBook = dir.appendingPathComponent("fifo.xlsx")
        #expect(mkfifo(fifoBook.path, 0o644) == 0)
        let e = try CLI.run(["export", CLI.seed, "-o", fifoBook.path, "--force"])
        #expect(e.status == 73)
        #expect(
            e.err.hasSuffix("is not a regular file (a device, FIFO or socket); only a regular file is ever replaced\n"))
        // No temporary file is left beside them.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aFIFOGivenAsAWorkbookIsRefusedAtOnce() throws {
        let dir = try CLI.tempDir()
        let fifo = dir.appendingPathComponent("x.xlsx")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let r = try runProcess(CLI.binary, ["import", fifo.path], timeout: 20)
        #expect(r.status == 65)
        #expect(r.err == "juesuan: \(fifo.path): is not a regular file (a FIFO, device or socket)\n")
    }

    /// A NUL, a literal `_x0041_` and a newline survive export → import.
    @Test func awkwardTextsSurviveTheRoundTrip() throws {
        let dir = try CLI.tempDir()
        var doc = try DocumentJSON.decode(Data(contentsOf: URL(fileURLWithPath: CLI.seed)))
        doc.department = "乌尔禾区_x0041_办公室"
        let i = try #require(doc[.t05]!.rows.firstIndex { $0.code == "2010301" })
        doc[.t05]!.rows[i].name = "行政\u{0}运行"
        let json = dir.appendingPathComponent("awkward.json")
        try DocumentJSON.encode(doc).write(to: json)
        let e = try CLI.run(["export", json.path, "-o", "a.xlsx"], cwd: dir)
        #expect(e.status == 0, "\(e.err)")
        let r = try CLI.run(["import", "a.xlsx", "--quiet", "--no-check"], cwd: dir)
        let back = try DocumentJSON.decode(Data(r.out.utf8))
        #expect(back.department == "乌尔禾区_x0041_办公室")
        #expect(back[.t05]?.row(code: "2010301")?.name == "行政\u{0}运行")
    }

    @Test func aTextLongerThanACellCanHoldIsRefusedBeforeWriting() throws {
        let dir = try CLI.tempDir()
        var doc = try DocumentJSON.decode(Data(contentsOf: URL(fileURLWithPath: CLI.seed)))
        doc.department = String(repeating: "乌", count: 40_000)
        let json = dir.appendingPathComponent("long.json")
        try DocumentJSON.encode(doc).write(to: json)
        let r = try CLI.run(["export", json.path, "-o", "long.xlsx"], cwd: dir)
        #expect(r.status == 65)
        #expect(r.err.contains("exceeds Excel's limit of 32,767 characters in a cell"))
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("long.xlsx").path))
    }

    /// A cell text with a newline and an ESC cannot forge stderr lines.
    @Test func messagesEscapeControlCharacters() throws {
        let dir = try CLI.tempDir()
        _ = try CLI.run(["export", CLI.seed, "-o", "seed.xlsx"], cwd: dir)
        // 行政运行's 合计 (公开05表!C10) becomes a text that tries to forge a line.
        let script = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["公开05表"]
            ws["C10"] = "12\\njuesuan: book.xlsx: 9 tables read_x001B_[2K"
            wb.save(sys.argv[2])
            """
        let made = try runProcess("/usr/bin/env", ["python3", "-c", script, "seed.xlsx", "f.xlsx"], cwd: dir)
        try #require(made.status == 0, "\(made.err)")
        let r = try CLI.run(["import", "f.xlsx", "--no-check"], cwd: dir)
        let lines = r.err.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("juesuan: book.xlsx") }.isEmpty)
        #expect(!r.err.contains("\u{1B}"))
        #expect(r.err.contains(#"is not an amount"#))
        #expect(r.err.contains(#"12\njuesuan: book.xlsx: 9 tables read\u{1B}[2K"#))
    }

    @Test func csvFieldsAreQuotedOnTheirBytesAndFormulasGuarded() {
        #expect(TidyCSV.line(["a\r\nb", "c"]) == "\"a\r\nb\",c\n")
        #expect(
            TidyCSV.line(["=HYPERLINK(\"x\")", "-5.00", "+1"], guardFormulas: true)
                == "\"'=HYPERLINK(\"\"x\"\")\",-5.00,+1\n")
        #expect(TidyCSV.line(["@SUM(A1)"], guardFormulas: true) == "'@SUM(A1)\n")
    }

    @Test func anUnknownCommandGetsTheNearestOne() throws {
        let r = try CLI.run(["improt", "x.xlsx"])
        #expect(r.status == 64)
        #expect(r.err == "juesuan: \"improt\" is not a command; did you mean \"import\"?\n")
    }

    /// Thousands of title cells (a small file) are found in one pass and cost no more than their
    /// count: no table under them, one line, exit 65 — not a hang.
    @Test func thousandsOfTitlesEndAtOnce() throws {
        let dir = try CLI.tempDir()
        let script = """
            import sys, xlsxwriter
            wb = xlsxwriter.Workbook(sys.argv[1]); ws = wb.add_worksheet()
            for r in range(2000):
                for c in range(10): ws.write_string(r, c, "收入决算表")
            wb.close()
            """
        let book = dir.appendingPathComponent("titles.xlsx")
        let made = try runProcess("/usr/bin/env", ["python3", "-c", script, book.path])
        try #require(made.status == 0, "\(made.err)")
        let r = try runProcess(CLI.binary, ["import", book.path], timeout: 60)
        #expect(r.status == 65, "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err.prefix(300))")
    }
}
