import Foundation
import JuesuanModel
import JuesuanTestSupport
@testable import JuesuanXLSX

enum Paths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedJSON = root.appendingPathComponent("Fixtures/seed/wuerhe-2023.json")
    static let interop = root.appendingPathComponent("Tests/interop")
    static let golden = root.appendingPathComponent("Tests/JuesuanXLSXTests/Golden")

    static func seed() throws -> Document {
        try DocumentJSON.decode(Data(contentsOf: seedJSON), source: seedJSON.path)
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL { try makeTempDir() }
}

/// Runs a program found on PATH.
@discardableResult
func run(_ args: [String], cwd: URL? = nil, timeout: TimeInterval = 300) throws -> (
    status: Int32, out: String, err: String
) {
    try runProcess("/usr/bin/env", args, cwd: cwd, timeout: timeout)
}

extension Document {
    /// Every amount of a table as a Double, sorted (what a reader of numeric cells should see).
    func amounts(_ id: TableID) -> [Double] {
        (self[id]?.rows ?? []).flatMap { $0.values.values.compactMap { $0.amount.flatMap { Double($0.description) } } }
            .sorted()
    }
}
