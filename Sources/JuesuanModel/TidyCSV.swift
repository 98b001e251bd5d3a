/// The tidy CSV of TABLES.md §4: one line per non-empty amount cell, for analysts.
///
/// Header `表号,科目编码,项目,栏目,金额,单位`. Dashes and blank cells are left out; zeros are kept.
public enum TidyCSV {
    public static let header = ["表号", "科目编码", "项目", "栏目", "金额", "单位"]

    /// The rows of a document, without the header.
    public static func records(_ doc: Document, extraColumns: [String] = []) -> [[String]] {
        var out: [[String]] = []
        for table in doc.orderedTables {
            let columns = table.id.spec.columns
            for row in table.rows {
                let project: String
                if let item = row.item {
                    project = item
                } else {
                    project = Labels.normalise(Labels.strippingOrdinal(row.name))
                }
                for column in columns {
                    guard case .amount(let a)? = row[column] else { continue }
                    out.append(
                        [table.id.rawValue, row.code ?? "", project, column.rawValue, a.description, doc.unit.rawValue]
                            + extraColumns)
                }
            }
        }
        return out
    }

    /// The whole CSV text, header included, lines ending in \n.
    public static func render(_ doc: Document) -> String {
        ([header] + records(doc)).map(line).joined()
    }

    /// One CSV line: fields quoted when they hold a comma, quote or line break.
    public static func line(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }
}
