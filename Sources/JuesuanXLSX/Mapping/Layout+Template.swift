import JuesuanModel

extension Layout {
    /// The blank official tables in this layout, for finance staff to fill in.
    ///
    /// `Document.blankTemplate` gives the rows every layout shares; the layout adds what it prints
    /// (data, from its file): the 行次 of 01 and 04 counted from each side's `firstLine`, and the
    /// notes the template prints under a table (the 空表 note of 08 and 09). The year reaches the
    /// sheets through the layout's `yearLabel`; the formatted blank rows of the 科目 tables are
    /// drawn by the writer (`ExportOptions.blankRows`).
    ///
    /// ```swift
    /// let layout = try Layout.builtIn("national")
    /// let doc = layout.blankTemplate(department: "某某局", year: 2024)
    /// try WorkbookWriter(layout: layout).write(doc, to: url, options: ExportOptions(blankRows: true))
    /// ```
    /// - Parameters:
    ///   - department: the 编制单位 to print.
    ///   - year: the 年度, printed where the layout prints it.
    ///   - unit: the 金额单位.
    public func blankTemplate(department: String = "", year: Int? = nil, unit: AmountUnit = .wanYuan) -> Document {
        var doc = Document.blankTemplate(department: department, year: year, unit: unit)
        doc.layout = name
        for id in TableID.allCases {
            guard var table = doc[id] else { continue }
            let tl = self.table(id)
            if let first = tl.firstLine {
                for side in Side.allCases {
                    guard let start = first[side.rawValue] else { continue }
                    var n = start
                    for i in table.rows.indices where table.rows[i].side == side {
                        table.rows[i].line = String(n)
                        n += 1
                    }
                }
            }
            table.notes += tl.templateNotes ?? []
            doc[id] = table
        }
        return doc
    }
}
