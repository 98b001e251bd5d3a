/// A sheet's cells as a sparse rectangle with absolute 0-based coordinates, indexed by row.
///
/// Every cell is held once, in row-major order, in 16 bytes: its column, a tag for the kind of
/// value, an index into the sheet's table of distinct number formats, and the value's bits (a
/// double, or an index into the sheet's texts). A row is a contiguous run of that array, found
/// by binary search over the rows that have cells; a cell, by binary search in its row. `Cell`s
/// are made when asked for. `cells` (a dictionary) is built on demand, for callers that want one.
public struct SheetGrid: Sendable {
    public let name: String
    public let state: SheetInfo.State
    public let merges: [CellRange]
    public let hiddenRows: Set<Int>
    /// 0-based columns the sheet hides (empty for .xls, whose reader does not report them).
    public internal(set) var hiddenColumns: [ClosedRange<Int>] = []
    /// The last row and column holding a cell (-1 when empty), computed once.
    public let maxRow: Int
    public let maxCol: Int
    private let store: Store

    /// A grid from cells by address (tests, the formula evaluator's output).
    public init(
        name: String, state: SheetInfo.State, cells: [CellAddress: Cell], merges: [CellRange], hiddenRows: Set<Int>
    ) {
        var builder = Builder()
        for cell in cells.values.sorted(by: { ($0.row, $0.col) < ($1.row, $1.col) }) { builder.append(cell) }
        self.init(name: name, state: state, builder: builder, merges: merges, hiddenRows: hiddenRows)
    }

    /// A grid from cells streamed in any order (a later cell at the same address replaces an earlier one).
    init(name: String, state: SheetInfo.State, builder: Builder, merges: [CellRange], hiddenRows: Set<Int>) {
        self.name = name
        self.state = state
        self.merges = merges
        self.hiddenRows = hiddenRows
        let store = builder.finish()
        self.store = store
        self.maxRow = store.rowNumbers.last ?? -1
        var maxCol = -1
        for p in store.packed where Int(p.col) > maxCol { maxCol = Int(p.col) }
        self.maxCol = maxCol
    }

    /// Every cell by address (built on each call: O(cells); the importer never uses it).
    public var cells: [CellAddress: Cell] {
        var out: [CellAddress: Cell] = [:]
        out.reserveCapacity(store.packed.count)
        forEachCell { out[CellAddress(row: $0.row, col: $0.col)] = $0 }
        return out
    }

    /// The number of cells.
    public var count: Int { store.packed.count }

    /// The same sheet with only the cells in `columns` and `rows` (0-based): a table printed beside
    /// another is read on its own columns. The work is proportional to the rows and the cells
    /// kept, not to the sheet. Merges are kept where they start inside the window.
    public func window(columns: ClosedRange<Int>, rows: ClosedRange<Int>) -> SheetGrid {
        var builder = Builder()
        let numbers = store.rowNumbers
        var k = 0, hi = numbers.count
        while k < hi {
            let mid = (k + hi) / 2
            if numbers[mid] < rows.lowerBound { k = mid + 1 } else { hi = mid }
        }
        while k < numbers.count, numbers[k] <= rows.upperBound {
            let r = numbers[k]
            let range = Int(store.rowStarts[k])..<Int(store.rowStarts[k + 1])
            var i = store.lowerBound(ofCol: columns.lowerBound, in: range)
            while i < range.upperBound, Int(store.packed[i].col) <= columns.upperBound {
                builder.append(store.cell(i, row: r))
                i += 1
            }
            k += 1
        }
        var grid = SheetGrid(
            name: name, state: state, builder: builder,
            merges: merges.filter { columns.contains($0.first.col) && rows.contains($0.first.row) },
            hiddenRows: hiddenRows)
        grid.hiddenColumns = hiddenColumns
        return grid
    }

    public subscript(row: Int, col: Int) -> Cell? {
        guard let range = store.range(ofRow: row) else { return nil }
        guard let i = store.index(ofCol: col, in: range) else { return nil }
        return store.cell(i, row: row)
    }

    /// The cells of one row, left to right.
    public func row(_ r: Int) -> [Cell] { Array(cells(inRow: r)) }

    /// The cells of one row, left to right, made as they are read.
    func cells(inRow r: Int) -> Row { Row(store: store, row: r, range: store.range(ofRow: r) ?? 0..<0) }

    /// The rows that hold cells, top to bottom.
    var rowsWithCells: [Int] { store.rowNumbers }

    /// Calls `body` with every cell, row by row, left to right.
    func forEachCell(_ body: (Cell) -> Void) {
        for (k, r) in store.rowNumbers.enumerated() {
            for i in Int(store.rowStarts[k])..<Int(store.rowStarts[k + 1]) { body(store.cell(i, row: r)) }
        }
    }

