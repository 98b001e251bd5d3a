import JuesuanModel

/// 公开06表: printed as one list, or as panels side by side (人员经费 | 公用经费, or three panels
/// with 公用经费 continued), each panel `科目编码 | 科目名称 | 决算数`; 人员经费合计 and 公用经费合计
/// stand at the foot of their panels or on one line. The model keeps the 经济分类 items panel by
/// panel, then the totals, whatever the printed arrangement.
enum EconomicPanels {
    /// Items of every panel in panel order, then the fixed items (the totals) in panel order.
    static func arrange(_ panels: [[(Row, TableSources.RowSource)]]) -> [(Row, TableSources.RowSource)] {
        let items = panels.flatMap { $0.filter { $0.0.item == nil } }
        let totals = panels.flatMap { $0.filter { $0.0.item != nil } }
        return items + totals
    }
}
