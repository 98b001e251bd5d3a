import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

/// A sheet grid from a drawn sheet layout, optionally without its merges (the label left in the
/// first cell of its span only, as Center Across Selection, web exports and .xls leave it).
func gridOf(_ sheet: SheetLayout, keepMerges: Bool) -> SheetGrid {
    var cells: [CellAddress: Cell] = [:]
    var merges: [CellRange] = []
    for p in sheet.cells {
        let value: CellValue
        switch p.content {
        case .text(let t): value = .text(t)
        case .number(let d): value = .number(d)
        case .blank: continue
        }
        let format = p.style.format.numFormat.map { NumberFormat.classify(id: 164, code: $0) }
        cells[CellAddress(row: p.row, col: p.col)] = Cell(
            row: p.row, col: p.col, value: value, format: format?.kind == .general ? nil : format, isFormula: false)
        if keepMerges && p.isMerge {
            merges.append(
                CellRange(first: CellAddress(row: p.row, col: p.col), last: CellAddress(row: p.lastRow, col: p.lastCol))
            )
        }
    }
    return SheetGrid(name: sheet.name, state: .visible, cells: cells, merges: merges, hiddenRows: [])
}

/// Reads the one table a grid holds.
func readTable(_ grid: SheetGrid) -> TableReader.Result? {
    guard let hit = TableLocator.titles(in: grid).first else { return nil }
    return TableReader(grid: grid, hit: hit, regionEnd: grid.maxRow).read()
}

@Suite struct HeaderTreeTests {
    /// Every header the shipped layouts draw reads back the same with all merges removed: spans
    /// are inferred from the grid (TABLES.md §3, issue 13).
    @Test(arguments: Layout.builtInNames)
    func everyShippedHeaderReadsTheSameWithoutMerges(layout name: String) throws {
        let layout = try Layout.builtIn(name)
        var docs = [try Paths.seed()]
        for seed in 1...8 as ClosedRange<UInt64> {
            var gen = DocumentGenerator(seed: seed)
            docs.append(gen.document())
        }
        for (n, doc) in docs.enumerated() {
            let expected = doc.asWritten(in: layout)
            for table in doc.orderedTables {
                let sheet = TableDrawer(document: doc, layout: layout).draw(table)
                for keep in [true, false] {
                    let result = try #require(
                        readTable(gridOf(sheet, keepMerges: keep)), "doc \(n) \(table.id) merges \(keep)")
                    #expect(
                        result.table.rows == expected[table.id]?.rows,
                        "doc \(n) \(name) \(table.id.rawValue) merges kept: \(keep)")
                    #expect(result.notes.isEmpty, "doc \(n) \(table.id.rawValue): \(result.notes.map(\.description))")
                }
            }
        }
    }

    static func grid(_ rows: [[String?]]) -> SheetGrid {
        var cells: [CellAddress: Cell] = [:]
        for (r, row) in rows.enumerated() {
            for (c, t) in row.enumerated() {
                guard let t else { continue }
                cells[CellAddress(row: r, col: c)] = Cell(
                    row: r, col: c, value: .text(t), format: nil, isFormula: false)
            }
        }
        return SheetGrid(name: "S", state: .visible, cells: cells, merges: [], hiddenRows: [])
    }

    /// A label spans the empty cells after it when the row below subdivides them, up to the next label.
    @Test func aLabelSpansTheColumnsItsRowBelowSubdivides() {
        let g = Self.grid([
            ["预算数", nil, nil, "决算数", nil, nil],
            ["合计", "因公出国（境）费", "公务接待费", "合计", "因公出国（境）费", "公务接待费"],
        ])
        let tree = HeaderTree(grid: g, rows: 0...1, lastCol: 5)
        #expect(tree.paths.map(\.path[0]) == ["预算数", "预算数", "预算数", "决算数", "决算数", "决算数"])
        #expect(tree.inferredSpans.map(\.description) == ["A1:C1", "D1:F1"])
    }

    /// No span where nothing below subdivides, and never beyond the span of the label above.
    @Test func spansStopWhereNothingSubdividesAndAtTheParentsEnd() {
        let g = Self.grid([
            ["收入", nil, "支出", nil, nil],
            ["项目", "金额", "本年支出", nil, "说明"],
            [nil, nil, "基本", "项目", nil],
        ])
        let tree = HeaderTree(grid: g, rows: 0...2, lastCol: 4)
        let paths = Dictionary(uniqueKeysWithValues: tree.paths.map { ($0.col, $0.path) })
        #expect(paths[1] == ["收入", "金额"])
        #expect(paths[3] == ["支出", "本年支出", "项目"])
        // 本年支出 stops at D: E has its own label; 支出 spans C…E.
        #expect(paths[4] == ["支出", "说明"])
        // A label with nothing under its neighbours keeps to its own column.
        let lone = HeaderTree(grid: Self.grid([["科目编码", nil], ["合计", nil]]), rows: 0...1, lastCol: 1)
        #expect(lone.inferredSpans.isEmpty)
    }
}

