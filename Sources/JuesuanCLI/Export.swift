import ArgumentParser
import Foundation
import JuesuanModel
import JuesuanXLSX

/// Options shared by the commands that write a workbook.
struct WorkbookOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The workbook to write (.xlsx).")
    var output: String

    @Option(help: "Layout: \(Layout.builtInNames.joined(separator: " | ")) (default: the document's, else national).")
    var layout: String?

    @Option(help: ArgumentHelp("A layout file instead of a built-in layout.", valueName: "file"))
    var layoutFile: String?

    @Flag(help: "Replace OUTPUT if it exists.")
    var force = false

    @Option(
        help: ArgumentHelp(
            "Decimals every amount is printed with (0…10); an amount with more is rounded half up, with a note. `keep`: each amount as it was printed.",
            valueName: "n|keep"))
    var decimals = "2"

    @Option(
        help: ArgumentHelp(
            "Creation date stored in the file (ISO 8601, e.g. 2024-03-01T00:00:00Z), so the same input gives the same bytes. Default: $SOURCE_DATE_EPOCH if set, else now.",
            valueName: "date"))
    var created: String?

    func validate() throws {
        if layout != nil && layoutFile != nil { throw ValidationError("give --layout or --layout-file, not both") }
        if let created, ISO8601DateFormatter().date(from: created) == nil {
            throw ValidationError("--created \"\(created)\" is not an ISO 8601 date such as 2024-03-01T00:00:00Z")
        }
        if !output.lowercased().hasSuffix(".xlsx") { throw ValidationError("--output must end in .xlsx") }
        if decimals != "keep", Int(decimals).map({ !(0...Amount.maxScale).contains($0) }) ?? true {
            throw ValidationError(
                "--decimals \"\(decimals)\" must be a number of decimals 0…\(Amount.maxScale) or keep")
        }
    }

    func resolveLayout(preferred: String?) throws(JuesuanError) -> Layout {
        if let layoutFile { return try Layout.load(URL(fileURLWithPath: layoutFile)) }
        if let layout { return try Layout.builtIn(layout) }
        if let preferred, Layout.builtInNames.contains(preferred) { return try Layout.builtIn(preferred) }
        return try Layout.builtIn("national")
    }

    var options: ExportOptions {
        var date: Date?
        if let created {
            date = ISO8601DateFormatter().date(from: created)
        } else if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let s = Double(epoch) {
            date = Date(timeIntervalSince1970: s)
        }
        return ExportOptions(overwrite: force, created: date, decimals: decimals == "keep" ? nil : Int(decimals))
    }
}

/// `juesuan export DOC.json -o OUT.xlsx`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a document's tables as the 附表 workbook, in the official layout.")

    @Argument(help: "A document in juesuan JSON.")
    var document: String

    @OptionGroup var out: WorkbookOutputOptions

    @Flag(help: "Skip the 勾稽关系 checks (they never stop a conversion).")
    var noCheck = false

    @Flag(
        help:
            "Leave out the 类 rows of 公开01表 and 公开04表 that carry no amount (the official templates print them all; they are scaled to one page either way)."
    )
    var omitEmptyCategories = false

    @Flag(help: "Print only the checks' summary line, not each finding.")
    var quiet = false

    func run() throws {
        try reporting {
            let doc = try Input.loadDocument(document)
            let layout = try out.resolveLayout(preferred: doc.layout)
            var options = out.options
            options.omitEmptyCategories = omitEmptyCategories
            let report = try naming(document) { () throws(JuesuanError) in
                try WorkbookWriter(layout: layout).write(doc, to: URL(fileURLWithPath: out.output), options: options)
            }
            // Rounded amounts are never silent: one line each, naming the cell.
            Terminal.printErr(report.roundings.map { "juesuan: \(document): \($0)" })
            try Terminal.printOut(
                "wrote \(Terminal.safe(out.output)): \(doc.tables.count) tables, layout \(layout.name)\n")
            if !noCheck { CheckReport.print(Checker().run(doc), quiet: quiet, prefix: "juesuan: \(document): ") }
        }
    }
}

/// `juesuan template -o OUT.xlsx`.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the blank official tables for finance staff to fill in.")

    @OptionGroup var out: WorkbookOutputOptions

    @Option(help: "编制单位 to print (default: blank).")
    var department = ""

    @Option(help: "年度.")
    var year: Int?

    @Option(help: "金额单位: 万元 or 元.")
    var unit = "万元"

    func validate() throws {
        if AmountUnit(rawValue: unit) == nil { throw ValidationError("--unit must be 万元 or 元") }
    }

    func run() throws {
        try reporting {
            let layout = try out.resolveLayout(preferred: nil)
            let doc = layout.blankTemplate(department: department, year: year, unit: AmountUnit(rawValue: unit)!)
            var options = out.options
            options.blankRows = true
            _ = try naming(out.output) { () throws(JuesuanError) in
                try WorkbookWriter(layout: layout).write(doc, to: URL(fileURLWithPath: out.output), options: options)
            }
            try Terminal.printOut("wrote \(Terminal.safe(out.output)): blank tables, layout \(layout.name)\n")
        }
    }
}
