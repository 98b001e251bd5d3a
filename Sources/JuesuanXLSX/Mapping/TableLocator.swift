import JuesuanModel

/// Where a table's title was found (0-based row and column).
struct TitleHit: Sendable {
    var id: TableID
    var row: Int
    var col: Int
    /// The title as printed (white space normalised).
    var text: String
}

/// The title of a table that is not among the nine (a regional extra, a 分单位 variant, 政府采购情况表 …).
struct OtherTitle: Sendable {
    var row: Int
    var col: Int
    var text: String
}

/// Finds the nine tables' titles in a sheet by content: any cell whose text ends with a title or
/// one of its variants (a year, a department or 《》 around it are allowed). The title decides
/// which table it is; titles of other tables are found too, so that they are listed and end the
/// region of the table above them.
enum TableLocator {
    /// Titles longest first, so 财政拨款收入支出决算总表 wins over 收入支出决算总表.
    static let titles: [(id: TableID, title: String)] = TableID.allCases
        .flatMap { id in ([id.spec.title] + id.spec.titleVariants).map { (id, Labels.normalise($0)) } }
        .sorted { $0.title.count > $1.title.count }

    /// What a title-like text is.
    enum Match: Equatable {
        case table(TableID)
        case other
    }

    /// The nine tables' titles in a sheet, top to bottom.
    static func titles(in grid: SheetGrid) -> [TitleHit] { scan(grid).tables }

    /// The nine tables' titles and the other tables' titles in a sheet, top to bottom.
    static func scan(_ grid: SheetGrid) -> (tables: [TitleHit], others: [OtherTitle]) {
        var hits: [TitleHit] = []
        var others: [OtherTitle] = []
        // Row-major already: the hits come out top to bottom.
        grid.forEachCell { cell in
            guard case .text(let raw) = cell.value, let m = match(raw) else { return }
            switch m {
            case .table(let id): hits.append(TitleHit(id: id, row: cell.row, col: cell.col, text: printed(raw)))
            case .other: others.append(OtherTitle(row: cell.row, col: cell.col, text: printed(raw)))
            }
        }
        return (hits, others)
    }

    /// True when the text holds 表 (U+8868).
    static func containsBiao(_ raw: String) -> Bool {
        var raw = raw
        return raw.withUTF8 { b in
            guard b.count >= 3 else { return false }
            for i in 0..<(b.count - 2) where b[i] == 0xE8 && b[i + 1] == 0xA1 && b[i + 2] == 0xA8 { return true }
            return false
        }
    }

    /// The title text as it should be kept: white space runs collapsed to nothing between CJK.
    static func printed(_ raw: String) -> String {
        raw.split(whereSeparator: \.isWhitespace).joined()
    }

    /// The table a title-like text names, `.other` for a table that is not among the nine, or nil
    /// when the text is not a title.
    static func match(_ raw: String) -> Match? {
        // Every title ends in 表 (or 表 and a bracket): most cells are rejected without any work.
        // (表 is E8 A1 A8 in UTF-8: searched for as bytes, without decoding characters.)
        guard raw.utf8.count >= 12, raw.utf8.count <= 400, containsBiao(raw) else { return nil }
        var t = Labels.normalise(raw)
        guard t.count <= 80, t.count >= 4 else { return nil }
        if t.contains(where: { $0 == "《" || $0 == "》" }) { t.removeAll { $0 == "《" || $0 == "》" } }
        let book = LabelBook.shared
        for prefix in book.notePrefixes where t.hasPrefix(prefix) { return nil }
        // A trailing （2023年度） or （单位：万元） is not part of the title; （分单位） makes another table.
        if t.hasSuffix("）"), let open = t.lastIndex(of: "（"), t.distance(from: open, to: t.endIndex) <= 20 {
            let qualifier = t[open...]
            let stripped = String(t[..<open])
            if book.otherTableQualifiers.contains(where: qualifier.contains) { return .other }
            if titles.contains(where: { stripped.hasSuffix($0.title) }) { t = stripped }
        }
        // Known tables beside the nine, before the nine (项目支出决算表 ends like 支出决算表).
        if book.otherTableTitles.contains(where: t.hasSuffix) { return .other }
        for (id, title) in titles where t.hasSuffix(title) {
            let before = t.dropLast(title.count)
            // A long lead-in is prose that mentions a table, not a title.
            guard before.count <= 40 else { return nil }
            // 基本支出决算表, 项目支出决算表 …: a qualifier just before a short title makes another table.
            if book.otherTableLeadInEndings.contains(where: before.hasSuffix) { return .other }
            return .table(id)
        }
        // Not one of the nine, but shaped like a table title (…决算表, …情况表).
        if t.count <= 40, book.otherTableTitleEndings.contains(where: t.hasSuffix),
            !t.contains("：") && !t.contains("，") && !t.contains("。")
        {
            return .other
        }
        return nil
    }
}