    /// The first `n` cells in row-major order.
    func firstCells(_ n: Int) -> [Cell] {
        var out: [Cell] = []
        for (k, r) in store.rowNumbers.enumerated() {
            for i in Int(store.rowStarts[k])..<Int(store.rowStarts[k + 1]) {
                guard out.count < n else { return out }
                out.append(store.cell(i, row: r))
            }
        }
        return out
    }

    /// One row's cells, made on access.
    struct Row: RandomAccessCollection {
        let store: Store
        let row: Int
        let range: Range<Int>
        var startIndex: Int { range.lowerBound }
        var endIndex: Int { range.upperBound }
        subscript(i: Int) -> Cell { store.cell(i, row: row) }
    }

    /// A cell in 16 bytes.
    struct Packed {
        var col: UInt32
        /// 0: no format; n: `formats[n - 1]`; `UInt16.max`: in `rare`.
        var format: UInt16
        var tag: Tag
        var isFormula: Bool
        /// The double's bits, the index of a text in `texts`, or 0/1 for a boolean.
        var bits: UInt64
    }

    enum Tag: UInt8 {
        case number, text, bool, error, uncomputed
        case date, time, dateTime, dateGeneral, dateNumber, datePercent, dateText
    }

    /// The cells of a sheet, row-major, and what they refer to.
    final class Store: @unchecked Sendable {
        let packed: [Packed]
        let rowNumbers: [Int]
        /// `rowStarts[k] ..< rowStarts[k + 1]`: the cells of row `rowNumbers[k]`.
        let rowStarts: [UInt32]
        let texts: [String]
        let formats: [NumberFormat]
        /// Formulas, and formats beyond the table's capacity, by cell index (few cells have them).
        let formulas: [Int: String]
        let rareFormats: [Int: NumberFormat]

        init(
            packed: [Packed], rowNumbers: [Int], rowStarts: [UInt32], texts: [String], formats: [NumberFormat],
            formulas: [Int: String], rareFormats: [Int: NumberFormat]
        ) {
            self.packed = packed
            self.rowNumbers = rowNumbers
            self.rowStarts = rowStarts
            self.texts = texts
            self.formats = formats
            self.formulas = formulas
            self.rareFormats = rareFormats
        }

        func range(ofRow r: Int) -> Range<Int>? {
            var lo = 0, hi = rowNumbers.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if rowNumbers[mid] < r { lo = mid + 1 } else { hi = mid }
            }
            guard lo < rowNumbers.count, rowNumbers[lo] == r else { return nil }
            return Int(rowStarts[lo])..<Int(rowStarts[lo + 1])
        }

        /// The first index in `range` whose column is at least `c`.
        func lowerBound(ofCol c: Int, in range: Range<Int>) -> Int {
            let col = UInt32(clamping: max(0, c))
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if packed[mid].col < col { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }

        func index(ofCol c: Int, in range: Range<Int>) -> Int? {
            guard c >= 0, c <= Int(UInt32.max) else { return nil }
            let col = UInt32(c)
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if packed[mid].col < col { lo = mid + 1 } else { hi = mid }
            }
            return lo < range.upperBound && packed[lo].col == col ? lo : nil
        }

