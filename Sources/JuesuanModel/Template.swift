extension Document {
    /// The blank official tables for finance staff to fill in: every fixed row, the 26 功能分类 类
    /// rows of 01 and 04, the catalogue's 经济分类 items in 06, 07's row, and a 合计 row elsewhere.
    public static func blankTemplate(department: String = "", year: Int? = nil, unit: AmountUnit = .wanYuan) -> Document
    {
        var doc = Document(department: department, year: year, unit: unit)
        let ordinals = [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
            "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
        ]
        func categories() -> [Row] {
            Catalogue.functionalCategories.enumerated().map { i, c in
                Row(side: .expenditure, code: c.code, name: "\(ordinals[i])、\(c.name)")
            }
        }
        // 01
        var r01: [Row] = []
        let income01 = TableSpec.t01.incomeItems
        for (i, item) in income01.prefix(8).enumerated() {
            r01.append(Row(side: .income, item: item, name: "\(ordinals[i])、\(item)"))
        }
        for item in income01.dropFirst(8) { r01.append(Row(side: .income, item: item)) }
        r01 += categories()
        for item in TableSpec.t01.expenditureItems { r01.append(Row(side: .expenditure, item: item)) }
        doc[.t01] = Table(id: .t01, rows: r01)
        // 04
        var r04: [Row] = []
        for (i, fund) in ItemName.funds.enumerated() {
            r04.append(Row(side: .income, item: fund, name: "\(ordinals[i])、\(fund)"))
        }
        r04.append(Row(side: .income, item: .incomeTotal))
        r04.append(Row(side: .income, item: .openingGrantBalance))
        for fund in ItemName.funds {
            r04.append(Row(side: .income, item: .openingGrantBalance(of: fund), name: fund.rawValue))
        }
        r04.append(Row(side: .income, item: .grandTotal))
        r04 += categories()
        for item in TableSpec.t04.expenditureItems { r04.append(Row(side: .expenditure, item: item)) }
        doc[.t04] = Table(id: .t04, rows: r04)
        // 02, 03, 05, 08, 09: a 合计 row; 科目 rows are the department's own.
        for id in [TableID.t02, .t03, .t05, .t08, .t09] {
            doc[id] = Table(id: id, rows: [Row(item: .total)])
        }
        // 06: the catalogue's items, 类 before their 款.
        let codes = Catalogue.economic.keys.filter { !["307", "309", "399"].contains($0) }.sorted()
        var r06 = codes.map { Row(code: $0, name: Catalogue.economic[$0]!) }
        r06.append(Row(item: .personnelTotal))
        r06.append(Row(item: .publicUseTotal))
        doc[.t06] = Table(id: .t06, rows: r06)
        doc[.t07] = Table(id: .t07, rows: [Row(item: .threePublic)])
        return doc
    }
}
