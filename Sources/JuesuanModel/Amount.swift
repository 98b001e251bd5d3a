/// An exact decimal amount as printed: an integer count of 10^-scale units.
///
/// Amounts never pass through binary floating point inside the model. `scale` is the number of
/// digits after the decimal point as printed, so `0`, `0.0` and `0.00` are different amounts
/// with the same numeric value: `==` compares the printed form, `compare(_:)` the numbers.
///
/// ```swift
/// let a = try Amount(parsing: "1,566,600.00")   // units 156660000, scale 2
/// print(a)                                        // 1566600.00
/// ```
public struct Amount: Hashable, Sendable, CustomStringConvertible {
    /// The value times 10^scale.
    public let units: Int64
    /// Digits after the decimal point, 0 … `Amount.maxScale`.
    public var scale: Int { Int(storedScale) }
    /// Kept in a byte, so that an amount takes 9 bytes and a `Value` 16 (a large table holds
    /// millions of them).
    private let storedScale: UInt8

    /// The most digits after the decimal point an amount may carry.
    public static let maxScale = 10

    /// Makes an amount from its scaled integer; `scale` must be within 0 … `maxScale`.
    public init(units: Int64, scale: Int) {
        precondition((0...Amount.maxScale).contains(scale), "scale \(scale) out of range")
        self.units = units
        self.storedScale = UInt8(scale)
    }

    /// Zero printed with `scale` decimals.
    public static func zero(scale: Int = 2) -> Amount { Amount(units: 0, scale: scale) }

    /// True for 0 at any scale (`0`, `0.00`).
    public var isZero: Bool { units == 0 }
    /// True below zero.
    public var isNegative: Bool { units < 0 }

