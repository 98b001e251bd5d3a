/// Runs the 勾稽关系 rules over a document. Checks never throw: they return findings.
///
/// ```swift
/// let findings = Checker().run(doc)
/// print(findings.filter { $0.severity == .error }.count)
/// ```
public struct Checker: Sendable {
    public var rules: [Rule]
    public init(rules: [Rule] = Rule.all) { self.rules = rules }

    /// Every finding, errors and warnings, in rule order.
    public func run(_ document: Document, locate: @escaping (TableID, Int, String) -> String? = { _, _, _ in nil })
        -> [Finding]
    {
        let ctx = CheckContext(document: document, locate: locate)
        return rules.flatMap { $0.run(ctx) }
    }

    /// `checks: 0 errors, 1 warning (46 rules)`.
    public static func summary(_ findings: [Finding], rules: Int = Rule.all.count) -> String {
        let e = findings.filter { $0.severity == .error }.count
        let w = findings.count - e
        return "checks: \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s") (\(rules) rules)"
    }
}
