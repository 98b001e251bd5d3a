import Foundation
import Testing

/// `--help` texts are part of the interface: compared with recorded snapshots, recorded only on
/// request (JUESUAN_RECORD_HELP=1, which then fails once so a recording is never mistaken for a pass).
@Suite struct HelpSnapshotTests {
    static let commands: [[String]] = [
        [], ["import"], ["export"], ["check"], ["narrative"], ["template"], ["cells"], ["summary"],
    ]

    @Test(arguments: HelpSnapshotTests.commands)
    func helpMatchesItsSnapshot(command: [String]) throws {
        let r = try CLI.run(command + ["--help"])
        #expect(r.status == 0)
        let name = (["juesuan"] + command).joined(separator: "-") + ".txt"
        let file = CLI.root.appendingPathComponent("Tests/JuesuanCLITests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["JUESUAN_RECORD_HELP"] == "1" {
            try r.out.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); run the tests again without JUESUAN_RECORD_HELP")
            return
        }
        let snapshot = try String(contentsOf: file, encoding: .utf8)
        #expect(
            r.out == snapshot,
            "juesuan \(command.joined(separator: " ")) --help changed; re-record with JUESUAN_RECORD_HELP=1 if intended"
        )
    }
}
