import Foundation
import JuesuanModel

/// Draws one table of a document as a sheet layout, following a layout file: model → cells,
/// merges and styles as values. No C here.
struct TableDrawer {
    let document: Document
    let layout: Layout
    /// The decimals every amount is printed with; nil prints each amount with its own.
    var decimals: Int? = 2
    /// Draw the layout's formatted blank rows under the body (the template to fill in).
    var blankRows = false
    /// Leave out the 类 rows of 01 and 04 that carry no amount at all.
    var omitEmptyCategories = false

    /// The sheet one table becomes: 表号 line, title, meta line, header tree, body, notes.
    func draw(_ table: Table) -> SheetLayout {
        let tl = layout.table(table.id)
        let spec = table.id.spec
        var sheet = SheetLayout(name: layout.sheetName(for: table))
        sheet.onePage = tl.onePage ?? false
        let columns = tl.panels.enumerated().flatMap { (p, panel) in panel.columns.map { (panel: p, col: $0) } }
        let panelStart = tl.panels.indices.map { p in columns.firstIndex { $0.panel == p }! }
        let lastCol = columns.count - 1
        var r = 0

        // 表号, title, 编制单位 / 金额单位.
        if layout.tableNumberLine {
            sheet.put(
                r, max(0, lastCol - 1), .text(layout.printedNumber(table.id)), CellStyle(role: .tableNumber),
                toCol: lastCol)
            r += 1
        }
        let titleRow = r
        sheet.put(r, 0, .text(layout.printedTitle(table)), CellStyle(role: .title), toCol: lastCol)
        sheet.rowHeights[r] = 36
        r += 1
        if let year = document.year, let label = layout.yearLabel, columns.count >= 3 {
            // 编制单位 | 年度 | 金额单位, in thirds.
            let third = max(1, columns.count / 3)
            let yearEnd = max(third, lastCol - third)
            sheet.put(
                r, 0, .text(layout.departmentLabel + document.department), CellStyle(role: .caption), toCol: third - 1)
            sheet.put(
                r, third, .text(label.replacingOccurrences(of: "{年度}", with: String(year))),
                CellStyle(role: .captionCentre), toCol: yearEnd)
            sheet.put(
                r, yearEnd + 1, .text(layout.unitLabel + document.unit.rawValue), CellStyle(role: .captionRight),
                toCol: lastCol)
        } else {
            let split = max(0, min(lastCol - 1, (columns.count + 1) / 2 - 1))
            sheet.put(
                r, 0, .text(layout.departmentLabel + document.department), CellStyle(role: .caption), toCol: split)
            sheet.put(
                r, split + 1, .text(layout.unitLabel + document.unit.rawValue), CellStyle(role: .captionRight),
                toCol: max(split + 1, lastCol))
        }
        sheet.rowHeights[r] = 22
        r += 1

        // Header tree.
        let depth = columns.map(\.col.header.count).max() ?? 1
        let header = CellStyle(role: .header)
        for level in 0..<depth {
            var c = 0
            while c < columns.count {
                let path = columns[c].col.header
                guard path.count > level else { c += 1; continue }
                if level == path.count - 1 {
                    // A leaf: its own column, merged down to the bottom header row.
                    sheet.put(r + level, c, .text(path[level]), header, toRow: r + depth - 1)
                    c += 1
                    continue
                }
                var end = c
                while end + 1 < columns.count {
                    let next = columns[end + 1].col.header
                    guard next.count > level + 1, Array(next[0...level]) == Array(path[0...level]) else { break }
                    end += 1
                }
                sheet.put(r + level, c, .text(path[level]), header, toCol: end)
                c = end + 1
            }
            sheet.rowHeights[r + level] = 24
        }
        r += depth
        if layout.columnNumbers {
            var n = 0
            var c = 0
            while c < columns.count {
                let col = columns[c].col
                switch col.kind {
                case .amount:
                    n += 1
                    sheet.put(r, c, .text(String(n)), header)
                    c += 1
                case .code
                where c + 1 < columns.count && columns[c + 1].col.kind == .name
                    && columns[c + 1].panel == columns[c].panel:
                    sheet.put(r, c, .text(layout.columnNumberLabel), header, toCol: c + 1)
                    c += 2
                case .name:
                    sheet.put(r, c, .text(layout.columnNumberLabel), header)
                    c += 1
                default:
                    sheet.put(r, c, .blank, header)
                    c += 1
                }
            }
            r += 1
        }
        sheet.repeatRows = titleRow...(r - 1)

        // Body: rows per panel, aligned on anchors.
        let panelRows = distribute(table, tl)
        let placed = align(panelRows, anchors: tl.anchors ?? [], start: r)
        let filled = placed.flatMap { $0.map(\.0) }.max().map { $0 + 1 } ?? r
        // The template's formatted blank rows, for 科目 rows to be typed in.
        let bodyEnd = filled + (blankRows ? max(0, tl.templateBlankRows ?? 0) : 0)
        for (p, panel) in tl.panels.enumerated() {
            let first = panelStart[p]
            var used = Set<Int>()
            for (sheetRow, row) in placed[p] {
                used.insert(sheetRow)
                drawRow(row, table: table, panel: panel, firstCol: first, at: sheetRow, into: &sheet)
            }
            // Rows this panel leaves empty still get their borders.
            for sheetRow in r..<bodyEnd where !used.contains(sheetRow) {
                for (i, col) in panel.columns.enumerated() {
                    sheet.put(sheetRow, first + i, .blank, style(for: col))
                }
            }
        }
        r = bodyEnd

        // Notes under the table: the document's own, then the layout's footnotes.
        let notes = table.notes + (tl.footnotes ?? []).filter { !table.notes.contains($0) }
        for note in notes {
            sheet.put(r, 0, .text(note), CellStyle(role: .note), toCol: lastCol)
            sheet.rowHeights[r] = Double(18 * max(1, lines(note, width: totalWidth(columns.count))))
            r += 1
        }
        // Blank rows to type 科目 names into get a name column wide enough for the usual ones.
        let typed = blankRows && (tl.templateBlankRows ?? 0) > 0
        sizeColumns(&sheet, columns: columns.map(\.col), table: table, minimumNameWidth: typed ? 34 : 20)
        return sheet
    }