    /// The plain decimal text: optional `-`, digits, and exactly `scale` decimals; no separators.
    public var description: String {
        let negative = units < 0
        let magnitude = units.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// Parses a decimal as people print it.
    ///
    /// Accepts surrounding white space, a leading `+`/`-` (also `−` and `－`), thousands separators
    /// (`,` or `，`) in groups of three, and a fraction of up to `maxScale` digits. Rejects
    /// exponents, empty text and anything else.
    /// - Throws: `AmountParseError` stating why the text is not an amount.
    public init(parsing text: String) throws(AmountParseError) {
        var s = Substring(text.trimmingSpaces())
        guard !s.isEmpty else { throw AmountParseError(text: text, reason: "is empty") }
        var negative = false
        if let f = s.first, "+-−－".contains(f) {
            negative = f != "+"
            s = s.dropFirst()
        }
        let parts = s.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw AmountParseError(text: text, reason: "has more than one decimal point") }
        let intPart = parts[0]
        let fracPart = parts.count == 2 ? parts[1] : ""
        guard !intPart.isEmpty else {
            throw AmountParseError(text: text, reason: "has no digits before the decimal point")
        }
        if parts.count == 2 && fracPart.isEmpty {
            throw AmountParseError(text: text, reason: "has no digits after the decimal point")
        }
        // Thousands separators: first group 1-3 digits, then groups of exactly 3.
        let groups = intPart.split(separator: ",", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "，", omittingEmptySubsequences: false) }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw AmountParseError(text: text, reason: "has misplaced thousands separators")
            }
        }
        let intDigits = groups.joined()
        guard intDigits.allSatisfy(\.isASCIIDigitChar), fracPart.allSatisfy(\.isASCIIDigitChar) else {
            throw AmountParseError(text: text, reason: "is not a decimal amount")
        }
        guard fracPart.count <= Amount.maxScale else {
            throw AmountParseError(text: text, reason: "has more than \(Amount.maxScale) decimals")
        }
        var value: Int64 = 0
        for ch in intDigits + fracPart {
            let d = Int64(ch.asciiValue! - 48)
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d)
            guard !o1 && !o2 else { throw AmountParseError(text: text, reason: "is too large") }
            value = a
        }
        self.init(units: negative ? -value : value, scale: fracPart.count)
    }

    /// Tries `init(parsing:)`, returning nil instead of throwing.
    public init?(_ text: String) {
        // Without an ASCII digit it cannot be one (and most texts asked about are labels): no
        // error value is made.
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), let a = try? Amount(parsing: text) else {
            return nil
        }
        self = a
    }

    /// The amount printed with `newScale` decimals, rounding half away from zero (四舍五入).
    /// - Throws: `AmountArithmeticError.overflow` when the result does not fit.
    public func rescaled(to newScale: Int) throws(AmountArithmeticError) -> Amount {
        precondition((0...Amount.maxScale).contains(newScale))
        if newScale == scale { return self }
        if newScale > scale {
            let (v, o) = units.multipliedReportingOverflow(by: Amount.pow10(newScale - scale))
            if o { throw .overflow }
            return Amount(units: v, scale: newScale)
        }
        return Amount(units: Amount.divideRoundingHalfUp(units, by: Amount.pow10(scale - newScale)), scale: newScale)
    }

    /// The same amount in another unit: 元 → 万元 divides by 10,000 keeping the printed scale and
    /// rounding half up; 万元 → 元 multiplies by 10,000.
    public func converted(from: AmountUnit, to: AmountUnit) throws(AmountArithmeticError) -> Amount {
        switch (from, to) {
        case (.yuan, .yuan), (.wanYuan, .wanYuan):
            return self
        case (.wanYuan, .yuan):
            let (v, o) = units.multipliedReportingOverflow(by: 10_000)
            if o { throw .overflow }
            return Amount(units: v, scale: scale)
        case (.yuan, .wanYuan):
            return Amount(units: Amount.divideRoundingHalfUp(units, by: 10_000), scale: scale)
        }
    }

    /// Compares numeric values, ignoring the printed scale.
    public func compare(_ other: Amount) -> ComparisonResult3 {
        let s = max(scale, other.scale)
        // Compare in 128-bit space so rescaling never overflows.
        let a = Amount.widened(self, to: s)
        let b = Amount.widened(other, to: s)
        return a < b ? .less : (a > b ? .greater : .equal)
    }

    /// True when both amounts have the same numeric value (`0` and `0.00` are numerically equal).
    public func isNumericallyEqual(to other: Amount) -> Bool { compare(other) == .equal }

    /// The amount nearest to a double at `scale` decimals, and whether the double was exactly that.
    ///
    /// This is the one place a binary floating-point number (a numeric XLSX cell) becomes an amount.
    /// Returns nil for NaN, infinities and magnitudes that do not fit.
    public static func nearest(to double: Double, scale: Int) -> (amount: Amount, exact: Bool)? {
        guard double.isFinite, (0...maxScale).contains(scale) else { return nil }
        let scaled = double * Double(pow10(scale))
        guard abs(scaled) < 9.0e18 else { return nil }
        let rounded = scaled.rounded(.toNearestOrAwayFromZero)
        let amount = Amount(units: Int64(rounded), scale: scale)
        // Exact when the amount's own nearest double is the same double.
        return (amount, amount.doubleValue == double)
    }

    /// The shortest amount that reads back as `double` (what a spreadsheet shows in General format),
    /// limited to `maxScale` decimals. Returns nil for NaN, infinities and out-of-range values.
    public static func shortest(for double: Double) -> Amount? {
        guard double.isFinite else { return nil }
        for s in 0...maxScale {
            if let (a, exact) = nearest(to: double, scale: s), exact { return a }
        }
        guard var a = nearest(to: double, scale: maxScale)?.amount else { return nil }
        while a.scale > 0 && a.units % 10 == 0 { a = Amount(units: a.units / 10, scale: a.scale - 1) }
        return a
    }

    /// Sum of amounts at the widest scale among them; nil on overflow.
    public static func sum<S: Sequence>(_ amounts: S) -> Amount? where S.Element == Amount {
        let list = Array(amounts)
        let s = list.map(\.scale).max() ?? 0
        var total: Int64 = 0
        for a in list {
            guard let w = try? a.rescaled(to: s) else { return nil }
            let (t, o) = total.addingReportingOverflow(w.units)
            if o { return nil }
            total = t
        }
        return Amount(units: total, scale: s)
    }

    /// `self - other` at the wider scale; nil on overflow.
    public func subtracting(_ other: Amount) -> Amount? {
        let s = max(scale, other.scale)
        guard let a = try? rescaled(to: s), let b = try? other.rescaled(to: s) else { return nil }
        let (d, o) = a.units.subtractingReportingOverflow(b.units)
        return o ? nil : Amount(units: d, scale: s)
    }

    /// The double nearest this amount (what parsing its text would give).
    public var doubleValue: Double {
        // Below 10^15 the integer and the power of ten are exact doubles, and one division rounds
        // correctly (Clinger's fast path); otherwise let the text parser do it.
        if units.magnitude < 1_000_000_000_000_000 {
            return Double(units) / Double(Amount.pow10(scale))
        }
        return Double(description) ?? .nan
    }

    /// The absolute value.
    public var magnitude: Amount { Amount(units: units == .min ? .max : abs(units), scale: scale) }

    // MARK: helpers

    static func pow10(_ n: Int) -> Int64 {
        var r: Int64 = 1
        for _ in 0..<n { r *= 10 }
        return r
    }

    static func divideRoundingHalfUp(_ v: Int64, by d: Int64) -> Int64 {
        let q = v / d
        let r = v % d
        if r.magnitude * 2 >= d.magnitude { return v < 0 ? q - 1 : q + 1 }
        return q
    }

    private static func widened(_ a: Amount, to s: Int) -> (high: Int64, low: UInt64) {
        // a.units * 10^(s - a.scale) as a 128-bit (high, low) pair, compared lexicographically.
        let m = Int64(pow10(s - a.scale))
        let r = a.units.multipliedFullWidth(by: m)
        return (r.high, r.low)
    }
}

/// The result of comparing two numeric values.
public enum ComparisonResult3: Sendable { case less, equal, greater }

/// Why a text is not an amount.
public struct AmountParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that was not an amount.
    public var text: String
    /// Why it was not one.
    public var reason: String
    /// `"12,3x" is not a decimal amount`.
    public var description: String { "\"\(text)\" \(reason)" }
}

/// Arithmetic on amounts that did not fit in 64 bits.
public enum AmountArithmeticError: Error, Sendable { case overflow }

extension Character {
    var isASCIIDigitChar: Bool { isASCII && isNumber }
}

extension String {
    /// The text without leading and trailing white space (ASCII and ideographic).
    func trimmingSpaces() -> String {
        // Nothing to trim (the common case): no new string.
        guard let f = first, let l = last, !f.isWhitespace, !l.isWhitespace else {
            return trimmedSlow()
        }
        return self
    }

    private func trimmedSlow() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
