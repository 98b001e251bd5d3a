import Foundation
import Testing

/// The JSON Schema in Schemas/ accepts what the encoder writes (checked with python's jsonschema,
/// a validator nobody here wrote).
@Suite struct SchemaTests {
    @Test func seedFixtureValidatesAgainstTheSchema() throws {
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("SKIP"); sys.exit(0)
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            jsonschema.validate(doc, schema); print("OK")
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", "-c", script,
            Fixtures.root.appendingPathComponent("Schemas/document.schema.json").path,
            Fixtures.seedJSON.path,
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(!text.hasPrefix("SKIP"), "python jsonschema is not installed (scripts/setup.sh installs it)")
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.hasPrefix("OK"))
    }
}
