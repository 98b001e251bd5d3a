import Foundation
import JuesuanModel

/// Reading the user's inputs, with one-line errors.
enum Input {
    static func read(_ path: String) throws(JuesuanError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else {
            throw JuesuanError(.io, "no such file", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JuesuanError(.io, "cannot read the file", file: path)
        }
        return data
    }

    static func loadDocument(_ path: String) throws(JuesuanError) -> Document {
        try DocumentJSON.decode(read(path), source: path)
    }
}
