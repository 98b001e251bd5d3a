import Dispatch
import Foundation
import JuesuanModel
import JuesuanXLSX

/// Imports every workbook (.xlsx, .xlsm, .xls) under a folder: one JSON per workbook, one combined tidy CSV, one summary.
/// One bad file never stops it; both cores work; Ctrl-C stops it cleanly.
final class BatchRun: @unchecked Sendable {
    struct Outcome {
        var file: String
        var ok: Bool
        var department = ""
        var year = ""
        var unit = ""
        var tables = 0
        var missing: [String] = []
        var unread = 0
        var errors = 0
        var warnings = 0
        var message = ""
        var records: [[String]] = []
    }

    let input: URL
    let output: URL
    let jobs: Int
    let importer: WorkbookImporter
    let progress: Progress
    private let lock = NSLock()
    private var next = 0
    private var cancelled = false
    /// Relative workbook path → relative JSON path; set before the workers start, read-only after.
    private var jsonNames: [String: String] = [:]

    init(input: URL, output: URL, jobs: Int, importer: WorkbookImporter, progress: Progress) {
        self.input = input
        self.output = output
        self.jobs = jobs
        self.importer = importer
        self.progress = progress
    }

    static let tidyFile = "tidy.csv"
    static let summaryFile = "summary.csv"

    /// Extensions taken as workbooks in a folder, compared case-insensitively (the content decides
    /// how each is read).
    static let extensions: Set<String> = ["xlsx", "xlsm", "xls"]

    /// The workbooks under the folder, relative paths, sorted (Excel's ~$ lock files skipped).
    static func workbooks(in dir: URL) -> [String] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var out: [String] = []
        let base = dir.standardizedFileURL.path
        for case let url as URL in e {
            let name = url.lastPathComponent
            guard extensions.contains(url.pathExtension.lowercased()), !name.hasPrefix("~$"), !name.hasPrefix(".")
            else { continue }
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            out.append(rel)
        }
        return out.sorted()
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Runs the batch; returns the outcomes of the files processed (all of them unless cancelled).
    func run(files: [String]) -> [Outcome?] {
        jsonNames = BatchRun.jsonNames(files)
        // Guarded by `lock`.
        nonisolated(unsafe) var results = [Outcome?](repeating: nil, count: files.count)
        let workers = max(1, min(jobs, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                lock.lock()
                if cancelled || next >= files.count { lock.unlock(); return }
                let i = next
                next += 1
                lock.unlock()
                let outcome = process(files[i])
                lock.lock()
                results[i] = outcome
                lock.unlock()
                progress.finished(
                    outcome.file, ok: outcome.ok, detail: outcome.ok ? describe(outcome) : outcome.message)
            }
        }
        return results
    }

    func describe(_ o: Outcome) -> String {
        func n(_ k: Int, _ w: String) -> String { "\(k) \(w)\(k == 1 ? "" : "s")" }
        var s = "\(n(o.tables, "table")), \(n(o.errors, "check error")), \(n(o.warnings, "warning"))"
        if o.unread > 0 { s += ", \(o.unread) left unread" }
        return s
    }

    func process(_ rel: String) -> Outcome {
        var o = Outcome(file: rel, ok: false)
        do {
            let (doc, report) = try importer.read(path: input.appendingPathComponent(rel).path)
            let findings = Checker().run(doc, locate: report.source)
            let json = DocumentJSON.encode(doc) + Data("\n".utf8)
            let target = output.appendingPathComponent(jsonNames[rel] ?? BatchRun.jsonName(rel))
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try OutputFile.write(json, to: target, overwrite: true)
            o.ok = true
            o.department = doc.department
            o.year = doc.year.map(String.init) ?? ""
            o.unit = doc.unit.rawValue
            o.tables = report.found.count
            o.missing = report.missing.map(\.rawValue)
            o.unread = report.notes.filter { $0.severity == .unread }.count
            o.errors = findings.filter { $0.severity == .error }.count
            o.warnings = findings.count - o.errors
            o.records = TidyCSV.records(doc, extraColumns: [doc.department, o.year, rel])
        } catch let e as JuesuanError {
            o.message = e.message
            if let part = e.part { o.message = "\(part): " + o.message }
            if let cell = e.cell { o.message = "\(cell): " + o.message }
        } catch {
            o.message = "\(error)"
        }
        return o
    }

