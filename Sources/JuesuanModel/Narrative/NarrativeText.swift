/// A 决算公开说明 cut into the sections of its 第二部分, each as normalised clauses.
///
/// The text may be a whole 说明 (with 目录, 第一部分 and the rest: only the 第二部分 of the body is
/// kept) or just its 第二部分; lines may be broken anywhere (page breaks in the middle of a
/// word), as text extracted from a PDF or paragraphs read from a .docx are.
///
/// ```swift
/// let text = NarrativeText(String(decoding: data, as: UTF8.self))
/// print(text.sections.map(\.label))   // ["一", "二", …, "五（一）", "五（二）", …]
/// ```
public struct NarrativeText: Sendable {
    /// What a section of 第二部分 is about (TABLES.md §6), decided by its heading.
    public enum Kind: String, Sendable, CaseIterable {
        /// 一 收入支出决算总体情况 (公开01表).
        case overview
        /// 二 收入决算情况 (公开02表).
        case income
        /// 三 支出决算情况 (公开03表).
        case expenditure
        /// 四 财政拨款收入支出决算总体情况 (公开04表).
        case grants
        /// 五 一般公共预算财政拨款支出决算情况 (公开05表).
        case generalBudget
        /// 六 一般公共预算财政拨款基本支出决算情况 (公开05表 基本支出, 公开06表).
        case basic
        /// 七 财政拨款“三公”经费支出决算情况 (公开07表).
        case threePublic
        /// 八 政府性基金预算财政拨款收入支出决算情况 (公开08表).
        case governmentFund
        /// 九 国有资本经营预算财政拨款收入支出决算情况 (公开09表).
        case stateCapital
        /// 十（一）机关运行经费 (公开06表 公用经费合计).
        case runningCost
        /// 十（二）政府采购: in none of the nine tables.
        case procurement
        /// 十（三）国有资产: in none of the nine tables.
        case assets
        /// 十一 预算绩效: in none of the nine tables.
        case performance
        /// Anything else (十 其他重要事项 before its sub-sections, 十二 其他需说明的事项 …).
        case other

        /// The kind a heading names, from its words.
        static func of(heading: String) -> Kind {
            let rules: [(String, Kind)] = [
                ("三公", .threePublic), ("政府性基金", .governmentFund), ("国有资本经营", .stateCapital),
                ("基本支出", .basic), ("一般公共预算财政拨款支出", .generalBudget), ("财政拨款收入支出", .grants),
                ("收入支出决算总体", .overview), ("收入决算", .income), ("支出决算", .expenditure),
                ("机关运行经费", .runningCost), ("政府采购", .procurement), ("国有资产", .assets),
                ("资产占用", .assets), ("绩效", .performance),
            ]
            return rules.first { heading.contains($0.0) }?.1 ?? .other
        }

        /// The number the national pattern gives a section of this kind (for headings printed
        /// without theirs): `五`, `十（二）`.
        var conventionalNumber: (String, String?) {
            switch self {
            case .overview: return ("一", nil)
            case .income: return ("二", nil)
            case .expenditure: return ("三", nil)
            case .grants: return ("四", nil)
            case .generalBudget: return ("五", nil)
            case .basic: return ("六", nil)
            case .threePublic: return ("七", nil)
            case .governmentFund: return ("八", nil)
            case .stateCapital: return ("九", nil)
            case .runningCost: return ("十", "（一）")
            case .procurement: return ("十", "（二）")
            case .assets: return ("十", "（三）")
            case .performance: return ("十一", nil)
            case .other: return ("", nil)
            }
        }
    }

    /// One section (or sub-section) of 第二部分.
    public struct Section: Sendable {
        /// The heading's number: `五`.
        public var number: String
        /// The sub-section's number, when inside one: `（二）`.
        public var sub: String?
        /// The heading as printed (normalised).
        public var heading: String
        /// What the section is about.
        public var kind: Kind
        /// The text, normalised, cut at `。`, `；` and paragraph ends.
        public var clauses: [String]

        /// `五（二）`, or `五`.
        public var label: String { number + (sub ?? "") }
    }

    /// The sections of 第二部分 in printed order.
    public var sections: [Section]

    /// Reads a 说明.
    /// - Parameter text: the whole text, lines separated by line feeds (a .docx paragraph per line).
    public init(_ text: String) {
        var lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            .map { NarrativeText.normalise(String($0)) }.filter { !$0.isEmpty }
        // The body's 第二部分 (the last heading of that name: the 目录 lists it first), to 第三部分.
        if let start = lines.lastIndex(where: { $0.hasPrefix("第二部分") }) {
            lines = Array(lines[(start + 1)...])
            if let end = lines.firstIndex(where: { $0.hasPrefix("第三部分") }) { lines = Array(lines[..<end]) }
        }
        var sections: [Section] = []
        var current: Section?
        var parent: Section?
        var pending = ""
        func flush() {
            guard var s = current else { return }
            s.clauses += NarrativeText.clauses(pending)
            sections.append(s)
            pending = ""
            current = nil
        }
        for line in lines {
            if let (number, rest) = NarrativeText.heading(line) {
                flush()
                let s = Section(number: number, sub: nil, heading: rest, kind: Kind.of(heading: rest), clauses: [])
                current = s
                parent = s
                continue
            }
            if let (sub, rest) = NarrativeText.subHeading(line), let p = parent {
                flush()
                // A sub-section keeps its section's kind unless its own heading names another.
                let own = Kind.of(heading: rest)
                let kind = own == .other || p.kind == .generalBudget ? p.kind : own
                current = Section(number: p.number, sub: sub, heading: rest, kind: kind, clauses: [])
                continue
            }
            if let kind = NarrativeText.unnumberedHeading(line) {
                // A heading whose number is Word's automatic list numbering (not in the text):
                // labelled with the number the national pattern gives that section.
                flush()
                let (number, sub) = kind.conventionalNumber
                let s = Section(number: number, sub: sub, heading: line, kind: kind, clauses: [])
                current = s
                if sub == nil { parent = s }
                continue
            }
            if current == nil {
                current = Section(number: "", sub: nil, heading: "", kind: .other, clauses: [])
            }
            // A line that ends a sentence (or starts a list item) is a clause boundary; any other
            // line break is a page or layout break inside a sentence.
            if !pending.isEmpty, let last = pending.last, "。；：！？".contains(last) || NarrativeText.isListItem(line) {
                pending.append("\n")
            }
            pending += line
        }
        flush()
        self.sections = sections
    }

