import Foundation
import JuesuanModel

/// One row of one panel as printed, before it is keyed: the label cells and the amounts.
struct PrintedRow {
    var side: Side?
    var code: String?
    var name: String?
    var line: String?
    var values: RowValues = [:]
    /// Bit k: the panel's column k held a value (its cell is where it was read).
    var mask: UInt64 = 0
    /// The printed label without ordinal, normalised ("" when none).
    var label: String { Labels.normalise(Labels.strippingOrdinal(name ?? "")) }
}

extension TableReader {
    /// Reads the rows under the header (and the notes under the table); returns the last row read.
    func readBody(_ roles: [ColumnRole], from dataStart: Int, into result: inout Result) -> Int {
        let panels = Dictionary(grouping: roles, by: \.panel).sorted { $0.key < $1.key }.map(\.value)
        var rows: [[(Row, TableSources.RowSource)]] = Array(repeating: [], count: panels.count)
        if panels.count == 1 {
            // One row per sheet row at most: reserved once, not doubled as it grows (a large table's
            // rows are most of an import's memory).
            rows[0].reserveCapacity(max(0, min(regionEnd, grid.maxRow) - dataStart + 1))
        }
        var subRows = Array(repeating: OpeningBalanceSubRows(), count: panels.count)
        var lastBodyRow = dataStart - 1
        var notes: [String] = []
        for r in dataStart...max(dataStart, regionEnd) where r <= regionEnd {
            let cells = grid.cells(inRow: r)
            if cells.isEmpty { continue }
            // Notes under the table.
            // (A code in the first cell is not a note: no normalising for most rows.)
            if let first = cells.first, case .text(let t) = first.value,
                !(t.utf8.first.map { $0 >= 48 && $0 <= 57 } ?? false),
                case let n = Labels.normalise(String(t.prefix(16))),
                book.notePrefixes.contains(where: { n.hasPrefix($0) })
            {
                notes.append(t.trimmingCharacters(in: .whitespacesAndNewlines))
                continue
            }
            for (p, cols) in panels.enumerated() {
                guard let printed = readCells(r, cols, notes: &result.notes) else { continue }
                guard let row = key(printed, at: r, cols, subRows: &subRows[p], notes: &result.notes) else { continue }
                lastBodyRow = max(lastBodyRow, r)
                rows[p].append((row, TableSources.RowSource(row: Int32(r), panel: Int32(p), mask: printed.mask)))
            }
            if recognisers.threePublicRow && rows.contains(where: { !$0.isEmpty }) { break }
        }
        // Moved, not copied, when there is one panel (most tables, and every large one).
        let all: [(Row, TableSources.RowSource)]
        if recognisers.economicPanels {
            all = EconomicPanels.arrange(rows)
        } else if rows.count == 1 {
            all = rows.removeLast()
        } else {
            all = rows.flatMap { $0 }
        }
        rows = []
        // A 科目 printed twice: both rows are kept as printed, and the note says the checks use the first.
        var firstOf: [String: Int] = [:]
        for (i, (row, source)) in all.enumerated() {
            guard let code = row.code else { continue }
            let key = (row.side?.rawValue ?? "") + "|" + code
            guard let first = firstOf[key] else { firstOf[key] = i; continue }
            result.notes.append(
                ImportNote(
                    severity: .warning, location: "\(grid.name)!\(CellRef.name(Int(source.row), 0))",
                    message:
                        "a second row for 科目 \(code) (first on row \(Int(all[first].1.row) + 1)); both kept, the checks use the first"
                ))
        }
        result.table.rows = all.map(\.0)
        let rowSources = all.map(\.1)
        result.sources = TableSources(
            sheet: grid.name,
            panels: panels.map { cols in
                var map: [String: (bit: Int, col: Int)] = [:]
                for (k, role) in cols.enumerated() where k < 64 {
                    if case .amount(let column) = role.kind { map[column.rawValue] = (k, role.col) }
                }
                return map
            }, rows: rowSources)
        let footnotes = Layout.shippedFootnotes(hit.id)
        result.table.notes = notes.filter { !footnotes.contains($0) }
        return lastBodyRow
    }

