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
            writes into OUTDIR one JSON per workbook (same relative path), tidy.csv (all workbooks, with \
            部门, 年度 and 文件 columns) and summary.csv (per file: tables found, check errors and \
            warnings, or the error that stopped it). One bad file never stops the batch. Exit \
            status: 0 all read, 2 some could not be read, 130 interrupted (Ctrl-C).
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

    @Flag(help: "Print only the summary lines on stderr, not each note and finding.")
    var quiet = false

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
            let data: Data
            switch format {
            case .json: data = DocumentJSON.encode(doc) + Data("\n".utf8)
            case .csv: data = Data(TidyCSV.render(doc).utf8)
            }
            try Output.write(data, to: output, force: force)
            if !quiet {
                Terminal.printErr(
                    report.found.map { Terminal.note(workbook, "\($0.table.rawValue) read at \($0.range)") }
                        + report.notes.map { Terminal.note(workbook, $0.description) })
            }
            Terminal.printErr([Terminal.note(workbook, report.summary)])
            if !noCheck {
                CheckReport.print(
                    Checker().run(doc, locate: report.source), quiet: quiet, prefix: "juesuan: \(workbook): ")
            }
        }
    }
}

/// Writing results: stdout, or a file replaced atomically and only with --force.
enum Output {
    static func write(_ data: Data, to path: String?, force: Bool) throws(JuesuanError) {
        guard let path else {
            try Terminal.writeStandardOutput(data)
            return
        }
        try OutputFile.write(data, to: URL(fileURLWithPath: path), overwrite: force)
    }
}

extension Import {
    func runBatch() throws {
        var status: Int32 = 0
        try reporting {
            guard let output else {
                throw JuesuanError(
                    .usage, "is a folder: give -o OUTDIR for the JSON files, tidy.csv and summary.csv", file: workbook)
            }
            let input = URL(fileURLWithPath: workbook)
            let out = URL(fileURLWithPath: output)
            let fm = FileManager.default
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: output, isDirectory: &isDir) {
                if !isDir.boolValue { throw JuesuanError(.outputExists, "exists and is not a folder", file: output) }
                let taken = [BatchRun.tidyFile, BatchRun.summaryFile].filter {
                    fm.fileExists(atPath: out.appendingPathComponent($0).path)
                }
                if !taken.isEmpty && !force {
                    throw JuesuanError(
                        .outputExists, "already holds \(taken.joined(separator: " and ")) (use --force to replace)",
                        file: output)
                }
            } else {
                do { try fm.createDirectory(at: out, withIntermediateDirectories: true) } catch {
                    throw JuesuanError(.io, "cannot create the folder", file: output)
                }
            }
            let files = BatchRun.workbooks(in: input)
            let progress = Progress(total: files.count, terminal: isatty(STDERR_FILENO) == 1)
            let batch = BatchRun(
                input: input, output: out, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                importer: WorkbookImporter(limits: limits.limits, unit: unit.flatMap(AmountUnit.init(rawValue:))),
                progress: progress)
            // Ctrl-C: stop handing out files, let the ones in hand finish, write what is complete;
            // a second Ctrl-C ends it at once (removing temporary files).
            Terminal.onInterrupt = {
                batch.cancel()
                return true
            }
            let results = batch.run(files: files)
            Terminal.onInterrupt = nil
            let done = results.compactMap { $0 }
            do { try batch.writeCombined(done) } catch {
                throw JuesuanError(
                    .io, "cannot write tidy.csv / summary.csv: \(error.localizedDescription)", file: output)
            }
            let failed = done.filter { !$0.ok }.count
            progress.endLine(batch.isCancelled)
            let rate = Double(done.count) / max(progress.elapsed, 0.001)
            var line =
                "juesuan: \(workbook): \(done.count) workbooks in \(String(format: "%.1f", progress.elapsed)) s (\(String(format: "%.1f", rate)) files/s): \(done.count - failed) read, \(failed) failed"
            if batch.isCancelled { line += "; interrupted after \(done.count) of \(files.count)" }
            Terminal.printErr([line])
            status = batch.isCancelled ? 130 : (failed > 0 ? 2 : 0)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
