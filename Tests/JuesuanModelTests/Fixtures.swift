import Foundation
import JuesuanModel

/// Paths to the repository's fixtures, found from this source file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedJSON = root.appendingPathComponent("Fixtures/seed/wuerhe-2023.json")

    static func seed() throws -> Document {
        try DocumentJSON.decode(Data(contentsOf: seedJSON), source: seedJSON.path)
    }
}
