import Foundation
import JuesuanModel
import JuesuanTestSupport
import JuesuanXLSX
import Testing

/// Issue 16: a folder's outputs for bureaus and analysts — nothing disappears, names never
/// collide, a run never deletes what it did not write, `check DIR`, and the README's DuckDB and
/// pandas snippets run on a real tidy.csv.
@Suite(.serialized) struct FolderOutputTests {
    /// A small folder: the seed twice under names that differ only in case, a text file, a broken workbook.
    static func folder() throws -> URL {
        let dir = try CLI.tempDir().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let seed = try DocumentJSON.decode(Data(contentsOf: URL(fileURLWithPath: CLI.seed)))
        let w = WorkbookWriter(layout: try Layout.builtIn("national"))
        try w.write(seed, to: dir.appendingPathComponent("甲.xlsx"))
        try w.write(seed, to: dir.appendingPathComponent("甲.XLSX"))
        try Data("说明".utf8).write(to: dir.appendingPathComponent("说明.txt"))
        try Data("PK".utf8).write(to: dir.appendingPathComponent("坏.xlsx"))
        return dir
    }

    static func rows(_ url: URL) throws -> [String] {
        let data = try Data(contentsOf: url)
        return String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...], as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }

    @Test func everyFileHasARowAndNamesNeverCollide() throws {
        let dir = try Self.folder()
        let out = dir.deletingLastPathComponent().appendingPathComponent("out")
        let r = try CLI.run(["import", dir.path, "-o", out.path, "--quiet"])
        #expect(r.status == 2, "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1, "--quiet: only the summary line: \(r.err)")
        let rows = try Self.rows(out.appendingPathComponent("summary.csv"))
        #expect(rows.count == 5)
        #expect(rows.contains { $0.hasPrefix("说明.txt,已跳过,") && $0.contains("not a workbook (.txt)") })
        #expect(rows.contains { $0.hasPrefix("坏.xlsx,未能读取,") })
        let jsonColumn = rows.filter { $0.contains(",已读取,") }.map {
            $0.split(separator: ",", omittingEmptySubsequences: false)[10]
        }
        #expect(Set(jsonColumn.map { $0.lowercased() }).count == 2, "\(jsonColumn)")
        for name in jsonColumn {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(String(name)).path))
        }
    }

    @Test func forceNeverDeletesWhatTheRunDidNotWrite() throws {
        let dir = try Self.folder()
        let out = dir.deletingLastPathComponent().appendingPathComponent("out")
        _ = try CLI.run(["import", dir.path, "-o", out.path])
        // A workbook is removed from the folder; its JSON stays, listed as an earlier result.
        let stale = try #require(
            try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".json") })
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) { _ = f }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("甲.XLSX"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("甲.xlsx"))
        let again = try CLI.run(["import", dir.path, "-o", out.path, "--force"])
        #expect(again.status == 2, "\(again.err)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(stale).path))
        let rows = try Self.rows(out.appendingPathComponent("summary.csv"))
        #expect(rows.contains { $0.hasPrefix("\(stale),旧结果,") && $0.contains("left in place") }, "\(rows)")
    }

    @Test func checkOfAFolderGivesFindingsAndSummariesWithoutJSON() throws {
        let dir = try Self.folder()
        let out = dir.deletingLastPathComponent().appendingPathComponent("checked")
        let r = try CLI.run(["check", dir.path, "-o", out.path, "--quiet"])
        #expect(r.status == 2, "a broken workbook: exit 2")
        #expect(r.out.contains("甲.xlsx: warning 05-06.basic: "))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files == ["findings.csv", "summary.csv", "summary.xlsx", ".juesuan.lock"])
        // Without -o, the findings on stdout and nothing written.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("坏.xlsx"))
        let plain = try CLI.run(["check", dir.path, "--quiet"])
        #expect(plain.status == 0, "\(plain.err)")
        #expect(plain.out.split(separator: "\n").count == 2)
    }

    @Test func folderModeRefusesWhatItCannotDo() throws {
        let dir = try Self.folder()
        let r = try CLI.run([
            "import", dir.path, "-o", dir.deletingLastPathComponent().appendingPathComponent("x").path, "--format",
            "csv",
        ])
        #expect(r.status == 64)
        #expect(r.err.contains("--format applies to one workbook"))
    }

    @Test func aSecondRunIntoTheSameFolderIsRefused() throws {
        let dir = try Self.folder()
        let out = dir.deletingLastPathComponent().appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.appendingPathComponent(".juesuan.lock").path, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let r = try CLI.run(["import", dir.path, "-o", out.path])
        #expect(r.status == 73)
        #expect(r.err.contains("another juesuan run is writing into this folder"))
    }

    /// The README's snippets, run as written on a folder's tidy.csv.
    @Test func theReadmeSnippetsReadTheTidyCSVWithTheRightTypes() throws {
        let dir = try Self.folder()
        let out = dir.deletingLastPathComponent().appendingPathComponent("out")
        _ = try CLI.run(["import", dir.path, "-o", out.path])
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        for marker in ["duckdb", "pandas"] {
            let start = try #require(readme.range(of: "```python tidy-\(marker)\n"), "README has the \(marker) snippet")
            let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
            let snippet = String(readme[start.upperBound..<end.lowerBound])
            let r = try runProcess("/usr/bin/env", ["python3", "-c", snippet], cwd: out)
            #expect(r.status == 0, "\(marker): \(r.err)")
            // Each snippet prints the 05 total by 级次 = 项 (the seed's 项 rows: 220.02 + 43.70 = 263.72)
            // and the codes as text.
            #expect(r.out.contains("263.72"), "\(marker): \(r.out)")
            #expect(r.out.contains("2010301"), "\(marker): \(r.out)")
            #expect(!r.out.contains("2010301.0"), "\(marker): \(r.out)")
        }
    }
}
