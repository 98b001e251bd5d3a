import Foundation
/// A structural problem in a document: where it is (a JSON-style path) and what rule it breaks.
public struct ValidationProblem: Hashable, Sendable, CustomStringConvertible {
    /// `tables.公开02表.rows[3].values.基本支出`.
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

extension Document {
    /// Checks the document's shape against the table specifications: known columns and items,
    /// well-formed codes, sides where required. Unknown codes are allowed (the catalogue is not
    /// a gate); amounts are not compared here (that is what the 勾稽关系 checks do).
    public func validate() -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if department.trimmingSpaces().isEmpty {
            problems.append(.init(path: "department", message: "is empty"))
        }
        if let year, !(1949...2200).contains(year) {
            problems.append(.init(path: "year", message: "\(year) is not a plausible year"))
        }
        for table in orderedTables {
            let spec = table.id.spec
            let base = "tables.\(table.id.rawValue)"
            for (i, row) in table.rows.enumerated() {
                let at = "\(base).rows[\(i)]"
                if spec.scheme == .twoSided && row.side == nil {
                    problems.append(
                        .init(path: "\(at).side", message: "is missing: \(table.id.rawValue) rows are on side 收入 or 支出")
                    )
                }
                if spec.scheme != .twoSided && row.side != nil {
                    problems.append(.init(path: "\(at).side", message: "is only for 公开01表 and 公开04表"))
                }
                switch (row.code, row.item) {
                case (nil, nil):
                    problems.append(.init(path: at, message: "has neither code nor item"))
                case (.some, .some):
                    problems.append(.init(path: at, message: "has both code and item"))
                case (let code?, nil):
                    if !code.allSatisfy(\.isASCIIDigitChar) || !spec.codeLengths.contains(code.count) {
                        let lengths = spec.codeLengths.sorted().map(String.init).joined(separator: "/")
                        let why =
                            lengths.isEmpty
                            ? "\(table.id.rawValue) has no coded rows"
                            : "\(table.id.rawValue) codes have \(lengths) digits"
                        problems.append(.init(path: "\(at).code", message: "\"\(code)\" is not a 科目编码 (\(why))"))
                    }
                    if spec.scheme == .twoSided && row.side == .income {
                        problems.append(.init(path: "\(at).code", message: "类 rows belong on the 支出 side"))
                    }
                case (nil, let item?):
                    let allowed = spec.items(for: spec.scheme == .twoSided ? row.side : nil)
                    if !allowed.contains(ItemName(rawValue: item)) {
                        problems.append(
                            .init(
                                path: "\(at).item",
                                message:
                                    "\"\(item)\" is not an item of \(table.id.rawValue) (expected one of \(allowed.map(\.rawValue).joined(separator: ", ")))"
                            ))
                    }
                }
                let columns = spec.columns(for: spec.scheme == .twoSided ? row.side : nil)
                // By bytes, as RowValues matches labels: another spelling of a label is not the column.
                for key in row.values.keys.sorted()
                where !columns.contains(where: { $0.rawValue.utf8.elementsEqual(key.utf8) }) {
                    // A label that looks like a column but is spelt with other code points (a
                    // compatibility ideograph, a decomposed character) is said so, code points shown.
                    if let twin = columns.first(where: { $0.rawValue == key }) {
                        func points(_ t: String) -> String {
                            t.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
                        }
                        problems.append(
                            .init(
                                path: "\(at).values.\(key)",
                                message:
                                    "is spelt with other Unicode code points (\(points(key))) than the column \(twin.rawValue) (\(points(twin.rawValue)))"
                            ))
                        continue
                    }
                    problems.append(
                        .init(
                            path: "\(at).values.\(key)",
                            message:
                                "is not a column of \(table.id.rawValue) (expected one of \(columns.map(\.rawValue).joined(separator: ", ")))"
                        ))
                }
            }
        }
        return problems
    }
}
