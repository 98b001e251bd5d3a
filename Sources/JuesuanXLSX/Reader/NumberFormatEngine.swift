import Foundation
import JuesuanModel

// The number-format engine (ECMA-376 Part 1 §18.8.30–31): a format code is parsed once into
// sections; `FormatCode.format(_:)` turns a cell's number into the text a spreadsheet shows and
// the number that text shows (an exact decimal, digits as printed). It knows nothing of 元 or 万元:
// what a shown number means for a table is the recogniser's business.

/// What a format shows for one number.
public struct FormattedNumber: Sendable, Equatable {
    /// The text as a spreadsheet shows it (padding `_x` as one space, fill `*x` left out).
    public var text: String
    /// The number the text shows, as an exact decimal with the decimals shown (after percent ×100,
    /// trailing-comma ÷1000 and a literal point); nil when the section shows no digits (a hidden
    /// zero, `"-"`), a fraction, or a number too large for an `Amount`.
    public var shown: Amount?
    /// The power of ten between the stored and the shown number (`0!.0000` → -4, `0.00,,` → -6,
    /// `0%` → 2): shown ≈ stored × 10^shift. 0 for most formats.
    public var shift: Int
    /// True when the text shows no digit at all (`[=0]""`, `;;;`, `"-"`, 0 under `#,###` or
    /// the accounting `_ * "-"??_ `).
    public var showsNoDigits: Bool
}

/// A parsed number format code: up to four sections with conditions, colours, locale and
/// `[DBNum]` tags, literals and placeholders.
///
/// ```swift
/// let f = FormatCode("[=0]\"\";#,##0.00")
/// f.format(263.72).text    // "263.72"
/// f.format(0).text         // ""
/// FormatCode("0!.0000").format(2637200).shown   // 263.7200
/// ```
public final class FormatCode: Sendable, CustomStringConvertible {
    /// The code as written in styles.xml (or the built-in code for the id).
    public let code: String
    let sections: [FormatSection]

    public var description: String { code }

    /// Parses a format code. Never fails: what cannot be read is shown literally.
    public init(_ code: String) {
        self.code = code
        sections = FormatCode.splitSections(code).map(FormatSection.init(parsing:))
    }

    /// The general format (what a cell without a number format shows).
    public static let general = FormatCode("General")

    /// The kind of value the first section formats (dates and times are read as dates).
    public var kind: NumberFormat.Kind {
        guard let first = sections.first else { return .general }
        switch first.kind {
        case .general: return .general
        case .text: return .text
        case .date(let hasDate, let hasTime):
            return hasDate && hasTime ? .dateTime : hasDate ? .date : .time
        case .number: return first.percentCount > 0 ? .percent : .number
        case .literal: return .number
        }
    }

    /// True when a number is shown as General (no numeric section of its own).
    public var isGeneral: Bool {
        guard let first = sections.first else { return true }
        if case .general = first.kind, sections.count == 1 { return true }
        return false
    }

    /// Formats a number.
    public func format(_ value: Double) -> FormattedNumber {
        guard value.isFinite else { return FormattedNumber(text: "#NUM!", shown: nil, shift: 0, showsNoDigits: true) }
        let (section, dropMinus) = pick(value)
        guard let section else { return FormatSection.generalSection.render(value, dropMinus: false) }
        return section.render(value, dropMinus: dropMinus)
    }

    /// Formats a text cell: the text section (a fourth section, or a section with `@`), or the text as is.
    public func format(text: String) -> String {
        let numeric = sections.filter { !$0.isTextSection }
        if let t = sections.first(where: \.isTextSection), sections.count == 4 || numeric.isEmpty || t.hasAt {
            return t.renderText(text)
        }
        return text
    }

    /// The section for `value` and whether its minus sign is implied by the section (not printed).
    func pick(_ value: Double) -> (FormatSection?, Bool) {
        let numeric = Array(sections.prefix(3).filter { !$0.isTextSection || $0.kind.isLiteralLike })
        let list = numeric.isEmpty ? Array(sections.prefix(1)) : numeric
        if list.isEmpty { return (nil, false) }
        if list.contains(where: { $0.condition != nil }) {
            for s in list.prefix(2) {
                if let c = s.condition, c.matches(value) { return (s, c.impliesMinus && value < 0) }
            }
            // The first section without a condition formats everything else; a section after
            // two conditional ones likewise.
            if let other = list.first(where: { $0.condition == nil }) {
                let index = list.firstIndex { $0 === other }!
                // A second section without a condition takes the negative numbers without their
                // minus, as in a format without conditions (LibreOffice: `[=0]"";0.00` shows 1.00 for -1).
                return (other, value < 0 && index == 1)
            }
            return (nil, false)
        }
        switch list.count {
        case 1: return (list[0], false)
        case 2: return value < 0 ? (list[1], true) : (list[0], false)
        default: return value < 0 ? (list[1], true) : value == 0 ? (list[2], false) : (list[0], false)
        }
    }

