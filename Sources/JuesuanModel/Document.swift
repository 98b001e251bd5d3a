/// One row of a table: a 科目 row keyed by its code, or a fixed item keyed by its canonical label.
///
/// Exactly one of `code` and `item` is set. `name` is the label as printed (with its ordinal,
/// e.g. `一、一般公共预算财政拨款收入`); `line` is the 行次 when the source printed one.
public struct Row: Hashable, Sendable, Codable {
    /// 收入 or 支出, for the two-sided tables 01 and 04; nil elsewhere.
    public var side: Side?
    /// 科目编码: 3/5/7 digits (功能分类) or 3/5 digits (经济分类).
    public var code: String?
    /// Canonical fixed-row label (TABLES.md §1), e.g. `本年收入合计`, `合计`, `人员经费合计`.
    public var item: String?
    /// The label as printed (white space normalised).
    public var name: String
    /// 行次 as printed, when present.
    public var line: String?
    /// Amounts by canonical column label; a column that is absent is a blank cell.
    public var values: RowValues

    /// A row; give exactly one of `code` and `item`.
    public init(
        side: Side? = nil, code: String? = nil, item: String? = nil, name: String,
        line: String? = nil, values: RowValues = [:]
    ) {
        self.side = side
        self.code = code
        self.item = item
        self.name = name
        self.line = line
        self.values = values
    }

    /// A fixed-item row: its printed name defaults to the canonical item.
    public init(
        side: Side? = nil, item: ItemName, name: String? = nil, line: String? = nil, values: RowValues = [:]
    ) {
        self.init(side: side, item: item.rawValue, name: name ?? item.rawValue, line: line, values: values)
    }

    enum CodingKeys: String, CodingKey { case side, code, item, name, line, values }

    /// Decodes a row of `juesuan/1` JSON (`values` may be absent: no amounts).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        side = try c.decodeIfPresent(Side.self, forKey: .side)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        item = try c.decodeIfPresent(String.self, forKey: .item)
        name = try c.decode(String.self, forKey: .name)
        line = try c.decodeIfPresent(String.self, forKey: .line)
        values = try c.decodeIfPresent(RowValues.self, forKey: .values) ?? [:]
    }

    /// The row's key for tidy output and lookups: its code, or its item.
    public var key: String { code ?? item ?? name }

    /// The 科目 level from the code's length: 1 类, 2 款, 3 项 (nil for fixed items).
    public var level: Int? {
        guard let code else { return nil }
        switch code.count {
        case 3: return 1
        case 5: return 2
        case 7: return 3
        default: return nil
        }
    }
}

/// One of the nine tables as a department printed it.
public struct Table: Hashable, Sendable, Codable {
    /// Which of the nine tables this is.
    public var id: TableID
    /// The title as printed (the canonical title when the source had none).
    public var title: String
    /// Rows in printed order; for 01/04 each row says its side.
    public var rows: [Row]
    /// Notes printed with the table (注：…, the empty-table note), in order.
    public var notes: [String]

    /// A table; `title` defaults to the canonical title.
    public init(id: TableID, title: String? = nil, rows: [Row] = [], notes: [String] = []) {
        self.id = id
        self.title = title ?? id.spec.title
        self.rows = rows
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey { case title, rows, notes }

    /// Decodes a table of `juesuan/1` JSON; its 表号 is the key it is stored under.
    /// - Throws: `DecodingError` when the key is not one of 公开01表 … 公开09表.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let key = decoder.codingPath.last, let id = TableID(rawValue: key.stringValue) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "is not one of 公开01表 … 公开09表"))
        }
        self.id = id
        self.title = try c.decodeIfPresent(String.self, forKey: .title) ?? id.spec.title
        self.rows = try c.decodeIfPresent([Row].self, forKey: .rows) ?? []
        self.notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }

    /// Encodes the table (its 表号 is the key of the enclosing object).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(rows, forKey: .rows)
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
    }

    /// True when no row carries a non-zero amount.
    public var hasNoData: Bool {
        rows.allSatisfy { $0.values.allSatisfy { $0.value.amount?.isZero ?? true } }
    }

    /// The first row with this code (and side, for two-sided tables).
    public func row(code: String, side: Side? = nil) -> Row? {
        rows.first { $0.code == code && (side == nil || $0.side == side) }
    }

    /// The first row with this canonical item (and side, for two-sided tables).
    public func row(item: ItemName, side: Side? = nil) -> Row? {
        rows.first { $0.item == item.rawValue && (side == nil || $0.side == side) }
    }
}

/// A department's 决算公开 tables for one year: the model every conversion passes through.
///
/// ```swift
/// let doc = try DocumentJSON.decode(data)
/// print(doc.department, doc.unit, doc.tables[.t01]?.rows.count ?? 0)
/// ```
public struct Document: Hashable, Sendable {
    /// 编制单位 / 部门, as printed.
    public var department: String
    /// 年度 (e.g. 2023), when known.
    public var year: Int?
    /// 金额单位 of every amount in the document.
    public var unit: AmountUnit
    /// The layout the document came from or should be drawn in (`national`, `shanghai`, `central`), if known.
    public var layout: String?
    /// The tables present; a missing table was not in the source.
    public var tables: [TableID: Table]

    /// A document; `unit` defaults to 万元.
    public init(
        department: String, year: Int? = nil, unit: AmountUnit = .wanYuan, layout: String? = nil,
        tables: [TableID: Table] = [:]
    ) {
        self.department = department
        self.year = year
        self.unit = unit
        self.layout = layout
        self.tables = tables
    }

    /// The tables present, in 表号 order.
    public var orderedTables: [Table] { tables.keys.sorted().compactMap { tables[$0] } }

    /// The table with this 表号, if present.
    public subscript(_ id: TableID) -> Table? {
        get { tables[id] }
        set { tables[id] = newValue }
    }
}
