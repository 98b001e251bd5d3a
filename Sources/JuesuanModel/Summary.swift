/// A plain-text overview of a document: one line per table with its headline total.
public enum DocumentSummary {
    public static func text(_ doc: Document) -> String {
        var out = "\(doc.department)"
        if let y = doc.year { out += "  \(y)年度" }
        out += "  金额单位：\(doc.unit.rawValue)\n"
        for id in TableID.allCases {
            guard let table = doc.tables[id] else {
                out += "\(id.rawValue) \(id.spec.title): (missing)\n"
                continue
            }
            out += "\(id.rawValue) \(table.title): \(table.rows.count) rows"
            if let headline = headline(table) { out += ", \(headline)" }
            if table.hasNoData { out += " (no data)" }
            out += "\n"
        }
        return out
    }

    static func headline(_ t: Table) -> String? {
        let pick: (String, Side?, String)?
        switch t.id {
        case .t01: pick = ("总计", .income, "收入/金额")
        case .t02: pick = (TableSpec.totalItem, nil, "本年收入合计")
        case .t03: pick = (TableSpec.totalItem, nil, "本年支出合计")
        case .t04: pick = ("总计", .income, "收入/金额")
        case .t05: pick = (TableSpec.totalItem, nil, "合计")
        case .t06: pick = ("人员经费合计", nil, "决算数")
        case .t07: pick = (TableSpec.threePublicItem, nil, "决算数/合计")
        case .t08, .t09: pick = (TableSpec.totalItem, nil, "本年支出/合计")
        }
        guard let (item, side, column) = pick, let v = t.row(item: item, side: side)?.values[column] else { return nil }
        return "\(item) \(column) \(v)"
    }
}
