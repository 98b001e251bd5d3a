import ArgumentParser
import Foundation
import JuesuanModel
import JuesuanXLSX

/// `juesuan check INPUT`: the 勾稽关系 of a document or a workbook.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the tables against each other (勾稽关系) and report what does not add up.",
        discussion: """
            INPUT is a juesuan JSON document (.json), a workbook, or a folder of workbooks (each \
            finding on stdout prefixed with its file; with -o OUTDIR also findings.csv, summary.csv \
            and summary.xlsx; exit 2 when some workbook could not be read). Each finding names the rule, \
            its severity, the two sides and their difference, and for a workbook the sheet!cell \
            of each value. Misses within the rounding envelope of the printed figures are \
            warnings; larger ones, and broken inequalities, are errors.
            Exit status: 0 no errors (warnings allowed), 1 errors found, 65/66 the input could not be read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A document (.json) or a workbook (.xlsx or .xls).")
    var input: String

    @Option(help: "text (one finding a line) or json (an array of findings).")
    var format: Format = .text

    @OptionGroup var limits: ReadLimitOptions

    @Option(name: .shortAndLong, help: "For a folder: write findings.csv, summary.csv and summary.xlsx into this folder.")
    var output: String?

    @Option(help: "For a folder: workbooks read at once (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "For a folder: replace the summaries in OUTPUT if they exist.")
    var force = false

    @Flag(help: "For a folder: no line per file on stderr.")
    var quiet = false

    func run() throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: input, isDirectory: &isDir), isDir.boolValue {
            if format != .text { throw ValidationError("--format json applies to one document or workbook") }
            let status = try FolderRun(
                input: input, output: output, jobs: jobs, force: force, quiet: quiet,
                importer: WorkbookImporter(limits: limits.limits),
                mode: BatchRun.Mode(writesData: false, bomOnTidy: false)
            ).run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        var findings: [Finding] = []
        try reporting {
            let (doc, locate) = try Loaded.document(input, limits: limits.limits)
            findings = Checker().run(doc, locate: locate)
            switch format {
            case .text:
                try Terminal.printOut(
                    findings.map { Terminal.safe($0.line) + "\n" }.joined() + Checker.summary(findings) + "\n")
            case .json:
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                guard let data = try? enc.encode(findings) else {
                    throw JuesuanError(.library, "the findings could not be encoded as JSON")
                }
                try Terminal.writeStandardOutput(data + Data("\n".utf8))
            }
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(Exit.checkErrors) }
    }
}

/// A document from JSON or from a workbook, with where its values came from.
enum Loaded {
    static func document(_ path: String, limits: ReadLimits) throws(JuesuanError) -> (
        Document, (TableID, Int, String) -> String?
    ) {
        if path.lowercased().hasSuffix(".json") {
            return (try Input.loadDocument(path), { _, _, _ in nil })
        }
        let (doc, report) = try WorkbookImporter(limits: limits).read(path: path)
        return (doc, report.source)
    }
}

/// The checks' findings and summary on stderr, for commands whose stdout is data.
enum CheckReport {
    static func print(_ findings: [Finding], quiet: Bool, prefix: String) {
        Terminal.printErr((quiet ? [] : findings.map { prefix + $0.line }) + [prefix + Checker.summary(findings)])
    }
}
