/// Writes a `Document` as `juesuan/1` JSON text straight into bytes, row by row, without building
/// a tree of values first.
///
/// The bytes are exactly those `JSONEncoder` gives with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` and the model's `Codable` conformance (a test compares the two on
/// every shipped and generated document and on hostile strings): two-space indent, `" : "`
/// between key and value, keys in UTF-8 byte order, empty containers as `{\n\n}`, `"`, `\`,
/// `\b \f \n \r \t` escaped, other controls below U+0020 as `\u00XX`, everything else as UTF-8.
/// Foundation's encoder builds a dictionary per row first and took three seconds and most of
/// the memory on a 100,000-row table; this takes a small fraction of that.
struct JSONTextWriter: ~Copyable {
    /// The text so far (since the last `flush`).
    private(set) var bytes: [UInt8] = []
    /// Where full chunks go; nil keeps everything in `bytes`.
    private let sink: ((UnsafeRawBufferPointer) throws(JuesuanError) -> Void)?
    /// `bytes` is handed to the sink once it holds this many.
    private let chunk: Int

    init(sink: ((UnsafeRawBufferPointer) throws(JuesuanError) -> Void)? = nil, chunk: Int = 1 << 20) {
        self.sink = sink
        self.chunk = chunk
        bytes.reserveCapacity(sink == nil ? 1 << 16 : chunk + 4096)
    }

    /// Hands what is buffered to the sink (no-op without one).
    mutating func flush() throws(JuesuanError) {
        guard let sink else { return }
        try ByteChunks.drain(&bytes, to: sink)
    }

