import JuesuanModel

/// How a cell looks, as a value: the writer turns each distinct style into one libxlsxwriter format.
struct CellStyle: Hashable, Sendable {
    enum Role: Hashable, Sendable {
        case title, tableNumber, caption, captionCentre, captionRight, header, label, code, amount, dash, note
    }
    var role: Role
    /// For amounts: decimals shown (`#,##0.00` for 2).
    var decimals: Int = 2
    /// For labels: indent level.
    var indent: Int = 0
    /// Bold label (total rows).
    var bold: Bool = false
}

/// The formatting properties a style stands for, as plain values: what the libxlsxwriter
/// wrapper applies, and what the benchmark's layout dump hands to the peers.
struct FormatSpec: Hashable, Sendable {
    enum Align: String, Sendable { case left, center, right }
    var font = "宋体"
    var size = 10.0
    var bold = false
    var align: Align?
    var border = false
    var wrap = false
    var indent = 0
    var numFormat: String?
}

extension CellStyle {
    /// 宋体 10 pt body, 黑体 18 pt bold title, thin borders on the table body, `#,##0.00` amounts.
    var format: FormatSpec {
        var f = FormatSpec()
        switch role {
        case .title:
            f.font = "黑体"
            f.size = 18
            f.bold = true
            f.align = .center
        case .tableNumber, .captionRight:
            f.align = .right
        case .caption:
            f.align = .left
        case .captionCentre:
            f.align = .center
        case .header:
            f.border = true
            f.bold = true
            f.wrap = true
            f.align = .center
        case .label:
            f.border = true
            f.wrap = true
            f.align = .left
            // One level more than the row's own, so a label never touches the amount beside it.
            f.indent = min(indent + 1, 15)
        case .code:
            f.border = true
            f.align = .center
            f.numFormat = "@"
        case .amount:
            f.border = true
            f.align = .right
            f.numFormat = "#,##0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "")
        case .dash:
            f.border = true
            f.align = .right
        case .note:
            f.wrap = true
            f.align = .left
        }
        if bold { f.bold = true }
        return f
    }
}

/// What a cell holds.
enum CellContent: Hashable, Sendable {
    case text(String)
    case number(Double)
    case blank
}

/// A cell or a merged range with its content and style.
struct PlacedCell: Hashable, Sendable {
    var row: Int
    var col: Int
    var lastRow: Int
    var lastCol: Int
    var content: CellContent
    var style: CellStyle
    var isMerge: Bool { lastRow != row || lastCol != col }
}

/// One worksheet, fully decided before any C call: cells, merges, sizes, print setup.
struct SheetLayout: Sendable {
    var name: String
    var cells: [PlacedCell] = []
    var columnWidths: [Int: Double] = [:]
    var rowHeights: [Int: Double] = [:]
    /// Rows repeated at the top of every printed page (the header block).
    var repeatRows: ClosedRange<Int>?
    var lastColumn: Int = 0
    var lastRow: Int = 0
    /// Print the sheet on one page (scaled to fit); otherwise one page wide and as tall as it takes.
    var onePage = false
    /// Amounts printed with fewer decimals than they carry: one line each, naming the cell.
    var roundings: [String] = []

    mutating func put(
        _ r: Int, _ c: Int, _ content: CellContent, _ style: CellStyle, toRow r2: Int? = nil, toCol c2: Int? = nil
    ) {
        let cell = PlacedCell(row: r, col: c, lastRow: r2 ?? r, lastCol: c2 ?? c, content: content, style: style)
        cells.append(cell)
        lastRow = max(lastRow, cell.lastRow)
        lastColumn = max(lastColumn, cell.lastCol)
    }

    /// The merged ranges that overlap, as `A1:B2 and B2:C3` texts (libxlsxwriter 1.1.4 does not refuse them,
    /// and Excel calls such a file damaged). Also flags any cell placed inside a merge.
    func overlaps() -> [String] {
        let merges = cells.filter(\.isMerge).sorted { ($0.row, $0.col) < ($1.row, $1.col) }
        var found: [String] = []
        for (i, a) in merges.enumerated() {
            for b in merges[(i + 1)...] {
                if b.row > a.lastRow { break }
                if b.col <= a.lastCol && a.col <= b.lastCol {
                    found.append("\(CellRef.range(a)) and \(CellRef.range(b))")
                }
            }
        }
        for c in cells where !c.isMerge {
            if let m = merges.first(where: {
                c.row >= $0.row && c.row <= $0.lastRow && c.col >= $0.col && c.col <= $0.lastCol
            }) {
                found.append("\(CellRef.name(c.row, c.col)) inside \(CellRef.range(m))")
            }
        }
        return found
    }
}

/// A1-style references.
enum CellRef {
    static func column(_ c: Int) -> String {
        var n = c + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
    static func name(_ r: Int, _ c: Int) -> String { "\(column(c))\(r + 1)" }
    static func range(_ p: PlacedCell) -> String {
        p.isMerge ? "\(name(p.row, p.col)):\(name(p.lastRow, p.lastCol))" : name(p.row, p.col)
    }
}
