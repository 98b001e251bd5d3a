import Foundation
import JuesuanModel

/// Writes paragraphs of text as a minimal Word document (.docx): a WordprocessingML package of
/// five parts — content types, package relationships, the document, its relationships and a
/// styles part with a title, three heading levels (黑体) and body text (宋体) — zipped by
/// minizip. Blanks marked `【请填写】` are highlighted.
///
/// ```swift
/// try DocxWriter.write([.init(style: .heading2, text: "一、…"), .init(style: .body, text: "…")], to: "说明.docx")
/// ```
public enum DocxWriter {
    /// One paragraph and how it is set.
    public struct Paragraph: Sendable, Equatable {
        /// The styles the package defines.
        public enum Style: String, Sendable {
            /// The document's title: 黑体 18 pt, centred.
            case title = "Title"
            /// A part (第二部分 …): 黑体 16 pt.
            case heading1 = "Heading1"
            /// A section (一、…): 黑体 14 pt.
            case heading2 = "Heading2"
            /// A sub-section (（一）…): 楷体 12 pt, bold.
            case heading3 = "Heading3"
            /// Body text: 宋体 12 pt.
            case body = "Normal"
            /// A note to the reader: 楷体 10.5 pt, italic.
            case note = "Note"
        }
        /// How the paragraph is set.
        public var style: Style
        /// The paragraph's text (no line breaks).
        public var text: String

        /// A paragraph of text in a style.
        public init(style: Style, text: String) {
            self.style = style
            self.text = text
        }
    }

    /// Writes the document to a temporary file beside `path`, renamed onto it when complete.
    /// - Parameters:
    ///   - paragraphs: the text, paragraph by paragraph.
    ///   - path: the .docx to write.
    ///   - overwrite: replace an existing file.
    /// - Throws: `JuesuanError(.outputExists)` when the file exists (without `overwrite`) or cannot
    ///   be created; `.library` when minizip fails.
    public static func write(_ paragraphs: [Paragraph], to path: String, overwrite: Bool = false) throws(JuesuanError) {
        // The same placement as every output: only a regular file replaced, a registered
        // temporary file, linked or renamed into place.
        let url = URL(fileURLWithPath: path)
        try OutputFile.checkReplaceable(url, overwrite: overwrite)
        let temp = OutputFile.temporaryURL(for: url)
        TemporaryFiles.register(temp.path)
        do throws(JuesuanError) {
            let zip = try ZipWriter(path: temp.path)
            for (name, xml) in parts(paragraphs) { try zip.add(name, Array(xml.utf8)) }
            try zip.close()
        } catch {
            unlink(temp.path)
            TemporaryFiles.unregister(temp.path)
            throw error
        }
        try OutputFile.commit(temp, to: url, overwrite: overwrite)
    }

    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// The package's parts, by name.
    static func parts(_ paragraphs: [Paragraph]) -> [(String, String)] {
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        return [
            (
                "[Content_Types].xml",
                header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
                    + "</Types>"
            ),
            (
                "_rels/.rels",
                header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
            ),
            (
                "word/_rels/document.xml.rels",
                header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"
            ),
            ("word/styles.xml", styles),
            ("word/document.xml", document(paragraphs)),
        ]
    }

    static func document(_ paragraphs: [Paragraph]) -> String {
        var body = ""
        for p in paragraphs {
            body += "<w:p><w:pPr><w:pStyle w:val=\"\(p.style.rawValue)\"/></w:pPr>"
            // Blanks stand out: each 【请填写】 is a highlighted run.
            let blank = NarrativeDraft.blank
            let pieces = p.text.components(separatedBy: blank)
            for (i, piece) in pieces.enumerated() {
                if !piece.isEmpty { body += "<w:r><w:t xml:space=\"preserve\">\(escape(piece))</w:t></w:r>" }
                if i < pieces.count - 1 {
                    body += "<w:r><w:rPr><w:highlight w:val=\"yellow\"/></w:rPr><w:t>\(blank)</w:t></w:r>"
                }
            }
            body += "</w:p>"
        }
        return header + "<w:document xmlns:w=\"\(w)\"><w:body>" + body
            + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
            + "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
            + "</w:sectPr></w:body></w:document>"
    }

    static let styles: String = {
        func style(
            _ id: String, _ name: String, font: String, size: Int, bold: Bool, center: Bool = false,
            italic: Bool = false
        )
            -> String
        {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
                + (id == "Normal" ? "<w:qFormat/>" : "<w:basedOn w:val=\"Normal\"/><w:qFormat/>")
                + "<w:pPr><w:spacing w:before=\"120\" w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/>"
                + (center ? "<w:jc w:val=\"center\"/>" : "") + "</w:pPr>"
                + "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(font)\"/>"
                + (bold ? "<w:b/>" : "") + (italic ? "<w:i/>" : "")
                + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr>"
                + "</w:style>"
        }
        return header + "<w:styles xmlns:w=\"\(w)\">"
            + style("Normal", "Normal", font: "宋体", size: 24, bold: false)
            + style("Title", "Title", font: "黑体", size: 36, bold: true, center: true)
            + style("Heading1", "heading 1", font: "黑体", size: 32, bold: true)
            + style("Heading2", "heading 2", font: "黑体", size: 28, bold: true)
            + style("Heading3", "heading 3", font: "楷体", size: 24, bold: true)
            + style("Note", "Note", font: "楷体", size: 21, bold: false, italic: true)
            + "</w:styles>"
    }()

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }
}