    /// Splits on `;` outside quotes, escapes and brackets.
    static func splitSections(_ code: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quoted = false, bracket = false, escape = false
        for ch in code {
            if escape { cur.append(ch); escape = false; continue }
            if quoted { cur.append(ch); if ch == "\"" { quoted = false }; continue }
            if bracket { cur.append(ch); if ch == "]" { bracket = false }; continue }
            switch ch {
            case "\\", "!", "_", "*": cur.append(ch); escape = true
            case "\"": cur.append(ch); quoted = true
            case "[": cur.append(ch); bracket = true
            case ";": out.append(cur); cur = ""
            default: cur.append(ch)
            }
        }
        out.append(cur)
        return Array(out.prefix(4))
    }
}

/// A section's condition, `[>=100]`.
struct FormatCondition: Sendable {
    enum Op: String, Sendable { case eq = "=", ne = "<>", lt = "<", le = "<=", gt = ">", ge = ">=" }
    var op: Op
    var limit: Double

    func matches(_ v: Double) -> Bool {
        switch op {
        case .eq: return v == limit
        case .ne: return v != limit
        case .lt: return v < limit
        case .le: return v <= limit
        case .gt: return v > limit
        case .ge: return v >= limit
        }
    }

    /// `[<0]`, `[<=0]` and the like: a section for negative numbers, printed without their minus.
    var impliesMinus: Bool { (op == .lt && limit <= 0) || (op == .le && limit < 0) }
    /// `[>=0]`, `[>0]`: the section after it takes the negative numbers.
    var coversNonNegative: Bool { (op == .ge || op == .gt) && limit == 0 }

    /// Parses `>=100`, `=0`, `<-1.5`; nil when it is not a condition.
    init?(_ s: Substring) {
        var rest = s
        var opText = ""
        while let c = rest.first, "<>=".contains(c) { opText.append(c); rest = rest.dropFirst() }
        guard !opText.isEmpty, let op = Op(rawValue: opText == "=<" ? "<=" : opText == "=>" ? ">=" : opText),
            let limit = Double(rest.trimmingCharacters(in: .whitespaces))
        else { return nil }
        self.op = op
        self.limit = limit
    }
}

/// One token of a section.
enum FormatToken: Sendable, Equatable {
    case literal(String)
    /// `0`, `#` or `?`.
    case digit(Character)
    case point
    case comma
    case percent
    /// `E+`/`E-` (plus: show `+` for positive exponents).
    case exponent(plus: Bool)
    case slash
    case at
    case general
    /// A date/time part: `yyyy`, `m`, `mm`, `d`, `h`, `ss`, `AM/PM`, `[h]`, `.0` (fractional seconds) ….
    case date(String)
    /// `_x`: a space as wide as x.
    case pad(Character)
    /// `*x`: fill with x (left out of the text).
    case fill(Character)
}

/// One section of a format code.
final class FormatSection: Sendable {
    enum Kind: Sendable {
        case general, text, number, literal
        case date(hasDate: Bool, hasTime: Bool)
        var isLiteralLike: Bool { if case .literal = self { return true } else { return false } }
    }
    let tokens: [FormatToken]
    let condition: FormatCondition?
    /// 1, 2 or 3 for `[DBNum1]`…`[DBNum3]`.
    let dbNum: Int?
    let kind: Kind
    let percentCount: Int
    let hasAt: Bool
    var isTextSection: Bool {
        if case .text = kind { return true }
        return false
    }

    static let generalSection = FormatSection(parsing: "General")

