/// Checks the figures a 决算公开说明 states against its tables (TABLES.md §6).
///
/// Every figure of 第二部分 is read with what it is a figure of — an amount, a share (占 %), a
/// change against last year (增加/减少, 增长/下降 %), a 预决算差异率 or 完成率 — and compared with
/// the cell(s) of the tables it comes from. Mismatches are `Finding`s with rule ids
/// `narrative.…`; figures the tables cannot confirm (last year's without `previous`, 年初预算数,
/// 政府采购, 国有资产, 绩效, counts) are listed in `NarrativeReport.unchecked`, never as findings.
///
/// Rules: amounts must equal the table's cell (converted to the text's unit, at the text's
/// decimals); shares and rates may miss the quotient by one unit of their last printed decimal
/// (issuers force shares to total 100.00%); 差异率 = (决算 − 预算) / 预算; 机关运行经费 = 06
/// 公用经费合计; 类/款/项 names as 公开05表 prints them; "为空表" as the table is.
///
/// ```swift
/// let report = NarrativeChecker().run(NarrativeText(text), document: doc)
/// for f in report.findings { print(f.line) }
/// ```
public struct NarrativeChecker: Sendable {
    /// The region's conventions (the zero base; the others only matter to drafts).
    public var conventions: NarrativeConventions

    /// A checker with the given conventions (default: the seed's).
    public init(conventions: NarrativeConventions = NarrativeConventions()) { self.conventions = conventions }

    /// Rule ids, written once.
    enum RuleID {
        static let amount = "narrative.amount"
        static let share = "narrative.share"
        static let change = "narrative.change"
        static let growth = "narrative.growth"
        static let budgetRate = "narrative.budget-rate"
        static let completionRate = "narrative.completion-rate"
        static let name = "narrative.name"
        static let itemName = "narrative.item-name"
        static let emptyTable = "narrative.empty-table"
    }

    /// Checks a 说明 against a document.
    /// - Parameters:
    ///   - text: the 说明, read by `NarrativeText`.
    ///   - document: this year's tables.
    ///   - previous: last year's tables; without them changes against last year are not checked.
    ///   - locate: where the value at (table, 0-based row index, canonical column) was read, for
    ///     documents imported from a workbook.
    /// - Returns: the findings, the figures not checkable and every figure read.
    public func run(
        _ text: NarrativeText, document: Document, previous: Document? = nil,
        locate: @escaping (TableID, Int, String) -> String? = { _, _, _ in nil }
    ) -> NarrativeReport {
        var run = NarrativeRun(document: document, previous: previous, conventions: conventions, locate: locate)
        for section in text.sections { run.read(section) }
        return run.report
    }
}

/// The state of one check: the current subject of the text, and what has been found.
struct NarrativeRun {
    let document: Document
    let previous: Document?
    let conventions: NarrativeConventions
    let locate: (TableID, Int, String) -> String?
    var report = NarrativeReport()

    /// The subject the text is talking about, and the 预算数 it gave for it.
    var current: Subject?
    var statedBudget: Amount?

    init(
        document: Document, previous: Document?, conventions: NarrativeConventions,
        locate: @escaping (TableID, Int, String) -> String?
    ) {
        self.document = document
        self.previous = previous
        self.conventions = conventions
        self.locate = locate
    }

    typealias ID = NarrativeChecker.RuleID

    mutating func read(_ section: NarrativeText.Section) {
        current = nil
        statedBudget = nil
        var lexicon = NarrativeLexicon.entries(for: section.kind)
        if section.kind == .generalBudget {
            // 类 named without their （类） marker: the names 公开05表 prints.
            let total = Measure(.t05, .total, .total)
            for row in document[.t05]?.rows ?? [] {
                guard let code = row.code, code.count == 3 else { continue }
                let name = Labels.normalise(Labels.strippingOrdinal(row.name))
                lexicon.append((name, Subject(name: name, amount: Measure(.t05, code: code, .total), shareBase: total)))
            }
            lexicon.sort { $0.phrase.count > $1.phrase.count }
        }
        for clause in section.clauses { read(clause, in: section, lexicon: lexicon) }
    }

