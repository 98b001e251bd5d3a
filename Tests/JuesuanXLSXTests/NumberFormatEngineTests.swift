import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

/// The engine's displayed number (what the amount is read as), case by case; the displayed text
/// is compared with LibreOffice in NumberFormatOracleTests.
@Suite struct NumberFormatEngineTests {
    func shown(_ code: String, _ value: Double) -> (String, String?, Int) {
        let f = FormatCode(code).format(value)
        return (f.text, f.shown?.description, f.shift)
    }

    @Test func literalPointShowsWanYuan() {
        #expect(shown("0!.0000", 2_637_200) == ("263.7200", "263.7200", -4))
        #expect(shown("0\\.0000", 2_637_200) == ("263.7200", "263.7200", -4))
        #expect(shown("0\".\"0000", 156_660) == ("15.6660", "15.6660", -4))
        #expect(shown("0!.0000", -12_345_678) == ("-1234.5678", "-1234.5678", -4))
        // The 万 trick with one decimal: a literal point and a trailing comma.
        #expect(shown("0!.0,\"万\"", 2_637_200) == ("263.7万", "263.7", -4))
    }

    @Test func trailingCommasAndPercentScale() {
        #expect(shown("0.00,,", 263_720_000) == ("263.72", "263.72", -6))
        #expect(shown("#,##0.0,", 1_566_600) == ("1,566.6", "1566.6", -3))
        #expect(shown("0.00%", 0.1234) == ("12.34%", "12.34", 2))
        #expect(shown("#,##0.00", 1_566_600) == ("1,566,600.00", "1566600.00", 0))
    }

    @Test func sectionsAndConditions() {
        #expect(shown("[=0]\"\";#,##0.00", 263.72) == ("263.72", "263.72", 0))
        #expect(FormatCode("[=0]\"\";#,##0.00").format(0).showsNoDigits)
        #expect(FormatCode("[=0]\"\";#,##0.00").format(0).text == "")
        #expect(shown("#,##0.00;(#,##0.00)", -2.1) == ("(2.10)", "-2.10", 0))
        #expect(shown("[>=100]0;0.00", 263.72).0 == "264")
        #expect(shown("[>=100]0;0.00", 2.5).0 == "2.50")
        #expect(shown("0.00;-0.00;\"—\"", 0).0 == "—")
        #expect(shown("[Red][$¥-804]#,##0.00", 12).0 == "¥12.00")
        #expect(FormatCode(";;;").format(5).text == "")
        #expect(shown("General;(General)", -12.5) == ("(12.5)", "-12.5", 0))
    }

    @Test func builtInFormatsByIdWithoutCode() {
        let f43 = NumberFormat.classify(id: 43, code: nil)
        #expect(f43.kind == .number)
        #expect(f43.engine.format(2.1).shown?.description == "2.10")
        #expect(f43.engine.format(-2.1).text.trimmingCharacters(in: .whitespaces) == "(2.10)")
        #expect(f43.engine.format(0).text.trimmingCharacters(in: .whitespaces) == "-")
        // The zh-CN code Chinese Excel and WPS write for id 43.
        let zh43 = NumberFormat.classify(id: 43, code: "_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * \"-\"??_ ;_ @_ ")
        #expect(zh43.engine.format(2.1).shown?.description == "2.10")
        #expect(zh43.engine.format(-1234.5).text.trimmingCharacters(in: .whitespaces) == "-1,234.50")
        #expect(zh43.engine.format(-1234.5).shown?.description == "-1234.50")
        #expect(zh43.engine.format(0).text.trimmingCharacters(in: .whitespaces) == "-")
        #expect(zh43.engine.format(0).showsNoDigits)
        let zero = AmountReading.value(of: Cell(row: 0, col: 0, value: .number(0), format: zh43, isFormula: false))
        guard case .value(.dash("-"), nil) = zero else { Issue.record("an accounting zero is read as \(zero)"); return }
        #expect(zh43.engine.format(text: "说明") == " 说明 ")
        #expect(NumberFormat.classify(id: 31, code: nil).kind == .date)  // yyyy"年"m"月"d"日" in zh-CN
        #expect(NumberFormat.classify(id: 55, code: nil).kind == .time)
        #expect(NumberFormat.classify(id: 3, code: nil).engine.format(1_234_567).text == "1,234,567")
        #expect(NumberFormat.classify(id: 31, code: nil).engine.format(45_292).text == "2024年1月1日")
    }

