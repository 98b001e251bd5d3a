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
        let pick: (ItemName, Side?, ColumnName)
        switch t.id {
        case .t01: pick = (.grandTotal, .income, .incomeAmount)
        case .t02: pick = (.total, nil, .incomeTotal)
        case .t03: pick = (.total, nil, .expenditureTotal03)
        case .t04: pick = (.grandTotal, .income, .incomeAmount)
        case .t05: pick = (.total, nil, .total)
        case .t06: pick = (.personnelTotal, nil, .actual06)
        case .t07: pick = (.threePublic, nil, .actual(.total))
        case .t08, .t09: pick = (.total, nil, .yearExpenditureTotal)
        }
        let (item, side, column) = pick
        guard let v = t.row(item: item, side: side)?[column] else { return nil }
        return "\(item) \(column) \(v)"
    }
}
