import Foundation

/// The model's JSON interchange format (`juesuan/1`), documented in docs/JSON.md and
/// Schemas/document.schema.json. Amounts are decimal strings; blank cells are absent.
public enum DocumentJSON {
    /// The value of the `format` member this version writes and reads.
    public static let formatName = "juesuan/1"

    /// Decodes and validates a document.
    /// - Throws: `JuesuanError` (`.invalidJSON` / `.invalidDocument`) whose message names the path,
    ///   e.g. `tables.公开02表.rows[3].values.基本支出: "12,3x" is not a decimal amount`.
    public static func decode(_ data: Data, source: String? = nil) throws(JuesuanError) -> Document {
        let doc: Document
        do {
            doc = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw JuesuanError(.invalidJSON, describe(error), file: source)
        } catch {
            throw JuesuanError(.invalidJSON, "\(error)", file: source)
        }
        if let problem = doc.validate().first {
            throw JuesuanError(.invalidDocument, problem.description, file: source)
        }
        return doc
    }

    /// Encodes a document as pretty-printed JSON with sorted keys (stable bytes for the same model).
    /// The bytes are those of `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` and the `Codable` conformance below, written directly
    /// (`JSONTextWriter`); `write(_:newline:to:)` streams them.
    public static func encode(_ document: Document) -> Data {
        var w = JSONTextWriter()
        // Without a sink nothing can throw.
        try? write(document, into: &w)
        return Data(w.bytes)
    }

    /// `tables.公开02表.rows[3].values.基本支出`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var s = ""
        for key in codingPath {
            if let i = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(i)" {
                s += "[\(i)]"
            } else {
                s += (s.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return s.isEmpty ? "(document)" : s
    }

    /// One line for a decoding error: the path, then what is wrong.
    public static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c):
            if c.codingPath.isEmpty, let underlying = c.underlyingError {
                return "not valid JSON: \((underlying as NSError).userInfo[NSDebugDescriptionErrorKey] ?? underlying)"
            }
            return "\(path(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            return "\(path(c.codingPath + [key])): is required"
        case .typeMismatch(let type, let c):
            return "\(path(c.codingPath)): expected \(jsonType(type))"
        case .valueNotFound(let type, let c):
            return "\(path(c.codingPath)): expected \(jsonType(type)), found null"
        @unknown default:
            return "\(error)"
        }
    }

    static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}

extension Document: Codable {
    enum CodingKeys: String, CodingKey { case format, department, year, unit, layout, tables }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == DocumentJSON.formatName else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: c,
                debugDescription:
                    "\"\(format)\" is not a format this version reads (expected \"\(DocumentJSON.formatName)\")")
        }
        department = try c.decode(String.self, forKey: .department)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        let unitText = try c.decode(String.self, forKey: .unit)
        guard let unit = AmountUnit(rawValue: unitText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .unit, in: c, debugDescription: "\"\(unitText)\" is not a unit (expected 元 or 万元)")
        }
        self.unit = unit
        layout = try c.decodeIfPresent(String.self, forKey: .layout)
        let tableContainer = try c.nestedContainer(keyedBy: AnyKey.self, forKey: .tables)
        var tables: [TableID: Table] = [:]
        for key in tableContainer.allKeys {
            guard let id = TableID(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: tableContainer, debugDescription: "is not one of 公开01表 … 公开09表")
            }
            tables[id] = try tableContainer.decode(Table.self, forKey: key)
        }
        self.tables = tables
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(DocumentJSON.formatName, forKey: .format)
        try c.encode(department, forKey: .department)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encode(unit.rawValue, forKey: .unit)
        try c.encodeIfPresent(layout, forKey: .layout)
        var t = c.nestedContainer(keyedBy: AnyKey.self, forKey: .tables)
        for table in orderedTables {
            try t.encode(table, forKey: AnyKey(table.id.rawValue))
        }
    }
}

extension Value: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        guard let text = try? c.decode(String.self) else {
            throw DecodingError.dataCorruptedError(
                in: c,
                debugDescription: "is not a string (amounts are decimal strings such as \"263.72\", or a dash \"—\")")
        }
        do {
            self = try Value(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(text)\" is not a decimal amount")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Side {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let side = Side(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "\"\(text)\" is not a side (expected 收入 or 支出)")
        }
        self = side
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
