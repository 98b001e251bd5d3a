import JuesuanModel

extension WorkbookWriter {
    /// The workbook a document becomes, as a plain-text plan of libxlsxwriter calls: the
    /// benchmarks hand it to a C program and to Python XlsxWriter so that they write the same
    /// cells, merges and formats as juesuan does.
    ///
    /// One record a line, fields separated by tabs, `\t`, `\n` and `\\` escaped in text:
    /// `B name` a workbook begins · `S name` a worksheet · `F id font size bold align border wrap indent numfmt`
    /// a format · `W col width` · `H row height` · `N row col fmt number` · `T row col fmt text` ·
    /// `K row col fmt` a blank · `M r1 c1 r2 c2 fmt text` a merge · `R first last lastRow lastCol tall`
    /// print setup (A4 landscape, fit to one page wide and `tall` pages tall — 0: any —, repeated rows, footer) · `E` the end.
    public func layoutDump(_ document: Document, name: String) throws(JuesuanError) -> String {
        let sheets = try sheets(for: document)
        var out = "B\t\(esc(name))\n"
        var ids: [CellStyle: Int] = [:]
        func id(_ s: CellStyle) -> Int {
            if let i = ids[s] { return i }
            let i = ids.count
            ids[s] = i
            let f = s.format
            out +=
                "F\t\(i)\t\(esc(f.font))\t\(f.size)\t\(f.bold ? 1 : 0)\t\(f.align?.rawValue ?? "-")\t\(f.border ? 1 : 0)\t\(f.wrap ? 1 : 0)\t\(f.indent)\t\(esc(f.numFormat ?? "-"))\n"
            return i
        }
        for sheet in sheets {
            out += "S\t\(esc(sheet.name))\n"
            for (c, w) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) { out += "W\t\(c)\t\(w)\n" }
            for (r, h) in sheet.rowHeights.sorted(by: { $0.key < $1.key }) { out += "H\t\(r)\t\(h)\n" }
            for cell in sheet.cells {
                let f = id(cell.style)
                if cell.isMerge {
                    let text: String
                    if case .text(let t) = cell.content { text = t } else { text = "" }
                    out += "M\t\(cell.row)\t\(cell.col)\t\(cell.lastRow)\t\(cell.lastCol)\t\(f)\t\(esc(text))\n"
                    continue
                }
                switch cell.content {
                case .number(let d): out += "N\t\(cell.row)\t\(cell.col)\t\(f)\t\(d)\n"
                case .text(let t): out += "T\t\(cell.row)\t\(cell.col)\t\(f)\t\(esc(t))\n"
                case .blank: out += "K\t\(cell.row)\t\(cell.col)\t\(f)\n"
                }
            }
            let rr = sheet.repeatRows ?? 0...0
            out +=
                "R\t\(rr.lowerBound)\t\(rr.upperBound)\t\(sheet.lastRow)\t\(sheet.lastColumn)\t\(sheet.onePage ? 1 : 0)\n"
        }
        return out + "E\n"
    }

    private func esc(_ s: String) -> String {
        guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\\" || $0 == "\r" }) else { return s }
        var o = ""
        for ch in s {
            switch ch {
            case "\t": o += "\\t"
            case "\n": o += "\\n"
            case "\r": o += "\\r"
            case "\\": o += "\\\\"
            default: o.append(ch)
            }
        }
        return o
    }
}
