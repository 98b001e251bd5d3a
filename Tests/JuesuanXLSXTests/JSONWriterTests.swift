import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing

/// The direct JSON writer (`DocumentJSON.encode` / `write`) gives byte for byte what Foundation's
/// `JSONEncoder` gives for the model's `Codable` conformance, which defines the format.
@Suite struct JSONWriterTests {
    static func foundation(_ doc: Document) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(doc)
    }

    @Test func seedMatchesFoundation() throws {
        let doc = try Paths.seed()
        #expect(DocumentJSON.encode(doc) == (try Self.foundation(doc)))
    }

    @Test func generatedDocumentsMatchFoundation() throws {
        var differing: [UInt64] = []
        for seed in 1...UInt64(300) {
            var gen = DocumentGenerator(seed: seed)
            let doc = gen.document()
            if DocumentJSON.encode(doc) != (try Self.foundation(doc)) { differing.append(seed) }
        }
        #expect(differing.isEmpty, "seeds whose JSON differs from JSONEncoder's: \(differing)")
    }

    /// Strings with every escaped byte, controls, quotes, slashes, line separators, astral
    /// characters and decomposed accents; empty tables and rows without values; negative,
    /// tiny and 19-digit amounts; no year and no layout.
    @Test func hostileStringsMatchFoundation() throws {
        let nasty = "a\"b\\c/d\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F}\u{7F}\u{2028}\u{2029}😀e\u{301}"
        var doc = Document(department: nasty, year: nil, unit: .yuan, layout: nil)
        doc[.t02] = Table(
            id: .t02, title: nasty,
            rows: [
                Row(item: "合计", name: nasty, line: "1\t", values: [:]),
                Row(
                    code: "201", name: "x",
                    values: [
                        "本年收入合计": .amount(Amount(units: -5, scale: 10)),
                        "财政拨款收入": .amount(Amount(units: Int64.min + 1, scale: 2)),
                        "事业收入": .amount(Amount(units: Int64.max, scale: 0)),
                        "其他收入": .dash("—"),
                        "经营收入": .amount(Amount(units: 0, scale: 3)),
                        "上级补助收入": .amount(Amount(units: 7, scale: 1)),
                        "附属单位上缴收入": .amount(Amount(units: -100, scale: 2)),
                    ]),
            ], notes: [nasty, ""])
        doc[.t09] = Table(id: .t09)
        doc[.t01] = Table(
            id: .t01,
            rows: [Row(side: .expenditure, item: .total, values: ["决算数": .dash("-")])])
        #expect(DocumentJSON.encode(doc) == (try Self.foundation(doc)))
        let empty = Document(department: "", year: -1)
        #expect(DocumentJSON.encode(empty) == (try Self.foundation(empty)))
    }

    /// `write` hands the same bytes over in chunks, and stops at the sink's first error.
    @Test func streamsInChunksAndStopsOnError() throws {
        var gen = DocumentGenerator(seed: 7)
        var doc = gen.document()
        // Enough rows for several one-megabyte chunks.
        if var t = doc[.t02] {
            let rows = t.rows
            while t.rows.count < 40_000 { t.rows += rows }
            doc[.t02] = t
        }
        var chunks: [Data] = []
        try DocumentJSON.write(doc, newline: true) { chunks.append(Data($0)) }
        #expect(chunks.count > 2)
        #expect(chunks.reduce(Data(), +) == DocumentJSON.encode(doc) + Data("\n".utf8))

        var calls = 0
        #expect(throws: JuesuanError.self) {
            try DocumentJSON.write(doc) { _ throws(JuesuanError) in
                calls += 1
                throw JuesuanError(.writeFailed, "disk full", file: "x")
            }
        }
        #expect(calls == 1)
    }
}