    /// The rows each panel shows, in order.
    func distribute(_ table: Table, _ tl: Layout.TableLayout) -> [[Row]] {
        let anchorItems = Set((tl.anchors ?? []).flatMap { $0 })
        var result = Array(repeating: [Row](), count: tl.panels.count)
        // Panels sharing a group split its rows: non-anchor rows in halves, anchors to the last one.
        var byGroup: [String: [Int]] = [:]
        for (p, panel) in tl.panels.enumerated() {
            if let g = panel.group { byGroup[g, default: []].append(p) }
        }
        for (p, panel) in tl.panels.enumerated() {
            if let side = panel.side {
                result[p] = table.rows.filter {
                    $0.side == side && !(omitEmptyCategories && $0.code != nil && $0.values.isEmpty)
                }
            } else if let group = panel.group {
                let mine = table.rows.filter { groupOf($0) == group }
                let siblings = byGroup[group]!
                let k = siblings.firstIndex(of: p)!
                let plain = mine.filter { !anchorItems.contains($0.item ?? "") }
                let per = (plain.count + siblings.count - 1) / max(1, siblings.count)
                var slice = Array(plain.dropFirst(k * per).prefix(per))
                if k == siblings.count - 1 { slice += mine.filter { anchorItems.contains($0.item ?? "") } }
                result[p] = slice
            } else {
                result[p] = table.rows
            }
        }
        return result
    }

    func groupOf(_ row: Row) -> String {
        if let code = row.code { return Catalogue.economicGroup(of: code).rawValue }
        if row.itemName == .personnelTotal { return Catalogue.EconomicGroup.personnel.rawValue }
        return Catalogue.EconomicGroup.publicUse.rawValue
    }

