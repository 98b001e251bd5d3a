import Foundation
import JuesuanModel

/// Where a table's header rows are, and where its body starts (0-based rows).
struct HeaderBlock {
    var headerRows: ClosedRange<Int>
    /// The first body row (after a 栏次 row, when there is one).
    var dataStart: Int
    /// The table's last column (0-based): the rightmost header label or merge. A number or a
    /// helper column beyond it is not the table's.
    var lastCol: Int
}

extension TableReader {
    /// The header rows run until the first data row; a 栏次 row ends them and is skipped.
    func headerBlock(from headerStart: Int) -> HeaderBlock? {
        let lastCol = tableWidth(from: headerStart)
        guard lastCol >= 0 else { return nil }
        var dataStart = headerStart + 1
        var columnNumberRow: Int?
        while dataStart <= min(regionEnd, headerStart + 7) {
            if isColumnNumberRow(dataStart, lastCol: lastCol) { columnNumberRow = dataStart; break }
            if isDataRow(dataStart, headerStart: headerStart, lastCol: lastCol) { break }
            dataStart += 1
        }
        let headerEnd = (columnNumberRow ?? dataStart) - 1
        guard headerEnd >= headerStart else { return nil }
        if let c = columnNumberRow { dataStart = c + 1 }
        return HeaderBlock(headerRows: headerStart...headerEnd, dataStart: dataStart, lastCol: lastCol)
    }

    /// The rightmost column of the header window: its text labels (not numbers, not amounts
    /// written as text) and the merges that reach into it.
    func tableWidth(from headerStart: Int) -> Int {
        let window = headerStart...max(headerStart, min(regionEnd, headerStart + 7))
        var last = -1
        for r in window {
            for cell in grid.row(r) {
                guard case .text(let t) = cell.value, cell.col > last else { continue }
                let n = Labels.normalise(String(t.prefix(40)))
                if n.isEmpty || Amount(n) != nil { continue }
                last = cell.col
            }
        }
        for m in grid.merges where m.first.row <= window.upperBound && m.last.row >= window.lowerBound {
            last = max(last, min(m.last.col, m.first.col + HeaderTree.maxSpan))
        }
        return last
    }

    /// A 栏次 row: labelled 栏次, or a run 1, 2, 3 … of small integers and nothing else.
    func isColumnNumberRow(_ r: Int, lastCol: Int) -> Bool {
        let cells = grid.row(r).filter { $0.col <= lastCol }
        if cells.contains(where: { book.columnNumberLabels.contains(Labels.normalise($0.labelText)) }) {
            return true
        }
        let numbers = cells.map { Int($0.labelText) }
        guard numbers.count >= 2, numbers.allSatisfy({ $0 != nil }) else { return false }
        return numbers.compactMap { $0 } == Array(1...numbers.count)
    }

    /// A row of numbers, or one whose first cell is a code, a 类 name, or an item in a label
    /// column (a header cell such as 合计 under 本年支出 is first in its row when the merges above
    /// it were lost, but its column is an amount column).
    func isDataRow(_ r: Int, headerStart: Int, lastCol: Int) -> Bool {
        let cells = grid.row(r).filter { $0.col <= lastCol }
        for cell in cells {
            if case .number = cell.value { return true }
            if case .text(let t) = cell.value, let a = Amount(Labels.normalise(t)), a.scale > 0 { return true }
        }
        guard let first = cells.first, case .text(let t) = first.value else { return false }
        let n = Labels.normalise(Labels.strippingOrdinal(t))
        if n.count >= 3 && n.count <= 7 && n.allSatisfy(\.isASCIIDigit) { return true }
        let items = hit.id.spec.items(for: nil).map(\.rawValue)
        if book.itemCandidates(n).contains(where: items.contains) && isLabelColumn(first.col, above: headerStart..<r) {
            return true
        }
        return Catalogue.categoryCode(forName: t) != nil
    }

    /// True when a header cell over column `c` (its own or a merged one) names a label column
    /// (科目编码, 科目名称, 项目, 类/款/项, 行次).
    func isLabelColumn(_ c: Int, above rows: Range<Int>) -> Bool {
        guard !rows.isEmpty else { return true }
        let anchors = grid.mergeAnchors(rows: rows.lowerBound...(rows.upperBound - 1))
        for r in rows {
            guard let t = grid.text(r, c, anchors: anchors) else { continue }
            let n = Labels.normalise(t)
            if book.codeColumnLabels.contains(n) || book.nameColumnLabels.contains(n)
                || book.codePartLabels.contains(n) || book.lineColumnLabels.contains(n)
            {
                return true
            }
        }
        return false
    }
}
