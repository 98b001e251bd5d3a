import JuesuanModel

/// 公开01表 and 公开04表: a 收入 side and a 支出 side printed side by side.
///
/// Each side is a panel (label columns, then amounts). A panel's side comes from a 收入/支出
/// label over it or, without one, from its position (the first panel is 收入). Header paths that
/// lack the side label get it, so that `金额` under 支出 becomes `支出/金额`; an amount column
/// whose canonical name belongs to the other side is not one of this side's and is left unread.
enum TwoSidedPanels {
    static func complete(_ columns: inout [PanelColumn], panels: inout PanelLabels, matcher: ColumnMatcher) {
        for i in columns.indices {
            let p = columns[i].panel
            let side = panels.sides[p] ?? (p == 0 ? .income : .expenditure)
            panels.sides[p] = side
            var path = columns[i].path
            if !path.contains(side.rawValue) { path.insert(side.rawValue, at: 0) }
            switch columns[i].kind {
            case .amount?, nil:
                if let amount = matcher.canonicalColumn(for: path) { columns[i].kind = .amount(amount) }
            case .code?, .name?, .line?:
                break
            }
            if case .amount(let name)? = columns[i].kind, !side.owns(name) { columns[i].kind = nil }
        }
    }
}