    mutating func read(_ whole: String, in section: NarrativeText.Section, lexicon: [NarrativeLexicon.Entry]) {
        emptyTableStatement(whole, in: section)
        // The reasons the text gives are words, not figures: drop them.
        var clause = whole
        for marker in ["主要原因", "原因是", "原因："] {
            if let r = clause.firstRange(of: marker) { clause = String(clause[..<r.lowerBound]) }
        }
        let c = Array(clause)
        let found = FigureScanner.figures(in: c)
        if section.kind == .basic { itemList(c, in: section) }
        // A clause without figures does not change the subject (reasons, headings, 开支内容).
        guard !found.isEmpty else { return }
        var marked: [FigureScanner.Mention] = []
        if section.kind == .generalBudget { marked = classMentions(c, in: section) }
        let mentions =
            marked + FigureScanner.mentions(in: c, lexicon: lexicon, taken: marked.map(\.range))
        enum Event {
            case mention(FigureScanner.Mention)
            case figure(FigureScanner.Found)
            var start: Int {
                switch self {
                case .mention(let m): return m.range.lowerBound
                case .figure(let f): return f.range.lowerBound
                }
            }
        }
        let events = (mentions.map(Event.mention) + found.map(Event.figure)).sorted { $0.start < $1.start }
        var previousEnd = 0
        var mentionStart: Int?
        for event in events {
            switch event {
            case .mention(let m):
                current = m.subject
                statedBudget = nil
                mentionStart = m.range.lowerBound
                previousEnd = m.range.upperBound
            case .figure(let f):
                let context = String(c[min(previousEnd, f.range.lowerBound)..<f.range.lowerBound])
                previousEnd = f.range.upperBound
                // The words of the figure's own phrase: after the last comma or colon.
                let phrase = String(context.reversed().prefix { $0 != "，" && $0 != "：" }.reversed())
                var kind = FigureScanner.kind(context: phrase, unit: f.unit)
                if f.value == nil { kind = context.contains("差异率") ? .budgetRate : .growth }
                var value = f.value
                if kind == .change || kind == .growth, let v = f.value {
                    value = Amount(units: v.units * FigureScanner.sign(context: phrase), scale: v.scale)
                }
                // From the subject's name when it is near, else from the start of the figure's phrase.
                var from = f.range.lowerBound
                while from > 0 && !"，：、".contains(c[from - 1]) { from -= 1 }
                if let m = mentionStart, m < from, f.range.upperBound - m <= 40 { from = m }
                from = max(from, f.range.upperBound - 40)
                let excerpt = String(c[from..<f.range.upperBound])
                // Words the lexicon does not know before the figure: it is of something unnamed.
                let named = kind == .count || f.value == nil || FigureScanner.isBare(phrase)
                let figure = NarrativeFigure(
                    section: section.label, kind: kind, value: value, unit: f.unit,
                    subject: named ? current?.name : nil, excerpt: excerpt)
                report.figures.append(figure)
                if named {
                    check(figure, in: section, clause: clause)
                } else if let reason = NarrativeRun.outsideTheTables(section.kind, clause: clause, subject: nil) {
                    unchecked(reason, figure)
                } else {
                    unchecked(.unrecognised, figure)
                }
            }
        }
    }

    // MARK: - 类/款/项 named with their markers (五)