    init(parsing source: String) {
        var tokens: [FormatToken] = []
        var condition: FormatCondition?
        var dbNum: Int?
        let chars = Array(source)
        var i = 0
        func lit(_ s: String) {
            if case .literal(let prev)? = tokens.last {
                tokens[tokens.count - 1] = .literal(prev + s)
            } else {
                tokens.append(.literal(s))
            }
        }
        while i < chars.count {
            let c = chars[i]
            let lower = Character(c.lowercased())
            switch c {
            case "\"":
                var j = i + 1
                var s = ""
                while j < chars.count && chars[j] != "\"" { s.append(chars[j]); j += 1 }
                // An empty quoted string is still a literal: `[=0]""` shows nothing, deliberately.
                tokens.append(.literal(s))
                i = j + 1
                continue
            case "\\", "!":
                if i + 1 < chars.count { lit(String(chars[i + 1])) }
                i += 2
                continue
            case "_":
                if i + 1 < chars.count { tokens.append(.pad(chars[i + 1])) }
                i += 2
                continue
            case "*":
                if i + 1 < chars.count { tokens.append(.fill(chars[i + 1])) }
                i += 2
                continue
            case "[":
                guard let close = chars[i...].firstIndex(of: "]") else {
                    lit(String(chars[i...])); i = chars.count; continue
                }
                let inner = String(chars[(i + 1)..<close])
                let upper = inner.uppercased()
                if let cond = FormatCondition(Substring(inner)) {
                    condition = cond
                } else if upper.hasPrefix("DBNUM"), let n = Int(upper.dropFirst(5)) {
                    dbNum = n
                } else if inner.hasPrefix("$") {
                    // [$¥-804]: the currency text before the locale id is shown; [$-804] shows nothing.
                    let body = inner.dropFirst()
                    let text = body.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    if !text.isEmpty { lit(String(text)) }
                } else if !upper.isEmpty, upper.allSatisfy({ "HMS".contains($0) }) {
                    tokens.append(.date("[" + inner.lowercased() + "]"))
                }
                // Colours ([Red], [Color10]), [NatNum], other tags: not shown.
                i = close + 1
                continue
            case "0", "#", "?":
                tokens.append(.digit(c))
            case ".":
                // A point after seconds is a fraction of seconds (`ss.00`).
                if case .date(let d)? = tokens.last, d.hasPrefix("s") || d == "[ss]" || d == "[s]" {
                    var j = i + 1
                    var z = "."
                    while j < chars.count && chars[j] == "0" { z.append("0"); j += 1 }
                    tokens.append(.date(z))
                    i = j
                    continue
                }
                tokens.append(.point)
            case ",":
                tokens.append(.comma)
            case "%":
                tokens.append(.percent)
            case "/":
                tokens.append(.slash)
            case "@":
                tokens.append(.at)
            case "E", "e":
                if i + 1 < chars.count, chars[i + 1] == "+" || chars[i + 1] == "-",
                    tokens.contains(where: { if case .digit = $0 { return true } else { return false } })
                {
                    tokens.append(.exponent(plus: chars[i + 1] == "+"))
                    i += 2
                    continue
                }
                if c == "e" { tokens.append(.date("e")) } else { lit("E") }
            case "G", "g":
                if chars.count - i >= 7, String(chars[i..<(i + 7)]).lowercased() == "general" {
                    tokens.append(.general)
                    i += 7
                    continue
                }
                tokens.append(.date("g"))
            case "A", "a":
                let rest = String(chars[i...]).uppercased()
                if rest.hasPrefix("AM/PM") {
                    tokens.append(.date("AM/PM")); i += 5; continue
                } else if rest.hasPrefix("A/P") {
                    tokens.append(.date(String(chars[i..<(i + 3)]))); i += 3; continue
                }
                lit(String(c))
            case "上":
                if String(chars[i...]).hasPrefix("上午/下午") {
                    tokens.append(.date("上午/下午")); i += 5; continue
                }
                lit(String(c))
            default:
                if "ymdhsb".contains(lower) {
                    var j = i
                    while j < chars.count && Character(chars[j].lowercased()) == lower { j += 1 }
                    tokens.append(.date(String(repeating: lower, count: j - i)))
                    i = j
                    continue
                }
                lit(String(c))
            }
            i += 1
        }
        // `m` after an hour or before seconds is minutes.
        var resolved = tokens
        for (k, t) in tokens.enumerated() {
            guard case .date(let d) = t, d == "m" || d == "mm" else { continue }
            let before = tokens[..<k].reversed().first { if case .date = $0 { return true } else { return false } }
            let after = tokens[(k + 1)...].first { if case .date = $0 { return true } else { return false } }
            var minute = false
            if case .date(let b)? = before, b.hasPrefix("h") || b.hasPrefix("[h") { minute = true }
            if case .date(let a)? = after, a.hasPrefix("s") || a.hasPrefix("[s") { minute = true }
            if minute { resolved[k] = .date(d == "m" ? "n" : "nn") }
        }
        self.tokens = resolved
        self.condition = condition
        self.dbNum = dbNum
        var hasDate = false, hasTime = false, hasDigit = false, hasAt = false, hasGeneral = false
        var percents = 0
        for t in resolved {
            switch t {
            case .date(let d):
                if d.hasPrefix("h") || d.hasPrefix("n") || d.hasPrefix("s") || d.hasPrefix("[") || d == "AM/PM"
                    || d.lowercased() == "a/p" || d == "上午/下午" || d.hasPrefix(".")
                {
                    hasTime = true
                } else {
                    hasDate = true
                }
            case .digit: hasDigit = true
            case .at: hasAt = true
            case .general: hasGeneral = true
            case .percent: percents += 1
            default: break
            }
        }
        self.hasAt = hasAt
        percentCount = percents
        if hasDate || hasTime {
            kind = .date(hasDate: hasDate, hasTime: hasTime)
        } else if hasGeneral {
            kind = .general
        } else if hasDigit {
            kind = .number
        } else if hasAt {
            kind = .text
        } else {
            kind = .literal
        }
    }

    /// Formats text with this (text) section: `@` is the text, the rest literal.
    func renderText(_ text: String) -> String {
        var out = ""
        for t in tokens {
            switch t {
            case .at: out += text
            case .literal(let s): out += s
            case .pad: out += " "
            default: break
            }
        }
        return out
    }

