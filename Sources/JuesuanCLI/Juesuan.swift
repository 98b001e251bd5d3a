import ArgumentParser
import Foundation
import JuesuanModel
import JuesuanXLSX

/// The `juesuan` command: converts between the nine 部门决算公开 tables and XLSX workbooks.
public struct Juesuan: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "juesuan",
        abstract: "部门决算公开 tables ⇄ XLSX workbooks, with 勾稽关系 checks.",
        version: "0.1.0",
        subcommands: [Import.self, Export.self, Check.self, Narrative.self, Template.self, Cells.self, Summary.self])

    public init() {}
}