    /// `一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）`: the 类, 款 and 项 of
    /// 公开05表 the text names, checked against the names the table prints.
    mutating func classMentions(_ c: [Character], in section: NarrativeText.Section) -> [FigureScanner.Mention] {
        let markers = ["（类）", "（款）", "（项）"]
        /// 0, 1 or 2 for a 类, 款 or 项 marker at `i`.
        func marker(at i: Int) -> Int? {
            guard i + 3 <= c.count else { return nil }
            return markers.firstIndex(of: String(c[i..<(i + 3)]))
        }
        var out: [FigureScanner.Mention] = []
        var i = 0
        while i < c.count {
            guard marker(at: i) == 0 else {
                i += 1
                continue
            }
            var start = i
            while start > 0 && !"，：、；".contains(c[start - 1]) { start -= 1 }
            guard start < i else {
                i += 3
                continue
            }
            var names: [(level: Int, name: String)] = [(0, Labels.strippingOrdinal(String(c[start..<i])))]
            var end = i + 3
            // The national template's `一般公共服务（类）支出`: the marker inside the 类's name.
            if end + 2 <= c.count, String(c[end..<(end + 2)]) == "支出", !categoryPrinted(names[0].name) {
                names[0].name += "支出"
                end += 2
            }
            // The 款 and 项 that follow, each up to its own marker.
            var j = end
            while j < c.count && names.count < 3 {
                if let k = marker(at: j), k > names.last!.level {
                    names.append((k, String(c[end..<j])))
                    end = j + 3
                    j = end
                    continue
                }
                if "，：、；".contains(c[j]) || c[j].isASCIIDigitChar || j - end > 80 { break }
                j += 1
            }
            let excerpt = String(c[start..<end])
            out.append(
                FigureScanner.Mention(range: start..<end, subject: resolve(names, excerpt: excerpt, in: section)))
            i = end
        }
        return out
    }

    /// True when 公开05表 prints a 类 of this name.
    func categoryPrinted(_ name: String) -> Bool {
        let n = Labels.normalise(Labels.strippingOrdinal(name))
        return (document[.t05]?.rows ?? []).contains {
            $0.code?.count == 3 && Labels.normalise(Labels.strippingOrdinal($0.name)) == n
        }
    }

    /// The row of 公开05表 the names lead to (a name finding for each name the table does not print).
    mutating func resolve(_ names: [(level: Int, name: String)], excerpt: String, in section: NarrativeText.Section)
        -> Subject
    {
        let levelWords = ["类", "款", "项"]
        let joined = names.map { $0.name + "（" + levelWords[$0.level] + "）" }.joined()
        let total = Measure(.t05, .total, .total)
        // Without 公开05表 nothing can be placed: its figures are listed as of a missing table.
        guard let table = document[.t05] else { return Subject(name: joined, amount: total) }
        let rows = table.rows
        func norm(_ s: String) -> String { Labels.normalise(Labels.strippingOrdinal(s)) }
        var code: String?
        var resolved = true
        for (level, name) in names {
            let length = [3, 5, 7][level]
            let candidates = rows.filter { r in
                guard let rc = r.code, rc.count == length else { return false }
                return code.map { rc.hasPrefix($0) } ?? true
            }
            if let hit = candidates.first(where: { norm($0.name) == norm(name) }), let hc = hit.code {
                code = hc
                continue
            }
            report.compared += 1
            // A 类 under a former name (医疗卫生与计划生育支出 → 卫生健康支出): named wrong, still checked.
            if level == 0, let former = Catalogue.formerNames[norm(name)],
                let row = rows.first(where: { $0.code == former })
            {
                nameFinding(
                    level: levelWords[level], said: name, table: .t05, code: former,
                    printed: "prints \(row.name) (\(name) is its former name)", row: rows.firstIndex(of: row),
                    section: section, excerpt: excerpt)
                code = former
                continue
            }
            nameFinding(
                level: levelWords[level], said: name, table: .t05, code: code,
                printed: "has no \(levelWords[level]) of that name" + (code.map { " under \($0)" } ?? ""), row: nil,
                section: section, excerpt: excerpt)
            resolved = false
            break
        }
        guard resolved, let code else { return Subject(name: joined, amount: nil, unresolved: true) }
        report.compared += names.count
        return Subject(name: joined, amount: Measure(.t05, code: code, .total), shareBase: total)
    }

