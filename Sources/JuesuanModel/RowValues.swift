/// A row's amounts by canonical column label (`合计`, `基本支出` …): a small map kept as an array
/// of members in the UTF-8 order of their labels, at most one member per label.
///
/// A row has one to a dozen amounts. A `Dictionary<String, Value>` spent most of an import's
/// time hashing Chinese labels (each hash normalises the string) and about 850 bytes a row;
/// a short sorted array is looked up by comparing bytes and takes about a third of that.
/// It reads like the dictionary it replaces: `row.values["合计"]`, `for (column, value) in
/// row.values`, `row.values.isEmpty`, `["合计": .amount(a)]`; iteration is in label order.
///
/// Labels are matched by their bytes; a label spelt with other Unicode code points (a
/// decomposed character, say) is another label — `Validation` refuses it as not a column.
public struct RowValues: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// One amount and its column label.
    public typealias Element = (key: String, value: Value)

    struct Member: Hashable, Sendable {
        var key: String
        var value: Value
    }

    private var members: [Member]

    /// No amounts.
    public init() { members = [] }

    /// From `(label, value)` pairs; a later pair for a label replaces an earlier one.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        // Sorted once (a JSON object of many members arrives in any order), then the last of
        // each label kept.
        let sorted = pairs.enumerated().sorted { a, b in
            a.element.0.utf8.elementsEqual(b.element.0.utf8)
                ? a.offset < b.offset : a.element.0.utf8.lexicographicallyPrecedes(b.element.0.utf8)
        }
        members = []
        members.reserveCapacity(sorted.count)
        for (_, (k, v)) in sorted {
            if let last = members.last, last.key.utf8.elementsEqual(k.utf8) {
                members[members.count - 1].value = v
            } else {
                members.append(Member(key: k, value: v))
            }
        }
    }

    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements)
    }

    /// Where `key` is, or where it would go.
    private func position(of key: String) -> (index: Int, found: Bool) {
        // Byte comparisons; a row has few members, so a linear scan beats a search.
        var i = 0
        let n = members.count
        while i < n {
            let k = members[i].key
            if k.utf8.count == key.utf8.count && k.utf8.elementsEqual(key.utf8) { return (i, true) }
            if key.utf8.lexicographicallyPrecedes(k.utf8) { return (i, false) }
            i += 1
        }
        return (n, false)
    }

    /// The value in the column labelled `key`; nil for a blank cell. Setting nil removes it.
    public subscript(key: String) -> Value? {
        get {
            for m in members where m.key.utf8.count == key.utf8.count && m.key.utf8.elementsEqual(key.utf8) {
                return m.value
            }
            return nil
        }
        set {
            let (i, found) = position(of: key)
            switch (newValue, found) {
            case (let v?, true): members[i].value = v
            case (let v?, false): members.insert(Member(key: key, value: v), at: i)
            case (nil, true): members.remove(at: i)
            case (nil, false): break
            }
        }
    }

    /// True when the row has no amounts (every cell blank).
    public var isEmpty: Bool { members.isEmpty }
    /// How many cells hold a value.
    public var count: Int { members.count }
    /// The column labels, in UTF-8 order.
    public var keys: [String] { members.map(\.key) }
    /// The values, in the order of their labels.
    public var values: [Value] { members.map(\.value) }

    /// Makes room for `n` amounts.
    public mutating func reserveCapacity(_ n: Int) { members.reserveCapacity(n) }

    /// Iterates `(key, value)` pairs in label order.
    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Member]>
        public mutating func next() -> Element? { base.next().map { ($0.key, $0.value) } }
    }

    public func makeIterator() -> Iterator { Iterator(base: members.makeIterator()) }

    public var underestimatedCount: Int { members.count }
}

extension RowValues: Codable {
    /// Decodes a JSON object of label → amount text.
    public init(from decoder: any Decoder) throws {
        let d = try [String: Value](from: decoder)
        self.init(d.map { ($0.key, $0.value) })
    }

    /// Encodes as a JSON object (`JSONTextWriter` writes the same members directly).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        for m in members { try c.encode(m.value, forKey: AnyKey(m.key)) }
    }
}

extension RowValues: CustomStringConvertible {
    /// `["合计": 263.72, "基本支出": 100.00]`, like the dictionary it stands for.
    public var description: String {
        members.isEmpty ? "[:]" : "[" + members.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "]"
    }
}