        func cell(_ i: Int, row: Int) -> Cell {
            let p = packed[i]
            let value: CellValue
            switch p.tag {
            case .number: value = .number(Double(bitPattern: p.bits))
            case .text: value = .text(texts[Int(p.bits)])
            case .bool: value = .bool(p.bits != 0)
            case .error: value = .error(texts[Int(p.bits)])
            case .uncomputed: value = .uncomputed(texts[Int(p.bits)])
            case .date: value = .date(serial: Double(bitPattern: p.bits), kind: .date)
            case .time: value = .date(serial: Double(bitPattern: p.bits), kind: .time)
            case .dateTime: value = .date(serial: Double(bitPattern: p.bits), kind: .dateTime)
            case .dateGeneral: value = .date(serial: Double(bitPattern: p.bits), kind: .general)
            case .dateNumber: value = .date(serial: Double(bitPattern: p.bits), kind: .number)
            case .datePercent: value = .date(serial: Double(bitPattern: p.bits), kind: .percent)
            case .dateText: value = .date(serial: Double(bitPattern: p.bits), kind: .text)
            }
            let format: NumberFormat?
            switch p.format {
            case 0: format = nil
            case UInt16.max: format = rareFormats[i]
            default: format = formats[Int(p.format) - 1]
            }
            return Cell(
                row: row, col: Int(p.col), value: value, format: format, isFormula: p.isFormula,
                formula: p.isFormula ? formulas[i] : nil)
        }
    }

    /// Collects streamed cells; `finish` puts them in row-major order (already so for a sheet
    /// written in document order, then without sorting).
    struct Builder {
        private var packed: [Packed] = []
        /// While the cells come in row-major order (as every writer writes them): each row's
        /// number and the index of its first cell, kept as rows start — no row number per cell.
        private var rowNumbers: [Int] = []
        private var rowStarts: [UInt32] = []
        /// Once a cell comes out of order: every cell's row, for the sort in `finish`.
        private var rows: [Int] = []
        private var texts: [String] = []
        private var formats: [NumberFormat] = []
        private var formatIndex: [FormatKey: UInt16] = [:]
        private var last: (key: FormatKey, index: UInt16)?
        private var formulas: [Int: String] = [:]
        private var rareFormats: [Int: NumberFormat] = [:]
        /// True while every cell came after the one before it in row-major order.
        private var ordered = true

        struct FormatKey: Hashable {
            var engine: ObjectIdentifier
            var id: Int
            var kind: NumberFormat.Kind
        }

        init() {}

        mutating func append(_ cell: Cell) {
            if ordered, let lastRow = rowNumbers.last,
                (lastRow, Int(packed[packed.count - 1].col)) >= (cell.row, cell.col)
            {
                // Out of order: from here on every cell's row is kept (those so far, from the runs).
                ordered = false
                rows.reserveCapacity(packed.count + 1)
                for k in rowNumbers.indices {
                    let end = k + 1 < rowStarts.count ? Int(rowStarts[k + 1]) : packed.count
                    rows.append(contentsOf: repeatElement(rowNumbers[k], count: end - Int(rowStarts[k])))
                }
            }
            let i = packed.count
            var tag = Tag.number
            var bits: UInt64 = 0
            switch cell.value {
            case .number(let d): bits = d.bitPattern
            case .text(let t): tag = .text; bits = UInt64(texts.count); texts.append(t)
            case .bool(let b): tag = .bool; bits = b ? 1 : 0
            case .error(let e): tag = .error; bits = UInt64(texts.count); texts.append(e)
            case .uncomputed(let why): tag = .uncomputed; bits = UInt64(texts.count); texts.append(why)
            case .date(let serial, let kind):
                bits = serial.bitPattern
                switch kind {
                case .date: tag = .date
                case .time: tag = .time
                case .dateTime: tag = .dateTime
                case .general: tag = .dateGeneral
                case .number: tag = .dateNumber
                case .percent: tag = .datePercent
                case .text: tag = .dateText
                }
            }
            var format: UInt16 = 0
            if let f = cell.format {
                let key = FormatKey(engine: ObjectIdentifier(f.engine), id: f.id, kind: f.kind)
                if let last, last.key == key {
                    format = last.index
                } else if let known = formatIndex[key] {
                    format = known
                } else if formats.count < Int(UInt16.max) - 1 {
                    formats.append(f)
                    format = UInt16(formats.count)
                    formatIndex[key] = format
                } else {
                    format = UInt16.max
                    rareFormats[i] = f
                }
                if format != UInt16.max { last = (key, format) }
            }
            if cell.isFormula, let f = cell.formula { formulas[i] = f }
            packed.append(
                Packed(
                    col: UInt32(clamping: max(0, cell.col)), format: format, tag: tag, isFormula: cell.isFormula,
                    bits: bits))
            if ordered {
                if rowNumbers.last != cell.row {
                    rowNumbers.append(cell.row)
                    rowStarts.append(UInt32(i))
                }
            } else {
                rows.append(cell.row)
            }
        }

        consuming func finish() -> Store {
            if !ordered {
                // Row-major, and the last cell written at an address wins.
                let order = packed.indices.sorted { (rows[$0], packed[$0].col, $0) < (rows[$1], packed[$1].col, $1) }
                var kept: [Int] = []
                kept.reserveCapacity(order.count)
                for i in order {
                    if let k = kept.last, rows[k] == rows[i], packed[k].col == packed[i].col {
                        kept[kept.count - 1] = i
                    } else {
                        kept.append(i)
                    }
                }
                var newFormulas: [Int: String] = [:]
                var newRare: [Int: NumberFormat] = [:]
                for (n, i) in kept.enumerated() {
                    if let f = formulas[i] { newFormulas[n] = f }
                    if let f = rareFormats[i] { newRare[n] = f }
                }
                packed = kept.map { packed[$0] }
                rows = kept.map { rows[$0] }
                formulas = newFormulas
                rareFormats = newRare
                rowNumbers = []
                rowStarts = []
                for (i, r) in rows.enumerated() where rowNumbers.last != r {
                    rowNumbers.append(r)
                    rowStarts.append(UInt32(i))
                }
            }
            if packed.capacity > packed.count + packed.count / 8 {
                // Growth left up to half the array unused: keep the cells in an array of their size.
                var exact: [Packed] = []
                exact.reserveCapacity(packed.count)
                exact.append(contentsOf: packed)
                packed = exact
            }
            rowStarts.append(UInt32(packed.count))
            return Store(
                packed: packed, rowNumbers: rowNumbers, rowStarts: rowStarts, texts: texts, formats: formats,
                formulas: formulas, rareFormats: rareFormats)
        }
    }
}
