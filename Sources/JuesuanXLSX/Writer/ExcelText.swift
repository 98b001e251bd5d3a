/// Text as a cell can hold it (ECMA-376 Part 1 §22.9.2.19 ST_Xstring escapes).
enum ExcelText {
    /// Excel's limit on the characters (UTF-16 units) of one cell.
    static let maxCellLength = 32_767

    /// `s` with what XML and C strings cannot carry escaped as OOXML does, so that a reader gives
    /// the text back: NUL (which would end the C string) as `_x0000_`, and a literal `_xHHHH_`
    /// (which a reader would decode) with its underscore escaped as `_x005F_`. Other control
    /// characters are escaped by libxlsxwriter itself.
    static func escaped(_ s: String) -> String {
        guard s.utf8.contains(0) || s.utf8.contains(UInt8(ascii: "_")) else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u == "\0" {
                out.append(contentsOf: "_x0000_".unicodeScalars)
            } else if u == "_", i + 6 < scalars.count, scalars[i + 1] == "x" || scalars[i + 1] == "X",
                scalars[i + 6] == "_", scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit })
            {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(u)
            }
            i += 1
        }
        return String(out)
    }

    /// The first 40 characters of a long text, for a message.
    static func excerpt(_ s: String) -> String {
        s.count <= 40 ? "\"\(s)\"" : "\"\(s.prefix(40))…\""
    }
}
