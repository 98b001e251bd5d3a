import Foundation
import JuesuanModel

/// Something the importer could not read, or read with a caveat.
public struct ImportNote: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, unread }
    public var severity: Severity
    /// `Sheet!B7` or `Sheet!A3:F40`; nil for notes about the workbook as a whole.
    public var location: String?
    public var message: String
    /// A cell read as shown by a scaling format (folded into one note per table by `TableReader`).
    var scaling: AmountReading.Scaling? = nil
    public var description: String { location.map { "\($0): \(message)" } ?? message }
}

/// Reads one recognised table out of a sheet grid: meta lines, header tree, rows.
struct TableReader {
    let grid: SheetGrid
    let hit: TitleHit
    /// Last row of the table's region (before the next title or the sheet's end).
    let regionEnd: Int
    let book = LabelBook.shared

    /// What was read.
    struct Result {
        var table: Table
        var department: String?
        var unit: AmountUnit?
        var unitLabel: String?
        var tableNumberLine = false
        var hasLineColumn = false
        var range: String
        var notes: [ImportNote] = []
        /// Per row (in `table.rows` order): column → `Sheet!B7`.
        var sources: [[String: String]] = []
    }

    func ref(_ r: Int, _ c: Int) -> String { "\(grid.name)!\(CellRef.name(r, c))" }

    func rowCells(_ r: Int) -> [(col: Int, cell: Cell)] {
        grid.row(r).map { ($0.col, $0) }
    }

    /// Reads the table, or nil when the title has no recognisable table under it (a 目录 line).
    func read() -> Result? {
        var result = Result(table: Table(id: hit.id, title: hit.text), range: "")
        guard grid.maxCol >= 0, hit.row < regionEnd else { return nil }
        let headerStart = readMeta(into: &result)
        guard headerStart <= regionEnd, let (headerEnd, dataStart) = headerBlock(from: headerStart),
            let roles = columnRoles(headerStart...headerEnd, notes: &result.notes)
        else { return nil }
        result.hasLineColumn = roles.contains { $0.kind == .line }
        let lastBodyRow = readBody(roles, from: dataStart, into: &result)
        result.notes = AmountReading.foldingScaling(result.notes, table: hit.id, unit: result.unit)
        result.range =
            "\(grid.name)!\(CellRef.name(hit.row, 0)):\(CellRef.name(max(lastBodyRow, headerEnd), grid.maxCol))"
        return result
    }

    /// The 表号 line above the title and the meta lines under it (编制单位, 金额单位); returns the
    /// first row after them, where the header starts.
    func readMeta(into result: inout Result) -> Int {
        // 表号 line just above the title.
        for r in max(0, hit.row - 2)..<hit.row {
            if rowCells(r).contains(where: {
                TableID(number: $0.cell.labelText) == hit.id && $0.cell.labelText.contains("公开")
            }) {
                result.tableNumberLine = true
            }
        }
        // Meta lines: 编制单位 / 金额单位 / 表号, between the title and the header.
        var r = hit.row + 1
        while r <= regionEnd {
            let cells = rowCells(r)
            if cells.isEmpty { r += 1; continue }
            var isMeta = true
            for (_, cell) in cells {
                let t = Labels.normalise(cell.labelText)
                if let (dept, unit, unitLabel) = metaFields(t) {
                    if let dept, !dept.isEmpty { result.department = dept }
                    if let unit { result.unit = unit; result.unitLabel = unitLabel }
                } else if t.hasPrefix("公开") && TableID(number: t) != nil {
                    result.tableNumberLine = true
                } else {
                    isMeta = false
                }
            }
            if !isMeta { break }
            r += 1
        }
        return r
    }

    /// The header rows run until the first data row; a 栏次 row ends them and is skipped.
    /// Returns the last header row and the first data row.
    func headerBlock(from headerStart: Int) -> (headerEnd: Int, dataStart: Int)? {
        var dataStart = headerStart + 1
        var columnNumberRow: Int?
        while dataStart <= min(regionEnd, headerStart + 7) {
            if isColumnNumberRow(dataStart) { columnNumberRow = dataStart; break }
            if isDataRow(dataStart) { break }
            dataStart += 1
        }
        let headerEnd = (columnNumberRow ?? dataStart) - 1
        guard headerEnd >= headerStart else { return nil }
        if let c = columnNumberRow { dataStart = c + 1 }
        return (headerEnd, dataStart)
    }

