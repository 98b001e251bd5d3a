import Foundation
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

/// A seeded mutation loop over real workbooks: the reader may refuse a mutated file, never crash
/// or hang. The seeds are printed so a failure can be replayed; JUESUAN_FUZZ_ITERATIONS sets the
/// count (default 3000, which CI runs).
@Suite struct FuzzTests {
    /// Stored (uncompressed) copies of a spread of corpus workbooks, so mutations hit the XML.
    static func seeds(in dir: URL) throws -> [Data] {
        let names = CorpusTests.files().enumerated().filter { $0.offset % 12 == 0 }.map(\.element)
        let paths = names.map { CorpusTests.corpus.appendingPathComponent("excel/\($0)").path }
        let r = try run(["python3", Paths.interop.appendingPathComponent("stored_copies.py").path, dir.path] + paths)
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

    @Test func mutatedWorkbooksNeverCrashTheReader() throws {
        let dir = try Paths.tempDir()
        let seeds = try Self.seeds(in: dir.appendingPathComponent("seeds"))
        try #require(seeds.count >= 50)
        let iterations = Int(ProcessInfo.processInfo.environment["JUESUAN_FUZZ_ITERATIONS"] ?? "") ?? 3000
        let seed: UInt64 = UInt64(ProcessInfo.processInfo.environment["JUESUAN_FUZZ_SEED"] ?? "") ?? 20_261_129
        print("fuzz: seed \(seed), \(iterations) inputs from \(seeds.count) stored corpus workbooks")
        var rng = SplitMix64(state: seed)
        let file = dir.appendingPathComponent("case.xlsx")
        var opened = 0, refused = 0, cells = 0
        var limits = ReadLimits()
        limits.maxPartBytes = 64 << 20
        limits.maxTotalBytes = 128 << 20
        for _ in 0..<iterations {
            let input = Self.mutate(seeds.randomElement(using: &rng)!, &rng)
            try input.write(to: file)
            do {
                let book = try XLSXWorkbook(path: file.path, limits: limits)
                for s in book.sheets {
                    try book.readSheet(s.index) { cell in
                        cells += 1
                        // What `juesuan cells` prints of a date must not trap either.
                        if case .date(let serial, let kind) = cell.value {
                            _ = book.dateText(serial: serial, kind: kind)
                        }
                        // Nor what it shows of a number under its (mutated) format, nor reading it as an amount.
                        _ = book.shownText(cell)
                        _ = AmountReading.value(of: cell)
                    }
                    // Nor evaluating the formulas of the sheet's grid.
                    _ = try book.grid(s.index)
                }
                opened += 1
            } catch {
                #expect(!error.description.isEmpty)
                #expect(!error.description.contains("\n"))
                refused += 1
            }
        }
        print(
            "fuzz: \(iterations) inputs, \(opened) read in full (\(cells) cells), \(refused) refused with an error, 0 crashes"
        )
        #expect(opened + refused == iterations)
    }
}
