import JuesuanModel

/// Where a table's title was found.
struct TitleHit: Sendable {
    var id: TableID
    var row: Int
    var col: Int
    /// The title as printed (white space normalised).
    var text: String
}

/// Finds the nine tables' titles in a sheet by content: any cell whose text ends with a title or
/// one of its variants (a year, a department or 《》 around it are allowed).
enum TableLocator {
    /// Titles longest first, so 财政拨款收入支出决算总表 wins over 收入支出决算总表.
    static let titles: [(id: TableID, title: String)] = TableID.allCases
        .flatMap { id in ([id.spec.title] + id.spec.titleVariants).map { (id, Labels.normalise($0)) } }
        .sorted { $0.title.count > $1.title.count }

    static func titles(in grid: SheetGrid) -> [TitleHit] {
        var hits: [TitleHit] = []
        for (address, cell) in grid.cells {
            guard case .text(let raw) = cell.value, let id = match(raw) else { continue }
            hits.append(TitleHit(id: id, row: address.row, col: address.col, text: printed(raw)))
        }
        return hits.sorted { ($0.row, $0.col) < ($1.row, $1.col) }
    }

    /// The title text as it should be kept: white space runs collapsed to nothing between CJK.
    static func printed(_ raw: String) -> String {
        raw.split(whereSeparator: \.isWhitespace).joined()
    }

    /// The table a title-like text names, or nil.
    static func match(_ raw: String) -> TableID? {
        // Every title ends in 表: most cells are rejected without any work.
        guard raw.utf8.count >= 12, raw.contains(where: { $0 == "表" }) else { return nil }
        var t = Labels.normalise(raw)
        guard t.count <= 80, t.count >= 4 else { return nil }
        t = t.replacingOccurrences(of: "《", with: "").replacingOccurrences(of: "》", with: "")
        for prefix in LabelBook.shared.notePrefixes where t.hasPrefix(prefix) { return nil }
        // A trailing （2023年度） or （单位：万元） is not part of the title.
        if t.hasSuffix("）"), let open = t.lastIndex(of: "（"), t.distance(from: open, to: t.endIndex) <= 20 {
            let stripped = String(t[..<open])
            if titles.contains(where: { stripped.hasSuffix($0.title) }) { t = stripped }
        }
        for (id, title) in titles where t.hasSuffix(title) {
            let before = t.dropLast(title.count)
            // A long lead-in is prose that mentions a table, not a title.
            return before.count <= 40 ? id : nil
        }
        return nil
    }
}