    /// What each printed column is, from its header path; nil when no amount column is recognised.
    /// Unrecognised and duplicate columns become notes.
    func columnRoles(_ headerRows: ClosedRange<Int>, notes: inout [ImportNote]) -> [ColumnRole]? {
        let headerStart = headerRows.lowerBound
        let maxCol = grid.maxCol
        let anchors = grid.mergeAnchors(rows: headerRows)
        // Column paths, top-down, merged cells spread over the columns they cover.
        var roles: [ColumnRole] = []
        var unknownPaths: [(Int, [String])] = []
        let matcher = ColumnMatcher(table: hit.id)
        var provisional: [(col: Int, path: [String], kind: ColumnRole.Kind?)] = []
        for c in 0...maxCol {
            var path: [String] = []
            for hr in headerRows {
                if let t = grid.text(hr, c, anchors: anchors) {
                    let n = Labels.normalise(t)
                    if path.last != n { path.append(n) }
                }
            }
            guard !path.isEmpty else { continue }
            provisional.append((c, path, matcher.role(for: path)))
        }
        // Panels: a label column after an amount column starts a new panel.
        var panel = 0
        var lastWasAmount = false
        var panelSides: [Int: Side] = [:]
        var panelGroups: [Int: String] = [:]
        var assigned: [(col: Int, path: [String], kind: ColumnRole.Kind?, panel: Int)] = []
        for p in provisional {
            let isLabel: Bool
            switch p.kind {
            case .code?, .name?, .line?: isLabel = true
            default: isLabel = false
            }
            if isLabel && lastWasAmount { panel += 1 }
            lastWasAmount = !isLabel
            assigned.append((p.col, p.path, p.kind, panel))
            let (side, group) = matcher.sideAndGroup(p.path)
            if let side, panelSides[panel] == nil { panelSides[panel] = side }
            if let group, panelGroups[panel] == nil { panelGroups[panel] = group }
        }
        let twoSided = hit.id.spec.scheme == .twoSided
        for a in assigned {
            var kind = a.kind
            var side = panelSides[a.panel]
            if twoSided && side == nil { side = a.panel == 0 ? .income : .expenditure }
            if twoSided, let side {
                // Headers without 收入/支出 labels: the panel's side completes the path.
                var path = a.path
                if !path.contains(side.rawValue) { path.insert(side.rawValue, at: 0) }
                var isAmountOrUnknown = kind == nil
                if case .amount? = kind { isAmountOrUnknown = true }
                if isAmountOrUnknown, let amount = matcher.canonicalColumn(for: path) { kind = .amount(amount) }
            }
            guard let kind else { unknownPaths.append((a.col, a.path)); continue }
            if case .amount(let name) = kind, twoSided, let side, !name.hasPrefix(side.rawValue + "/") {
                unknownPaths.append((a.col, a.path))
                continue
            }
            roles.append(
                ColumnRole(
                    col: a.col, kind: kind, panel: a.panel, side: twoSided ? side : nil, group: panelGroups[a.panel],
                    path: a.path))
        }
        guard roles.contains(where: { if case .amount = $0.kind { return true } else { return false } }) else {
            return nil
        }
        for (c, path) in unknownPaths {
            notes.append(
                ImportNote(
                    severity: .unread, location: ref(headerStart, c),
                    message:
                        "column headed \"\(path.joined(separator: "/"))\" is not a column of \(hit.id.rawValue); left unread"
                ))
        }
        // Duplicate canonical columns within a panel: keep the first.
        var seen = Set<String>()
        roles = roles.filter { role in
            guard case .amount(let name) = role.kind else { return true }
            let key = "\(role.panel)|\(name)"
            if seen.contains(key) {
                notes.append(
                    ImportNote(
                        severity: .unread, location: ref(headerStart, role.col),
                        message: "a second \"\(name)\" column; left unread"))
                return false
            }
            seen.insert(key)
            return true
        }
        return roles
    }

