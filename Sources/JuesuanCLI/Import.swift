import ArgumentParser
import Foundation
import JuesuanModel
import JuesuanXLSX

/// `juesuan import BOOK.xlsx [--format json|csv] [-o OUT]`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read the nine tables out of a workbook, as juesuan JSON or the tidy CSV.",
        discussion: """
            Tables are found by their titles in any sheet and order; headers are matched through \
            the layout vocabulary. What could not be read is listed on stderr, one line each, with \
            the sheet!cell it concerns; a summary line ends the list.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @Argument(help: "An .xlsx workbook.")
    var workbook: String

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
    }

    func run() throws {
        try reporting {
            let importer = WorkbookImporter(limits: limits.limits, unit: unit.flatMap(AmountUnit.init(rawValue:)))
            let (doc, report) = try importer.read(path: workbook)
            let data: Data
            switch format {
            case .json: data = DocumentJSON.encode(doc) + Data("\n".utf8)
            case .csv: data = Data(TidyCSV.render(doc).utf8)
            }
            try Output.write(data, to: output, force: force)
            let err = FileHandle.standardError
            if !quiet { for note in report.notes { err.write(Data("juesuan: \(workbook): \(note)\n".utf8)) } }
            err.write(Data("juesuan: \(workbook): \(report.summary)\n".utf8))
            if !noCheck { CheckReport.print(Checker().run(doc, locate: report.source), quiet: quiet, prefix: "juesuan: \(workbook): ") }
        }
    }
}

/// Writing results: stdout, or a file replaced atomically and only with --force.
enum Output {
    static func write(_ data: Data, to path: String?, force: Bool) throws(JuesuanError) {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { throw JuesuanError(.usage, "is a directory", file: path) }
            if !force { throw JuesuanError(.usage, "already exists (use --force to replace it)", file: path) }
        }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw JuesuanError(.io, "cannot write: \(error.localizedDescription)", file: path)
        }
    }
}