    mutating func nameFinding(
        level: String, said: String, table: TableID, code: String?, printed: String, row: Int?,
        section: NarrativeText.Section, excerpt: String
    ) {
        report.findings.append(
            Finding(
                rule: ID.name, severity: .error, table: table, row: "\(table.rawValue) \(code ?? "")",
                column: nil, leftLabel: "\(level) name", left: said,
                rightLabel: "\(table.rawValue)" + (code.map { " \($0)" } ?? ""), right: printed, difference: "—",
                relation: "==",
                sources: row.flatMap { locate(table, $0, ColumnName.total.rawValue) }.map { [$0] } ?? [],
                section: section.label, excerpt: excerpt))
    }

    // MARK: - 为空表 and 包括 lists

    /// "…为空表" / "…无数据" / "本年度无…": the table it names (or the section's) must hold no amounts.
    mutating func emptyTableStatement(_ clause: String, in section: NarrativeText.Section) {
        let says =
            clause.contains("空表") || clause.contains("无数据") || clause.contains("本年度无")
            || clause.contains("本年度没有")
        guard says else { return }
        let id: TableID?
        if clause.contains("政府性基金") {
            id = .t08
        } else if clause.contains("国有资本经营") {
            id = .t09
        } else if clause.contains("三公") {
            id = .t07
        } else {
            id = [.governmentFund: .t08, .stateCapital: .t09, .threePublic: .t07][section.kind]
        }
        // 本年度无 alone (no 空表) speaks of a table only in 八/九.
        guard let id, let table = document[id] else { return }
        if !(clause.contains("空表") || clause.contains("无数据")) && ![TableID.t08, .t09].contains(id) { return }
        report.compared += 1
        guard !table.hasNoData else { return }
        // The first amount that says otherwise.
        var cell = ""
        var sources: [String] = []
        search: for (i, row) in table.rows.enumerated() {
            for column in id.spec.columns {
                if let a = row[column]?.amount, !a.isZero {
                    cell = "\(row.item ?? row.code ?? row.name) [\(column)] \(a)"
                    if let s = locate(id, i, column.rawValue) { sources = [s] }
                    break search
                }
            }
        }
        report.findings.append(
            Finding(
                rule: ID.emptyTable, severity: .error, table: id, row: "\(id.rawValue) (whole table)", column: nil,
                leftLabel: "the text says \(id.rawValue)", left: "is empty (为空表)", rightLabel: id.rawValue,
                right: "has amounts: \(cell)", difference: "—", relation: "==", sources: sources,
                section: section.label, excerpt: NarrativeRun.shorten(clause)))
    }

    /// 六's `人员经费…包括：基本工资、津贴补贴…`: each item named must be a row 公开06表 prints.
    mutating func itemList(_ c: [Character], in section: NarrativeText.Section) {
        let clause = String(c)
        guard let r = clause.firstRange(of: "包括"), let t06 = document[.t06] else { return }
        let printed = Set(t06.rows.compactMap { $0.code == nil ? nil : Labels.normalise($0.name) })
        var list = String(clause[r.upperBound...])
        if list.hasPrefix("：") { list.removeFirst() }
        if list.hasSuffix("等") { list.removeLast() }
        // A draft's blank (【请填写】) is not a name.
        for name in list.split(separator: "、").map(String.init) where !name.isEmpty && !name.contains("【") {
            report.compared += 1
            if printed.contains(name) { continue }
            report.findings.append(
                Finding(
                    rule: ID.itemName, severity: .warning, table: .t06, row: "公开06表", column: nil,
                    leftLabel: "item named", left: name, rightLabel: "公开06表",
                    right: "prints no item of that name", difference: "—", relation: "==", sources: [],
                    section: section.label, excerpt: NarrativeRun.shorten(clause)))
        }
    }

    static func shorten(_ s: String, _ n: Int = 48) -> String { s.count <= n ? s : String(s.prefix(n)) + "…" }
}
