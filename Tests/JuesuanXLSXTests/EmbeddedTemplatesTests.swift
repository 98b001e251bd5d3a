import Foundation
import Testing
@testable import JuesuanXLSX

/// The binary carries the layout files (no resource bundle to lose): what it carries must be
/// exactly the files in Templates/. After editing one, run scripts/embed-templates.py.
@Suite struct EmbeddedTemplatesTests {
    @Test func embeddedFilesEqualTheTemplatesFolder() throws {
        let dir = Paths.root.appendingPathComponent("Sources/JuesuanXLSX/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(names == EmbeddedTemplates.files.keys.sorted())
        for name in names {
            let onDisk = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let embedded = try #require(EmbeddedTemplates.files[name])
            #expect(
                embedded == onDisk.trimmingCharacters(in: .newlines), "\(name) differs: run scripts/embed-templates.py")
        }
    }
}
