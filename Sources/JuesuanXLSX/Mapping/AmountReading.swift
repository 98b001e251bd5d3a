import Foundation
import JuesuanModel

/// Reading one amount cell: the one place a cell becomes a `Value`. A number is read as its
/// number format shows it (the format engine's displayed number, at the decimals shown); text as
/// people type amounts (`AmountText.lenient`).
enum AmountReading {
    /// A format that shows a number at another power of ten than the one stored (`0!.0000`,
    /// `0.00,,`, `0%`): the cell was read as shown, and the table says so once.
    struct Scaling: Hashable, Sendable {
        /// The format code.
        var code: String
        /// The stored number, as its shortest decimal.
        var stored: String
        /// The text the format shows.
        var shown: String
        /// shown ≈ stored × 10^shift.
        var shift: Int
    }

    enum Outcome {
        case value(Value, warning: String?)
        /// Read as shown by a format that scales the stored number.
        case scaled(Value, Scaling)
        case blank
        case unreadable(String)
    }

    static func value(of cell: Cell) -> Outcome {
        switch cell.value {
        case .number(let d):
            guard let format = cell.format, !format.engine.isGeneral, format.kind != .text else {
                // General (and `@`) show the stored number as a wide enough column would.
                guard let a = Amount.shortest(for: d) else {
                    return .unreadable("the number \(d) is too large for an amount")
                }
                return .value(.amount(a), warning: nil)
            }
            return shown(d, format)
        case .text(let t):
            let trimmed = t.trimmedOfWhitespace
            if trimmed.isEmpty { return .blank }
            if let v = AmountText.lenient(trimmed) { return .value(v, warning: nil) }
            return .unreadable("\"\(trimmed)\" is not an amount")
        case .uncomputed(let why):
            return .unreadable(
                "\(FormulaText.quoted(cell.formula)) \(why); open and save the workbook in Excel, WPS or LibreOffice")
        case .bool, .error, .date:
            return .unreadable("\(cell.labelText) is not an amount")
        }
    }

    /// A number cell under a format other than General: the amount the format shows.
    static func shown(_ d: Double, _ format: NumberFormat) -> Outcome {
        var stored: String { Amount.shortest(for: d)?.description ?? "\(d)" }
        // The common fixed-decimal codes, without rendering the text (the same amount as the engine's).
        if let n = plainDecimals(format.code), let shown = fixedShown(d, decimals: n) {
            let exact = shown.doubleValue == d
            let noise = abs(d - shown.doubleValue) <= max(abs(d), 1) * 1e-12
            return .value(
                .amount(shown), warning: exact || noise ? nil : "holds \(stored), shows \(shown); read as shown")
        }
        let f = format.engine.format(d)
        guard let shown = f.shown, !f.showsNoDigits else {
            let text = f.text.trimmingCharacters(in: .whitespaces)
            // A hidden zero (`[=0]""`, `;;;`) is a blank cell, as shown; a dash is a dash.
            if d == 0 && text.isEmpty { return .blank }
            if d == 0 && Value.isDash(text) { return .value(.dash(text), warning: nil) }
            guard let a = Amount.shortest(for: d) else {
                return .unreadable("the number \(d) is too large for an amount")
            }
            let what = text.isEmpty ? "hides it" : "shows \"\(text)\""
            return .value(
                .amount(a), warning: "holds \(stored), which the format \(format.code) \(what); read as stored")
        }
        if f.shift != 0 {
            return .scaled(.amount(shown), Scaling(code: format.code, stored: stored, shown: f.text, shift: f.shift))
        }
        // A negative number under a section that prints no sign (`0.00;0.00`) looks positive: the
        // amount keeps its sign, and the note says the sheet does not show it.
        if d < 0, !f.text.contains("-"), !f.text.contains("("), !f.text.contains("−") {
            let signed = shown.isNegative ? shown : Amount(units: -shown.units, scale: shown.scale)
            return .value(
                .amount(signed),
                warning:
                    "holds \(stored), which the format \(format.code) shows without its sign (\"\(f.text)\"); read as \(signed)"
            )
        }
        // Float noise from formulas (263.71999999999997 under 0.00) is not worth a word; a value the
        // format really rounds (263.724) is.
        let exact = shown.doubleValue == d
        let noise = abs(d - shown.doubleValue) <= max(abs(d), 1) * 1e-12
        let warning = exact || noise ? nil : "holds \(stored), shows \(shown); read as shown"
        return .value(.amount(shown), warning: warning)
    }

