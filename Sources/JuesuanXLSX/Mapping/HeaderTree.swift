import Foundation
import JuesuanModel

/// The labels over each column of a header block, top-down, with every label spread over the
/// columns it spans.
///
/// A span is known from a merged range, or inferred from the grid when the merge is missing
/// (Center Across Selection, web-system exports, .xls read without merges): a label followed by
/// empty header cells spans them when the rows below subdivide those columns, and never beyond
/// the span of the label above it. One place, used by every table.
struct HeaderTree {
    /// 0-based header rows.
    let rows: ClosedRange<Int>
    /// Each column that has a label, left to right, with its path of normalised labels
    /// (consecutive repeats folded: a label merged over two rows appears once).
    let paths: [(col: Int, path: [String])]
    /// The spans that were inferred rather than merged, as `A3:C3` ranges (for tests and notes).
    let inferredSpans: [CellRange]

    /// A header label without a trailing unit (`小计（万元）` → `小计`): the unit line decides the unit.
    static func withoutUnit(_ label: String) -> String {
        for unit in ["（万元）", "（元）", "(万元)", "(元)"] where label.hasSuffix(unit) && label.count > unit.count {
            return String(label.dropLast(unit.count))
        }
        return label
    }

    /// The widest span inferred for one label, in columns (a bound on the work for absurd sheets).
    static let maxSpan = 512

    init(grid: SheetGrid, rows: ClosedRange<Int>, lastCol: Int) {
        self.rows = rows
        var anchors = grid.mergeAnchors(rows: rows)
        func own(_ r: Int, _ c: Int) -> Bool {
            guard anchors[CellAddress(row: r, col: c)] == nil, let cell = grid[r, c] else { return false }
            return !cell.labelText.trimmedOfWhitespace.isEmpty
        }
        func occupied(_ r: Int, _ c: Int) -> Bool { anchors[CellAddress(row: r, col: c)] != nil || own(r, c) }
        // The last column each label (by its anchor) covers in the row above: the bound for the row below.
        var spanEnd: [CellAddress: Int] = [:]
        var inferred: [CellRange] = []
        for r in rows {
            var c = 0
            while c <= lastCol {
                let here = CellAddress(row: r, col: c)
                // A horizontally merged label already knows its span.
                if let a = anchors[here] {
                    var e = c
                    while e + 1 <= lastCol, anchors[CellAddress(row: r, col: e + 1)] == a { e += 1 }
                    spanEnd[a] = max(spanEnd[a] ?? e, e)
                    c = e + 1
                    continue
                }
                guard own(r, c) else { c += 1; continue }
                // The bound: the span of whatever label stands over this column in the row above.
                var limit = min(lastCol, c + HeaderTree.maxSpan)
                if r > rows.lowerBound {
                    let above = CellAddress(row: r - 1, col: c)
                    let anchorAbove = anchors[above] ?? (own(r - 1, c) ? above : nil)
                    if let anchorAbove, let end = spanEnd[anchorAbove] { limit = min(limit, end) }
                }
                var e = c
                while e + 1 <= limit, !occupied(r, e + 1),
                    (r + 1 <= rows.upperBound) && ((r + 1)...rows.upperBound).contains(where: { occupied($0, e + 1) })
                {
                    e += 1
                }
                if e > c {
                    for k in (c + 1)...e { anchors[CellAddress(row: r, col: k)] = here }
                    inferred.append(CellRange(first: here, last: CellAddress(row: r, col: e)))
                }
                spanEnd[here] = e
                c = e + 1
            }
        }
        var paths: [(Int, [String])] = []
        for c in 0...max(0, lastCol) {
            var path: [String] = []
            for r in rows {
                let a = anchors[CellAddress(row: r, col: c)] ?? CellAddress(row: r, col: c)
                guard let cell = grid[a.row, a.col] else { continue }
                let t = cell.labelText.trimmedOfWhitespace
                guard !t.isEmpty else { continue }
                let n = HeaderTree.withoutUnit(Labels.normalise(t))
                if !n.isEmpty, path.last != n { path.append(n) }
            }
            if !path.isEmpty { paths.append((c, path)) }
        }
        self.paths = paths
        self.inferredSpans = inferred
    }
}
