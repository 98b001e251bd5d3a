import ArgumentParser
import Foundation
import JuesuanModel

/// `juesuan summary DOC.json`: what a document holds, table by table.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what a document holds: department, year, unit and each table's totals.")

    @Argument(help: "A document in juesuan JSON.")
    var document: String

    func run() throws {
        try reporting {
            let doc = try Input.loadDocument(document)
            try Terminal.printOut(DocumentSummary.text(doc))
        }
    }
}