@Suite struct ColumnMatcherTests {
    @Test(
        arguments: [
            (TableID.t05, ["本年支出", "小计"], "合计"),
            (.t05, ["合计"], "合计"),
            (.t07, ["预算数", "公务用车购置及运行维护费", "公务用车运行维护费"], "预算数/公务用车购置及运行费/公务用车运行费"),
            (.t07, ["公务接待费", "决算数"], "决算数/公务接待费"),
            (.t07, ["全年预算数", "合计"], nil),
            (.t08, ["本年支出", "小计"], "本年支出/合计"),
            (.t04, ["支出", "政府性基金预算"], "支出/政府性基金预算财政拨款"),
            (.t02, ["会议费"], nil),
        ] as [(TableID, [String], String?)])
    func mapsPrintedHeaderPathsToCanonicalColumns(table: TableID, path: [String], expected: String?) {
        let matcher = ColumnMatcher(table: table)
        #expect(matcher.canonicalColumn(for: path.map(Labels.normalise))?.rawValue == expected)
    }

    @Test func labelColumnsAreRecognisedByTheirLastLabel() {
        let m = ColumnMatcher(table: .t05)
        #expect(m.role(for: ["科目编码"]) == .code(part: nil))
        #expect(m.role(for: ["支出功能分类科目编码", "款"]) == .code(part: 1))
        #expect(m.role(for: ["科目名称"]) == .name)
        #expect(m.role(for: ["行次"]) == .line)
    }
}

@Suite struct TableDrawerTests {
    /// 07 national: title merged over all twelve amounts, 预算数 and 决算数 each over six columns,
    /// 小计/购置费/运行费 under 公务用车购置及运行费, one row of amounts at two decimals.
    @Test func drawsThe07HeaderTree() throws {
        let doc = try Paths.seed()
        let sheet = TableDrawer(document: doc, layout: try Layout.builtIn("national")).draw(doc[.t07]!)
        let merges = sheet.cells.filter(\.isMerge)
        func merged(_ text: String) -> PlacedCell? {
            merges.first { if case .text(let t) = $0.content { return t == text } else { return false } }
        }
        let title = try #require(merged(doc[.t07]!.title))
        #expect(title.lastCol - title.col + 1 == 12)
        #expect(merged("预算数").map { $0.lastCol - $0.col + 1 } == 6)
        #expect(merged("决算数").map { $0.lastCol - $0.col + 1 } == 6)
        let amounts = sheet.cells.filter { $0.style.role == .amount }
        #expect(amounts.count == 12)
        #expect(Set(amounts.map(\.row)).count == 1)
        #expect(amounts.allSatisfy { $0.style.format.numFormat == "#,##0.00" })
        #expect(sheet.overlaps().isEmpty)
    }

    /// 06 shanghai: two panels side by side, 人员经费合计 and 公用经费合计 on one line.
    @Test func drawsThe06PanelsWithTheirTotalsOnOneLine() throws {
        let doc = try Paths.seed()
        let sheet = TableDrawer(document: doc, layout: try Layout.builtIn("shanghai")).draw(doc[.t06]!)
        func at(_ text: String) -> PlacedCell? {
            sheet.cells.first { if case .text(let t) = $0.content { return t == text } else { return false } }
        }
        let personnel = try #require(at(ItemName.personnelTotal.rawValue))
        let publicUse = try #require(at(ItemName.publicUseTotal.rawValue))
        #expect(personnel.row == publicUse.row)
        #expect(personnel.col < publicUse.col)
        #expect(sheet.overlaps().isEmpty)
    }
}
