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
            With --narrative, the figures a 说明 (决算公开说明, .txt or .docx) states are checked \
            against the tables too (TABLES.md §6): amounts, shares (占 %), 预决算差异率, 类/款/项 names, \
            为空表 statements; with --previous (last year's tables) its changes against last year as \
            well. Figures the tables cannot confirm are listed as not checkable, never as errors.
            Exit status: 0 no errors (warnings allowed), 1 errors found, 65/66 the input could not be read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A document (.json) or a workbook (.xlsx or .xls).")
    var input: String

    @Option(
        help:
            "text (one finding a line) or json (an array of findings; with --narrative an object: findings, notCheckable)."
    )
    var format: Format = .text

    @Option(help: ArgumentHelp("A 说明 to check against the tables: UTF-8 text or .docx.", valueName: "file"))
    var narrative: String?

    @Option(
        help: ArgumentHelp(
            "Last year's tables (.json or .xlsx), to check the 说明's changes against last year.", valueName: "file"))
    var previous: String?

    @Flag(help: "List every figure read from the 说明 and what it was taken to be a figure of.")
    var figures = false

    @OptionGroup var conventions: ZeroBaseOption

    @OptionGroup var limits: ReadLimitOptions

    @Option(
        name: .shortAndLong, help: "For a folder: write findings.csv, summary.csv and summary.xlsx into this folder.")
    var output: String?

    @Option(help: "For a folder: workbooks read at once (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "For a folder: replace the summaries in OUTPUT if they exist.")
    var force = false

    @Flag(help: "For a folder: no line per file on stderr.")
    var quiet = false

    func validate() throws {
        if previous != nil && narrative == nil { throw ValidationError("--previous needs --narrative") }
    }

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
            var report: NarrativeReport?
            if let narrative {
                let text = try Loaded.narrative(narrative, limits: limits.limits)
                let last = try previous.map { (p) throws(JuesuanError) in
                    try Loaded.document(p, limits: limits.limits).0
                }
                report = NarrativeChecker(conventions: conventions.conventions).run(
                    NarrativeText(text), document: doc, previous: last, locate: locate)
                findings += report?.findings ?? []
            }
            switch format {
            case .text:
                var text = ""
                if figures, let report { for f in report.figures { text += Terminal.safe("figure " + f.line) + "\n" } }
                for f in findings { text += Terminal.safe(f.line) + "\n" }
                if let report { for line in report.uncheckedLines { text += Terminal.safe(line) + "\n" } }
                text += Checker.summary(findings.filter { !$0.rule.hasPrefix("narrative.") }) + "\n"
                if let report { text += report.summary + "\n" }
                try Terminal.printOut(text)
            case .json:
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let data: Data?
                if let report {
                    data = try? enc.encode(
                        NarrativeJSON(
                            findings: findings, notCheckable: report.unchecked.map(NarrativeJSON.Unchecked.init)))
                } else {
                    data = try? enc.encode(findings)
                }
                guard let data else { throw JuesuanError(.library, "the findings could not be encoded as JSON") }
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

    /// The text of a 说明: a .docx through the project's own zip + XML reader, anything else as UTF-8 text.
    /// The most characters of 说明 text read (a real 说明 has tens of thousands).
    static let maxNarrativeCharacters = 1_000_000

    static func narrative(_ path: String, limits: ReadLimits) throws(JuesuanError) -> String {
        let text = try narrativeText(path, limits: limits)
        let n = text.unicodeScalars.count
        guard n <= maxNarrativeCharacters else {
            throw JuesuanError(
                .limitExceeded,
                "a 说明 of \(n) characters is more than juesuan reads (\(maxNarrativeCharacters)); a 说明 has tens of thousands",
                file: path)
        }
        return text
    }

    static func narrativeText(_ path: String, limits: ReadLimits) throws(JuesuanError) -> String {
        if path.lowercased().hasSuffix(".docx") { return try DocxText.read(path: path, limits: limits) }
        var data = try Input.read(path)
        // A byte-order mark: UTF-16 as Windows Notepad saves "Unicode" text; UTF-8's is dropped.
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]),
            let text = String(data: data, encoding: .utf16)
        {
            return text
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw JuesuanError(
                .invalidDocument, "is not UTF-8 text (save the 说明 as UTF-8, or give the .docx)", file: path)
        }
        return text
    }
}

/// The checks' findings and summary on stderr, for commands whose stdout is data.
enum CheckReport {
    static func print(_ findings: [Finding], quiet: Bool, prefix: String) {
        Terminal.printErr((quiet ? [] : findings.map { prefix + $0.line }) + [prefix + Checker.summary(findings)])
    }
}

/// `check --format json` with `--narrative`: every finding, and the figures not checkable.
struct NarrativeJSON: Encodable {
    struct Unchecked: Encodable {
        var reason: String
        var section: String
        var figure: String
        var kind: String
        var excerpt: String

        init(_ u: UncheckedFigure) {
            reason = u.reason.rawValue
            section = u.figure.section
            figure = u.figure.printed
            kind = u.figure.kind.rawValue
            excerpt = u.figure.excerpt
        }
    }
    var findings: [Finding]
    var notCheckable: [Unchecked]
}