    /// Reads the rows under the header (and the notes under the table); returns the last row read.
    func readBody(_ roles: [ColumnRole], from dataStart: Int, into result: inout Result) -> Int {
        let panels = Dictionary(grouping: roles, by: \.panel).sorted { $0.key < $1.key }.map(\.value)
        var perPanelRows: [[(Row, [String: String])]] = Array(repeating: [], count: panels.count)
        var totals: [[(Row, [String: String])]] = Array(repeating: [], count: panels.count)
        var lastBodyRow = dataStart - 1
        var notes: [String] = []
        var fundParent: [Int: Bool] = [:]  // panel → inside 年初财政拨款结转和结余's sub-rows
        for row in dataStart...max(dataStart, regionEnd) where row <= regionEnd {
            let cells = rowCells(row)
            if cells.isEmpty { continue }
            // Notes under the table.
            if let first = cells.first, case .text(let t) = first.cell.value,
                case let n = Labels.normalise(t), book.notePrefixes.contains(where: { n.hasPrefix($0) })
            {
                notes.append(t.trimmingCharacters(in: .whitespacesAndNewlines))
                continue
            }
            for (p, cols) in panels.enumerated() {
                guard
                    case (var parsed, let sources)? = readRow(
                        row, cols, panelIndex: p, fundParent: &fundParent, notes: &result.notes)
                else { continue }
                if hit.id.spec.scheme == .single {
                    parsed.item = TableSpec.threePublicItem; parsed.code = nil; parsed.name = TableSpec.threePublicItem
                }
                lastBodyRow = max(lastBodyRow, row)
                if hit.id == .t06, parsed.item != nil {
                    totals[p].append((parsed, sources))
                } else {
                    perPanelRows[p].append((parsed, sources))
                }
            }
            if hit.id.spec.scheme == .single && !perPanelRows.allSatisfy(\.isEmpty) { break }
        }
        // 06 across panels: the items panel by panel, then the 合计 rows.
        let all = perPanelRows.flatMap { $0 } + totals.flatMap { $0 }
        result.table.rows = all.map(\.0)
        result.sources = all.map(\.1)
        let footnotes = Layout.shippedFootnotes(hit.id)
        result.table.notes = notes.filter { !footnotes.contains($0) }
        return lastBodyRow
    }

    /// Reads one row of one panel, with the cell each value came from; nil when the panel is empty on this row.
    func readRow(
        _ r: Int, _ cols: [ColumnRole], panelIndex: Int, fundParent: inout [Int: Bool], notes: inout [ImportNote]
    ) -> (Row, [String: String])? {
        let spec = hit.id.spec
        var codeParts: [Int: String] = [:]
        var code: String?
        var name: String?
        var line: String?
        var values: [String: Value] = [:]
        var sources: [String: String] = [:]
        var side: Side?
        for role in cols {
            side = role.side ?? side
            let cell = grid[r, role.col]
            switch role.kind {
            case .code(let part):
                guard let cell else { continue }
                let t = cell.labelText.trimmingCharacters(in: .whitespacesAndNewlines)
                if t.isEmpty { continue }
                if t.allSatisfy(\.isASCIIDigit) {
                    if let part { codeParts[part] = t } else { code = t }
                } else if name == nil {
                    name = t  // 合计 written across the code and name columns
                }
            case .name:
                if let cell, case let t = cell.labelText.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty {
                    name = t.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined()
                }
            case .line:
                if let cell, case let t = cell.labelText.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty {
                    line = t
                }
            case .amount(let column):
                guard let cell else { continue }
                switch AmountReading.value(of: cell) {
                case .value(let v, let warning):
                    values[column] = v
                    sources[column] = ref(r, role.col)
                    if let warning {
                        notes.append(ImportNote(severity: .warning, location: ref(r, role.col), message: warning))
                    }
                case .scaled(let v, let scaling):
                    values[column] = v
                    sources[column] = ref(r, role.col)
                    notes.append(
                        ImportNote(severity: .warning, location: ref(r, role.col), message: "", scaling: scaling))
                case .blank: break
                case .unreadable(let why):
                    notes.append(ImportNote(severity: .unread, location: ref(r, role.col), message: why))
                }
            }
        }
        if code == nil, !codeParts.isEmpty { code = joinCode(codeParts) }
        if name == nil && code == nil && values.isEmpty && line == nil { return nil }
        if spec.scheme == .single {
            return values.isEmpty ? nil : (Row(name: TableSpec.threePublicItem, values: values), sources)
        }
        let printed = name ?? ""
        let label = Labels.normalise(Labels.strippingOrdinal(printed))
        var row = Row(side: spec.scheme == .twoSided ? side : nil, name: printed, line: line, values: values)
        // Item rows first (合计, 总计, 人员经费合计 …), then codes, then 类 names (01/04).
        let allowedItems = spec.items(for: spec.scheme == .twoSided ? side : nil)
        if code == nil, let item = matchItem(label, allowed: allowedItems, panel: panelIndex, fundParent: &fundParent) {
            row.item = item
            return (row, sources)
        }
        if let code, spec.codeLengths.contains(code.count) {
            row.code = code
            if spec.scheme == .twoSided && side == .income { row.side = .income }
            return (row, sources)
        }
        if !label.isEmpty, spec.scheme != .economic, let cat = Catalogue.categoryCode(forName: printed),
            spec.scheme != .twoSided || side == .expenditure
        {
            row.code = cat
            return (row, sources)
        }
        if label.isEmpty && values.isEmpty { return nil }
        notes.append(
            ImportNote(
                severity: .unread, location: ref(r, cols.first?.col ?? 0),
                message:
                    "row \"\(printed.isEmpty ? (code ?? "") : printed)\" is neither a 科目 nor an item of \(hit.id.rawValue)\(values.isEmpty ? "" : " (its \(values.count) amounts left unread)")"
            ))
        return nil
    }

