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

    /// Runs the command line: signal handling first (temporary files are removed on SIGINT and
    /// SIGTERM), an unknown command answered with the nearest one, then ArgumentParser.
    public static func main() {
        Terminal.installSignalHandlers()
        StandardError.isEnabled = true
        let args = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.map {
            $0.configuration.commandName ?? String(describing: $0).lowercased()
        }
        if let first = args.first, !first.hasPrefix("-"), !names.contains(first), first != "help" {
            let nearest = names.min { editDistance(first, $0) < editDistance(first, $1) }
            var line = "juesuan: \"\(first)\" is not a command"
            if let nearest, editDistance(first, nearest) <= max(2, first.count / 3) {
                line += "; did you mean \"\(nearest)\"?"
            } else {
                line += " (commands: \(names.joined(separator: ", ")))"
            }
            Terminal.printErr([line])
            Foundation.exit(Exit.usage)
        }
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            // Help and version go to stdout as ArgumentParser prints them; a usage error is one
            // line on stderr like every other message (`juesuan: --unit must be 万元 or 元`).
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let message = message(for: error)
            if !message.isEmpty {
                var first = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? message
                if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
                Terminal.printErr(["juesuan: " + first])
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// Levenshtein distance between two words (for suggesting a command).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}
