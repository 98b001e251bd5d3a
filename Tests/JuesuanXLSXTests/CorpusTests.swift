import Foundation
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

/// The 747 workbooks Excel saved (libxlsxwriter's reference files, ../shared/corpus/excel), read
/// by our reader and compared with the reference reader's cells (python-calamine 0.9.1).
@Suite(.enabled(if: SharedFolder.isAvailable, Comment(rawValue: SharedFolder.reason)))
struct CorpusTests {
    static let corpus = SharedFolder.path("corpus")

    static func files() -> [String] {
        let dir = corpus.appendingPathComponent("excel").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm") }.sorted()
    }

    /// The reference cells: file → sheet → cell → (type, value as text).
    static func reference() throws -> [String: [String: [String: (String, String)]]] {
        let text = try String(contentsOf: corpus.appendingPathComponent("excel-cells.jsonl"), encoding: .utf8)
        var out: [String: [String: [String: (String, String)]]] = [:]
        for line in text.split(separator: "\n") {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let file = obj["file"] as? String, let sheets = obj["sheets"] as? [String: [String: [Any]]]
            else { continue }
            var s: [String: [String: (String, String)]] = [:]
            for (name, cells) in sheets {
                var c: [String: (String, String)] = [:]
                for (ref, tv) in cells {
                    let type = tv[0] as! String
                    let v = tv[1]
                    let value: String
                    switch type {
                    case "n": value = "\((v as! NSNumber).doubleValue)"
                    case "b": value = (v as! NSNumber).boolValue ? "true" : "false"
                    default: value = "\(v)"
                    }
                    c[ref] = (type, value)
                }
                s[name] = c
            }
            out[file] = s
        }
        return out
    }

    @Test func everyCorpusWorkbookOpensAndAgreesWithTheReferenceReader() throws {
        let files = Self.files()
        try #require(files.count == 747, "expected the 747 corpus workbooks in ../shared/corpus/excel")
        let reference = try Self.reference()
        var failures: [String] = []
        var compared = 0, agreed = 0
        var differences: [String: [String]] = [:]  // category → examples
        for file in files {
            let path = Self.corpus.appendingPathComponent("excel/\(file)").path
            let book: XLSXWorkbook
            do { book = try XLSXWorkbook(path: path) } catch { failures.append("\(file): \(error)"); continue }
            var mine: [String: [String: (String, String)]] = [:]
            for sheet in book.sheets {
                var cells: [String: (String, String)] = [:]
                do {
                    try book.readSheet(sheet.index) { cell in
                        switch cell.value {
                        case .number(let d): cells[cell.reference] = ("n", "\(d)")
                        case .text(let s): if !s.isEmpty { cells[cell.reference] = ("s", s) }
                        case .bool(let b): cells[cell.reference] = ("b", b ? "true" : "false")
                        case .error(let e): cells[cell.reference] = ("e", e)
                        case .date(let serial, let kind):
                            cells[cell.reference] = ("d", book.dateText(serial: serial, kind: kind))
                        case .uncomputed: break
                        }
                    }
                } catch { failures.append("\(file) [\(sheet.name)]: \(error)") }
                mine[sheet.name] = cells
            }
            guard let ref = reference[file] else { continue }  // .xlsm files and data03.xlsx have no reference
            for (sheet, cells) in ref {
                let ours = mine[sheet] ?? [:]
                for (addr, (t, v)) in cells {
                    compared += 1
                    guard let (mt, mv) = ours[addr] else {
                        differences["missing", default: []].append("\(file) \(sheet)!\(addr) \(t) \(v)")
                        continue
                    }
                    if mt == t && mv == v { agreed += 1; continue }
                    // Accepted: serial 0 under a date format in the 1904 system is 1904-01-01; the
                    // reference prints the bare time 00:00:00.
                    let accepted = file == "date_1904_02.xlsx" && v == "00:00:00" && mv == "1904-01-01"
                    differences[accepted ? "accepted: 1904 day zero" : "\(t)→\(mt)", default: []]
                        .append("\(file) \(sheet)!\(addr): reference \(v) ours \(mv)")
                }
                for addr in ours.keys where cells[addr] == nil {
                    // Accepted: the reference dump has no error type, so it leaves out error cells.
                    let category = ours[addr]!.0 == "e" ? "accepted: error cell the reference omits" : "extra"
                    differences[category, default: []].append("\(file) \(sheet)!\(addr) \(ours[addr]!)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) workbooks failed: \(failures.prefix(10))")
        let rate = compared == 0 ? 0 : Double(agreed) / Double(compared)
        print(
            "corpus: \(files.count) workbooks opened, \(failures.count) failures; \(agreed)/\(compared) reference cells agree (\(String(format: "%.2f", rate * 100))%)"
        )
        for (category, examples) in differences.sorted(by: { $0.key < $1.key }) {
            print("  \(category): \(examples.count), e.g. \(examples.prefix(3))")
        }
        let unaccepted = differences.filter { !$0.key.hasPrefix("accepted") }
        #expect(unaccepted.isEmpty, "disagreements: \(unaccepted.mapValues { $0.prefix(5) })")
        #expect(rate >= 0.999)
    }

    /// data03.xlsx places cells at XFD1 and XFD1048576 (the reference reader crashed on it).
    @Test func cellsAtTheFarCornerAreRead() throws {
        let book = try XLSXWorkbook(path: Self.corpus.appendingPathComponent("excel/data03.xlsx").path)
        let grid = try book.grid(0)
        #expect(grid[0, 16383]?.value == .number(123))
        #expect(grid[1_048_575, 16383]?.value == .number(456))
    }
}

/// Reader unit tests that need no shared folder.
@Suite struct ReaderUnitTests {
    /// The importer reads a grid row by row: rows come from an index built once, left to right.
    @Test func gridRowsAreIndexedOnce() {
        let cells = [(2, 5), (2, 1), (0, 0), (7, 3)].map { r, c in
            (
                CellAddress(row: r, col: c),
                Cell(row: r, col: c, value: .number(Double(c)), format: nil, isFormula: false)
            )
        }
        let grid = SheetGrid(
            name: "S", state: .visible, cells: Dictionary(uniqueKeysWithValues: cells), merges: [], hiddenRows: [])
        #expect(grid.row(2).map(\.col) == [1, 5])
        #expect(grid.row(3).isEmpty)
        #expect(grid.maxRow == 7 && grid.maxCol == 5)
    }

    @Test func datesOutsideExcelsCalendarStayNumbers() {
        #expect(ExcelDate.text(serial: 1e300, kind: .date, date1904: false) == "1e+300")
        #expect(ExcelDate.text(serial: -1, kind: .date, date1904: false) == "-1.0")
        #expect(ExcelDate.text(serial: 2_958_465, kind: .date, date1904: false) == "9999-12-31")
        #expect(ExcelDate.text(serial: 45292.5, kind: .dateTime, date1904: false) == "2024-01-01T12:00:00")
    }
}