    func matchItem(_ label: String, allowed: [String], panel: Int, fundParent: inout [Int: Bool]) -> String? {
        let candidates = book.itemCandidates(label)
        // 公开04表: the three funds under 年初财政拨款结转和结余 are its sub-rows.
        if hit.id == .t04, fundParent[panel] == true {
            for c in candidates where TableSpec.funds.contains(c) { return "年初财政拨款结转和结余/" + c }
            fundParent[panel] = false
        }
        for c in candidates where allowed.contains(c) {
            if hit.id == .t04 && c == "年初财政拨款结转和结余" { fundParent[panel] = true }
            return c
        }
        return nil
    }

    func joinCode(_ parts: [Int: String]) -> String? {
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

    /// 编制单位：X / 金额单位：万元 in one normalised text; nil when it is neither.
    func metaFields(_ t: String) -> (String?, AmountUnit?, String?)? {
        var dept: String?
        var unit: AmountUnit?
        var unitLabel: String?
        var rest = Substring(t)
        var matched = false
        for label in book.departmentLabels {
            if let range = rest.range(of: label + "：") ?? rest.range(of: label + ":") {
                var value = rest[range.upperBound...]
                for u in book.unitLabels {
                    if let cut = value.range(of: u + "：") ?? value.range(of: u + ":") {
                        value = value[..<cut.lowerBound]
                    }
                }
                dept = String(value)
                matched = true
                rest = rest[range.upperBound...]
                break
            }
        }
        for label in book.unitLabels {
            if let range = rest.range(of: label + "：") ?? rest.range(of: label + ":") {
                let value = rest[range.upperBound...]
                if value.hasPrefix("万元") { unit = .wanYuan } else if value.hasPrefix("元") { unit = .yuan }
                if unit != nil { unitLabel = label; matched = true }
                break
            }
        }
        return matched ? (dept, unit, unitLabel) : nil
    }

    func isColumnNumberRow(_ r: Int) -> Bool {
        let cells = rowCells(r)
        if cells.contains(where: { book.columnNumberLabels.contains(Labels.normalise($0.cell.labelText)) }) {
            return true
        }
        // Or a run 1, 2, 3 … of small integers and nothing else.
        let numbers = cells.map { Int($0.cell.labelText) }
        guard numbers.count >= 2, numbers.allSatisfy({ $0 != nil }) else { return false }
        return numbers.compactMap { $0 } == Array(1...numbers.count)
    }

    /// A row of numbers, or one whose first cell is a code, an item or a 类 name (header cells such
    /// as 合计 under 本年支出 are never first in their row).
    func isDataRow(_ r: Int) -> Bool {
        let cells = rowCells(r)
        for (_, cell) in cells {
            if case .number = cell.value { return true }
            if case .text(let t) = cell.value, let a = Amount(Labels.normalise(t)), a.scale > 0 { return true }
        }
        guard let first = cells.first, case .text(let t) = first.cell.value else { return false }
        let n = Labels.normalise(Labels.strippingOrdinal(t))
        if n.count >= 3 && n.count <= 7 && n.allSatisfy(\.isASCIIDigit) { return true }
        if book.itemCandidates(n).contains(where: { hit.id.spec.items(for: nil).contains($0) }) { return true }
        return Catalogue.categoryCode(forName: t) != nil
    }
}