    func render(_ value: Double, dropMinus: Bool) -> FormattedNumber {
        switch kind {
        case .general:
            return renderGeneral(value, dropMinus: dropMinus)
        case .date:
            // Dates are read as dates by the sheet reader; here only for `cells` and the oracle test.
            return FormattedNumber(
                text: DateRendering.render(tokens, serial: value), shown: nil, shift: 0, showsNoDigits: true)
        case .text, .literal:
            var out = ""
            for t in tokens {
                switch t {
                case .literal(let s): out += s
                case .pad: out += " "
                case .percent: out += "%"
                case .at: out += Self.generalText(value)
                case .general: out += Self.generalText(value)
                default: break
                }
            }
            if value < 0 && !dropMinus && !out.isEmpty, case .literal = kind { out = "-" + out }
            return FormattedNumber(text: applyDBNum(out), shown: nil, shift: 0, showsNoDigits: true)
        case .number:
            return renderNumber(value, dropMinus: dropMinus)
        }
    }

    func renderGeneral(_ value: Double, dropMinus: Bool) -> FormattedNumber {
        var core = Self.generalText(dropMinus ? abs(value) : value)
        var out = ""
        for t in tokens {
            switch t {
            case .general: out += core; core = ""
            case .literal(let s): out += s
            case .pad: out += " "
            default: break
            }
        }
        // The number keeps its sign even where the section prints none (`General;(General)`).
        let shown = Amount.shortest(for: value)
        return FormattedNumber(text: applyDBNum(out), shown: shown, shift: 0, showsNoDigits: false)
    }

    /// Excel's General: at most 11 characters for the number (10 significant digits and the
    /// point), scientific from 1E+11 up and below 1E-9.
    static func generalText(_ value: Double) -> String {
        if value == 0 { return "0" }
        let a = abs(value)
        let sign = value < 0 ? "-" : ""
        if a >= 1e11 || a < 1e-9 {
            // 1.23457E+11: six significant digits, trailing zeros dropped.
            var d = DecimalDigits(a)
            let e = d.pointPos - 1
            d.pointPos = 1
            d.round(fraction: 5)
            var exp = e
            if d.pointPos > 1 { exp += 1; d.pointPos = 1; d.digits = Array(d.digits.prefix(1)) }
            var (i, f) = d.parts(fraction: 5)
            while f.last == "0" { f.removeLast() }
            if i.isEmpty { i = "0" }
            let es = String(abs(exp))
            return sign + i + (f.isEmpty ? "" : "." + f) + "E" + (exp < 0 ? "-" : "+")
                + (es.count < 2 ? "0" + es : es)
        }
        var d = DecimalDigits(a)
        let intDigits = max(d.pointPos, 1)
        let decimals = max(0, 10 - intDigits)
        d.round(fraction: decimals)
        var (i, f) = d.parts(fraction: decimals)
        while f.last == "0" { f.removeLast() }
        if i.isEmpty { i = "0" }
        return sign + i + (f.isEmpty ? "" : "." + f)
    }