    @Test func dbNumChangesTheTextNotTheNumber() {
        let f = NumberFormat.classify(id: 180, code: "[DBNum1][$-804]General")
        #expect(f.kind == .general)
        #expect(f.engine.format(263.72).text == "二百六十三.七二")
        #expect(f.engine.format(263.72).shown?.description == "263.72")
        #expect(FormatCode("[DBNum2][$-804]0.00").format(1005).text == "壹仟零伍.零零")
        #expect(FormatCode("[DBNum1]0").format(100_010).text == "一十万〇一十")
    }

    @Test func generalShowsElevenCharacters() {
        #expect(FormatSection.generalText(263.72) == "263.72")
        #expect(FormatSection.generalText(1_234_567.891234) == "1234567.891")
        #expect(FormatSection.generalText(123_456_789_012) == "1.23457E+11")
        #expect(FormatSection.generalText(0.1 + 0.2) == "0.3")
    }

    /// Odd and hostile codes format without trapping or hanging.
    @Test func oddCodesNeverTrap() {
        let codes = [
            "[", "\"", "\\", "_", "*", "E+", "0E+", ".0E+0", "# ??????????????/??????????????", "?/", "0/0", "[>=]0",
            "[DBNum9]0", "[$", "0000000000000000000000000.0000000000000000000", "yyyy;@;0;0;0", "[h", ";", ";;;;;;",
        ]
        for code in codes {
            for v in [0, -1, 1e300, -1e-300, 123.456, 2_958_466] {
                _ = FormatCode(code).format(v)
                _ = FormatCode(code).format(text: "x")
            }
        }
        #expect(FormatCode("# ??/??").format(1e300).text == "1E+300")
    }

    /// 20,000 seeded random codes and formulas from the characters that mean something to them.
    @Test func randomCodesAndFormulasNeverTrap() {
        var rng = SplitMix64(state: 12)
        let codeChars = Array("0#?.,;%E+-/@\"\\!_*[]$=<>:ymdhsAMP/GeneralDBNum1 元¥")
        let formulaChars = Array("SUM(ROUND)C7:$D8,+-*/%^&=<>'公开!\"1.5E3 #REF{}")
        var cells: [CellAddress: Cell] = [:]
        for i in 0..<20_000 {
            let n = Int.random(in: 0...16, using: &rng)
            let code = String((0..<n).map { _ in codeChars.randomElement(using: &rng)! })
            let value = [0, -1.5, 263.72, 2_637_200, 1e-7, 45_292.5].randomElement(using: &rng)!
            _ = FormatCode(code).format(value)
            let formula = String((0..<n).map { _ in formulaChars.randomElement(using: &rng)! })
            _ = FormulaText.translate(formula, rows: 1, cols: -1)
            let a = CellAddress(row: i % 40, col: i / 40 % 8)
            cells[a] = Cell(
                row: a.row, col: a.col, value: .uncomputed("x"), format: nil, isFormula: true, formula: formula)
        }
        let evaluated = FormulaEvaluator.evaluate(cells, sheet: "公开05表", recalculateZeros: true)
        #expect(evaluated.count == cells.count)
    }

    @Test func kindsOfCustomCodes() {
        #expect(FormatCode("yyyy\"年\"m\"月\"").kind == .date)
        #expect(FormatCode("[h]:mm").kind == .time)
        #expect(FormatCode("0.00\"元\"").kind == .number)
        #expect(FormatCode("[DBNum1]General").kind == .general)
        #expect(FormatCode("@").kind == .text)
        #expect(FormatCode("0%").kind == .percent)
    }

