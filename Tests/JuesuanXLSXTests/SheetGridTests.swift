import Foundation
import JuesuanModel
import Testing

@testable import JuesuanXLSX

/// The grid holds each cell once, packed; what comes out is what went in.
struct SheetGridTests {
    static let money = NumberFormat.classify(id: 4, code: nil)
    static let date = NumberFormat.classify(id: 14, code: nil)

    @Test func cellsComeBackAsTheyWentIn() {
        let cells: [Cell] = [
            Cell(row: 0, col: 0, value: .text("收入决算表"), format: nil, isFormula: false),
            Cell(row: 1, col: 2, value: .number(263.72), format: Self.money, isFormula: false),
            Cell(row: 1, col: 3, value: .date(serial: 45000, kind: .date), format: Self.date, isFormula: false),
            Cell(row: 1, col: 4, value: .bool(true), format: nil, isFormula: false),
            Cell(row: 1, col: 5, value: .error("#DIV/0!"), format: nil, isFormula: false),
            Cell(
                row: 3, col: 1, value: .uncomputed("has no computed value"), format: Self.money, isFormula: true,
                formula: "SUM(C2:C3)"),
            Cell(row: 3, col: 2, value: .number(-0.5), format: nil, isFormula: true, formula: "C2-1"),
        ]
        var builder = SheetGrid.Builder()
        for c in cells { builder.append(c) }
        let grid = SheetGrid(name: "S", state: .visible, builder: builder, merges: [], hiddenRows: [])
        #expect(grid.count == cells.count)
        for c in cells {
            let back = grid[c.row, c.col]
            #expect(back?.value == c.value)
            #expect(back?.format == c.format)
            #expect(back?.isFormula == c.isFormula)
            #expect(back?.formula == c.formula)
        }
        #expect(grid[1, 1] == nil && grid[2, 0] == nil && grid[9, 9] == nil)
        #expect(grid.row(1).map(\.col) == [2, 3, 4, 5])
        #expect(grid.cells.count == cells.count)
        #expect(grid.maxRow == 3 && grid.maxCol == 5)
    }

    /// Cells streamed out of order are put in row-major order; a later cell at an address wins.
    @Test func outOfOrderAndRepeatedCells() {
        var builder = SheetGrid.Builder()
        for (r, c, v) in [(5, 1, 1.0), (0, 3, 2.0), (5, 0, 3.0), (0, 3, 4.0), (2, 2, 5.0)] {
            builder.append(
                Cell(row: r, col: c, value: .number(v), format: nil, isFormula: v == 4, formula: v == 4 ? "1+3" : nil))
        }
        let grid = SheetGrid(name: "S", state: .visible, builder: builder, merges: [], hiddenRows: [])
        #expect(grid.count == 4)
        #expect(grid[0, 3]?.value == .number(4) && grid[0, 3]?.formula == "1+3")
        #expect(grid.row(5).map(\.col) == [0, 1])
        #expect(grid.rowsWithCells == [0, 2, 5])
        var order: [String] = []
        grid.forEachCell { order.append($0.reference) }
        #expect(order == ["D1", "C3", "A6", "B6"])
    }

    /// The fixed-decimal shortcut shows the same amount as the format engine.
    @Test func fixedDecimalsAgreeWithTheEngine() {
        var values: [Double] = [
            0, 1, 0.5, 1.005, 2.675, 0.125, 263.72, 263.724, 263.725, 1e-7, 0.000_5, 123_456_789.125,
            999_999_999_999.995, 4_981_897.78, 29_783_293.5, 1e14 + 0.5, 0.1 + 0.2,
        ]
        var state: UInt64 = 42
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let units = Double(state >> 40) / 1000
            values.append(units)
            values.append(units / 7)
        }
        for code in ["0", "0.0", "0.00", "#,##0", "#,##0.00", "#,##0.0000", "0.0000000000"] {
            let n = AmountReading.plainDecimals(code)
            #expect(n != nil, "\(code)")
            let engine = FormatCode(code)
            for d in values {
                guard let fast = AmountReading.fixedShown(d, decimals: n!) else { continue }
                #expect(fast == engine.format(d).shown, "\(code) \(d)")
            }
        }
        for code in [
            "General", "0.00%", "0.00,,", "#,##0.00_ ", "0!.0000", "[=0]\"\";0.00", "0.00;(0.00)", "#,##0.0.0",
        ] {
            #expect(AmountReading.plainDecimals(code) == nil, "\(code)")
        }
    }
}
