import Foundation
import JuesuanModel

/// The label vocabulary the reader matches printed workbooks with (Templates/labels.json): equivalent
/// column labels, label-column words, row-label aliases, meta-line labels. Data, not code.
struct LabelBook: Decodable, Sendable {
    var equivalentColumnLabels: [[String]]
    var ignoredColumnLabels: [String]
    var codeColumnLabels: [String]
    var codePartLabels: [String]
    var nameColumnLabels: [String]
    var lineColumnLabels: [String]
    var columnNumberLabels: [String]
    var itemAliases: [String: String]
    var departmentLabels: [String]
    var unitLabels: [String]
    var notePrefixes: [String]
    var otherTableQualifiers: [String]
    var otherTableTitles: [String]
    var otherTableLeadInEndings: [String]
    var otherTableTitleEndings: [String]

    /// The shipped vocabulary.
    static let shared: LabelBook = {
        // Embedded at build time and checked by a test: a malformed file cannot ship.
        let text = EmbeddedTemplates.files["labels.json"] ?? ""
        guard let book = try? JSONDecoder().decode(LabelBook.self, from: Data(text.utf8)) else {
            preconditionFailure("Templates/labels.json is not embedded or is malformed; run scripts/embed-templates.py")
        }
        return book.normalised()
    }()

    private var classOf: [String: String] = [:]
    /// The aliases that lead to each canonical item (`itemAliases` inverted), built once.
    private var aliasesOf: [String: [String]] = [:]

    enum CodingKeys: String, CodingKey {
        case equivalentColumnLabels, ignoredColumnLabels, codeColumnLabels, codePartLabels, nameColumnLabels,
            lineColumnLabels, columnNumberLabels, itemAliases, departmentLabels, unitLabels, notePrefixes,
            otherTableQualifiers, otherTableTitles, otherTableLeadInEndings, otherTableTitleEndings
    }

    private func normalised() -> LabelBook {
        var b = self
        let n = Labels.normalise
        b.equivalentColumnLabels = equivalentColumnLabels.map { $0.map(n) }
        b.ignoredColumnLabels = ignoredColumnLabels.map(n)
        b.codeColumnLabels = codeColumnLabels.map(n)
        b.codePartLabels = codePartLabels.map(n)
        b.nameColumnLabels = nameColumnLabels.map(n)
        b.lineColumnLabels = lineColumnLabels.map(n)
        b.columnNumberLabels = columnNumberLabels.map(n)
        b.notePrefixes = notePrefixes.map(n)
        b.otherTableTitles = otherTableTitles.map(n)
        b.departmentLabels = departmentLabels.map(n)
        b.unitLabels = unitLabels.map(n)
        b.itemAliases = Dictionary(itemAliases.map { (n($0.key), n($0.value)) }, uniquingKeysWith: { a, _ in a })
        for group in b.equivalentColumnLabels { for label in group { b.classOf[label] = group[0] } }
        for (alias, item) in b.itemAliases.sorted(by: { $0.key < $1.key }) {
            b.aliasesOf[item, default: []].append(alias)
        }
        return b
    }

    /// The representative of a column label's equivalence class.
    func columnClass(_ label: String) -> String { classOf[label] ?? label }

    /// Canonical item candidates for a printed row label: itself and its aliases both ways.
    func itemCandidates(_ label: String) -> [String] {
        var out = [label]
        if let a = itemAliases[label] { out.append(a) }
        out += aliasesOf[label] ?? []
        return out
    }
}