    @Test func amountsAreReadAtTheShownDecimals() {
        func read(_ v: Double, _ code: String) -> AmountReading.Outcome {
            AmountReading.value(
                of: Cell(
                    row: 0, col: 0, value: .number(v), format: NumberFormat.classify(id: 170, code: code),
                    isFormula: false))
        }
        guard case .value(.amount(let a), nil) = read(263.72, "[=0]\"\";#,##0.00") else {
            Issue.record("not read"); return
        }
        #expect(a.description == "263.72")
        guard case .blank = read(0, "[=0]\"\";#,##0.00") else { Issue.record("a hidden zero is not blank"); return }
        guard case .value(.dash("-"), nil) = read(0, "#,##0.00;-#,##0.00;\"-\"") else {
            Issue.record("a zero shown as - is not a dash"); return
        }
        guard case .scaled(.amount(let w), let scaling) = read(2_637_200, "0!.0000") else {
            Issue.record("not scaled"); return
        }
        #expect(w.description == "263.7200")
        #expect(scaling.shift == -4 && scaling.stored == "2637200")
        guard case .value(.amount(let h), let warning?) = read(12.5, ";;;") else {
            Issue.record("hidden number"); return
        }
        #expect(h.description == "12.5")
        #expect(warning.contains("hides it"))
    }
}

@Suite struct FormulaTests {
    func grid(_ cells: [(String, CellValue, String?)], fullCalc: Bool = false) -> [CellAddress: Cell] {
        var out: [CellAddress: Cell] = [:]
        for (ref, value, formula) in cells {
            let a = CellAddress(ref)!
            out[a] = Cell(
                row: a.row, col: a.col, value: value, format: nil, isFormula: formula != nil, formula: formula)
        }
        return FormulaEvaluator.evaluate(out, sheet: "公开05表", recalculateZeros: fullCalc)
    }

    func value(_ cells: [CellAddress: Cell], _ ref: String) -> CellValue? { cells[CellAddress(ref)!]?.value }

    @Test func sumsAndArithmeticInExactDecimals() {
        let g = grid([
            ("C8", .number(156.66), nil), ("C9", .number(11.95), nil), ("C10", .text("1.75"), nil),
            ("C11", .text("说明"), nil), ("C7", .uncomputed("has no computed value"), "SUM(C8:C11)"),
            ("D7", .uncomputed("has no computed value"), "C8+C9+C10"), ("E7", .uncomputed("x"), "-(C7-D7)*2/4+10%"),
            ("F7", .uncomputed("x"), "ROUND(C8/3,2)"), ("G7", .uncomputed("x"), "公开05表!$C$8+0.1"),
        ])
        #expect(value(g, "C7") == .number(168.61))  // text in a range is skipped
        #expect(value(g, "D7") == .number(170.36))  // text that is an amount counts in +
        #expect(value(g, "E7") == .number(0.975))
        #expect(value(g, "F7") == .number(52.22))
        #expect(value(g, "G7") == .number(156.76))
    }

    @Test func zerosAreRecalculatedOnlyUnderFullCalcOnLoad() {
        let cells: [(String, CellValue, String?)] = [("C8", .number(2.5), nil), ("C7", .number(0), "C8*2")]
        #expect(value(grid(cells, fullCalc: true), "C7") == .number(5))
        #expect(value(grid(cells, fullCalc: false), "C7") == .number(0))
    }