    static func jsonName(_ rel: String) -> String {
        let url = URL(fileURLWithPath: rel)
        return url.deletingPathExtension().relativePath + ".json"
    }

    /// The JSON name of each workbook: `单位1.json` for `单位1.xlsx`; when two workbooks share a
    /// name but not an extension (`单位1.xlsx`, `单位1.xls`), each keeps its extension
    /// (`单位1.xlsx.json`, `单位1.xls.json`) so that neither overwrites the other.
    static func jsonNames(_ files: [String]) -> [String: String] {
        var byStem: [String: Int] = [:]
        for f in files { byStem[jsonName(f).lowercased(), default: 0] += 1 }
        return Dictionary(
            uniqueKeysWithValues: files.map { f in
                (f, byStem[jsonName(f).lowercased()]! > 1 ? f + ".json" : jsonName(f))
            })
    }

    /// Writes tidy.csv and summary.csv atomically.
    func writeCombined(_ outcomes: [Outcome]) throws {
        var tidy = TidyCSV.line(TidyCSV.header + ["部门", "年度", "文件"])
        for o in outcomes { for r in o.records { tidy += TidyCSV.line(r) } }
        try OutputFile.write(Data(tidy.utf8), to: output.appendingPathComponent(BatchRun.tidyFile), overwrite: true)
        var summary = TidyCSV.line(
            ["文件", "状态", "部门", "年度", "单位", "读到的表", "缺少的表", "未读", "检查错误", "检查警告", "说明"], guardFormulas: true)
        for o in outcomes {
            summary += TidyCSV.line(
                [
                    o.file, o.ok ? "ok" : "failed", o.department, o.year, o.unit, o.ok ? String(o.tables) : "",
                    o.missing.joined(separator: " "), o.ok ? String(o.unread) : "", o.ok ? String(o.errors) : "",
                    o.ok ? String(o.warnings) : "", o.message,
                ], guardFormulas: true)
        }
        try OutputFile.write(
            Data(summary.utf8), to: output.appendingPathComponent(BatchRun.summaryFile), overwrite: true)
    }
}

/// Progress on stderr: a bar with count and rate on a terminal, plain lines otherwise.
final class Progress: @unchecked Sendable {
    let total: Int
    let terminal: Bool
    private let start = Date()
    private var done = 0
    private var failed = 0
    private let lock = NSLock()

    init(total: Int, terminal: Bool) {
        self.total = total
        self.terminal = terminal
    }

    func finished(_ file: String, ok: Bool, detail: String) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if !ok { failed += 1 }
        let rate = Double(done) / max(Date().timeIntervalSince(start), 0.001)
        var text = ""
        if terminal {
            if !ok { text += "\r\u{1B}[2Kfailed \(Terminal.safe(file)): \(Terminal.safe(detail))\n" }
            let width = 30
            let filled = total == 0 ? width : width * done / total
            text +=
                "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] "
            text += "\(done)/\(total)  \(String(format: "%.1f", rate)) files/s"
            if failed > 0 { text += "  \(failed) failed" }
            if done == total { text += "\n" }
        } else {
            text = "\(ok ? "ok" : "failed") [\(done)/\(total)] \(Terminal.safe(file)): \(Terminal.safe(detail))\n"
        }
        Terminal.printErrRaw(text)
    }

    func endLine(_ interrupted: Bool) {
        if terminal && interrupted { Terminal.printErrRaw("\n") }
    }

    var elapsed: TimeInterval { Date().timeIntervalSince(start) }
}
