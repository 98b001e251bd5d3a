/// Finds the figures and the subject mentions in one normalised clause of the 说明.
struct FigureScanner {
    /// A number with its unit, as found in a clause.
    struct Found {
        var range: Range<Int>
        /// nil: 不可比.
        var value: Amount?
        var unit: String
    }

    /// A subject named in a clause.
    struct Mention {
        var range: Range<Int>
        var subject: Subject
    }

    static let amountUnits = ["万元", "元"]
    static let countUnits = ["人次", "批次", "平方米", "个", "辆", "台", "套", "人", "次", "批", "家", "项"]

    /// Every number followed by 万元, 元, %, or a count's unit; and every 不可比.
    static func figures(in c: [Character]) -> [Found] {
        var out: [Found] = []
        let n = c.count
        func digit(_ i: Int) -> Bool { i >= 0 && i < n && c[i].isASCIIDigitChar }
        func starts(_ word: String, at i: Int) -> Bool {
            var k = i
            for ch in word {
                guard k < n, c[k] == ch else { return false }
                k += 1
            }
            return true
        }
        var i = 0
        while i < n {
            if starts("不可比", at: i) {
                out.append(Found(range: i..<(i + 3), value: nil, unit: "%"))
                i += 3
                continue
            }
            guard digit(i), !(i > 0 && (digit(i - 1) || c[i - 1] == "." || c[i - 1] == ",")) else {
                i += 1
                continue
            }
            var j = i
            while j < n && (digit(j) || (c[j] == "," && digit(j + 1))) { j += 1 }
            if j < n && c[j] == "." && digit(j + 1) {
                j += 1
                while digit(j) { j += 1 }
            }
            var start = i
            var text = String(c[i..<j])
            if i > 0 && c[i - 1] == "-" && !digit(i - 2) {
                start = i - 1
                text = "-" + text
            }
            let unit = (amountUnits + ["%"] + countUnits).first { starts($0, at: j) }
            if let unit, let value = Amount(text) {
                out.append(Found(range: start..<(j + unit.count), value: value, unit: unit))
                i = j + unit.count
            } else {
                i = j
            }
        }
        return out
    }

    /// The lexicon's phrases named in a clause (longest first at each place), outside `taken`
    /// ranges; a phrase right after 占 names a share's base, not a subject.
    static func mentions(in c: [Character], lexicon: [NarrativeLexicon.Entry], taken: [Range<Int>]) -> [Mention] {
        let phrases = lexicon.map { (Array($0.phrase), $0.subject) }
        var out: [Mention] = []
        var i = 0
        while i < c.count {
            if let r = taken.first(where: { $0.contains(i) }) {
                i = r.upperBound
                continue
            }
            let hit = phrases.first { p, _ in
                i + p.count <= c.count && c[i..<(i + p.count)].elementsEqual(p)
            }
            if let (p, subject) = hit {
                if i == 0 || c[i - 1] != "占" { out.append(Mention(range: i..<(i + p.count), subject: subject)) }
                i += p.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// What a figure is, from its unit and the words between the previous figure (or subject) and it.
    static func kind(context: String, unit: String) -> NarrativeFigure.Kind {
        if unit == "%" {
            if context.contains("差异率") { return .budgetRate }
            if context.contains("完成") && context.contains("预算") { return .completionRate }
            if context.contains("占") { return .share }
            if ["增长", "上升", "增加", "提高", "下降", "降低", "减少"].contains(where: context.contains) { return .growth }
            return .percent
        }
        if countUnits.contains(unit) { return .count }
        if context.contains("预算数") || context.contains("预算为") || context.hasSuffix("预算") { return .budget }
        if context.contains("增加") || context.contains("减少") { return .change }
        return .amount
    }

    /// Words that may stand between a subject and its figure without naming another thing.
    static let connectives = [
        "与上年相比", "比上年决算", "较上年决算", "比上年", "较上年", "同比", "上年", "支出决算数", "决算数", "年初预算数",
        "全年预算数", "调整预算数", "预算数", "预决算差异率", "差异率", "增加", "减少", "增长", "下降", "降低", "上升",
        "支出", "合计", "共计", "总额", "金额", "其中", "分别", "为", "是", "共", "约", "达", "了", "-", "—",
    ].sorted { $0.count > $1.count }

    /// True when the words of a figure's own phrase name nothing but the subject already named:
    /// `支出决算数为`, `比上年减少`, `占本年支出合计的`. Other words (`一般公共预算财政拨款收入`
    /// where the section's lexicon does not know them) mean the figure is of something else.
    static func isBare(_ phrase: String) -> Bool {
        if phrase.contains("占") || phrase.contains("完成") { return true }
        var rest = phrase
        for word in connectives where rest.contains(word) { rest = rest.replacing(word, with: "") }
        return rest.isEmpty
    }

    /// −1 when the words say the change is down (减少, 下降, 降低), +1 otherwise.
    static func sign(context: String) -> Int64 {
        ["减少", "下降", "降低"].contains(where: context.contains) ? -1 : 1
    }
}
