import Dispatch
import Foundation
import JuesuanModel
import JuesuanXLSX

/// Reads every workbook (.xlsx, .xlsm, .xls) under a folder on all cores and writes, for a finance
/// bureau: one JSON per workbook (import only), tidy.csv (import only), findings.csv, summary.csv
/// and summary.xlsx. Every file under the folder gets a row — read, failed (with the error),
/// skipped (with the reason) — and so does a JSON left in OUTDIR by an earlier run whose workbook
/// is gone (left in place: a run never deletes what it did not write). One bad file never stops
/// it; Ctrl-C stops it cleanly.
final class BatchRun: @unchecked Sendable {
    /// What happened to one file.
    enum Status: String {
        case read = "已读取"
        case failed = "未能读取"
        case skipped = "已跳过"
        case stale = "旧结果"
        /// The workbook was read but its JSON could not be written (an output problem, not the workbook's).
        case unwritten = "未能写出"
    }

    struct Outcome {
        var file: String
        var status: Status
        var department = ""
        var year = ""
        var unit = ""
        var tables: [String] = []
        var missing: [String] = []
        var unread: [String] = []
        var warnings = 0
        var errors = 0
        var checkWarnings = 0
        var message = ""
        var json = ""
        var records: [[String]] = []
        var findings: [Finding] = []
    }

    /// What the run writes.
    struct Mode {
        /// One JSON per workbook and tidy.csv (`import`); without them, only the findings and the
        /// summary (`check DIR`).
        var writesData: Bool
        /// A UTF-8 BOM before tidy.csv (summary.csv and findings.csv always carry one).
        var bomOnTidy: Bool
    }

    let input: URL
    let output: URL?
    let jobs: Int
    let importer: WorkbookImporter
    let progress: Progress
    let mode: Mode
    private let lock = NSLock()
    private var next = 0
    private var cancelled = false
    /// Relative workbook path → relative JSON path; set before the workers start, read-only after.
    private var jsonNames: [String: String] = [:]

    init(input: URL, output: URL?, jobs: Int, importer: WorkbookImporter, progress: Progress, mode: Mode) {
        self.input = input
        self.output = output
        self.jobs = jobs
        self.importer = importer
        self.progress = progress
        self.mode = mode
    }

    static let tidyFile = "tidy.csv"
    static let summaryFile = "summary.csv"
    static let findingsFile = "findings.csv"
    static let summaryWorkbook = "summary.xlsx"
    static let lockFile = ".juesuan.lock"
    /// The files a run writes at the top of OUTDIR.
    static let combinedFiles = [tidyFile, summaryFile, findingsFile, summaryWorkbook]

    /// Extensions taken as workbooks, compared case-insensitively (the content decides how each is read).
    static let extensions: Set<String> = ["xlsx", "xlsm", "xls"]