    func renderNumber(_ value: Double, dropMinus: Bool) -> FormattedNumber {
        // Layout: integer placeholders, the real point, fraction placeholders, exponent, fraction (/).
        var intCount = 0, fracCount = 0, expCount = 0
        var seenPoint = false, seenExp = false, seenSlash = false
        var lastDigitIndex = -1
        for (k, t) in tokens.enumerated() {
            switch t {
            case .digit:
                lastDigitIndex = k
                if seenExp { expCount += 1 } else if seenPoint { fracCount += 1 } else if !seenSlash { intCount += 1 }
            case .point where !seenPoint && !seenExp && !seenSlash: seenPoint = true
            case .exponent: seenExp = true
            case .slash: seenSlash = true
            default: break
            }
        }
        if seenSlash { return renderFraction(value, dropMinus: dropMinus) }
        // Commas: between integer placeholders → grouping; right after the last placeholder → ÷1000 each.
        var grouping = false
        var scaleCommas = 0
        var firstDigit = -1
        for (k, t) in tokens.enumerated() {
            if case .digit = t, firstDigit < 0 { firstDigit = k }
        }
        var pointIndex = tokens.count
        if let p = tokens.firstIndex(of: .point) { pointIndex = p }
        for (k, t) in tokens.enumerated() where t == .comma {
            if k > lastDigitIndex && lastDigitIndex >= 0 {
                scaleCommas += 1
            } else if k > firstDigit && firstDigit >= 0 {
                // A comma followed by more digit placeholders: grouping when in the integer part,
                // scaling when only a point follows (`0,.00`).
                let nextDigit = tokens[(k + 1)...].firstIndex {
                    if case .digit = $0 { return true } else { return false }
                }
                if let n = nextDigit, n < pointIndex { grouping = true } else if k < pointIndex { scaleCommas += 1 }
            }
        }
        let shift = 2 * percentCount - 3 * scaleCommas
        var d = DecimalDigits(abs(value))
        d.pointPos += shift
        let negative = value < 0
        var text = ""
        var shownDigits = ""
        var shownScale = 0

        if seenExp {
            return renderScientific(
                d, negative: negative && !dropMinus, intCount: intCount, fracCount: fracCount, expCount: expCount,
                shift: shift, valueNegative: negative)
        }
        d.round(fraction: fracCount)
        let (intDigits, fracDigits) = d.parts(fraction: fracCount)
        // Integer placeholders, right-aligned; the first one takes any extra digits.
        let intChars = Array(intDigits)
        var intPlaceholder = 0
        var fracPlaceholder = 0
        // Trailing zeros of `#`/`?` fraction placeholders.
        let fracChars = Array(fracDigits)
        var fracTypes: [Character] = []
        for (k, t) in tokens.enumerated() where k > pointIndex {
            if case .digit(let c) = t, fracTypes.count < fracCount { fracTypes.append(c) }
        }
        var keepFrac = fracCount
        while keepFrac > 0 && fracChars[keepFrac - 1] == "0" && fracTypes[keepFrac - 1] != "0" { keepFrac -= 1 }
        var afterPoint = false
        var literalPointAt: Int?  // integer placeholders seen when a literal "." was printed
        for (k, t) in tokens.enumerated() {
            switch t {
            case .digit(let c):
                if !afterPoint {
                    let pos = intCount - 1 - intPlaceholder  // position from the right
                    if intPlaceholder == 0 && intChars.count > intCount {
                        for (n, ch) in intChars.prefix(intChars.count - intCount).enumerated() {
                            text.append(ch)
                            shownDigits.append(ch)
                            let q = intChars.count - 1 - n
                            if grouping && q % 3 == 0 && q > 0 { text.append(",") }
                        }
                    }
                    let idx = intChars.count - 1 - pos
                    if idx >= 0 {
                        text.append(intChars[idx]); shownDigits.append(intChars[idx])
                        if grouping && pos % 3 == 0 && pos > 0 { text.append(",") }
                    } else if c == "0" {
                        text.append("0"); shownDigits.append("0")
                        if grouping && pos % 3 == 0 && pos > 0 { text.append(",") }
                    } else if c == "?" {
                        text.append(" ")
                    }
                    intPlaceholder += 1
                } else {
                    let j = fracPlaceholder
                    if j < keepFrac {
                        text.append(fracChars[j]); shownDigits.append(fracChars[j]); shownScale += 1
                    } else if c == "?" {
                        text.append(" ")
                    }
                    fracPlaceholder += 1
                }
            case .point:
                if !afterPoint && k == pointIndex {
                    afterPoint = true
                    // `#.##` shows no point when no fraction digit is shown (LibreOffice; Excel shows `1.`).
                    if keepFrac > 0 || fracTypes.contains(where: { $0 != "#" }) { text.append(".") }
                } else {
                    text.append(".")
                }
            case .literal(let s):
                if s == "." && !afterPoint && intPlaceholder > 0 && intPlaceholder < intCount && literalPointAt == nil {
                    literalPointAt = intPlaceholder
                }
                text += s
            case .percent: text += "%"
            case .pad: text += " "
            case .comma, .fill, .exponent, .slash, .date: break
            case .at: text += Self.generalText(value)
            case .general: text += Self.generalText(value)
            }
        }
        var totalShift = shift
        if let at = literalPointAt, pointIndex == tokens.count {
            // A literal point between integer placeholders: the digits after it read as decimals.
            let after = intCount - at
            shownScale = after
            totalShift -= after
        }
        let isZero = shownDigits.allSatisfy { $0 == "0" }
        if negative && !dropMinus && !(isZero && Self.hidesNegativeZero) { text = "-" + text }
        var shown: Amount?
        if shownScale <= Amount.maxScale, shownDigits.count <= 18 {
            let units = Int64(shownDigits.isEmpty ? "0" : shownDigits) ?? 0
            shown = Amount(units: negative && !isZero ? -units : units, scale: shownScale)
        }
        // `#` and `?` placeholders alone show no digit for 0 (`_ * "-"??_ ` shows only the dash).
        return FormattedNumber(
            text: applyDBNum(text), shown: shown, shift: totalShift, showsNoDigits: shownDigits.isEmpty)
    }

    /// Whether a value rounded to zero keeps its minus (`-0.00`); LibreOffice drops it.
    static let hidesNegativeZero = true

