import Foundation
import JuesuanModel
import Testing

@testable import JuesuanXLSX

/// The summary workbook of a folder run: rows made on demand, and a sheet that cannot hold them
/// all says how many were left out instead of failing.
@Suite struct ReportWorkbookTests {
    @Test func rowsBeyondTheSheetLimitAreSaidInALastRow() throws {
        let url = try Paths.tempDir().appendingPathComponent("report.xlsx")
        let total = ReportWorkbook.maxRows + 10
        var sheet = ReportSheet(name: "检查结果", header: ["序号", "文件"], rowCount: total) { i in
            [.count(i), .text("f\(i % 7).xlsx")]
        }
        sheet.overflowNote = "findings.csv"
        try ReportWorkbook.write(
            [ReportSheet(name: "汇总", header: ["文件"], rows: [[.text("a.xlsx")]]), sheet], to: url, overwrite: false)
        let book = try XLSXWorkbook(path: url.path)
        var last: Cell?
        var count = 0
        _ = try book.readSheet(1) { cell in
            count += 1
            if cell.col == 0 { last = cell }
        }
        let shown = ReportWorkbook.maxRows - 2
        #expect(count == 2 + shown * 2 + 1)
        #expect(last?.row == ReportWorkbook.maxRows - 1)
        #expect(last.map { $0.labelText } == "……另有 \(total - shown) 行未列出（超过工作表的行数上限），见 findings.csv")
        let summary = try book.grid(0)
        #expect(summary[1, 0]?.labelText == "a.xlsx")
    }
}
