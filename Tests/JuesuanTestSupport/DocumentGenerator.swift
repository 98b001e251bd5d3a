import Foundation
import JuesuanModel
import JuesuanXLSX

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same sequence.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Seeded random documents for round-trip properties: random 科目 trees, amounts at the extremes
/// of precision and size, dashes and blanks, empty tables, long names, both units.
public struct DocumentGenerator {
    public var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(state: seed) }

    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    static let hanzi = Array("财政拨款收入支出决算一般公共服务科学技术社会保障就业卫生健康住房城乡社区农林水交通运输教育文化旅游体育传媒行政运行事业单位医疗养老保险缴费其他专项业务管理")

    mutating func name(_ min: Int = 2, _ max: Int = 30) -> String {
        String((0..<int(min...max)).map { _ in Self.hanzi[int(0...(Self.hanzi.count - 1))] })
    }

    /// An amount: mostly two decimals, sometimes 0…4 decimals, tiny, negative or very large.
    mutating func amount() -> Amount {
        let scale = chance(0.7) ? 2 : int(0...4)
        let digits: Int
        switch int(0...9) {
        case 0: digits = 1
        case 1: digits = int(14...17)  // beyond a double's exact digits: written as text
        default: digits = int(1...9)
        }
        var units: Int64 = 0
        for _ in 0..<digits { units = units * 10 + Int64(int(0...9)) }
        if chance(0.1) { units = -units }
        return Amount(units: units, scale: scale)
    }

    mutating func values(_ columns: [ColumnName]) -> RowValues {
        var v: RowValues = [:]
        for c in columns.map(\.rawValue) {
            switch int(0...9) {
            case 0, 1: continue  // blank
            case 2: v[c] = .dash("—")
            default: v[c] = .amount(amount())
            }
        }
        return v
    }

    /// Random 功能分类 rows under a 合计 row: 类, their 款, their 项, in code order.
    mutating func functionalRows(_ columns: [ColumnName], empty: Bool) -> [Row] {
        var rows = [Row(item: .total, values: empty ? [:] : values(columns))]
        if empty { return rows }
        var cats = Catalogue.functionalCategories.map(\.code)
        cats.shuffle(using: &rng)
        for cat in cats.prefix(int(0...4)).sorted() {
            rows.append(Row(code: cat, name: Catalogue.functionalName(cat)!, values: values(columns)))
            var kuans = Set<String>()
            for _ in 0..<int(0...3) { kuans.insert(cat + String(format: "%02d", int(1...99))) }
            for kuan in kuans.sorted() {
                rows.append(Row(code: kuan, name: name(), values: values(columns)))
                var xiangs = Set<String>()
                for _ in 0..<int(0...3) { xiangs.insert(kuan + String(format: "%02d", int(1...99))) }
                for x in xiangs.sorted() { rows.append(Row(code: x, name: name(2, 60), values: values(columns))) }
            }
        }
        return rows
    }

    mutating func twoSided(_ id: TableID) -> [Row] {
        let spec = id.spec
        let ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        var rows: [Row] = []
        var line = 0
        func nextLine() -> String { line += 1; return String(line) }
        let incomeCols = spec.columns(for: .income), expCols = spec.columns(for: .expenditure)
        for (i, item) in spec.incomeItems.enumerated() {
            let printed =
                i < (id == .t01 ? 8 : 3)
                ? "\(ordinals[i])、\(item)"
                : (item.rawValue.contains("/") ? String(item.rawValue.split(separator: "/")[1]) : item.rawValue)
            rows.append(Row(side: .income, item: item, name: printed, line: nextLine(), values: values(incomeCols)))
        }
        var cats = Catalogue.functionalCategories
        cats.shuffle(using: &rng)
        for (i, c) in cats.prefix(int(1...8)).sorted(by: { $0.code < $1.code }).enumerated() {
            rows.append(
                Row(
                    side: .expenditure, code: c.code, name: "\(ordinals[i % 10])、\(c.name)", line: nextLine(),
                    values: values(expCols)))
        }
        for item in spec.expenditureItems {
            rows.append(Row(side: .expenditure, item: item, line: nextLine(), values: values(expCols)))
        }
        return rows
    }

    mutating func economicRows() -> [Row] {
        var personnel: [Row] = [], publicUse: [Row] = []
        for cat in ["301", "303", "302", "310"] where chance(0.8) {
            var group = [Row(code: cat, name: Catalogue.economicName(cat)!, values: values([.actual06]))]
            var kuans = Set<String>()
            for _ in 0..<int(0...6) { kuans.insert(cat + String(format: "%02d", int(1...99))) }
            for k in kuans.sorted() {
                group.append(Row(code: k, name: Catalogue.economicName(k) ?? name(), values: values([.actual06])))
            }
            if cat == "301" || cat == "303" { personnel += group } else { publicUse += group }
        }
        return personnel + publicUse + [
            Row(item: .personnelTotal, values: values([.actual06])),
            Row(item: .publicUseTotal, values: values([.actual06])),
        ]
    }

    /// A whole document.
    public mutating func document() -> Document {
        var doc = Document(
            department: name(4, 20), year: chance(0.8) ? int(2015...2030) : nil, unit: chance(0.5) ? .wanYuan : .yuan)
        for id in TableID.allCases where chance(0.9) {
            var t = Table(id: id)
            switch id.spec.scheme {
            case .twoSided: t.rows = twoSided(id)
            case .functional:
                let empty = chance(0.2)
                t.rows = functionalRows(id.spec.columns, empty: empty)
                if empty { t.notes = ["注：本单位本年度无\(name(2, 8))，本表为空表。"] }
            case .economic: t.rows = economicRows()
            case .single:
                t.rows = [
                    Row(item: .threePublic, values: values(id.spec.columns))
                ]
            }
            doc[id] = t
        }
        if doc.tables.isEmpty {
            doc[.t07] = Table(
                id: .t07,
                rows: [
                    Row(
                        item: .threePublic,
                        values: [ColumnName.actual(.total).rawValue: .amount(Amount(units: 1, scale: 2))])
                ])
        }
        return doc
    }
}

extension Document {
    /// What a layout can carry: its name as the layout, no 行次 where it prints none, and every
    /// amount at the printed decimals (nil: as it is), rounded half up as the writer rounds.
    public func asWritten(in layout: Layout, decimals: Int? = 2) -> Document {
        var d = self
        d.layout = layout.name
        if let decimals {
            for id in d.tables.keys {
                for i in d.tables[id]!.rows.indices {
                    for (k, v) in d.tables[id]!.rows[i].values {
                        if case .amount(let a) = v, let shown = try? a.rescaled(to: decimals) {
                            d.tables[id]!.rows[i].values[k] = .amount(shown)
                        }
                    }
                }
            }
        }
        let hasLines = layout.tables.values.contains { $0.panels.contains { $0.columns.contains { $0.kind == .line } } }
        if !hasLines {
            for id in d.tables.keys { for i in d.tables[id]!.rows.indices { d.tables[id]!.rows[i].line = nil } }
        }
        if layout.renumbers {
            // The import knows the layout by a 表号 naming another table; without such a table the
            // workbook looks national. Its own titles come back as the canonical ones it prints.
            if !d.tables.keys.contains(where: { layout.printedNumber($0) != $0.rawValue }) { d.layout = "national" }
            for id in d.tables.keys where d.tables[id]!.title == layout.table(id).title {
                d.tables[id]!.title = id.spec.title
            }
        }
        // 07's single row has no printed label; 01/04 rows that carry nothing at all still print.
        return d
    }
}
