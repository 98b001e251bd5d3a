import Foundation
import Testing

/// End-to-end: `check --narrative` and `narrative` on the built binary.
@Suite struct NarrativeCLITests {
    static let text = CLI.root.appendingPathComponent("Fixtures/seed/说明.txt")

    @Test func seedNarrativeChecksClean() throws {
        let r = try CLI.run(["check", CLI.seed, "--narrative", Self.text.path])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(
            lines.contains { $0.hasPrefix("说明: 0 errors, 0 warnings; 217 figures read, 123 of them not checkable") })
        #expect(lines.contains("checks: 0 errors, 1 warning (44 rules)"))
        #expect(lines.contains { $0.hasPrefix("not checkable: 2 × 年初预算数 (in none of the nine tables) in 四、五（一）") })
        #expect(!lines.contains { $0.hasPrefix("error") })
    }

    @Test func plantedMistakeExits1() throws {
        let dir = try CLI.tempDir()
        let bad = dir.appendingPathComponent("说明.txt")
        let text = try String(contentsOf: Self.text, encoding: .utf8)
        try text.replacingOccurrences(of: "支出决算数为 11.95 万元", with: "支出决算数为 11.59 万元")
            .write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", CLI.seed, "--narrative", bad.path])
        #expect(r.status == 1)
        let errors = r.out.split(separator: "\n").filter { $0.hasPrefix("error") }
        #expect(
            errors == [
                "error narrative.amount: 五（三） «支出决算数为11.59万元»: 一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项） 11.59万元, the tables give 11.95万元 (公开05表 2010302 一般行政管理事务 [合计]; difference -0.36)"
            ])
    }

    @Test func draftThenCheck() throws {
        let dir = try CLI.tempDir()
        for name in ["说明.md", "说明.docx"] {
            let w = try CLI.run(["narrative", CLI.seed, "-o", name], cwd: dir)
            #expect(w.status == 0, "\(w.err)")
            #expect(w.out.hasPrefix("wrote \(name): "))
            let c = try CLI.run(["check", CLI.seed, "--narrative", name], cwd: dir)
            #expect(c.status == 0, "\(c.out)")
            #expect(c.out.contains("说明: 0 errors, 0 warnings; 91 figures read, 0 of them not checkable"))
            let again = try CLI.run(["narrative", CLI.seed, "-o", name], cwd: dir)
            #expect(again.status == 73)
        }
        let md = try String(contentsOf: dir.appendingPathComponent("说明.md"), encoding: .utf8)
        let stdout = try CLI.run(["narrative", CLI.seed])
        #expect(stdout.out == md)
    }

    /// Text saved as "Unicode" by Windows Notepad (UTF-16 with a BOM), and UTF-8 with a BOM.
    @Test func utf16AndBOM() throws {
        let dir = try CLI.tempDir()
        let text = try String(contentsOf: Self.text, encoding: .utf8)
        let utf16 = dir.appendingPathComponent("说明-utf16.txt")
        try Data([0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!)).write(to: utf16)
        let bom = dir.appendingPathComponent("说明-bom.txt")
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: bom)
        for file in [utf16, bom] {
            let r = try CLI.run(["check", CLI.seed, "--narrative", file.path])
            #expect(r.status == 0, "\(r.err)")
            #expect(r.out.contains("说明: 0 errors, 0 warnings; 217 figures read, 123 of them not checkable"))
        }
    }

    @Test func usageErrors() throws {
        #expect(try CLI.run(["check", CLI.seed, "--previous", CLI.seed]).status == 64)
        #expect(try CLI.run(["narrative", CLI.seed, "-o", "x.pdf"]).status == 64)
        #expect(try CLI.run(["check", CLI.seed, "--narrative", Self.text.path, "--zero-base", "200"]).status == 64)
        let missing = try CLI.run(["check", CLI.seed, "--narrative", "/nonexistent/说明.txt"])
        #expect(missing.status == 66)
        #expect(missing.err == "juesuan: /nonexistent/说明.txt: no such file\n")
    }
}
