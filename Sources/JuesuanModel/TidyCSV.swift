/// The tidy CSV (TABLES.md §4; format version 2, docs/TIDY.md): one line per non-empty amount
/// cell, for analysts.
///
/// Header `表号,科目编码,项目,栏目,金额,单位,级次,部门,年度`. Dashes and blank cells are left out;
/// zeros are kept. `级次` says what a row is — `合计` (a table's total rows), `类`, `款`, `项` (by the
/// code's length), or `固定行` (the other fixed items of 01, 04, 06, 07) — so that a sum can take one
/// level without counting a total twice.
public enum TidyCSV {
    /// The format version of the columns below (1 had the first six).
    public static let version = 2
    /// The columns, in order.
    public static let header = ["表号", "科目编码", "项目", "栏目", "金额", "单位", "级次", "部门", "年度"]

    /// What a row is, for the `级次` column.
    public static func level(of row: Row, in table: TableID) -> String {
        if let code = row.code {
            switch code.count {
            case 3: return "类"
            case 5: return "款"
            case 7: return "项"
            default: return "科目"
            }
        }
        if let item = row.itemName, table.spec.totalItems.contains(item) { return "合计" }
        return "固定行"
    }

    /// The rows of a document, without the header; `extraColumns` are appended to every row.
    public static func records(_ doc: Document, extraColumns: [String] = []) -> [[String]] {
        var out: [[String]] = []
        forEachRecord(doc, extraColumns: extraColumns) { (r: [String]) throws(Never) in out.append(r) }
        return out
    }

    /// Calls `body` with each row of the CSV in order (header excluded), one at a time.
    public static func forEachRecord<E: Error>(
        _ doc: Document, extraColumns: [String] = [], _ body: ([String]) throws(E) -> Void
    ) throws(E) {
        let year = doc.year.map(String.init) ?? ""
        for table in doc.orderedTables {
            let columns = table.id.spec.columns
            for row in table.rows {
                let project: String
                if let item = row.item {
                    project = item
                } else {
                    project = Labels.normalise(Labels.strippingOrdinal(row.name))
                }
                let level = level(of: row, in: table.id)
                for column in columns {
                    guard case .amount(let a)? = row[column] else { continue }
                    try body(
                        [
                            table.id.rawValue, row.code ?? "", project, column.rawValue, a.description,
                            doc.unit.rawValue,
                            level, doc.department, year,
                        ] + extraColumns)
                }
            }
        }
    }

    /// The whole CSV text, header included, lines ending in \n.
    public static func render(_ doc: Document) -> String {
        ([header] + records(doc)).map { line($0) }.joined()
    }

    /// Writes the CSV text `render` gives in chunks of about a megabyte, each handed to `sink` as
    /// it fills, so that a large document's CSV is never held whole in memory.
    /// - Throws: whatever `sink` throws; writing stops at the first error.
    public static func write(
        _ doc: Document, to sink: (UnsafeRawBufferPointer) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        try writeLines(to: sink) { (line) throws(JuesuanError) in
            try line(header)
            try forEachRecord(doc, line)
        }
    }

    /// Writes the CSV lines `body` gives (each as `line` makes it), after `prefix` (a byte order
    /// mark, say), in chunks of about a megabyte handed to `sink` as they fill.
    /// - Throws: whatever `sink` or `body` throws; writing stops at the first error.
    public static func writeLines(
        prefix: [UInt8] = [], guardFormulas: Bool = false,
        to sink: (UnsafeRawBufferPointer) throws(JuesuanError) -> Void,
        _ body: (_ line: ([String]) throws(JuesuanError) -> Void) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        try withoutActuallyEscaping(sink) { (sink) throws(JuesuanError) in
            var buffer = prefix
            buffer.reserveCapacity((1 << 20) + 4096)
            try body { (fields) throws(JuesuanError) in
                append(fields, to: &buffer, guardFormulas: guardFormulas)
                if buffer.count >= 1 << 20 { try ByteChunks.drain(&buffer, to: sink) }
            }
            try ByteChunks.drain(&buffer, to: sink)
        }
    }

    /// One CSV line (RFC 4180): a field is quoted when it holds a comma, a quote, CR or LF,
    /// decided on its bytes (Swift's `"\r\n"` is one Character, equal to neither). With
    /// `guardFormulas` (CSVs meant to be opened in a spreadsheet), a field that starts with
    /// `=`, `+`, `-`, `@`, a tab or CR and is not a number gets a leading `'`, so that no cell
    /// becomes a formula (OWASP's CSV injection advice).
    public static func line(_ fields: [String], guardFormulas: Bool = false) -> String {
        var bytes: [UInt8] = []
        append(fields, to: &bytes, guardFormulas: guardFormulas)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ fields: [String], to bytes: inout [UInt8], guardFormulas: Bool = false) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var f = field
            if guardFormulas, let first = f.utf8.first,
                [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(
                    first),
                Amount(f) == nil
            {
                f = "'" + f
            }
            f.withUTF8 { utf8 in
                let needsQuotes = utf8.contains {
                    $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
                }
                guard needsQuotes else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                bytes.append(UInt8(ascii: "\""))
                for b in utf8 {
                    bytes.append(b)
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                }
                bytes.append(UInt8(ascii: "\""))
            }
        }
        bytes.append(0x0A)
    }
}