    /// The cells of one row of one panel; nil when the panel is empty on this row.
    func readCells(_ r: Int, _ cols: [ColumnRole], notes: inout [ImportNote]) -> PrintedRow? {
        var row = PrintedRow()
        row.values.reserveCapacity(cols.reduce(0) { n, c in if case .amount = c.kind { n + 1 } else { n } })
        var codeParts: [Int: String] = [:]
        for (k, role) in cols.enumerated() {
            row.side = role.side ?? row.side
            let cell = grid[r, role.col]
            switch role.kind {
            case .code(let part):
                guard let t = cell?.labelText.trimmedOfWhitespace, !t.isEmpty else {
                    continue
                }
                if t.allSatisfy(\.isASCIIDigit) {
                    if let part { codeParts[part] = t } else { row.code = t }
                } else if row.name == nil {
                    row.name = t  // 合计 written across the code and name columns
                }
            case .name:
                // A 科目名称 is a few dozen characters; a label of kilobytes is not one (and would be
                // copied per row).
                if let cell, cell.labelText.utf8.count > 4096 {
                    notes.append(
                        ImportNote(
                            severity: .unread, location: ref(r, role.col),
                            message: "a label of \(cell.labelText.count) characters is not a 科目名称; left unread"))
                    continue
                }
                if let t = cell?.labelText.trimmedOfWhitespace, !t.isEmpty {
                    row.name =
                        t.hasLineBreak
                        ? t.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined()
                        : t
                }
            case .line:
                if let t = cell?.labelText.trimmedOfWhitespace, !t.isEmpty {
                    row.line = t
                }
            case .amount(let column):
                guard let cell else { continue }
                switch AmountReading.value(of: cell) {
                case .value(let v, let warning):
                    row.values[column.rawValue] = v
                    if k < 64 { row.mask |= 1 << UInt64(k) }
                    if let warning {
                        notes.append(ImportNote(severity: .warning, location: ref(r, role.col), message: warning))
                    }
                case .scaled(let v, let scaling):
                    row.values[column.rawValue] = v
                    if k < 64 { row.mask |= 1 << UInt64(k) }
                    notes.append(
                        ImportNote(severity: .warning, location: ref(r, role.col), message: "", scaling: scaling))
                case .blank: break
                case .unreadable(let why):
                    notes.append(ImportNote(severity: .unread, location: ref(r, role.col), message: why))
                }
            }
        }
        if row.code == nil, !codeParts.isEmpty { row.code = Self.joinCode(codeParts) }
        if row.name == nil && row.code == nil && row.values.isEmpty && row.line == nil { return nil }
        return row
    }

    /// Keys a printed row: a fixed item (合计, 总计, 人员经费合计 …), a 科目 code, or a 类 by its name
    /// (01/04); nil, with a note when it carried anything, when it is none of these.
    func key(
        _ p: PrintedRow, at r: Int, _ cols: [ColumnRole], subRows: inout OpeningBalanceSubRows,
        notes: inout [ImportNote]
    ) -> Row? {
        let spec = hit.id.spec
        if recognisers.threePublicRow { return ThreePublicRow.row(p) }
        let twoSided = spec.scheme == .twoSided
        var row = Row(side: twoSided ? p.side : nil, name: p.name ?? "", line: p.line, values: p.values)
        // A row with a code of the table's lengths is keyed by it: no label work (most rows of a large table).
        if let code = p.code, spec.codeLengths.contains(code.count) {
            row.code = code
            return row
        }
        let label = p.label
        if p.code == nil {
            let candidates = book.itemCandidates(label)
            let allowed = spec.items(for: twoSided ? p.side : nil)
            if recognisers.openingBalanceSubRows, let sub = subRows.item(for: candidates) {
                row.item = sub.rawValue
                return row
            }
            if let item = candidates.lazy.map(ItemName.init(rawValue:)).first(where: allowed.contains) {
                if recognisers.openingBalanceSubRows { subRows.enter(item) }
                row.item = item.rawValue
                return row
            }
        }
        if !label.isEmpty, spec.scheme != .economic, let cat = Catalogue.categoryCode(forName: p.name ?? ""),
            !twoSided || p.side == .expenditure
        {
            row.code = cat
            return row
        }
        if label.isEmpty && p.values.isEmpty { return nil }
        let shown = (p.name ?? "").isEmpty ? (p.code ?? "") : (p.name ?? "")
        let dropped = p.values.isEmpty ? "" : " (its \(p.values.count) amounts left unread)"
        notes.append(
            ImportNote(
                severity: .unread, location: ref(r, cols.first?.col ?? 0),
                message: "row \"\(shown)\" is neither a 科目 nor an item of \(hit.id.rawValue)\(dropped)"))
        return nil
    }

    /// 类 | 款 | 项 code parts (`201`, `03`, `01`) → `2010301`; a part that already holds the full
    /// code is taken as it is.
    static func joinCode(_ parts: [Int: String]) -> String? {
        guard let lei = parts[0] else { return nil }
        var code = lei
        if let kuan = parts[1] {
            code = kuan.count >= 5 ? kuan : code + String(repeating: "0", count: max(0, 2 - kuan.count)) + kuan
            if let xiang = parts[2] {
                code = xiang.count >= 7 ? xiang : code + String(repeating: "0", count: max(0, 2 - xiang.count)) + xiang
            }
        }
        return code
    }
}
