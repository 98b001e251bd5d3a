import Foundation
import JuesuanModel

// The text of a Word document (.docx), through the same zip + libxml2 SAX layer that reads
// workbooks: the main document part is found through the package relationships, and its
// paragraphs and table cells become lines of text.

/// Reads the text of a .docx (WordprocessingML) document: one line per paragraph, a table row
/// as one line with its cells separated by tabs.
///
/// ```swift
/// let text = try DocxText.read(path: "说明.docx")
/// let report = NarrativeChecker().run(NarrativeText(text), document: doc)
/// ```
public enum DocxText {
    /// The document's text.
    /// - Parameters:
    ///   - path: the .docx file.
    ///   - limits: bounds on the bytes inflated (the document part is held as text).
    /// - Throws: `JuesuanError` (`.io` when the file is missing; `.invalidWorkbook` when it is not
    ///   a readable Word package — not a zip, encrypted, no document part, malformed XML;
    ///   `.limitExceeded` past the limits).
    public static func read(path: String, limits: ReadLimits = ReadLimits()) throws(JuesuanError) -> String {
        try sniff(path)
        let zip = try ZipArchive(path: path, limits: limits)
        var part = "word/document.xml"
        if zip.entry("_rels/.rels") != nil {
            let rels = RelationshipsHandler(base: "")
            try XMLStream.parse(zip, part: "_rels/.rels", into: rels)
            if let main = rels.rels.first(where: { $0.type == "officeDocument" && !$0.external }) { part = main.target }
        }
        guard zip.entry(part) != nil else {
            throw JuesuanError(
                .invalidWorkbook, "is not a Word document: the package has no main document part", file: path,
                part: part)
        }
        let handler = DocumentTextHandler()
        try XMLStream.parse(zip, part: part, into: handler)
        return handler.lines.joined(separator: "\n")
    }

    /// Tells an empty file and an OLE2 container (a legacy .doc or an encrypted .docx) apart from a zip.
    private static func sniff(_ path: String) throws(JuesuanError) {
        guard FileManager.default.fileExists(atPath: path) else { throw JuesuanError(.io, "no such file", file: path) }
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw JuesuanError(.io, "cannot be opened for reading", file: path)
        }
        defer { try? fh.close() }
        let head = (try? fh.read(upToCount: 8)) ?? Data()
        if head.isEmpty { throw JuesuanError(.invalidWorkbook, "is an empty file, not a .docx", file: path) }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw JuesuanError(
                .invalidWorkbook,
                "is an OLE2 container: a legacy .doc or a password-protected document; save it as an unprotected .docx",
                file: path)
        }
        if !head.starts(with: [0x50, 0x4B]) {
            throw JuesuanError(.invalidWorkbook, "is not a .docx document (no zip signature)", file: path)
        }
    }
}

/// Collects `w:t` text by paragraph (`w:p`), tabs (`w:tab`) and breaks (`w:br`, `w:cr`); a table
/// row (`w:tr`) becomes one line of its cells (`w:tc`) separated by tabs. Deleted text
/// (`w:delText`) and field codes (`w:instrText`) are not text.
final class DocumentTextHandler: XMLEventHandler {
    var failure: JuesuanError? { didSet { hasFailed = failure != nil } }
    private(set) var hasFailed = false
    private(set) var lines: [String] = []

    private var paragraph: [UInt8] = []
    private var inText = false
    private var tableDepth = 0
    private var cell: [String] = []
    private var row: [String] = []

    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes) {
        if XMLName.equals(name, "t") {
            inText = true
        } else if XMLName.equals(name, "tab") {
            paragraph.append(UInt8(ascii: "\t"))
        } else if XMLName.equals(name, "br") || XMLName.equals(name, "cr") {
            paragraph.append(UInt8(ascii: "\n"))
        } else if XMLName.equals(name, "tbl") {
            tableDepth += 1
        } else if XMLName.equals(name, "tc"), tableDepth == 1 {
            cell = []
        }
    }

    func end(_ name: UnsafePointer<CChar>) {
        if XMLName.equals(name, "t") {
            inText = false
        } else if XMLName.equals(name, "p") {
            let text = String(decoding: paragraph, as: UTF8.self)
            paragraph.removeAll(keepingCapacity: true)
            if tableDepth > 0 { cell.append(text) } else { lines.append(text) }
        } else if XMLName.equals(name, "tc"), tableDepth == 1 {
            row.append(cell.joined(separator: " "))
        } else if XMLName.equals(name, "tr"), tableDepth == 1 {
            lines.append(row.joined(separator: "\t"))
            row = []
        } else if XMLName.equals(name, "tbl") {
            tableDepth -= 1
        }
    }

    func text(_ bytes: UnsafeRawBufferPointer) { if inText { paragraph.append(contentsOf: bytes) } }
}
