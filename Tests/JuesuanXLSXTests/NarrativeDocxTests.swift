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

    /// The draft's .docx as python-docx reads it (when installed): every paragraph, in its style.
    @Test func draftDocxReadByPythonDocx() throws {
        let dir = try Paths.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let draft = NarrativeDraft(document: try Paths.seed())
        let out = dir.appendingPathComponent("说明.docx").path
        try DocxWriter.write(draft.paragraphs.map(Self.paragraph), to: out)
        let r = try run(["python3", Paths.interop.appendingPathComponent("read_docx.py").path, out])
        if r.status == 3 {
            print("skipped: python-docx is not installed (pip install python-docx to run this test)")
            return
        }
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == draft.paragraphs.count)
        #expect(
            lines.map { $0.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? "" }
                == draft.paragraphs.map(\.text))
        #expect(lines[0].hasPrefix("Title\t"))
        #expect(lines.contains("Heading 2\t一、收入支出决算总体情况说明"))
    }

    static func paragraph(_ p: NarrativeDraft.Paragraph) -> DocxWriter.Paragraph {
        switch p.style {
        case .title: return .init(style: .title, text: p.text)
        case .part: return .init(style: .heading1, text: p.text)
        case .section: return .init(style: .heading2, text: p.text)
        case .subsection: return .init(style: .heading3, text: p.text)
        case .body: return .init(style: .body, text: p.text)
        case .note: return .init(style: .note, text: p.text)
        }
    }

    @Test func notADocx() throws {
        let dir = try Paths.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.docx").path
        try Data("plain text".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JuesuanError.self) { try DocxText.read(path: path) }
        #expect(throws: JuesuanError.self) { try DocxText.read(path: dir.appendingPathComponent("missing.docx").path) }
        // A package without a document part, and one whose document declares an entity: errors, not crashes.
        let hostile = dir.appendingPathComponent("hostile.docx").path
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>')
            with zipfile.ZipFile(sys.argv[2], "w") as z:
                z.writestr("other.xml", "<a/>")
            """
        let empty = dir.appendingPathComponent("empty.docx").path
        #expect(try run(["python3", "-c", script, hostile, empty]).status == 0)
        #expect(throws: JuesuanError.self) { try DocxText.read(path: hostile) }
        #expect(throws: JuesuanError.self) { try DocxText.read(path: empty) }
    }

    /// Drafts of seeded random documents (元 and 万元, 0–4 decimals, negative and huge amounts,
    /// dashes, empty and filled 08/09, missing tables) check clean against the documents they
    /// were drafted from, with and without last year's tables.
    @Test(arguments: 1...100)
    func draftsOfGeneratedDocumentsCheckClean(seed: Int) {
        var generator = DocumentGenerator(seed: UInt64(seed))
        let doc = generator.document()
        var lastGenerator = DocumentGenerator(seed: UInt64(seed + 10_000))
        var last = lastGenerator.document()
        last.unit = doc.unit
        for previous in [nil, last] {
            let draft = NarrativeDraft(document: doc, previous: previous)
            let report = NarrativeChecker().run(NarrativeText(draft.markdown), document: doc, previous: previous)
            #expect(report.findings.isEmpty, "seed \(seed): \(report.findings.map(\.line))")
            #expect(!report.unchecked.contains { $0.reason == .unrecognised }, "seed \(seed): \(report.uncheckedLines)")
        }
    }
}