    func renderScientific(
        _ input: DecimalDigits, negative: Bool, intCount: Int, fracCount: Int, expCount: Int, shift: Int,
        valueNegative: Bool
    ) -> FormattedNumber {
        var d = input
        let hasHash = tokens.contains(.digit("#")) || tokens.contains(.digit("?"))
        var exp = 0
        if !d.isZero {
            let e0 = d.pointPos - 1
            let n = max(intCount, 1)
            exp = hasHash && n > 1 ? Int((Double(e0) / Double(n)).rounded(.down)) * n : e0 - (n - 1)
            d.pointPos -= exp
            d.round(fraction: fracCount)
            if !hasHash && d.pointPos > n { exp += 1; d.pointPos -= 1 }
        }
        let (i, f) = d.parts(fraction: fracCount)
        var text = negative ? "-" : ""
        var afterPoint = false, afterExp = false
        var intPlaceholder = 0, fracPlaceholder = 0
        let intChars = Array(i)
        let fracChars = Array(f)
        var expDone = false
        for t in tokens {
            switch t {
            case .digit(let c):
                if afterExp {
                    if !expDone {
                        let es = String(abs(exp))
                        text += String(repeating: "0", count: max(0, expCount - es.count)) + es
                        expDone = true
                    }
                } else if afterPoint {
                    if fracPlaceholder < fracChars.count { text.append(fracChars[fracPlaceholder]) }
                    fracPlaceholder += 1
                } else {
                    let pos = intCount - 1 - intPlaceholder
                    if intPlaceholder == 0 && intChars.count > intCount {
                        text += String(intChars.prefix(intChars.count - intCount))
                    }
                    let idx = intChars.count - 1 - pos
                    if idx >= 0 {
                        text.append(intChars[idx])
                    } else if c == "0" {
                        text.append("0")
                    } else if c == "?" {
                        text.append(" ")
                    }
                    intPlaceholder += 1
                }
            case .point where !afterExp: afterPoint = true; text.append(".")
            case .exponent(let plus):
                afterExp = true
                text += "E" + (exp < 0 ? "-" : plus ? "+" : "")
            case .literal(let s): text += s
            case .percent: text += "%"
            case .pad: text += " "
            default: break
            }
        }
        var shown: Amount?
        if var a = Amount(i.isEmpty ? "0" : i + (f.isEmpty ? "" : "." + f)) {
            // mantissa × 10^exp, within an Amount's range.
            var ok = true
            if exp > 0 {
                for _ in 0..<exp {
                    let (v, o) = a.units.multipliedReportingOverflow(by: 10)
                    if o { ok = false; break }
                    a = Amount(units: v, scale: a.scale)
                }
            } else if exp < 0 {
                if a.scale - exp <= Amount.maxScale {
                    a = Amount(units: a.units, scale: a.scale - exp)
                } else {
                    ok = false
                }
            }
            if ok { shown = valueNegative && !a.isZero ? Amount(units: -a.units, scale: a.scale) : a }
        }
        return FormattedNumber(text: applyDBNum(text), shown: shown, shift: shift, showsNoDigits: false)
    }

    /// `# ?/?`, `# ??/??`, `?/8`: the nearest fraction with the denominator's digits (or the fixed denominator).
    func renderFraction(_ value: Double, dropMinus: Bool) -> FormattedNumber {
        var whole: [FormatToken] = [], num: [FormatToken] = [], den: [FormatToken] = []
        // Split: tokens up to the numerator (the digit run before the slash) are the whole part.
        guard let slash = tokens.firstIndex(of: .slash) else {
            return FormattedNumber(text: Self.generalText(value), shown: nil, shift: 0, showsNoDigits: false)
        }
        var numStart = slash
        while numStart > 0, case .digit = tokens[numStart - 1] { numStart -= 1 }
        num = Array(tokens[numStart..<slash])
        whole = Array(tokens[..<numStart])
        den = Array(tokens[(slash + 1)...])
        let hasWhole = whole.contains { if case .digit = $0 { return true } else { return false } }
        let a = abs(value)
        var intPart = hasWhole ? a.rounded(.down) : 0
        let frac = a - intPart
        let denDigits = den.filter { if case .digit = $0 { return true } else { return false } }.count
        var fixed: Int?
        var denTail = ""
        if case .literal(let s)? = den.first, let n = Int(s.prefix { $0.isASCIIDigit }) {
            fixed = n
            denTail = String(s.drop { $0.isASCIIDigit })
        }
        var n = 0, q = 1
        if let fixed, fixed > 0 {
            n = Int((frac * Double(fixed)).rounded()); q = fixed
        } else {
            let maxDen = max(1, Int(pow(10.0, Double(max(denDigits, 1)))) - 1)
            (n, q) = Self.bestFraction(frac, maxDenominator: maxDen)
        }
        if n == q && hasWhole { intPart += 1; n = 0 }
        var text = value < 0 && !dropMinus && (n != 0 || intPart != 0) ? "-" : ""
        // Whole part.
        let intText = intPart == 0 ? "" : String(Int(intPart))
        var wroteInt = false
        for t in whole {
            switch t {
            case .digit(let c):
                if !wroteInt {
                    wroteInt = true
                    if !intText.isEmpty { text += intText } else if c == "0" || n == 0 { text += "0" }
                }
            case .literal(let s): text += s
            case .pad: text += " "
            default: break
            }
        }
        if n == 0 && hasWhole {
            // Excel and LibreOffice blank the fraction when it is zero.
            let width = num.count + 1 + max(denDigits, String(q).count)
            text += String(repeating: " ", count: width)
        } else {
            let numText = String(hasWhole ? n : n + Int(intPart) * q)
            text += String(repeating: " ", count: max(0, num.count - numText.count)) + numText + "/"
            let qText = String(q)
            text +=
                fixed != nil ? qText + denTail : qText + String(repeating: " ", count: max(0, denDigits - qText.count))
        }
        return FormattedNumber(
            text: applyDBNum(text.hasSuffix(" ") && text.trimmingCharacters(in: .whitespaces).isEmpty ? "0" : text),
            shown: nil, shift: 0, showsNoDigits: false)
    }

