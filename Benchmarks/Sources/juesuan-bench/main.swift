// The juesuan side of the benchmarks (Benchmarks/run.py drives it). Each command times only
// the work it is about and prints `count seconds` on stdout.
//
//   juesuan-bench gen DIR N              N generated documents → DIR/docs/*.json, their workbooks
//                                        DIR/books/*.xlsx, and DIR/docs.dump (layout plans for the peers);
//                                        the seed → DIR/seed.json and DIR/seed.dump
//   juesuan-bench export DOCS OUT REPEAT write every DOCS/*.json as OUT/*.xlsx, REPEAT times
//   juesuan-bench read PATH...           open each workbook (or every .xlsx in a folder), count all cells
//   juesuan-bench import PATH...         full import (tables recognised, model built), one thread
//   juesuan-bench import-check PATH...   the same, then the 勾稽关系 checks; counts the rows read
//   juesuan-bench phases PATH            one workbook: seconds spent opening it, building each sheet's grid,
//                                        importing (grid included), checking and writing the JSON, one line each
import Foundation
import JuesuanModel
import JuesuanTestSupport
import JuesuanXLSX

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("juesuan-bench: \(message)\n".utf8))
    exit(2)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func workbooks(_ paths: [String]) -> [String] {
    paths.flatMap { p -> [String] in
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue else { return [p] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
        return names.filter { $0.hasSuffix(".xlsx") }.sorted().map { p + "/" + $0 }
    }
}

let args = CommandLine.arguments
guard args.count >= 2 else { fail("usage: see the comment at the top of main.swift") }
do {
    switch args[1] {
    case "gen":
        guard args.count == 4, let n = Int(args[3]) else { fail("gen DIR N") }
        let dir = URL(fileURLWithPath: args[2])
        for sub in ["docs", "books"] {
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let layouts = try Layout.builtInNames.map(Layout.builtIn)
        var dump = ""
        for i in 1...n {
            var gen = DocumentGenerator(seed: UInt64(1_000_000 + i))
            var doc = gen.document()
            let layout = layouts[i % 2]
            doc.layout = layout.name
            let name = String(format: "%04d", i)
            try DocumentJSON.encode(doc).write(to: dir.appendingPathComponent("docs/\(name).json"))
            let writer = WorkbookWriter(layout: layout)
            try writer.write(
                doc, to: dir.appendingPathComponent("books/\(name).xlsx"), options: ExportOptions(overwrite: true))
            dump += try writer.layoutDump(doc, name: "\(name).xlsx")
        }
        try Data(dump.utf8).write(to: dir.appendingPathComponent("docs.dump"))
        let seedURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "Fixtures/seed/wuerhe-2023.json")
        let seed = try DocumentJSON.decode(Data(contentsOf: seedURL))
        try DocumentJSON.encode(seed).write(to: dir.appendingPathComponent("seed.json"))
        try Data(WorkbookWriter(layout: Layout.builtIn("national")).layoutDump(seed, name: "seed.xlsx").utf8)
            .write(to: dir.appendingPathComponent("seed.dump"))
        print("\(n) 0")
    case "export":
        guard args.count == 5, let repeatCount = Int(args[4]) else { fail("export DOCS OUT REPEAT") }
        let docsDir = args[2]
        let names = try FileManager.default.contentsOfDirectory(atPath: docsDir).filter { $0.hasSuffix(".json") }
            .sorted()
        let docs = try names.map { try DocumentJSON.decode(Data(contentsOf: URL(fileURLWithPath: docsDir + "/" + $0))) }
        let writers = try docs.map { WorkbookWriter(layout: try Layout.builtIn($0.layout ?? "national")) }
        let out = URL(fileURLWithPath: args[3])
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let t0 = now()
        for _ in 0..<repeatCount {
            for (i, doc) in docs.enumerated() {
                let url = out.appendingPathComponent(names[i].replacingOccurrences(of: ".json", with: ".xlsx"))
                try writers[i].write(
                    doc, to: url, options: ExportOptions(overwrite: true, created: Date(timeIntervalSince1970: 0)))
            }
        }
        print("\(docs.count * repeatCount) \(now() - t0)")
    case "read":
        let files = workbooks(Array(args.dropFirst(2)))
        let t0 = now()
        var cells = 0
        for f in files {
            let book = try XLSXWorkbook(path: f)
            for s in book.sheets { cells += try book.readSheet(s.index) { _ in }.cellCount }
        }
        print("\(cells) \(now() - t0)")
    case "import":
        let files = workbooks(Array(args.dropFirst(2)))
        let t0 = now()
        var tables = 0
        for f in files {
            let (doc, _) = try WorkbookImporter().read(path: f)
            tables += doc.tables.count
        }
        print("\(files.count) \(now() - t0)")
    case "import-check":
        let files = workbooks(Array(args.dropFirst(2)))
        let t0 = now()
        var rows = 0
        for f in files {
            let (doc, report) = try WorkbookImporter().read(path: f)
            _ = Checker().run(doc, locate: report.source)
            rows += doc.tables.values.reduce(0) { $0 + $1.rows.count }
        }
        print("\(rows) \(now() - t0)")
    case "phases":
        guard args.count == 3 else { fail("phases takes one workbook") }
        var t = now()
        // Peak resident memory so far (VmHWM), in MiB.
        func peak() -> Int {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) >> 10
        }
        func lap(_ what: String) {
            let n = now()
            print("\(what): \(String(format: "%.3f", n - t)) s, peak RSS so far \(peak()) MiB")
            t = n
        }
        let book = try XLSXWorkbook(path: args[2])
        lap("open (package, strings, styles)")
        for s in book.sheets { _ = try book.grid(s.index) }
        lap("grids of every sheet")
        let (doc, report) = try WorkbookImporter().read(path: args[2])
        lap("import (open, grids, mapping)")
        _ = Checker().run(doc, locate: report.source)
        lap("checks")
        let json = DocumentJSON.encode(doc)
        lap("JSON (\(json.count >> 20) MiB)")
        _ = TidyCSV.render(doc)
        lap("tidy CSV")
    default:
        fail("unknown command \(args[1])")
    }
} catch let e as JuesuanError {
    fail(e.description)
} catch {
    fail("\(error)")
}
