import ArgumentParser
import Foundation
import JuesuanModel
import JuesuanXLSX

/// Options bounding what reading a workbook may cost.
struct ReadLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Most MiB any one part may inflate to.", valueName: "MiB"))
    var maxPartMb: Int64 = 1024

    @Option(help: ArgumentHelp("Most MiB all parts together may inflate to.", valueName: "MiB"))
    var maxTotalMb: Int64 = 4096

    @Option(
        help: ArgumentHelp(
            "Most cells of one sheet an import holds (about 16 bytes each; a 1,000,000-row table of nine columns has 9,000,000).",
            valueName: "N"))
    var maxSheetCells: Int = ReadLimits().maxGridCells

    func validate() throws {
        if maxPartMb <= 0 || maxTotalMb <= 0 || maxSheetCells <= 0 { throw ValidationError("limits must be positive") }
        // In bytes they must fit a 64-bit count (a larger value wrapped round to a negative limit).
        if maxPartMb > Int64.max >> 20 || maxTotalMb > Int64.max >> 20 {
            throw ValidationError("--max-part-mb and --max-total-mb must be at most \(Int64.max >> 20)")
        }
    }

    var limits: ReadLimits {
        var l = ReadLimits()
        l.maxPartBytes = maxPartMb << 20
        l.maxTotalBytes = maxTotalMb << 20
        l.maxSharedStringsBytes = min(l.maxSharedStringsBytes, l.maxPartBytes)
        l.maxGridCells = maxSheetCells
        return l
    }
}

/// `juesuan cells BOOK.xlsx|BOOK.xls`: every non-empty cell as one JSON line.
struct Cells: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every non-empty cell of a workbook as one JSON line, then its merged ranges.",
        discussion: """
            Each line is {"sheet": NAME, "cell": "B7", "type": "n|s|b|e|d|u", "value": …, "shown": TEXT}; \
            "shown" is the text the cell's number format shows (numbers and dates; text only when its \
            format changes it). Formula cells carry their cached value, "formula": true and the \
            formula as "f"; "u" is a formula without a cached value (value null). Dates are ISO text. \
            Merged ranges follow each sheet's cells as {"sheet": NAME, "merge": "A1:D1"}.
            """)

    @Argument(help: "An .xlsx or .xls workbook (told apart by content, not by name).")
    var workbook: String

    @Option(help: "Only the sheet with this name.")
    var sheet: String?

    @OptionGroup var limits: ReadLimitOptions

    func run() throws {
        try reporting {
            let book = try WorkbookFile.open(path: workbook, limits: limits.limits)
            let out = BufferedOutput()
            var matched = false
            for info in book.sheets where sheet == nil || info.name == sheet {
                matched = true
                let name = JSONText.quote(info.name)
                let extras = try book.readSheet(info.index) { cell in
                    if case .text(let t) = cell.value, t.isEmpty { return }  // an empty string is an empty cell
                    let (type, value) = CellsLine.typeAndValue(cell, book: book)
                    let shown = book.shownText(cell).map { ", \"shown\": \(JSONText.quote($0))" } ?? ""
                    let formula =
                        cell.isFormula
                        ? ", \"formula\": true" + (cell.formula.map { ", \"f\": \(JSONText.quote($0))" } ?? "") : ""
                    out.write(
                        "{\"sheet\": \(name), \"cell\": \"\(cell.reference)\", \"type\": \"\(type)\", \"value\": \(value)\(shown)\(formula)}\n"
                    )
                }
                for m in extras.merges { out.write("{\"sheet\": \(name), \"merge\": \"\(m)\"}\n") }
            }
            try out.flush()
            if let sheet, !matched {
                throw JuesuanError(
                    .usage,
                    "has no sheet named \"\(sheet)\" (sheets: \(book.sheets.map(\.name).joined(separator: ", ")))",
                    file: workbook)
            }
        }
    }
}

enum CellsLine {
    static func typeAndValue(_ cell: Cell, book: any SpreadsheetFile) -> (String, String) {
        switch cell.value {
        case .number(let d): return ("n", JSONText.number(d))
        case .text(let s): return ("s", JSONText.quote(s))
        case .bool(let b): return ("b", b ? "true" : "false")
        case .error(let e): return ("e", JSONText.quote(e))
        case .date(let serial, let kind): return ("d", JSONText.quote(book.dateText(serial: serial, kind: kind)))
        case .uncomputed: return ("u", "null")
        }
    }
}

/// Minimal JSON text for the line formats.
enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }
}

/// Stdout through a large buffer (a line per cell adds up). A failed write is kept and thrown by
/// the next `flush()`; nothing more is written after it.
final class BufferedOutput {
    private var buffer = Data()
    private var failure: JuesuanError?
    func write(_ s: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { drain() }
    }
    private func drain() {
        do { try Terminal.writeStandardOutput(buffer) } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }
    /// Writes what is buffered.
    /// - Throws: the first write failure.
    func flush() throws(JuesuanError) {
        if failure == nil { drain() }
        if let failure { throw failure }
    }
}
