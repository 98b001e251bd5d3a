import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing

@testable import JuesuanXLSX

/// The 说明 as a .docx: read through the zip + XML layer, it gives the same figures as its text;
/// a draft written as .docx reads back the same as its Markdown.
@Suite struct NarrativeDocxTests {
    static let seedText = Paths.root.appendingPathComponent("Fixtures/seed/说明.txt")

    static func figures(_ text: String) throws -> NarrativeReport {
        NarrativeChecker().run(NarrativeText(text), document: try Paths.seed())
    }

    /// The seed's 说明 made into a .docx by an independent producer (a hand-built package from
    /// Python's zipfile, with runs split and a non-default main part; python-docx when installed).
    @Test(arguments: ["zipfile", "python-docx"])
    func seedDocxReadsTheSameFigures(engine: String) throws {
        let dir = try Paths.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("说明.docx")
        let made = try run([
            "python3", Paths.interop.appendingPathComponent("make_docx.py").path, Self.seedText.path, out.path, engine,
        ])
        if made.status == 3 {
            // python-docx is not installed: the zipfile package covers the reader.
            print("skipped: python-docx is not installed (pip install python-docx to run this case)")
            return
        }
        #expect(made.status == 0, "\(made.err)")
        let fromDocx = try Self.figures(try DocxText.read(path: out.path))
        let fromText = try Self.figures(String(decoding: try Data(contentsOf: Self.seedText), as: UTF8.self))
        #expect(fromDocx.figures.count == fromText.figures.count)
        #expect(fromDocx.figures == fromText.figures)
        #expect(fromDocx.findings.isEmpty, "\(fromDocx.findings.map(\.line))")
        #expect(fromText.figures.count > 100)
    }

    /// The draft of the seed written as .docx: read back, the same paragraphs as its Markdown, and
    /// no findings against the tables it was drafted from.
    @Test func draftDocxRoundTrip() throws {
        let dir = try Paths.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = try Paths.seed()
        let draft = NarrativeDraft(document: doc)
        let out = dir.appendingPathComponent("说明.docx").path
        try DocxWriter.write(draft.paragraphs.map { DocxWriter.Paragraph(style: .body, text: $0.text) }, to: out)
        let text = try DocxText.read(path: out)
        #expect(text == draft.paragraphs.map(\.text).joined(separator: "\n"))
        let report = NarrativeChecker().run(NarrativeText(text), document: doc)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.line))")
        #expect(report.figures == NarrativeChecker().run(NarrativeText(draft.markdown), document: doc).figures)
        // An existing file is kept unless asked to replace it.
        #expect(throws: JuesuanError.self) { try DocxWriter.write([], to: out) }
    }

    @Test func notADocx() throws {
        let dir = try Paths.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.docx").path
        try Data("plain text".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JuesuanError.self) { try DocxText.read(path: path) }
        #expect(throws: JuesuanError.self) { try DocxText.read(path: dir.appendingPathComponent("missing.docx").path) }
    }
}
