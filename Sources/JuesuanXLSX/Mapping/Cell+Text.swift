import Foundation
import JuesuanModel

extension Cell {
    /// The cell as text for label matching: strings as they are, whole numbers without ".0".
    var labelText: String {
        switch value {
        case .text(let s): return s
        case .number(let d):
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return "\(d)"
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .date(let serial, _): return "\(serial)"
        case .uncomputed: return ""
        }
    }
}

extension SheetGrid {
    /// For each merged range, every covered cell → the range's top-left cell.
    func mergeAnchors(rows: ClosedRange<Int>) -> [CellAddress: CellAddress] {
        var map: [CellAddress: CellAddress] = [:]
        for m in merges where m.first.row <= rows.upperBound && m.last.row >= rows.lowerBound {
            // Bound the work for absurd merges: only the rows asked for, and at most 512 columns.
            for r in max(m.first.row, rows.lowerBound)...min(m.last.row, rows.upperBound) {
                for c in m.first.col...min(m.last.col, m.first.col + 511) {
                    map[CellAddress(row: r, col: c)] = m.first
                }
            }
        }
        return map
    }

    /// The text a reader sees at (row, col): the cell's own, or its merged range's.
    func text(_ row: Int, _ col: Int, anchors: [CellAddress: CellAddress]) -> String? {
        let a = anchors[CellAddress(row: row, col: col)] ?? CellAddress(row: row, col: col)
        guard let cell = self[a.row, a.col] else { return nil }
        let t = cell.labelText.trimmedOfWhitespace
        return t.isEmpty ? nil : t
    }
}

extension String {
    /// The text without white space (and line breaks) at either end: itself when it has none
    /// there, without going through Foundation.
    var trimmedOfWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when the text holds a line break of any kind (what `Character.isNewline` matches).
    var hasLineBreak: Bool {
        unicodeScalars.contains { s in
            switch s.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
            default: return false
            }
        }
    }
}

extension Substring {
    /// The first place `needle` occurs, compared byte for byte in UTF-8 (labels are normalised
    /// before they are searched); nil when it does not occur. Foundation's `range(of:)` and the
    /// standard library's `firstRange(of:)` compare characters and took a tenth of an import of
    /// small workbooks.
    func utf8Range(of needle: String) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return startIndex..<startIndex }
        let u = utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == first {
                var j = i
                var k = 0
                while k < pattern.count, j != u.endIndex, u[j] == pattern[k] {
                    u.formIndex(after: &j)
                    k += 1
                }
                if k == pattern.count { return i..<j }
            }
            u.formIndex(after: &i)
        }
        return nil
    }
}

extension Character {
    /// 0-9 only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