    @Test func whatCannotBeEvaluatedSaysWhy() {
        let g = grid(
            [
                ("C7", .uncomputed("x"), "C8+1"), ("C8", .uncomputed("x"), "C7+1"),
                ("C9", .uncomputed("x"), "VLOOKUP(A1,B:C,2,0)"), ("C10", .uncomputed("x"), "Sheet2!A1"),
                ("C11", .uncomputed("x"), "1/0"), ("C12", .uncomputed("x"), "C9+1"), ("C13", .number(0), "NOW()"),
                ("C14", .uncomputed("x"), "C7*2"),
            ], fullCalc: true)
        guard case .uncomputed(let cycle)? = value(g, "C7") else { Issue.record("cycle evaluated"); return }
        #expect(cycle.contains("circular"))
        guard case .uncomputed(let onCycle)? = value(g, "C14") else { Issue.record("depends on a cycle"); return }
        #expect(onCycle == "has no computed value and a reference to a circular formula (C7) is not evaluated here")
        guard case .uncomputed(let v)? = value(g, "C9") else { Issue.record("VLOOKUP evaluated"); return }
        #expect(v == "has no computed value and VLOOKUP is not evaluated here")
        guard case .uncomputed(let s)? = value(g, "C10") else { Issue.record("other sheet evaluated"); return }
        #expect(s.contains("sheet Sheet2"))
        #expect(value(g, "C11") == .error("#DIV/0!"))
        guard case .uncomputed? = value(g, "C12") else { Issue.record("depends on an unevaluable cell"); return }
        guard case .uncomputed(let z)? = value(g, "C13") else { Issue.record("placeholder zero kept"); return }
        #expect(z.contains("placeholder 0"))
    }

    @Test func longChainsAndHugeRangesStayBounded() {
        // A running total down 5,000 rows (each row adds the one above), and a whole-sheet SUM.
        var cells: [(String, CellValue, String?)] = [("B1", .number(1), nil)]
        for r in 2...5_000 { cells.append(("B\(r)", .uncomputed("x"), "B\(r - 1)+1")) }
        // And one upwards: each row is the one below plus one.
        cells.append(("D5000", .number(1), nil))
        for r in 1..<5_000 { cells.append(("D\(r)", .uncomputed("x"), "D\(r + 1)+1")) }
        cells.append(("C1", .uncomputed("x"), "SUM(A:XFD)"))
        cells.append(("C2", .uncomputed("x"), "SUM(A1:XFD1048576)"))
        let g = grid(cells)
        #expect(value(g, "B5000") == .number(5000))
        #expect(value(g, "D1") == .number(5000))
        guard case .uncomputed = value(g, "C1") else { Issue.record("SUM(A:XFD) is a column range"); return }
        guard case .uncomputed(let why)? = value(g, "C2") else { Issue.record("refers to itself"); return }
        #expect(why.contains("circular"))
    }

    @Test func sharedFormulasTranslateRelativeParts() {
        #expect(FormulaText.translate("SUM(C8:C12)+$B$1+B$2+$A3", rows: 1, cols: 2) == "SUM(E9:E13)+$B$1+D$2+$A4")
        #expect(FormulaText.translate("'公开05表'!C8*2", rows: 0, cols: 1) == "'公开05表'!D8*2")
        #expect(FormulaText.translate("A1+1", rows: -1, cols: 0) == "#REF!+1")
        #expect(FormulaText.quoted(String(repeating: "A1+", count: 20) + "1").count == 41)
    }
}

@Suite struct TextAmountTests {
    @Test func typedAmountsAreRead() {
        let cases: [(String, String)] = [
            ("１５６．６６", "156.66"), ("¥1,234.00", "1234.00"), ("￥１，２３４．００", "1234.00"), ("(1,234.00)", "-1234.00"),
            ("（１２．５）", "-12.5"), ("1,234.00-", "-1234.00"), ("12.50万元", "12.50"), ("300元", "300"), ("－１２", "-12"),
            ("-¥12.00", "-12.00"), ("¥-12.00", "-12.00"), (" 263.72 ", "263.72"),
        ]
        for (text, expected) in cases {
            #expect(AmountText.lenient(text)?.description == expected, "\(text)")
        }
        #expect(AmountText.lenient("—") == .dash("—"))
    }

    @Test func otherTextIsNotAnAmount() {
        for text in ["abc", "¥", "(12", "12,3x", "1.2.3", "元", "--12", "(-12)", "12 34", "１２ａ"] {
            #expect(AmountText.lenient(text) == nil, "\(text)")
        }
        // JSON stays strict.
        #expect((try? Value(parsing: "１５６．６６")) == nil)
        #expect((try? Value(parsing: "¥12")) == nil)
    }
}