    /// The decimals of a one-section fixed-decimal code: `0`, `0.00`, `#,##0`, `#,##0.00` (up to
    /// ten decimals); nil for any other code.
    static func plainDecimals(_ code: String) -> Int? {
        var code = code
        return code.withUTF8 { b -> Int? in
            var i = 0
            if b.count >= 4 && b[0] == UInt8(ascii: "#") && b[1] == UInt8(ascii: ",") && b[2] == UInt8(ascii: "#")
                && b[3] == UInt8(ascii: "#")
            {
                i = 4
            }
            guard i < b.count, b[i] == UInt8(ascii: "0") else { return nil }
            i += 1
            if i == b.count { return 0 }
            guard b[i] == UInt8(ascii: "."), b.count - i >= 2, b.count - i <= 11 else { return nil }
            for k in (i + 1)..<b.count where b[k] != UInt8(ascii: "0") { return nil }
            return b.count - i - 1
        }
    }

    /// What a fixed-decimal code shows for a non-negative number of at most 15 significant digits
    /// written without an exponent: its shortest digits rounded half up at `decimals` — what the
    /// format engine shows (`DecimalDigits`); nil for any other number (the engine decides).
    static func fixedShown(_ d: Double, decimals: Int) -> Amount? {
        guard d >= 0, d < 1e15 else { return nil }
        var units: Int64 = 0
        var scale = 0
        var significant = 0
        var seenPoint = false
        for b in d.description.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if units > 0 || b != UInt8(ascii: "0") { significant += 1 }
                units = units * 10 + Int64(b - 48)
                if seenPoint { scale += 1 }
            case UInt8(ascii: "."): seenPoint = true
            default: return nil  // an exponent
            }
        }
        guard significant <= 15 else { return nil }
        var q: Int64
        if scale <= decimals {
            let (u, overflow) = units.multipliedReportingOverflow(by: power10(decimals - scale))
            if overflow { return nil }
            q = u
        } else {
            let p = power10(scale - decimals)
            q = units / p
            if (units % p) * 2 >= p { q += 1 }
        }
        // Beyond 15 digits shown, the engine decides (as it does for the digits it keeps).
        guard q < 1_000_000_000_000_000 else { return nil }
        return Amount(units: q, scale: decimals)
    }

    static func power10(_ n: Int) -> Int64 {
        var r: Int64 = 1
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// The notes with the per-cell notes of scaling formats (cells a format shows at another power
    /// of ten) folded into one note for the table, with the first such cell as the example:
    /// `公开05表: amounts stored in 元 and shown in 万元 by 0!.0000 (C7: 2637200 shown 263.7200); read as shown`.
    static func foldingScaling(_ notes: [ImportNote], table: TableID, unit: AmountUnit?) -> [ImportNote] {
        let examples = notes.compactMap { n in n.scaling.map { (n.location ?? "", $0) } }
        guard let (location, first) = examples.first else { return notes }
        let cell = location.split(separator: "!").last.map(String.init) ?? location
        let codes = Set(examples.map(\.1.code)).sorted()
        let how: String
        if first.shift == -4 && unit == .wanYuan {
            how = "amounts stored in 元 and shown in 万元"
        } else if first.shift == 4 && unit == .yuan {
            how = "amounts stored in 万元 and shown in 元"
        } else {
            how = "amounts shown at 10^\(first.shift) times the stored numbers"
        }
        let others = codes.count > 1 ? " (and \(codes.count - 1) other format\(codes.count > 2 ? "s" : ""))" : ""
        let count = examples.count == 1 ? "" : "; \(examples.count) cells"
        let note = ImportNote(
            severity: .warning, location: nil,
            message:
                "\(table.rawValue): \(how) by \(first.code)\(others) (\(cell): \(first.stored) shown \(first.shown.trimmingCharacters(in: .whitespaces)))\(count); read as shown"
        )
        var out = notes.filter { $0.scaling == nil }
        out.insert(note, at: 0)
        return out
    }
}