    // MARK: - Normalisation

    /// Figures written with full-width digits and point (`２２１．０２`) or a currency sign before
    /// them (`￥221.02`, `¥221.02`) read as plain figures, as amounts in a workbook's text cells do.
    static func figureForms(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(line.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            let nextIsDigit = next.map { ("0"..."9").contains($0) || (0xFF10...0xFF19).contains($0.value) } ?? false
            switch u.value {
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case 0xFF0E where nextIsDigit: out.append(".")
            case 0x00A5,
                0xFFE5 where nextIsDigit:
                continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// One line as the readers match it: no white space, full-width brackets, colons and semicolons,
    /// ASCII digits, `-` for a minus sign, `%` for `％`, straight and corner quotes as “”, and no
    /// Markdown markers (`#`, `-`, `*`, `>` at the start, `**`).
    public static func normalise(_ line: String) -> String {
        var s = Substring(figureForms(line))
        while let f = s.first,
            f.isWhitespace || f == "#" || f == ">" || f == "*"
                || (f == "-" && s.dropFirst().first?.isWhitespace == true)
        {
            s = s.dropFirst()
        }
        let chars = Array(Labels.normalise(String(s)).replacing("**", with: ""))
        var out = ""
        out.reserveCapacity(chars.count)
        for (i, c) in chars.enumerated() {
            let prevDigit = i > 0 && chars[i - 1].isASCIIDigitChar
            switch c {
            case ":": out.append("：")
            case ";": out.append("；")
            case "％": out.append("%")
            case "－", "−": out.append("-")
            case "．": out.append(prevDigit ? "." : "．")
            case ",":
                // A thousands separator stays: a digit before, exactly three digits after.
                let after = chars[(i + 1)...].prefix { $0.isASCIIDigitChar }.count
                let next = i + 1 + after
                let thousands = prevDigit && after == 3 && (next >= chars.count || !chars[next].isASCIIDigitChar)
                out.append(thousands ? "," : "，")
            default:
                if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(v) {
                    out.append(Character(Unicode.Scalar(v - 0xFF10 + 0x30)!))
                } else {
                    out.append(c)
                }
            }
        }
        return out
    }

    static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// `五、一般公共预算…` → (`五`, `一般公共预算…`): a section heading (short, no figures).
    static func heading(_ line: String) -> (String, String)? {
        let number = line.prefix { chineseNumerals.contains($0) }
        guard !number.isEmpty, number.count <= 3, line.dropFirst(number.count).first == "、" else { return nil }
        let rest = String(line.dropFirst(number.count + 1))
        guard rest.count <= 40, !rest.contains("万元"), !rest.contains("%"), !rest.hasSuffix("。") else { return nil }
        return (String(number), rest)
    }

    /// `（二）政府采购情况` → (`（二）`, `政府采购情况`): a sub-section heading.
    static func subHeading(_ line: String) -> (String, String)? {
        guard line.first == "（" else { return nil }
        let number = line.dropFirst().prefix { chineseNumerals.contains($0) }
        guard !number.isEmpty, line.dropFirst(1 + number.count).first == "）" else { return nil }
        let rest = String(line.dropFirst(2 + number.count))
        guard rest.count <= 40, !rest.contains("万元"), !rest.contains("%"), !rest.hasSuffix("。") else { return nil }
        return ("（" + number + "）", rest)
    }

    /// A heading printed without its number (`收入决算情况说明`, `政府采购情况`): a short line with
    /// no figures ending in 情况说明, 情况 or 事项, naming a kind of section.
    static func unnumberedHeading(_ line: String) -> Kind? {
        guard line.count <= 30, !line.contains(where: \.isASCIIDigitChar),
            ["情况说明", "情况", "事项"].contains(where: line.hasSuffix)
        else { return nil }
        let kind = Kind.of(heading: line)
        return kind == .other && !line.hasSuffix("事项") ? nil : kind
    }

    /// `1.`, `1、`, `（1）` at the start of a line.
    static func isListItem(_ line: String) -> Bool {
        let digits = line.prefix { $0.isASCIIDigitChar }
        if !digits.isEmpty, let c = line.dropFirst(digits.count).first, ".、．）".contains(c) { return true }
        return line.first == "（" && line.dropFirst().first?.isASCIIDigitChar == true
    }

    /// A section's text cut at `。`, `；` and the paragraph breaks kept by `init`.
    static func clauses(_ text: String) -> [String] {
        text.split { $0 == "。" || $0 == "；" || $0 == "\n" }.map(String.init).filter { !$0.isEmpty }
    }
}
