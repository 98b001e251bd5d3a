import JuesuanModel

/// 公开04表: 年初财政拨款结转和结余 on the income side is followed by its three sub-rows, printed
/// with the bare fund names (一般公共预算财政拨款 …); those rows are the sub-rows
/// `年初财政拨款结转和结余/<fund>`, not the fund income rows above. The first row that is not a
/// fund name ends the sub-rows. One tracker per panel.
struct OpeningBalanceSubRows {
    private var inside = false

    /// The sub-row a label names, while inside the sub-rows; nil otherwise (and the sub-rows end).
    mutating func item(for candidates: [String]) -> ItemName? {
        guard inside else { return nil }
        if let fund = ItemName.funds.first(where: { candidates.contains($0.rawValue) }) {
            return .openingGrantBalance(of: fund)
        }
        inside = false
        return nil
    }

    /// A fixed item was read: 年初财政拨款结转和结余 opens the sub-rows.
    mutating func enter(_ item: ItemName) { inside = item == .openingGrantBalance }
}