    static func bestFraction(_ x: Double, maxDenominator: Int) -> (Int, Int) {
        var best = (Int(x.rounded()), 1)
        var bestErr = abs(x - Double(best.0))
        for q in 1...maxDenominator {
            let p = Int((x * Double(q)).rounded())
            let err = abs(x - Double(p) / Double(q))
            if err < bestErr - 1e-12 { best = (p, q); bestErr = err }
        }
        return best
    }

    /// `[DBNum1]` 一二三, `[DBNum2]` 壹贰叁, `[DBNum3]` full-width digits: the text changes, the number does not.
    func applyDBNum(_ text: String) -> String {
        guard let n = dbNum, (1...3).contains(n) else { return text }
        var out = ""
        var run = ""
        var afterPoint = false
        func flush() {
            guard !run.isEmpty else { return }
            out += ChineseNumerals.render(run, style: n, digitwise: afterPoint)
            run = ""
        }
        for ch in text {
            if ch.isASCIIDigit {
                run.append(ch)
            } else {
                flush()
                afterPoint = ch == "."
                out.append(ch)
            }
        }
        flush()
        return out
    }
}

/// A non-negative decimal as digits: value = 0.d1d2d3… × 10^pointPos (digits before the point = pointPos).
struct DecimalDigits {
    var digits: [UInt8]
    var pointPos: Int

    /// The double's 15 significant digits (what spreadsheets show), exact from there on: its
    /// shortest round-trip digits (Swift's `description`, no Foundation formatting on this path),
    /// rounded half up to 15 digits.
    init(_ value: Double) {
        let a = abs(value)
        guard a != 0, a.isFinite else { digits = []; pointPos = 0; return }
        var ds: [UInt8] = []
        ds.reserveCapacity(17)
        var point: Int?
        var exponent = 0
        var inExponent = false, expNegative = false
        for b in a.description.utf8 {
            if inExponent {
                if b == UInt8(ascii: "-") {
                    expNegative = true
                } else if b >= 48 && b <= 57 {
                    exponent = exponent * 10 + Int(b - 48)
                }
            } else if b >= 48 && b <= 57 {
                ds.append(b - 48)
            } else if b == UInt8(ascii: ".") {
                point = ds.count
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                inExponent = true
            }
        }
        var pos = (point ?? ds.count) + (expNegative ? -exponent : exponent)
        // Leading zeros (0.00123) move the point.
        var lead = 0
        while lead < ds.count && ds[lead] == 0 { lead += 1 }
        ds.removeFirst(lead)
        pos -= lead
        digits = ds
        pointPos = pos
        if digits.count > 15 {
            let keep = 15 - pointPos
            round(fraction: keep)
        }
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { pointPos = 0 }
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounds half away from zero to `fraction` digits after the point.
    mutating func round(fraction: Int) {
        let keep = pointPos + fraction
        guard keep < digits.count else { return }
        if keep < 0 { digits = []; pointPos = 0; return }
        let up = digits[keep] >= 5
        digits = Array(digits[..<keep])
        if up {
            var i = digits.count - 1
            while i >= 0 {
                if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
            }
            if i < 0 { digits.insert(1, at: 0); pointPos += 1 }
        }
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { pointPos = 0 }
    }

    /// Integer digits (no leading zeros, "" for zero) and exactly `fraction` fraction digits.
    func parts(fraction: Int) -> (String, String) {
        var i = ""
        var f = ""
        for k in 0..<max(pointPos, 0) { i.append(Character(String(k < digits.count ? digits[k] : 0))) }
        for k in 0..<fraction {
            let idx = pointPos + k
            f.append(Character(String(idx >= 0 && idx < digits.count ? digits[idx] : 0)))
        }
        while i.first == "0" { i.removeFirst() }
        return (i, f)
    }
}

/// Chinese numerals for `[DBNum1]`…`[DBNum3]`.
enum ChineseNumerals {
    static let lower: [Character] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    static let upper: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    static let lowerUnits = ["", "十", "百", "千"]
    static let upperUnits = ["", "拾", "佰", "仟"]
    static let groups = ["", "万", "亿", "万亿", "亿亿"]

