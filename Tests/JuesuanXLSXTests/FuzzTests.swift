import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

/// A seeded mutation loop over workbooks: the reader, the importer and the checks may refuse a
/// mutated file, never crash or hang, and a refusal is one line naming the file. The inputs are
/// the project's own exports (the seed and generated departments in both layouts) and, when the
/// shared folder is there, a spread of the Excel corpus; all are re-packed uncompressed so that
/// mutations hit the XML. The seeds are printed so a failure can be replayed;
/// JUESUAN_FUZZ_ITERATIONS sets the count (default 3000, which CI runs).
@Suite struct FuzzTests {
    /// Stored (uncompressed) copies of the inputs.
    static func seeds(in dir: URL) throws -> [Data] {
        let made = dir.appendingPathComponent("made")
        try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)
        var paths: [String] = []
        var docs = [try Paths.seed()]
        for seed in 1...6 as ClosedRange<UInt64> {
            var gen = DocumentGenerator(seed: seed)
            docs.append(gen.document())
        }
        for (i, doc) in docs.enumerated() {
            for name in Layout.builtInNames {
                let url = made.appendingPathComponent("doc\(i)-\(name).xlsx")
                try WorkbookWriter(layout: try Layout.builtIn(name)).write(
                    doc, to: url, options: ExportOptions(overwrite: true))
                paths.append(url.path)
            }
        }
        if SharedFolder.isAvailable {
            let names = CorpusTests.files().enumerated().filter { $0.offset % 12 == 0 }.map(\.element)
            paths += names.map { CorpusTests.corpus.appendingPathComponent("excel/\($0)").path }
        }
        let r = try run(
            [
                "python3", Paths.interop.appendingPathComponent("stored_copies.py").path,
                dir.appendingPathComponent("stored").path,
            ]
                + paths)
        guard r.status == 0 else { throw CocoaError(.fileReadUnknown) }
        return try r.out.split(separator: "\n").map { try Data(contentsOf: URL(fileURLWithPath: String($0))) }
    }

    static func mutate(_ data: Data, _ rng: inout SplitMix64) -> Data {
        var bytes = [UInt8](data)
        let kind = Int.random(in: 0..<6, using: &rng)
        let n = max(1, bytes.count)
        switch kind {
        case 0:  // flip some bytes
            for _ in 0..<Int.random(in: 1...16, using: &rng) {
                let i = Int.random(in: 0..<n, using: &rng)
                if i < bytes.count { bytes[i] ^= UInt8.random(in: 1...255, using: &rng) }
            }
        case 1:  // truncate
            bytes = Array(bytes.prefix(Int.random(in: 0..<n, using: &rng)))
        case 2:  // splice in interesting XML text
            let snippets = [
                "<", ">", "&", "&#0;", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "\"", "</c>",
                "<c r=\"XFD1048577\">", "<v>1e999</v>", "t=\"s\"", "<v>4294967296</v>", "\u{0}", "_x0000_", "r=\"A0\"",
            ]
            let s = Array(snippets.randomElement(using: &rng)!.utf8)
            let i = Int.random(in: 0..<n, using: &rng)
            bytes.insert(contentsOf: s, at: min(i, bytes.count))
        case 3:  // duplicate a chunk
            let i = Int.random(in: 0..<n, using: &rng)
            let len = Int.random(in: 1...256, using: &rng)
            let chunk = Array(bytes[min(i, bytes.count)..<min(i + len, bytes.count)])
            bytes.insert(contentsOf: chunk, at: min(Int.random(in: 0..<n, using: &rng), bytes.count))
        case 4:  // overwrite digits (sizes, offsets, indices)
            for i in bytes.indices where bytes[i] >= 48 && bytes[i] <= 57 && Int.random(in: 0..<64, using: &rng) == 0 {
                bytes[i] = UInt8.random(in: 48...57, using: &rng)
            }
        default:  // zero a run
            let i = Int.random(in: 0..<n, using: &rng)
            for j in i..<min(i + Int.random(in: 1...64, using: &rng), bytes.count) { bytes[j] = 0 }
        }
        return Data(bytes)
    }

    @Test func mutatedWorkbooksNeverCrashTheReaderTheImporterOrTheChecks() throws {
        let dir = try Paths.tempDir()
        let seeds = try Self.seeds(in: dir.appendingPathComponent("seeds"))
        try #require(seeds.count >= 14)
        let iterations = Int(ProcessInfo.processInfo.environment["JUESUAN_FUZZ_ITERATIONS"] ?? "") ?? 3000
        let seed: UInt64 = UInt64(ProcessInfo.processInfo.environment["JUESUAN_FUZZ_SEED"] ?? "") ?? 20_261_129
        print("fuzz: seed \(seed), \(iterations) inputs from \(seeds.count) stored workbooks")
        var rng = SplitMix64(state: seed)
        let file = dir.appendingPathComponent("case.xlsx")
        var tally = FuzzTally()
        var limits = ReadLimits()
        limits.maxPartBytes = 64 << 20
        limits.maxTotalBytes = 128 << 20
        for _ in 0..<iterations {
            let input = Self.mutate(seeds.randomElement(using: &rng)!, &rng)
            try input.write(to: file)
            tally.run(file.path, limits: limits)
        }
        print(
            "fuzz: \(iterations) inputs: \(tally.summary); 0 crashes"
        )
        tally.expectComplete(iterations)
    }

    /// A refusal is one line that names the file.
    static func expectOneLine(_ error: JuesuanError, naming path: String) {
        #expect(error.description.hasPrefix(path + ": "), "\(error)")
        #expect(!error.description.contains("\n"), "\(error)")
    }

    /// Interesting values written over a random 16- or 32-bit field of a binary file (sizes,
    /// sector numbers, record lengths, row and column indexes, XF indexes).
    static func mutateBinary(_ data: Data, _ rng: inout SplitMix64) -> Data {
        guard Int.random(in: 0..<2, using: &rng) == 0, data.count > 8 else { return mutate(data, &rng) }
        var bytes = [UInt8](data)
        let values: [UInt32] = [0, 1, 0xFF, 0x100, 0x7FFF, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0xFFFF_FFFE, 0xFFFF_FFFF]
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let v = values.randomElement(using: &rng)!
            let width = Bool.random(using: &rng) ? 2 : 4
            let i = Int.random(in: 0..<(bytes.count - width), using: &rng)
            for k in 0..<width { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
        }
        return Data(bytes)
    }

    /// The same loop over .xls files: LibreOffice's copies of the import fixtures and the
    /// hand-made BIFF5/BIFF8 quirks, mutated, through the cell reader and the importer and checks;
    /// every input is read in full or refused with one line naming the file, within a bounded time
    /// each (FreeXL parses the whole file when it opens it).
    @Test func mutatedXLSNeverCrashTheReaderTheImporterOrTheChecks() throws {
        let dir = try Paths.tempDir()
        var seeds = try XLSFixtures.names.map { try Data(contentsOf: URL(fileURLWithPath: XLSFixtures.xls($0))) }
        seeds += try ["good.xls", "quirks.xls", "biff5_gbk.xls"].map {
            try Data(contentsOf: URL(fileURLWithPath: XLSQuirkTests.path($0)))
        }
        let iterations = Int(ProcessInfo.processInfo.environment["JUESUAN_FUZZ_ITERATIONS"] ?? "") ?? 3000
        let seed: UInt64 = UInt64(ProcessInfo.processInfo.environment["JUESUAN_FUZZ_SEED"] ?? "") ?? 20_261_129
        print("fuzz .xls: seed \(seed), \(iterations) inputs from \(seeds.count) .xls files")
        var rng = SplitMix64(state: seed)
        let file = dir.appendingPathComponent("case.xls")
        var tally = FuzzTally()
        var slowest = 0.0
        var limits = ReadLimits()
        limits.maxXLSCells = 1 << 20
        for _ in 0..<iterations {
            let input = Self.mutateBinary(seeds.randomElement(using: &rng)!, &rng)
            try input.write(to: file)
            let started = Date()
            tally.run(file.path, limits: limits)
            slowest = max(slowest, Date().timeIntervalSince(started))
        }
        print(
            "fuzz .xls: \(iterations) inputs: \(tally.summary); 0 crashes; slowest input \(String(format: "%.3f", slowest)) s"
        )
        tally.expectComplete(iterations)
        #expect(slowest < 5, "one input took \(slowest) s")
    }
}

