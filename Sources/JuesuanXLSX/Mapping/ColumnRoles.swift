import Foundation
import JuesuanModel

extension TableReader {
    /// What each printed column is, from its header path; nil when no amount column is recognised.
    /// Columns that are not among the table's, and second copies of a column, become notes.
    func columnRoles(_ tree: HeaderTree, notes: inout [ImportNote]) -> [ColumnRole]? {
        let matcher = ColumnMatcher(table: hit.id)
        // Panels: a label column after an amount column starts a new panel.
        var columns: [PanelColumn] = []
        var panel = 0
        var lastWasAmount = false
        for (col, path) in tree.paths {
            let kind = matcher.role(for: path)
            let isLabel: Bool
            switch kind {
            case .code?, .name?, .line?: isLabel = true
            case .amount?, nil: isLabel = false
            }
            if isLabel && lastWasAmount { panel += 1 }
            lastWasAmount = !isLabel
            columns.append(PanelColumn(col: col, path: path, kind: kind, panel: panel))
        }
        var panels = PanelLabels(columns: columns, matcher: matcher)
        if recognisers.twoSidedPanels { TwoSidedPanels.complete(&columns, panels: &panels, matcher: matcher) }
        var roles: [ColumnRole] = []
        var unknown: [PanelColumn] = []
        for c in columns {
            guard let kind = c.kind else { unknown.append(c); continue }
            roles.append(
                ColumnRole(
                    col: c.col, kind: kind, panel: c.panel, side: panels.sides[c.panel],
                    group: panels.groups[c.panel], path: c.path))
        }
        guard roles.contains(where: \.isAmount) else { return nil }
        let headerStart = tree.rows.lowerBound
        for c in unknown {
            notes.append(
                ImportNote(
                    severity: .unread, location: ref(headerStart, c.col),
                    message:
                        "column headed \"\(c.path.joined(separator: "/"))\" is not a column of \(hit.id.rawValue); left unread"
                ))
        }
        // Duplicate canonical columns within a panel: keep the first.
        var seen = Set<String>()
        return roles.filter { role in
            guard case .amount(let name) = role.kind else { return true }
            guard seen.insert("\(role.panel)|\(name)").inserted else {
                notes.append(
                    ImportNote(
                        severity: .unread, location: ref(headerStart, role.col),
                        message: "a second \"\(name)\" column; left unread"))
                return false
            }
            return true
        }
    }
}

/// A printed column on its way to a role: its header path, what the matcher made of it, its panel.
struct PanelColumn {
    var col: Int
    var path: [String]
    var kind: ColumnRole.Kind?
    var panel: Int
}

/// What each panel's headers say about it: the side (01/04) and the 经费 group (06).
struct PanelLabels {
    var sides: [Int: Side] = [:]
    var groups: [Int: String] = [:]

    init(columns: [PanelColumn], matcher: ColumnMatcher) {
        for c in columns {
            let (side, group) = matcher.sideAndGroup(c.path)
            if let side, sides[c.panel] == nil { sides[c.panel] = side }
            if let group, groups[c.panel] == nil { groups[c.panel] = group }
        }
    }
}

extension ColumnRole {
    var isAmount: Bool { if case .amount = kind { return true } else { return false } }
}
