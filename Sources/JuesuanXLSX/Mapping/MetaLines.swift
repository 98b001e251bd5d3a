import Foundation
import JuesuanModel

/// The lines between a title and its header: 表号, 编制单位, 金额单位 (and the 表号 line just above
/// the title).
struct MetaLines {
    var department: String?
    var unit: AmountUnit?
    /// The label the unit line used (`金额单位` or `单位`).
    var unitLabel: String?
    /// A 表号 line naming this table was printed.
    var tableNumberLine = false
    /// A 表号 line naming another table (0-based row and column, and its text): noted, not obeyed.
    var otherTableNumber: (row: Int, col: Int, text: String)?
    /// A year the meta lines print on their own (`2023年度`, `2023年`).
    var year: Int?
    /// The first row after the meta lines, where the header starts (0-based).
    var headerStart: Int

    /// The year a cell such as `2023年度`, `2023年` or `（2023年度）` prints, nil for any other text.
    static func year(_ t: String) -> Int? {
        var s = Substring(t)
        if let f = s.first, "（(".contains(f), let l = s.last, "）)".contains(l) { s = s.dropFirst().dropLast() }
        if s.hasSuffix("年度") { s = s.dropLast(2) } else if s.hasSuffix("年") { s = s.dropLast() } else { return nil }
        guard s.count == 4, s.allSatisfy(\.isASCIIDigit), let y = Int(s), (1990...2100).contains(y) else { return nil }
        return y
    }
}

extension TableReader {
    /// Reads the 表号 line above the title and the meta lines under it.
    func readMeta() -> MetaLines {
        var meta = MetaLines(headerStart: hit.row + 1)
        func tableNumber(_ text: String, row: Int, col: Int) {
            let t = Labels.normalise(text)
            guard t.hasPrefix("公开"), t.count <= 8, let id = TableID(number: t) else { return }
            if id == hit.id {
                meta.tableNumberLine = true
            } else if meta.otherTableNumber == nil {
                meta.otherTableNumber = (row, col, t)
            }
        }
        for r in max(0, hit.row - 2)..<hit.row {
            for cell in grid.row(r) { tableNumber(cell.labelText, row: r, col: cell.col) }
        }
        var r = hit.row + 1
        while r <= regionEnd {
            let cells = grid.row(r)
            if cells.isEmpty { r += 1; continue }
            var isMeta = true
            for cell in cells {
                let t = Labels.normalise(cell.labelText)
                if let fields = metaFields(t) {
                    if let dept = fields.department, !dept.isEmpty { meta.department = dept }
                    if let unit = fields.unit { meta.unit = unit; meta.unitLabel = fields.unitLabel }
                } else if t.hasPrefix("公开") && TableID(number: t) != nil {
                    tableNumber(t, row: r, col: cell.col)
                } else if let year = MetaLines.year(t) {
                    meta.year = year
                } else {
                    isMeta = false
                }
            }
            if !isMeta { break }
            r += 1
        }
        meta.headerStart = r
        return meta
    }

    /// 编制单位：X / 金额单位：万元 in one normalised text; nil when it is neither.
    func metaFields(_ t: String) -> (department: String?, unit: AmountUnit?, unitLabel: String?)? {
        // Both lines have a colon (`:` or `：`, whose UTF-8 ends in 9A): most cells have none.
        guard t.utf8.contains(where: { $0 == 0x3A || $0 == 0x9A }) else { return nil }
        var dept: String?
        var unit: AmountUnit?
        var unitLabel: String?
        var rest = Substring(t)
        var matched = false
        for label in book.departmentLabels {
            if let range = rest.utf8Range(of: label + "：") ?? rest.utf8Range(of: label + ":") {
                var value = rest[range.upperBound...]
                for u in book.unitLabels {
                    if let cut = value.utf8Range(of: u + "：") ?? value.utf8Range(of: u + ":") {
                        value = value[..<cut.lowerBound]
                    }
                }
                dept = String(value)
                matched = true
                rest = rest[range.upperBound...]
                break
            }
        }
        for label in book.unitLabels {
            if let range = rest.utf8Range(of: label + "：") ?? rest.utf8Range(of: label + ":") {
                let value = rest[range.upperBound...]
                if value.hasPrefix(AmountUnit.wanYuan.rawValue) {
                    unit = .wanYuan
                } else if value.hasPrefix(AmountUnit.yuan.rawValue) {
                    unit = .yuan
                }
                if unit != nil { unitLabel = label; matched = true }
                break
            }
        }
        return matched ? (dept, unit, unitLabel) : nil
    }
}