/// One fuzz input through the cell reader (cells, dates, shown text, amounts, the grid's formulas)
/// and through the importer and the checks: each either works or is refused with one line naming
/// the file.
struct FuzzTally {
    var read = 0, refused = 0, imported = 0, notImported = 0, cells = 0, findings = 0

    mutating func run(_ path: String, limits: ReadLimits) {
        do {
            let book = try WorkbookFile.open(path: path, limits: limits)
            _ = book.documentTitle
            for s in book.sheets {
                var n = 0
                try book.readSheet(s.index) { cell in
                    n += 1
                    // What `juesuan cells` prints of a date must not trap either.
                    if case .date(let serial, let kind) = cell.value {
                        _ = book.dateText(serial: serial, kind: kind)
                    }
                    // Nor what it shows of a number under its (mutated) format, nor reading it as an amount.
                    _ = book.shownText(cell)
                    _ = AmountReading.value(of: cell)
                }
                cells += n
                // Nor evaluating the formulas of the sheet's grid.
                _ = try book.grid(s.index)
            }
            read += 1
        } catch {
            FuzzTests.expectOneLine(error, naming: path)
            refused += 1
        }
        do {
            let (doc, report) = try WorkbookImporter(limits: limits).read(path: path)
            findings += Checker().run(doc, locate: report.source).count
            _ = TidyCSV.render(doc)
            for note in report.notes { #expect(!note.description.contains("\n"), "\(note)") }
            imported += 1
        } catch {
            FuzzTests.expectOneLine(error, naming: path)
            notImported += 1
        }
    }

    var summary: String {
        "reader \(read) read (\(cells) cells), \(refused) refused; importer \(imported) imported (\(findings) findings), \(notImported) refused"
    }

    /// Every input accounted for, and both outcomes exercised (or the loop tests nothing).
    func expectComplete(_ iterations: Int) {
        #expect(read + refused == iterations)
        #expect(imported + notImported == iterations)
        #expect(imported > 0 && notImported > 0 && refused > 0)
    }
}
