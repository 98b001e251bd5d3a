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

    /// The JSON document at `path`; a workbook given instead gets one line saying to import it.
    static func loadDocument(_ path: String) throws(JuesuanError) -> Document {
        let data = try read(path)
        if let kind = workbookKind(data) {
            throw JuesuanError(
                .invalidJSON,
                "is \(kind), not a juesuan JSON document; read it with `juesuan import \(path)` (or give the workbook to `juesuan check`)",
                file: path)
        }
        return try DocumentJSON.decode(data, source: path)
    }

    /// "an .xlsx workbook" or "an .xls workbook" when the bytes start like one (by content, not name).
    static func workbookKind(_ data: Data) -> String? {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        if data.starts(with: zip) { return "an .xlsx workbook (a zip package)" }
        if data.starts(with: ole2) { return "an .xls workbook (an OLE2 file)" }
        return nil
    }
}
