import Foundation
import JuesuanModel

/// Reading one amount cell: the one place a cell becomes a `Value`.
enum AmountReading {
    enum Outcome { case value(Value, warning: String?), blank, unreadable(String) }

    static func value(of cell: Cell) -> Outcome {
        switch cell.value {
        case .number(let d):
            if let decimals = cell.format?.decimals, cell.format?.kind == .number {
                guard let (a, exact) = Amount.nearest(to: d, scale: min(decimals, Amount.maxScale)) else {
                    return .unreadable("the number \(d) is too large for an amount")
                }
                // Float noise from formulas (263.71999999999997 under 0.00) is not worth a word;
                // a value the format really rounds (263.724) is.
                let noise = abs(d - a.doubleValue) <= max(abs(d), 1) * 1e-12
                let warning =
                    exact || noise
                    ? nil : "holds \(Amount.shortest(for: d)?.description ?? "\(d)"), shows \(a); read as shown"
                return .value(.amount(a), warning: warning)
            }
            guard let a = Amount.shortest(for: d) else {
                return .unreadable("the number \(d) is too large for an amount")
            }
            return .value(.amount(a), warning: nil)
        case .text(let t):
            let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return .blank }
            do { return .value(try Value(parsing: trimmed), warning: nil) } catch {
                return .unreadable("\"\(trimmed)\" is not an amount")
            }
        case .bool, .error, .date:
            return .unreadable("\(cell.labelText) is not an amount")
        }
    }
}
