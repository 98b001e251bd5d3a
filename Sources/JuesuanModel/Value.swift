/// The unit a document's amounts are printed in (the 金额单位 line).
public enum AmountUnit: String, Codable, Sendable, CaseIterable {
    /// 元.
    case yuan = "元"
    /// 万元 (ten thousand 元), the unit of most published tables.
    case wanYuan = "万元"
}

/// What one non-blank amount cell of a table holds: an amount as printed, or a dash.
///
/// A blank cell is not a `Value`: it is the absence of the column in `Row.values`, so blank,
/// `0`, `0.00` and `—` stay four different things.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    /// A number, with the decimals it was printed with.
    case amount(Amount)
    /// A dash standing for zero/nothing (`—`, `-`, `——`, `－` …), kept exactly as printed.
    case dash(String)

    /// The texts read as a dash: one to three of these characters.
    static let dashCharacters: Set<Character> = ["—", "-", "－", "–", "―", "─", "━"]

    /// True when `text` (trimmed) is a dash standing for no amount.
    public static func isDash(_ text: String) -> Bool {
        let t = text.trimmingSpaces()
        return (1...3).contains(t.count) && t.allSatisfy { dashCharacters.contains($0) }
    }

    /// Reads a value from text: a dash, or a decimal amount (thousands separators allowed).
    /// - Throws: `AmountParseError` when the text is neither.
    public init(parsing text: String) throws(AmountParseError) {
        if Value.isDash(text) {
            self = .dash(text.trimmingSpaces())
        } else {
            self = .amount(try Amount(parsing: text))
        }
    }

    /// The amount, or nil for a dash.
    public var amount: Amount? {
        if case .amount(let a) = self { return a }
        return nil
    }

    /// The numeric value for arithmetic: a dash counts as zero.
    public var numeric: Amount {
        switch self {
        case .amount(let a): return a
        case .dash: return .zero(scale: 0)
        }
    }

    /// The JSON/CSV text: the plain decimal, or the dash as printed.
    public var description: String {
        switch self {
        case .amount(let a): return a.description
        case .dash(let d): return d
        }
    }
}
