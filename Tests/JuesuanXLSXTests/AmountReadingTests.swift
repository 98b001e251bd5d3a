import JuesuanModel
import Testing
@testable import JuesuanXLSX

/// The one place a cell becomes an amount: as the cell shows it, with a warning only when the
/// format hides a real difference.
@Suite struct AmountReadingTests {
    let twoDecimals = NumberFormat.classify(id: 4, code: nil)  // #,##0.00

    func read(_ value: CellValue, _ format: NumberFormat? = nil) -> AmountReading.Outcome {
        AmountReading.value(of: Cell(row: 0, col: 0, value: value, format: format, isFormula: false))
    }

    @Test func formatDecidesTheDecimals() {
        guard case .value(.amount(let a), nil) = read(.number(263.72), twoDecimals) else {
            Issue.record("not read"); return
        }
        #expect(a.description == "263.72")
        guard case .value(.amount(let b), nil) = read(.number(30), twoDecimals) else {
            Issue.record("not read"); return
        }
        #expect(b.description == "30.00")
        guard case .value(.amount(let c), nil) = read(.number(30)) else { Issue.record("not read"); return }
        #expect(c.description == "30")
    }

    /// A format whose negative section prints no sign shows -156.66 as 156.66: the amount keeps
    /// its sign and the note says the sheet does not show it; a format that shows the sign is quiet.
    @Test(arguments: ["0.00;0.00", "#,##0.00;[Red]#,##0.00", "0.00;0.00;0.00"])
    func aHiddenSignIsKeptAndSaid(code: String) {
        let format = NumberFormat.classify(id: 170, code: code)
        guard case .value(.amount(let a), let w) = read(.number(-156.66), format) else {
            Issue.record("not read"); return
        }
        #expect(a.description == "-156.66")
        #expect(w?.contains("without its sign") == true, "\(String(describing: w))")
        guard
            case .value(.amount(let b), nil) = read(
                .number(-156.66), NumberFormat.classify(id: 171, code: "0.00;-0.00"))
        else { Issue.record("not read quietly"); return }
        #expect(b.description == "-156.66")
    }

    @Test func floatNoiseIsQuietButHiddenDigitsWarn() {
        guard case .value(.amount(let a), let w) = read(.number(263.71999999999997), twoDecimals) else {
            Issue.record("not read"); return
        }
        #expect(a.description == "263.72")
        #expect(w == nil)
        guard case .value(.amount(let b), let w2) = read(.number(263.724), twoDecimals) else {
            Issue.record("not read"); return
        }
        #expect(b.description == "263.72")
        #expect(w2 == "holds 263.724, shows 263.72; read as shown")
    }

    @Test func textDashesAndBlanks() {
        guard case .value(.amount(let a), nil) = read(.text("1,566,600.00")) else { Issue.record("not read"); return }
        #expect(a.description == "1566600.00")
        guard case .value(.dash("—"), nil) = read(.text(" — ")) else { Issue.record("not a dash"); return }
        guard case .blank = read(.text("  ")) else { Issue.record("not blank"); return }
        guard case .unreadable(let why) = read(.text("12,3x")) else { Issue.record("read"); return }
        #expect(why == "\"12,3x\" is not an amount")
        guard case .unreadable = read(.bool(true)) else { Issue.record("read a boolean"); return }
    }
}