    /// Every file under the folder, relative paths sorted: the workbooks to read, and the others
    /// with the reason they are skipped. OUTDIR, when inside the folder, is left out.
    static func inventory(in dir: URL, excluding outdir: URL?) -> (workbooks: [String], skipped: [(String, String)]) {
        let base = dir.standardizedFileURL.path
        let exclude = outdir?.standardizedFileURL.path
        var unreadable: [(String, String)] = []
        let e = FileManager.default.enumerator(
            at: dir, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
            errorHandler: { url, error in
                unreadable.append((url.path, "the folder cannot be read: \((error as NSError).localizedDescription)"))
                return true
            })
        var workbooks: [String] = []
        var skipped: [(String, String)] = []
        func relative(_ url: URL) -> String {
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            return rel
        }
        while let url = e?.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values?.isDirectory == true {
                if let exclude, url.standardizedFileURL.path == exclude { e?.skipDescendants() }
                continue
            }
            let name = url.lastPathComponent
            let rel = relative(url)
            if name.hasPrefix("~$") {
                skipped.append((rel, "an Excel lock file (~$), not a workbook"))
            } else if values?.isRegularFile != true {
                skipped.append((rel, "not a regular file"))
            } else if !extensions.contains(url.pathExtension.lowercased()) {
                let ext = url.pathExtension.isEmpty ? "no extension" : ".\(url.pathExtension)"
                skipped.append((rel, "not a workbook (\(ext)); juesuan reads .xlsx, .xlsm and .xls"))
            } else {
                workbooks.append(rel)
            }
        }
        skipped += unreadable.map { (relative(URL(fileURLWithPath: $0.0)), $0.1) }
        return (workbooks.sorted(), skipped.sorted { $0.0 < $1.0 })
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
                let ok = outcome.status == .read
                progress.finished(outcome.file, ok: ok, detail: ok ? describe(outcome) : outcome.message)
            }
        }
        return results
    }

    func describe(_ o: Outcome) -> String {
        func n(_ k: Int, _ w: String) -> String { "\(k) \(w)\(k == 1 ? "" : "s")" }
        var s = "\(n(o.tables.count, "table")), \(n(o.errors, "check error")), \(n(o.checkWarnings, "warning"))"
        if !o.unread.isEmpty { s += ", \(o.unread.count) left unread" }
        return s
    }

    func process(_ rel: String) -> Outcome {
        var o = Outcome(file: rel, status: .failed)
        do {
            let (doc, report) = try importer.read(path: input.appendingPathComponent(rel).path)
            o.findings = Checker().run(doc, locate: report.source)
            if mode.writesData, let output {
                let json = DocumentJSON.encode(doc) + Data("\n".utf8)
                o.json = jsonNames[rel] ?? BatchRun.jsonName(rel)
                let target = output.appendingPathComponent(o.json)
                do {
                    try FileManager.default.createDirectory(
                        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                } catch {
                    throw JuesuanError(.writeFailed, "cannot create the folder for \(o.json)", file: output.path)
                }
                do { try OutputFile.write(json, to: target, overwrite: true) } catch {
                    o.status = .unwritten
                    o.message = "its JSON \(o.json) could not be written: \(error.message)"
                    return o
                }
                o.records = TidyCSV.records(doc, extraColumns: [rel])
            }
            o.status = .read
            o.department = doc.department
            o.year = doc.year.map(String.init) ?? ""
            o.unit = doc.unit.rawValue
            o.tables = report.found.map(\.table.rawValue)
            o.missing = report.missing.map(\.rawValue)
            o.unread = report.notes.filter { $0.severity == .unread }.map(\.description)
            o.warnings = report.notes.count - o.unread.count
            o.errors = o.findings.filter { $0.severity == .error }.count
            o.checkWarnings = o.findings.count - o.errors
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

    /// The JSON name of each workbook: `单位1.json` for `单位1.xlsx`. Names that would collide on a
    /// case-insensitive file system (`甲.xlsx` and `甲.XLSX`, `单位1.xlsx` and `单位1.xls`) keep
    /// their extension (`单位1.xlsx.json`), then a number (`甲.XLSX (2).json`), so that no two
    /// workbooks share a JSON; the summary lists each name.
    static func jsonNames(_ files: [String]) -> [String: String] {
        var byStem: [String: Int] = [:]
        for f in files { byStem[jsonName(f).lowercased(), default: 0] += 1 }
        var taken = Set<String>()
        var out: [String: String] = [:]
        for f in files {
            var name = (byStem[jsonName(f).lowercased()] ?? 0) > 1 ? f + ".json" : jsonName(f)
            var k = 2
            while taken.contains(name.lowercased()) {
                name = URL(fileURLWithPath: f).relativePath + " (\(k)).json"
                k += 1
            }
            taken.insert(name.lowercased())
            out[f] = name
        }
        return out
    }

    /// JSON files under OUTDIR that this run did not write and whose workbook is not among the
    /// inputs: left in place, listed in the summary.
    func staleJSON(written: Set<String>) -> [Outcome] {
        guard mode.writesData, let output else { return [] }
        let all = Set(jsonNames.values.map { $0.lowercased() })
        let base = output.standardizedFileURL.path
        guard let e = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) else { return [] }
        var out: [Outcome] = []
        while let url = e.nextObject() as? URL {
            guard url.pathExtension.lowercased() == "json" else { continue }
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            guard !written.contains(rel), !all.contains(rel.lowercased()) else { continue }
            var o = Outcome(file: rel, status: .stale)
            o.message = "a JSON of an earlier run whose workbook is not in the folder; left in place"
            o.json = rel
            out.append(o)
        }
        return out.sorted { $0.file < $1.file }
    }

    /// The UTF-8 byte order mark, which Chinese Excel needs to open a CSV as UTF-8.
    static let bom = Data([0xEF, 0xBB, 0xBF])

    /// Writes tidy.csv (import), findings.csv, summary.csv and summary.xlsx, each atomically.
    func writeCombined(_ outcomes: [Outcome]) throws(JuesuanError) {
        guard let output else { return }
        // tidy.csv and findings.csv are written line by line into their files, never held whole.
        if mode.writesData {
            try Self.writeCSV(to: output.appendingPathComponent(BatchRun.tidyFile), bom: mode.bomOnTidy) {
                (line) throws(JuesuanError) in
                try line(TidyCSV.header + ["文件"])
                for o in outcomes { for r in o.records { try line(r) } }
            }
        }
        try Self.writeCSV(to: output.appendingPathComponent(BatchRun.findingsFile), bom: true, guardFormulas: true) {
            (line) throws(JuesuanError) in
            try line(BatchRun.findingHeader)
            for o in outcomes { for f in o.findings { try line(BatchRun.findingRow(o, f)) } }
        }
        let summaryRows = outcomes.map(summaryRow)
        try Self.writeCSV(to: output.appendingPathComponent(BatchRun.summaryFile), bom: true, guardFormulas: true) {
            (line) throws(JuesuanError) in
            try line(BatchRun.summaryHeader.map(\.0))
            for r in summaryRows { try line(r.map(\.csvText)) }
        }
        // The findings sheet makes each row when it is written (a finding is found by a running index).
        let index = outcomes.indices.flatMap { i in outcomes[i].findings.indices.map { (Int32(i), Int32($0)) } }
        try ReportWorkbook.write(
            [
                ReportSheet(name: "汇总", header: BatchRun.summaryHeader.map(\.0), rows: summaryRows),
                {
                    var sheet = ReportSheet(name: "检查结果", header: BatchRun.findingHeader, rowCount: index.count) { k in
                        let (i, j) = index[k]
                        return BatchRun.findingRow(outcomes[Int(i)], outcomes[Int(i)].findings[Int(j)]).map {
                            .text($0)
                        }
                    }
                    sheet.overflowNote = BatchRun.findingsFile
                    return sheet
                }(),
            ], to: output.appendingPathComponent(BatchRun.summaryWorkbook), overwrite: true)
    }

    /// Writes a CSV file (RFC 4180 lines, `TidyCSV.line`'s quoting) from the lines `body` gives,
    /// a megabyte at a time, replacing the file atomically.
    static func writeCSV(
        to url: URL, bom: Bool, guardFormulas: Bool = false,
        _ body: (_ line: ([String]) throws(JuesuanError) -> Void) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        try OutputFile.write(to: url, overwrite: true) { (put) throws(JuesuanError) in
            try TidyCSV.writeLines(prefix: bom ? Array(BatchRun.bom) : [], guardFormulas: guardFormulas, to: put, body)
        }
    }

    static let summaryHeader: [(String, Bool)] = [
        ("文件", false), ("状态", false), ("部门", false), ("年度", false), ("单位", false), ("读到的表", true),
        ("缺少的表", false), ("未读", true), ("检查错误", true), ("检查警告", true), ("JSON", false), ("说明", false),
    ]

    func summaryRow(_ o: Outcome) -> [ReportSheet.Value] {
        let read = o.status == .read
        func count(_ n: Int) -> ReportSheet.Value { read ? .count(n) : .text("") }
        var note = o.message
        if read {
            var parts: [String] = []
            if !o.unread.isEmpty {
                parts.append("未读：" + o.unread.prefix(5).joined(separator: "；") + (o.unread.count > 5 ? "…" : ""))
            }
            if o.warnings > 0 { parts.append("读取提示 \(o.warnings) 条") }
            note = parts.joined(separator: "；")
        }
        return [
            .text(o.file), .text(o.status.rawValue), .text(o.department), .text(o.year), .text(o.unit),
            count(o.tables.count), .text(o.missing.joined(separator: " ")), count(o.unread.count), count(o.errors),
            count(o.checkWarnings), .text(o.json), .text(Terminal.safe(note)),
        ]
    }

    static let findingHeader = ["文件", "部门", "规则", "严重程度", "表号", "行", "栏目", "左边", "左边金额", "右边", "右边金额", "差额", "单元格"]

    /// One finding as a row of findings.csv and of the summary's 检查结果 sheet.
    static func findingRow(_ o: Outcome, _ f: Finding) -> [String] {
        [
            o.file, o.department, f.rule, f.severity == .error ? "错误" : "警告", f.table.rawValue, f.row,
            f.column ?? "", f.leftLabel, f.left, f.rightLabel, f.right, f.difference,
            f.sources.joined(separator: " "),
        ]
    }
}

/// An advisory lock on OUTDIR (`flock` on OUTDIR/.juesuan.lock), so that two folder runs never
/// write into the same folder at once. Held until the process ends.
enum OutputFolderLock {
    nonisolated(unsafe) private static var held: [Int32] = []

    /// - Throws: `JuesuanError` `.outputExists` when another run holds the folder.
    static func acquire(_ folder: URL) throws(JuesuanError) {
        let path = folder.appendingPathComponent(BatchRun.lockFile).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw JuesuanError(
                .writeFailed, "cannot create its lock file: \(String(cString: strerror(errno)))", file: folder.path)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw JuesuanError(
                .outputExists, "another juesuan run is writing into this folder; wait for it to finish",
                file: folder.path)
        }
        held.append(fd)
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

    /// With `quiet`, nothing per file is printed (only the run's summary line, by the caller).
    let quiet: Bool

    init(total: Int, terminal: Bool, quiet: Bool = false) {
        self.total = total
        self.terminal = terminal
        self.quiet = quiet
    }

    func finished(_ file: String, ok: Bool, detail: String) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if !ok { failed += 1 }
        if quiet { return }
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