    static func render(_ digits: String, style: Int, digitwise: Bool) -> String {
        if style == 3 {
            return String(digits.unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
        }
        let numerals = style == 2 ? upper : lower
        if digitwise { return String(digits.map { numerals[Int($0.asciiValue! - 48)] }) }
        let ds = digits.drop { $0 == "0" }.map { Int($0.asciiValue! - 48) }
        if ds.isEmpty { return String(numerals[0]) }
        let units = style == 2 ? upperUnits : lowerUnits
        // Groups of four digits from the right: …亿, 万, units.
        var groupsOfFour: [[Int]] = []
        var end = ds.count
        while end > 0 {
            let start = max(0, end - 4)
            groupsOfFour.insert(Array(repeating: 0, count: 4 - (end - start)) + Array(ds[start..<end]), at: 0)
            end = start
        }
        var out = ""
        var needZero = false
        for (k, group) in groupsOfFour.enumerated() {
            let g = groupsOfFour.count - 1 - k
            if group.allSatisfy({ $0 == 0 }) { needZero = !out.isEmpty; continue }
            if !out.isEmpty && (needZero || group[0] == 0) { out.append(numerals[0]) }
            var pendingZero = false
            var started = false
            for (i, d) in group.enumerated() {
                if d == 0 {
                    pendingZero = started
                } else {
                    if pendingZero { out.append(numerals[0]) }
                    out.append(numerals[d])
                    out += units[3 - i]
                    pendingZero = false
                    started = true
                }
            }
            out += groups[min(g, groups.count - 1)]
            needZero = pendingZero
        }
        return out
    }
}

/// Date and time sections rendered from a serial day number (1900 system).
enum DateRendering {
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func render(_ tokens: [FormatToken], serial: Double) -> String {
        guard serial >= 0, serial < 2_958_466 else { return "#######" }
        let hasAMPM = tokens.contains {
            if case .date(let d) = $0 {
                return d == "AM/PM" || d.lowercased() == "a/p" || d == "上午/下午"
            } else {
                return false
            }
        }
        let fracDigits =
            tokens.compactMap { t -> Int? in
                if case .date(let d) = t, d.hasPrefix(".") { return d.count - 1 } else { return nil }
            }.first ?? 0
        let scale = pow(10.0, Double(fracDigits))
        // Seconds are cut, not rounded, to the precision shown (as LibreOffice shows them).
        let totalUnits = (serial * 86_400 * scale + 1e-6).rounded(.down)
        let totalSeconds = Int((totalUnits / scale).rounded(.down))
        let fraction = Int(totalUnits - Double(totalSeconds) * scale)
        var dayNumber = totalSeconds / 86_400
        let secs = totalSeconds % 86_400
        let h = secs / 3600, mi = secs / 60 % 60, s = secs % 60
        let (y, mo, d): (Int, Int, Int)
        if dayNumber == 60 {
            (y, mo, d) = (1900, 2, 29)
        } else {
            if dayNumber < 60 { dayNumber += 1 }
            (y, mo, d) = civil(dayNumber - 25_569)
        }
        let weekday = ((serial.rounded(.down) > 60 ? Int(serial) : Int(serial) + 1) + 6) % 7
        var out = ""
        for t in tokens {
            switch t {
            case .literal(let l): out += l
            case .pad: out += " "
            case .date(let tok):
                switch tok {
                case "yy", "y": out += String(format: "%02d", y % 100)
                case let t where t.hasPrefix("y"): out += String(format: "%04d", y)
                case "e", "ee": out += String(y)
                case "m": out += String(mo)
                case "mm": out += String(format: "%02d", mo)
                case "mmm": out += String(months[mo - 1].prefix(3))
                case "mmmmm": out += String(months[mo - 1].prefix(1))
                case let t where t.hasPrefix("mmmm"): out += months[mo - 1]
                case "d": out += String(d)
                case "dd": out += String(format: "%02d", d)
                case "ddd": out += String(days[weekday].prefix(3))
                case let t where t.hasPrefix("dddd"): out += days[weekday]
                case "h": out += String(hasAMPM ? (h % 12 == 0 ? 12 : h % 12) : h)
                case let t where t.hasPrefix("hh"):
                    out += String(format: "%02d", hasAMPM ? (h % 12 == 0 ? 12 : h % 12) : h)
                case "n": out += String(mi)
                case let t where t.hasPrefix("nn"): out += String(format: "%02d", mi)
                case "s": out += String(s)
                case let t where t.hasPrefix("ss"): out += String(format: "%02d", s)
                case "[h]", "[hh]": out += String(format: tok == "[h]" ? "%d" : "%02d", totalSeconds / 3600)
                case "[m]", "[mm]": out += String(format: tok == "[m]" ? "%d" : "%02d", totalSeconds / 60)
                case "[s]", "[ss]": out += String(format: tok == "[s]" ? "%d" : "%02d", totalSeconds)
                case "AM/PM": out += h < 12 ? "AM" : "PM"
                case "上午/下午": out += h < 12 ? "上午" : "下午"
                case let t where t.lowercased() == "a/p":
                    let c = h < 12 ? "a" : "p"
                    out += t.first!.isUppercase ? c.uppercased() : c
                case let t where t.hasPrefix("."):
                    let digits = String(format: "%0\(fracDigits)d", fraction)
                    out += "." + digits.prefix(t.count - 1)
                default: break
                }
            default: break
            }
        }
        return out
    }

    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