    /// Flushes when a chunk is full; called between rows.
    mutating func flushIfFull() throws(JuesuanError) {
        if sink != nil && bytes.count >= chunk { try flush() }
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func newline(_ depth: Int) {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    /// A JSON string: quoted, escaped as Foundation's writer escapes it.
    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                start = i + 1
                bytes.append(0x5C)
                switch b {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    raw("u00")
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(0x22)
    }

    /// An amount as its plain decimal text (`Amount.description`), quoted, without a `String`.
    mutating func amount(_ a: Amount) {
        bytes.append(0x22)
        if a.units < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = a.units.magnitude
        // Up to 20 digits and the zeros a small amount needs before its decimals.
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buf in
            var n = 0
            repeat {
                buf[31 - n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            while n <= a.scale {
                buf[31 - n] = 48
                n += 1
            }
            let intDigits = n - a.scale
            for k in 0..<n {
                if k == intDigits { bytes.append(UInt8(ascii: ".")) }
                bytes.append(buf[32 - n + k])
            }
        }
        bytes.append(0x22)
    }

    /// `"key" : ` at the start of a member line, after a comma when it is not the first.
    mutating func key(_ k: String, first: Bool, depth: Int) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        newline(depth)
        string(k)
        raw(" : ")
    }

    mutating func value(_ v: Value) {
        switch v {
        case .amount(let a): amount(a)
        case .dash(let d): string(d)
        }
    }

    mutating func integer(_ i: Int) {
        bytes.append(contentsOf: String(i).utf8)
    }
}

/// Handing buffered bytes to a sink, for the writers that stream their output.
public enum ByteChunks {
    /// Gives `buffer`'s bytes to `sink` (when there are any) and empties it, keeping its capacity.
    /// - Throws: what `sink` throws (the buffer is emptied all the same).
    public static func drain(
        _ buffer: inout [UInt8], to sink: (UnsafeRawBufferPointer) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        guard !buffer.isEmpty else { return }
        var failure: JuesuanError?
        buffer.withUnsafeBytes { b in
            do throws(JuesuanError) { try sink(b) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw failure }
    }
}

/// Sorting object keys as Foundation's `.sortedKeys` does: by their UTF-8 bytes.
private func utf8Precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

extension DocumentJSON {
    /// Writes a document's JSON (the bytes `encode` returns) in chunks of about a megabyte, each
    /// handed to `sink` as it fills, so that a large table is never held twice in memory.
    /// - Throws: whatever `sink` throws; writing stops at the first error.
    public static func write(
        _ document: Document, newline: Bool = false,
        to sink: (UnsafeRawBufferPointer) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        try withoutActuallyEscaping(sink) { (sink) throws(JuesuanError) in
            var w = JSONTextWriter(sink: sink)
            try write(document, into: &w)
            if newline { w.byte(0x0A) }
            try w.flush()
        }
    }

    /// The members of a document in `.sortedKeys` order: department, format, layout, tables, unit, year.
    static func write(_ doc: Document, into w: inout JSONTextWriter) throws(JuesuanError) {
        w.raw("{")
        w.key("department", first: true, depth: 1)
        w.string(doc.department)
        w.key("format", first: false, depth: 1)
        w.string(formatName)
        if let layout = doc.layout {
            w.key("layout", first: false, depth: 1)
            w.string(layout)
        }
        w.key("tables", first: false, depth: 1)
        let tables = doc.orderedTables.sorted { utf8Precedes($0.id.rawValue, $1.id.rawValue) }
        if tables.isEmpty {
            w.raw("{\n")
            w.newline(1)
            w.raw("}")
        } else {
            w.raw("{")
            for (i, table) in tables.enumerated() {
                w.key(table.id.rawValue, first: i == 0, depth: 2)
                try write(table, into: &w, depth: 2)
            }
            w.newline(1)
            w.raw("}")
        }
        w.key("unit", first: false, depth: 1)
        w.string(doc.unit.rawValue)
        if let year = doc.year {
            w.key("year", first: false, depth: 1)
            w.integer(year)
        }
        w.newline(0)
        w.raw("}")
    }

    /// A table: notes (when any), rows, title.
    static func write(_ table: Table, into w: inout JSONTextWriter, depth: Int) throws(JuesuanError) {
        w.raw("{")
        var first = true
        if !table.notes.isEmpty {
            w.key("notes", first: true, depth: depth + 1)
            w.raw("[")
            for (i, note) in table.notes.enumerated() {
                if i > 0 { w.raw(",") }
                w.newline(depth + 2)
                w.string(note)
            }
            w.newline(depth + 1)
            w.raw("]")
            first = false
        }
        w.key("rows", first: first, depth: depth + 1)
        if table.rows.isEmpty {
            w.raw("[\n")
            w.newline(depth + 1)
            w.raw("]")
        } else {
            w.raw("[")
            for (i, row) in table.rows.enumerated() {
                if i > 0 { w.raw(",") }
                w.newline(depth + 2)
                write(row, into: &w, depth: depth + 2)
                try w.flushIfFull()
            }
            w.newline(depth + 1)
            w.raw("]")
        }
        w.key("title", first: false, depth: depth + 1)
        w.string(table.title)
        w.newline(depth)
        w.raw("}")
    }

    /// A row: code, item, line, name, side (those present), values.
    static func write(_ row: Row, into w: inout JSONTextWriter, depth: Int) {
        let d = depth + 1
        w.raw("{")
        var first = true
        if let code = row.code {
            w.key("code", first: first, depth: d)
            w.string(code)
            first = false
        }
        if let item = row.item {
            w.key("item", first: first, depth: d)
            w.string(item)
            first = false
        }
        if let line = row.line {
            w.key("line", first: first, depth: d)
            w.string(line)
            first = false
        }
        w.key("name", first: first, depth: d)
        w.string(row.name)
        if let side = row.side {
            w.key("side", first: false, depth: d)
            w.string(side.rawValue)
        }
        w.key("values", first: false, depth: d)
        if row.values.isEmpty {
            w.raw("{\n")
            w.newline(d)
            w.raw("}")
        } else {
            w.raw("{")
            // RowValues keeps its members in UTF-8 order of their labels already.
            var first = true
            for (key, value) in row.values {
                w.key(key, first: first, depth: d + 1)
                w.value(value)
                first = false
            }
            w.newline(d)
            w.raw("}")
        }
        w.newline(depth)
        w.raw("}")
    }
}
