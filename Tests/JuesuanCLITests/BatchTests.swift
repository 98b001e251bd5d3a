import Foundation
import JuesuanModel
import JuesuanTestSupport
import JuesuanXLSX
import Testing

/// A finance bureau's folder: 500 generated department workbooks in both layouts, in subfolders,
/// with broken files mixed in.
/// The files a folder run writes at the top of OUTDIR.
enum BatchRunFiles {
    static let combined: Set<String> = ["tidy.csv", "summary.csv", "findings.csv", "summary.xlsx"]
}

@Suite(.serialized) struct BatchTests {
    struct Folder {
        let dir: URL
        /// Relative path → the tidy lines its import must give (nil for a broken file).
        let expected: [String: [String]?]
    }

    static let broken: [(name: String, bytes: Data, message: String)] = [
        ("broken/empty.xlsx", Data(), "is an empty file, not a workbook"),
        (
            "broken/text.xlsx", Data("部门决算\n".utf8),
            "is not a workbook (neither the zip signature of .xlsx nor the OLE2 signature of .xls)"
        ),
        (
            "broken/truncated.xlsx", Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]),
            "not a valid zip archive (truncated or corrupt central directory)"
        ),
        (
            "broken/encrypted.xlsx",
            Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)),
            "is an OLE2 container"
        ),
    ]

    nonisolated(unsafe) static let folder: Result<Folder, any Error> = Result {
        let dir = try CLI.tempDir().appendingPathComponent("in")
        let layouts = try Layout.builtInNames.map(Layout.builtIn)
        var expected: [String: [String]?] = [:]
        for seed in 1...500 {
            var gen = DocumentGenerator(seed: UInt64(10_000 + seed))
            let doc = gen.document()
            let layout = layouts[seed % 2]
            let rel = "区县\(seed % 7)/单位\(seed).xlsx"
            let url = dir.appendingPathComponent(rel)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try WorkbookWriter(layout: layout).write(doc, to: url)
            let written = doc.asWritten(in: layout)
            expected[rel] = TidyCSV.records(written, extraColumns: [rel]).map { TidyCSV.line($0) }
        }
        for b in broken {
            let url = dir.appendingPathComponent(b.name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try b.bytes.write(to: url)
            expected[b.name] = .some(nil)
        }
        // An Excel lock file is not a workbook to read.
        try Data().write(to: dir.appendingPathComponent("~$单位1.xlsx"))
        return Folder(dir: dir, expected: expected)
    }

    @Test func batchImportsTheFolderAndReportsEveryFile() throws {
        let folder = try Self.folder.get()
        let out = folder.dir.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString)")
        let r = try CLI.run(["import", folder.dir.path, "-o", out.path])
        #expect(r.status == 2, "some files are broken: exit 2")
        let lastLine = r.err.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.contains("504 workbooks in"))
        #expect(lastLine.contains("500 read, 4 failed, 1 skipped"))
        print("batch: \(lastLine)")
        // Plain lines in a pipe: one per file.
        #expect(r.err.split(separator: "\n").filter { $0.hasPrefix("ok [") || $0.hasPrefix("failed [") }.count == 504)
        // The combined CSV: every generated document's tidy lines, with 部门, 年度, 文件.
        let tidy = try String(contentsOf: out.appendingPathComponent("tidy.csv"), encoding: .utf8)
        let lines = tidy.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { String($0) + "\n" }
        #expect(lines.first == "表号,科目编码,项目,栏目,金额,单位,级次,部门,年度,文件\n")
        let want = folder.expected.values.compactMap { $0 }.flatMap { $0 }
        #expect(Set(lines.dropFirst()) == Set(want))
        #expect(lines.count - 1 == want.count)
        // The summary: one line per file, the broken ones with their error.
        // The summary: one line per file under the folder (with a BOM for Excel), the broken ones
        // with their error, the lock file skipped with the reason.
        let summaryData = try Data(contentsOf: out.appendingPathComponent("summary.csv"))
        #expect(summaryData.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let summary = String(decoding: summaryData.dropFirst(3), as: UTF8.self)
        let rows = summary.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows.count == 505)
        for b in Self.broken {
            let row = try #require(rows.first { $0.hasPrefix(b.name + ",") })
            #expect(row.hasPrefix("\(b.name),未能读取,"))
            #expect(row.contains(b.message), "\(row)")
        }
        #expect(rows.filter { $0.contains(",已读取,") }.count == 500)
        #expect(rows.contains { $0.hasPrefix("~$单位1.xlsx,已跳过,") && $0.contains("an Excel lock file") })
        // findings.csv: every finding of every workbook, one line each.
        let findings = String(
            decoding: try Data(contentsOf: out.appendingPathComponent("findings.csv")).dropFirst(3), as: UTF8.self)
        #expect(findings.hasPrefix("文件,部门,规则,严重程度,表号,行,栏目,左边,左边金额,右边,右边金额,差额,单元格\n"))
        #expect(findings.split(separator: "\n").count > 1)
        // The summary workbook opens as a workbook with its two sheets.
        let book = try XLSXWorkbook(path: out.appendingPathComponent("summary.xlsx").path)
        #expect(book.sheets.map(\.name) == ["汇总", "检查结果"])
        // One JSON per workbook read, under the same relative path.
        let json = FileManager.default.enumerator(atPath: out.path)!.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".json")
        }
        #expect(json.count == 500)
        #expect(json.contains("区县1/单位1.json"))
        // Running again without --force keeps what is there.
        let again = try CLI.run(["import", folder.dir.path, "-o", out.path])
        #expect(again.status == 73)
        #expect(
            again.err.contains(
                "already holds tidy.csv, summary.csv, findings.csv, summary.xlsx (use --force to replace it)"))
    }

    @Test func ctrlCLeavesNoHalfWrittenFile() throws {
        let folder = try Self.folder.get()
        let out = folder.dir.deletingLastPathComponent().appendingPathComponent("out-int-\(UUID().uuidString)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["import", folder.dir.path, "-o", out.path, "--jobs", "1"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Interrupt once a few files are done.
        var seen = ""
        while p.isRunning && seen.components(separatedBy: "ok [").count < 20 {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        p.interrupt()
        let rest = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        seen += String(decoding: rest, as: UTF8.self)
        try #require(p.terminationStatus == 130, "exit \(p.terminationStatus): \(seen.suffix(300))")
        #expect(seen.contains("interrupted after"))
        // Everything in OUTDIR is whole: JSON that decodes, and the two CSVs; no temporary files.
        let files = FileManager.default.enumerator(atPath: out.path)!.compactMap { $0 as? String }
            .filter { !$0.hasSuffix("/") && $0.contains(".") }
        for f in files {
            #expect(
                f.hasSuffix(".json") || BatchRunFiles.combined.contains(f) || f == ".juesuan.lock", "stray file \(f)")
            if f.hasSuffix(".json") {
                #expect(throws: Never.self) { try DocumentJSON.decode(Data(contentsOf: out.appendingPathComponent(f))) }
            }
        }
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        let processed = summary.split(separator: "\n").count - 1
        #expect(processed < 505)
        #expect(
            files.filter { $0.hasSuffix(".json") }.count
                == summary.split(separator: "\n").filter { $0.contains(",已读取,") }.count)
    }
}