    /// Sheet rows for each panel's rows: rows before an anchor fill down, anchor rows line up.
    func align(_ panels: [[Row]], anchors: [[String]], start: Int) -> [[(Int, Row)]] {
        var out = Array(repeating: [(Int, Row)](), count: panels.count)
        var next = Array(repeating: 0, count: panels.count)  // index into each panel's rows
        var cursor = start
        for anchor in anchors {
            // Where each panel's anchor row is (its first row, from `next`, whose item is in `anchor`).
            let hits = panels.indices.map { p in
                panels[p][next[p]...].firstIndex { anchor.contains($0.item ?? "") }
            }
            guard hits.contains(where: { $0 != nil }) else { continue }
            // A panel without this anchor puts the rest of its rows beside the others' rows before it.
            let height = panels.indices.map { p in (hits[p] ?? panels[p].count) - next[p] }.max() ?? 0
            for p in panels.indices {
                let h = hits[p] ?? panels[p].count
                for (i, row) in panels[p][next[p]..<h].enumerated() { out[p].append((cursor + i, row)) }
                if let h = hits[p] { out[p].append((cursor + height, panels[p][h])) }
                next[p] = min(h + 1, panels[p].count)
            }
            cursor += height + 1
        }
        for p in panels.indices {
            for (i, row) in panels[p][next[p]...].enumerated() { out[p].append((cursor + i, row)) }
        }
        return out
    }

    func drawRow(
        _ row: Row, table: Table, panel: Layout.Panel, firstCol: Int, at r: Int, into sheet: inout SheetLayout
    ) {
        let spec = table.id.spec
        let isTotal = row.itemName.map { spec.totalItems.contains($0) } ?? false
        var i = 0
        let cols = panel.columns
        while i < cols.count {
            let col = cols[i]
            let c = firstCol + i
            switch col.kind {
            case .code:
                if row.code == nil, i + 1 < cols.count, cols[i + 1].kind == .name {
                    // A fixed row (合计, 人员经费合计): its label spans code and name.
                    sheet.put(r, c, .text(row.name), CellStyle(role: .label, bold: isTotal), toCol: c + 1)
                    i += 2
                    continue
                }
                sheet.put(r, c, row.code.map { .text($0) } ?? .blank, style(for: col))
            case .name:
                sheet.put(r, c, .text(row.name), CellStyle(role: .label, indent: indent(row), bold: isTotal))
            case .line:
                sheet.put(r, c, row.line.map { .text($0) } ?? .blank, style(for: col))
            case .amount:
                let key = col.column ?? ""
                switch row.values[key] {
                case .amount(let printed)?:
                    let a = published(
                        printed, table: table, row: row, column: key, cell: CellRef.name(r, c), into: &sheet)
                    // A double keeps 15 significant digits through any writer's and reader's text form
                    // (libxlsxwriter prints 16); longer amounts are written as text to stay exact.
                    if a.units.magnitude < 1_000_000_000_000_000 {
                        let d = a.doubleValue
                        sheet.put(r, c, .number(d), CellStyle(role: .amount, decimals: a.scale, bold: isTotal))
                    } else {
                        // Too many significant digits for a double: keep it exact as text.
                        sheet.put(r, c, .text(a.description), CellStyle(role: .dash, bold: isTotal))
                    }
                case .dash(let d)?:
                    sheet.put(r, c, .text(d), CellStyle(role: .dash, bold: isTotal))
                case nil:
                    sheet.put(r, c, .blank, CellStyle(role: .amount, decimals: decimals ?? 2, bold: isTotal))
                }
            }
            i += 1
        }
    }

