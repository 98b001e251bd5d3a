import Foundation

/// Reading amounts as people type them into spreadsheet cells, for import only (JSON stays strict:
/// `Value(parsing:)`).
public enum AmountText {
    /// Reads a typed amount: full-width digits, point, comma and minus (NFKC), a leading `¥`/`￥`,
    /// a trailing `元`/`万元`, `(1,234.00)` and a trailing minus (`1,234.00-`) for negatives, and
    /// everything `Value(parsing:)` reads (dashes, thousands separators). Nil for anything else.
    public static func lenient(_ text: String) -> Value? {
        // Most texts asked about are labels: without a digit of any script (what NFKC could turn
        // into one) a text is a dash or nothing, decided without parsing.
        guard
            text.unicodeScalars.contains(where: {
                $0.value < 0x80 ? ($0.value >= 0x30 && $0.value <= 0x39) : $0.properties.numericType != nil
            })
        else { return Value.isDash(text) ? .dash(text.trimmingSpaces()) : nil }
        if let v = try? Value(parsing: text) { return v }
        var s = text.precomposedStringWithCompatibilityMapping.trimmingSpaces()
        if Value.isDash(s) { return .dash(s) }
        var negative = false
        if s.hasPrefix("(") && s.hasSuffix(")") && s.count > 2 {
            negative = true
            s = String(s.dropFirst().dropLast()).trimmingSpaces()
        }
        if let last = s.last, s.count > 1, "-−".contains(last) {
            guard !negative else { return nil }
            negative = true
            s = String(s.dropLast()).trimmingSpaces()
        }
        for unit in ["万元", "元"] where s.hasSuffix(unit) {
            s = String(s.dropLast(unit.count)).trimmingSpaces()
            break
        }
        // A minus may stand before or after the currency sign: -¥12.00, ¥-12.00.
        var sign = ""
        if let f = s.first, "-−+".contains(f) { sign = String(f); s = String(s.dropFirst()) }
        if let f = s.first, f == "¥" || f == "￥" { s = String(s.dropFirst()).trimmingSpaces() }
        if sign.isEmpty, let f = s.first, "-−+".contains(f) { sign = String(f); s = String(s.dropFirst()) }
        if !sign.isEmpty && negative { return nil }
        guard let first = s.first, first.isASCII && first.isNumber else { return nil }
        guard var a = try? Amount(parsing: sign + s) else { return nil }
        if negative { a = Amount(units: -a.units, scale: a.scale) }
        return .amount(a)
    }
}
