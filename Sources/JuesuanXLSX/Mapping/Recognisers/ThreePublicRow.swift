import JuesuanModel

/// 公开07表: one row of twelve amounts, the six 三公 items under 预算数 and under 决算数.
///
/// Its header comes in two arrangements — 预算数/决算数 paired under each item (Shanghai) or all
/// six 预算数 then all six 决算数 (national, Guangdong) — and both are recognised by the column
/// matcher, which matches the labels of a path as a set, in any order (`预算数` + `公务接待费` is
/// `预算数/公务接待费` whichever is on top). Label drift (…运行维护费) is in labels.json. The body is
/// the first row with amounts; whatever it prints as a label, it is the “三公”经费 row.
enum ThreePublicRow {
    /// The row, or nil when this printed row has no amounts.
    static func row(_ p: PrintedRow) -> Row? {
        p.values.isEmpty ? nil : Row(item: .threePublic, values: p.values)
    }
}
