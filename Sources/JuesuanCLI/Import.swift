import ArgumentParser
import Foundation
import JuesuanModel
import JuesuanXLSX

/// `juesuan import BOOK.xlsx [--format json|csv] [-o OUT]`, or `juesuan import DIR -o OUTDIR` for a folder.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read the nine tables out of a workbook, as juesuan JSON or the tidy CSV.",
        discussion: """
            Tables are found by their titles in any sheet and order; headers are matched through \
            the layout vocabulary. What could not be read is listed on stderr, one line each, with \
            the sheet!cell it concerns; a summary line ends the list. A workbook is read as .xlsx \
            or .xls (Excel 95–2003, WPS) by its content, whatever its name.

            Given a folder, import reads every .xlsx, .xlsm and .xls under it (on all cores) and \
            writes into OUTDIR one JSON per workbook (same relative path), tidy.csv (all workbooks, \
            with a 文件 column), findings.csv (every check finding), summary.csv and summary.xlsx \
            (a row per file under the folder: read, failed with the error, or skipped with the \
            reason). One bad file never stops the batch. Exit status: 0 all read, 2 some could not \
            be read, 130 interrupted (Ctrl-C).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @Argument(help: "An .xlsx or .xls workbook, or a folder of them.")
    var workbook: String

    @Option(help: "Workbooks read at once in folder mode (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Output format: json (the model) or csv (the tidy table).")
    var format: Format = .json

    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
    var output: String?

    @Flag(help: "Replace OUTPUT if it exists.")
    var force = false

    @Option(help: "Convert amounts to this unit (万元 or 元), rounding half up. Default: keep the workbook's.")
    var unit: String?

    @Flag(help: "Print only the summary lines on stderr, not each note and finding (in folder mode: no line per file).")
    var quiet = false

    @Flag(
        help:
            "In folder mode, start tidy.csv with a UTF-8 byte order mark, for Excel (summary.csv and findings.csv always have one)."
    )
    var bom = false

    @Flag(help: "Skip the 勾稽关系 checks (they never stop a conversion).")
    var noCheck = false

    @OptionGroup var limits: ReadLimitOptions

    func validate() throws {
        if let unit, AmountUnit(rawValue: unit) == nil { throw ValidationError("--unit must be 万元 or 元") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var isFolder: Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: workbook, isDirectory: &isDir) && isDir.boolValue
    }

    func run() throws {
        if isFolder {
            try runBatch()
            return
        }
        try reporting {
            let importer = WorkbookImporter(limits: limits.limits, unit: unit.flatMap(AmountUnit.init(rawValue:)))
            let (doc, report) = try importer.read(path: workbook)
            if let output, SameFile.check(output, workbook) {
                throw JuesuanError(.usage, "is the workbook being read; write the output elsewhere", file: output)
            }
            // The checks run on the other core while the output is written (both only read the
            // model); their findings are printed after the import's notes, as before.
            let checks = noCheck ? nil : BackgroundChecks(doc, report)
            // Streamed: a large table's JSON or CSV is written as it is made, never held whole.
            try Output.write(to: output, force: force) { (put) throws(JuesuanError) in
                switch format {
                case .json: try DocumentJSON.write(doc, newline: true, to: put)
                case .csv: try TidyCSV.write(doc, to: put)
                }
            }
            if !quiet {
                Terminal.printErr(
                    report.found.map { Terminal.note(workbook, "\($0.table.rawValue) read at \($0.range)") }
                        + report.notes.map { Terminal.note(workbook, $0.description) })
            }
            Terminal.printErr([Terminal.note(workbook, report.summary)])
            if let checks {
                CheckReport.print(checks.findings(), quiet: quiet, prefix: "juesuan: \(workbook): ")
            }
        }
    }
}

/// The 勾稽关系 checks of one document, run on a thread of their own from the moment it is made.
final class BackgroundChecks: @unchecked Sendable {
    // Written once by the thread before `done` is signalled, read only after waiting for it.
    private var result: [Finding] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ doc: Document, _ report: ImportReport) {
        Thread.detachNewThread { [self] in
            result = Checker().run(doc, locate: report.source)
            done.signal()
        }
    }

    /// The findings, in rule order (waits for the checks to finish).
    func findings() -> [Finding] {
        done.wait()
        done.signal()
        return result
    }
}

/// Writing results: stdout, or a file replaced atomically and only with --force.
enum Output {
    /// Writes what `body` hands over, chunk by chunk, to stdout or to the file at `path`.
    /// - Throws: `JuesuanError` from `OutputFile.write(to:overwrite:_:)` or the stdout write.
    static func write(
        to path: String?, force: Bool,
        _ body: ((UnsafeRawBufferPointer) throws(JuesuanError) -> Void) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        guard let path else {
            try body { (chunk) throws(JuesuanError) in try Terminal.writeStandardOutput(chunk) }
            return
        }
        try OutputFile.write(to: URL(fileURLWithPath: path), overwrite: force, body)
    }
}

extension Import {
    func runBatch() throws {
        if format != .json {
            throw ValidationError(
                "--format applies to one workbook; a folder import writes one JSON per workbook, tidy.csv, findings.csv, summary.csv and summary.xlsx"
            )
        }
        let status = try FolderRun(
            input: workbook, output: output, jobs: jobs, force: force, quiet: quiet,
            importer: WorkbookImporter(limits: limits.limits, unit: unit.flatMap(AmountUnit.init(rawValue:))),
            mode: BatchRun.Mode(writesData: true, bomOnTidy: bom)
        ).run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// A folder run, shared by `import DIR -o OUTDIR` and `check DIR [-o OUTDIR]`.
struct FolderRun {
    var input: String
    var output: String?
    var jobs: Int?
    var force: Bool
    var quiet: Bool
    var importer: WorkbookImporter
    var mode: BatchRun.Mode

    /// Runs it; returns the exit status (0 all read, 2 some could not be read, 130 interrupted;
    /// for `check`, 1 when a workbook has check errors and all were read).
    func run() throws -> Int32 {
        var status: Int32 = 0
        try reporting {
            if mode.writesData && output == nil {
                throw JuesuanError(
                    .usage, "is a folder: give -o OUTDIR for the JSON files, tidy.csv and the summaries", file: input)
            }
            let inputURL = URL(fileURLWithPath: input)
            let out = output.map { URL(fileURLWithPath: $0) }
            if let out, let output { try prepare(out, output) }
            let (files, skipped) = BatchRun.inventory(in: inputURL, excluding: out)
            let progress = Progress(total: files.count, terminal: !quiet && isatty(STDERR_FILENO) == 1, quiet: quiet)
            let batch = BatchRun(
                input: inputURL, output: out, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                importer: importer, progress: progress, mode: mode)
            // Ctrl-C: stop handing out files, let the ones in hand finish, write what is complete;
            // a second Ctrl-C ends it at once (removing temporary files).
            Terminal.onInterrupt = {
                batch.cancel()
                return true
            }
            let results = batch.run(files: files)
            Terminal.onInterrupt = nil
            var done = results.compactMap { $0 }
            let written = Set(done.map(\.json).filter { !$0.isEmpty })
            done += skipped.map { rel, why in
                var o = BatchRun.Outcome(file: rel, status: .skipped)
                o.message = why
                return o
            }
            done += batch.staleJSON(written: written)
            done.sort { $0.file < $1.file }
            try batch.writeCombined(done)
            progress.endLine(batch.isCancelled)
            let read = done.filter { $0.status == .read }
            let failed = done.filter { $0.status == .failed }.count
            let unwritten = done.filter { $0.status == .unwritten }.count
            if !mode.writesData {
                // check DIR: the findings on stdout, file by file.
                var text = ""
                for o in done where o.status == .read {
                    for f in o.findings { text += Terminal.safe("\(o.file): \(f.line)") + "\n" }
                }
                try Terminal.printOut(text)
            }
            let processed = read.count + failed + unwritten
            let rate = Double(processed) / max(progress.elapsed, 0.001)
            let errors = read.reduce(0) { $0 + $1.errors }
            var line =
                "juesuan: \(input): \(processed) workbooks in \(String(format: "%.1f", progress.elapsed)) s (\(String(format: "%.1f", rate)) files/s): \(read.count) read, \(failed) failed, \(skipped.count) skipped; \(errors) check errors"
            if unwritten > 0 { line += "; \(unwritten) JSON could not be written" }
            if batch.isCancelled { line += "; interrupted after \(processed) of \(files.count)" }
            Terminal.printErr([line])
            if batch.isCancelled {
                status = 130
            } else if unwritten > 0 {
                status = Exit.cannotCreate
            } else if failed > 0 {
                status = 2
            } else if !mode.writesData && errors > 0 {
                status = Exit.checkErrors
            }
        }
        return status
    }

    /// OUTDIR exists (or is made), is locked for this run, and holds no results of another run
    /// unless --force.
    func prepare(_ out: URL, _ output: String) throws(JuesuanError) {
        if SameFile.check(output, input) {
            throw JuesuanError(
                .usage, "is the folder being read; write the outputs into another folder (it may be inside it)",
                file: output)
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isDir) {
            if !isDir.boolValue { throw JuesuanError(.outputExists, "exists and is not a folder", file: output) }
        } else {
            do { try fm.createDirectory(at: out, withIntermediateDirectories: true) } catch {
                throw JuesuanError(.writeFailed, "cannot create the folder", file: output)
            }
        }
        try OutputFolderLock.acquire(out)
        let taken = BatchRun.combinedFiles.filter { fm.fileExists(atPath: out.appendingPathComponent($0).path) }
        if !taken.isEmpty && !force {
            throw JuesuanError(
                .outputExists, "already holds \(taken.joined(separator: ", "))", file: output, remedy: .allowReplace)
        }
    }
}

/// Whether two paths name the same existing file or folder (same device and inode).
enum SameFile {
    static func check(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