    /// An amount at the table's decimals: more decimals are added exactly; fewer are rounded half
    /// up, and the rounding is noted on the sheet (never silently).
    func published(
        _ a: Amount, table: Table, row: Row, column: String, cell: String, into sheet: inout SheetLayout
    ) -> Amount {
        guard let decimals, decimals != a.scale, let shown = try? a.rescaled(to: decimals) else { return a }
        if decimals < a.scale && !shown.isNumericallyEqual(to: a) {
            let what = [row.code, row.name].compactMap { $0 }.joined(separator: " ")
            sheet.roundings.append(
                "\(sheet.name)!\(cell): \(table.id.rawValue) \(what) [\(column)] \(a) printed as \(shown) (the table prints \(decimals) decimals; rounded half up)"
            )
        }
        return shown
    }

    func style(for col: Layout.Column) -> CellStyle {
        switch col.kind {
        case .code: return CellStyle(role: .code)
        case .line: return CellStyle(role: .code)
        case .name: return CellStyle(role: .label)
        case .amount: return CellStyle(role: .amount, decimals: decimals ?? 2)
        }
    }

    func indent(_ row: Row) -> Int {
        if let item = row.item { return item.contains("/") ? 1 : 0 }
        guard let level = row.level, row.side == nil else { return 0 }
        return level - 1
    }

    // MARK: sizes

    /// Display width in Excel character units: CJK characters count about two.
    static func displayWidth(_ s: String) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2.1 : 1.1) }
    }

    func totalWidth(_ n: Int) -> Double { Double(n) * 14 }

    func lines(_ text: String, width: Double) -> Int {
        Int((TableDrawer.displayWidth(text) / max(width, 1)).rounded(.up))
    }

    func sizeColumns(_ sheet: inout SheetLayout, columns: [Layout.Column], table: Table, minimumNameWidth: Double = 20)
    {
        // The widest label and amount of each column, in one pass over the cells.
        var longestLabel: [Int: Double] = [:]
        var longestAmount: [Int: Double] = [:]
        for cell in sheet.cells where !cell.isMerge {
            switch (cell.style.role, cell.content) {
            case (.label, .text(let t)):
                longestLabel[cell.col] = max(longestLabel[cell.col] ?? 0, TableDrawer.displayWidth(t) + 2)
            case (.amount, .number(let d)):
                // #,##0.00 adds a separator every three digits.
                let digits = Double(String(Int64(abs(d))).count)
                longestAmount[cell.col] = max(longestAmount[cell.col] ?? 0, (digits + 3) * 1.25 + 2)
            default:
                break
            }
        }
        for (c, col) in columns.enumerated() {
            let width: Double
            switch col.kind {
            case .code: width = 11
            case .line: width = 6
            case .name: width = min(max(longestLabel[c] ?? minimumNameWidth, minimumNameWidth), 44)
            case .amount:
                let leaf = TableDrawer.displayWidth(col.header.last ?? "") + 2
                width = min(max(12, longestAmount[c] ?? 10, min(leaf, 18)), 22)
            }
            sheet.columnWidths[c] = width
        }
        // Body rows whose label wraps get taller.
        for cell in sheet.cells where cell.style.role == .label && !cell.isMerge {
            if case .text(let t) = cell.content, let w = sheet.columnWidths[cell.col] {
                let n = lines(t, width: w - 1)
                if n > 1 { sheet.rowHeights[cell.row] = max(sheet.rowHeights[cell.row] ?? 0, Double(15 * n + 4)) }
            }
        }
        // Header rows grow to fit wrapped labels.
        for cell in sheet.cells where cell.style.role == .header {
            guard case .text(let t) = cell.content else { continue }
            let w = (cell.col...cell.lastCol).reduce(0.0) { $0 + (sheet.columnWidths[$1] ?? 10) }
            let n = lines(t, width: w - 1)
            let rows = cell.lastRow - cell.row + 1
            let need = Double(15 * n + 8) / Double(rows)
            for rr in cell.row...cell.lastRow { sheet.rowHeights[rr] = max(sheet.rowHeights[rr] ?? 20, need) }
        }
    }
}
