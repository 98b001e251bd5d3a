import ArgumentParser
import Foundation
import JuesuanModel
import JuesuanXLSX

/// `juesuan narrative DOC.json|BOOK.xlsx [--previous LAST] [-o 说明.md|说明.docx]`: drafts the 说明's figures.
struct Narrative: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft sections 一 to 九 of a 说明's 第二部分 from the tables, in the seed's wording.",
        discussion: """
            Every figure the tables give is written (totals, sources and uses with their shares, each \
            类 and 项, 人员/公用经费 with the items they include, 三公 with shares and 预决算差异率, \
            为空表 statements); what they cannot give — reasons, 年初预算数, counts, and last year's \
            changes without --previous — is left as a marked blank, 【请填写】. The draft checks \
            clean against the same tables (juesuan check DOC --narrative DRAFT).
            Output: Markdown on stdout, or -o FILE: .md (Markdown) or .docx (a minimal Word \
            document written through the project's own zip writer).
            """)

    @Argument(help: "A document (.json) or a workbook (.xlsx).")
    var input: String

    @Option(
        help: ArgumentHelp(
            "Last year's tables (.json or .xlsx), to write the changes against last year.", valueName: "file"))
    var previous: String?

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("The draft to write: .md or .docx (default: Markdown on stdout).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace OUTPUT if it exists.")
    var force = false

    @OptionGroup var conventions: ConventionOptions

    @OptionGroup var limits: ReadLimitOptions

    func validate() throws {
        if let output, !NarrativeOutput.allowed.contains(where: output.lowercased().hasSuffix) {
            throw ValidationError("--output must end in .md, .markdown, .txt or .docx")
        }
    }

    func run() throws {
        try reporting {
            let (doc, _) = try Loaded.document(input, limits: limits.limits)
            let last = try previous.map { (p) throws(JuesuanError) in try Loaded.document(p, limits: limits.limits).0 }
            let draft = NarrativeDraft(document: doc, previous: last, conventions: conventions.conventions)
            guard let output else {
                print(draft.markdown, terminator: "")
                return
            }
            if output.lowercased().hasSuffix(".docx") {
                try DocxWriter.write(draft.paragraphs.map(DocxWriter.Paragraph.init), to: output, overwrite: force)
            } else {
                try NarrativeOutput.write(Data(draft.markdown.utf8), to: output, overwrite: force)
            }
            let blanks = draft.paragraphs.map { $0.text.components(separatedBy: NarrativeDraft.blank).count - 1 }
                .reduce(0, +)
            print(
                "wrote \(output): \(draft.paragraphs.count) paragraphs, \(blanks) blanks marked \(NarrativeDraft.blank)"
            )
        }
    }
}

extension DocxWriter.Paragraph {
    init(_ p: NarrativeDraft.Paragraph) {
        let style: DocxWriter.Paragraph.Style
        switch p.style {
        case .title: style = .title
        case .part: style = .heading1
        case .section: style = .heading2
        case .subsection: style = .heading3
        case .body: style = .body
        case .note: style = .note
        }
        self.init(style: style, text: p.text)
    }
}

/// Writing a text draft: to a temporary file beside the target, renamed when complete.
enum NarrativeOutput {
    static let allowed = [".md", ".markdown", ".txt", ".docx"]

    static func write(_ data: Data, to path: String, overwrite: Bool) throws(JuesuanError) {
        try OutputFile.write(data, to: URL(fileURLWithPath: path), overwrite: overwrite)
    }
}
