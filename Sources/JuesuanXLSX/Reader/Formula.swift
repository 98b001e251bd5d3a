import Foundation
import JuesuanModel

// Formulas on a sheet's grid: shared formulas translated to their cells, and the simple, local
// formulas evaluated where the workbook carries no usable value — `SUM`, `ROUND`, `+ - * /`,
// unary minus, `%`, parentheses, numbers, and cell and range references on the same sheet,
// recursively, in exact decimals, refusing cycles. Everything else stays `.uncomputed` with its
// reason, and the importer names it as unread.

/// One token of a formula.
enum FormulaToken: Equatable {
    case number(String)
    case string(String)
    /// A cell or range reference, with the sheet it names (nil: this sheet).
    case reference(sheet: String?, text: String)
    /// A name followed by `(`.
    case function(String)
    /// Any other name (a defined name, TRUE/FALSE, an unsupported construct).
    case name(String)
    case op(Character)
    case open, close, comma
    /// Something not understood (array constants, `#REF!` …).
    case other(String)
}

enum FormulaText {
    /// Splits a formula into tokens, keeping each token's source range (for translation).
    static func tokens(_ formula: String) -> [(token: FormulaToken, range: Range<String.Index>)] {
        var out: [(FormulaToken, Range<String.Index>)] = []
        var i = formula.startIndex
        let end = formula.endIndex
        func isNameChar(_ c: Character) -> Bool {
            !(" +-*/^&=<>(),:;%\"'!{}#\n\r\t".contains(c))
        }
        while i < end {
            let c = formula[i]
            let start = i
            if c.isWhitespace { i = formula.index(after: i); continue }
            if c == "\"" {
                var j = formula.index(after: i)
                var s = ""
                while j < end {
                    if formula[j] == "\"" {
                        let n = formula.index(after: j)
                        if n < end && formula[n] == "\"" { s.append("\""); j = formula.index(after: n); continue }
                        break
                    }
                    s.append(formula[j]); j = formula.index(after: j)
                }
                i = j < end ? formula.index(after: j) : end
                out.append((.string(s), start..<i))
                continue
            }
            if c.isASCIIDigit
                || (c == "." && formula.index(after: i) < end && formula[formula.index(after: i)].isASCIIDigit)
            {
                // A number, unless it is a row range such as 1:3 (left to the name reader) or a cell.
                var j = i
                while j < end && (formula[j].isASCIIDigit || formula[j] == ".") { j = formula.index(after: j) }
                if j < end && (formula[j] == "E" || formula[j] == "e") {
                    var k = formula.index(after: j)
                    if k < end && (formula[k] == "+" || formula[k] == "-") { k = formula.index(after: k) }
                    if k < end && formula[k].isASCIIDigit {
                        j = k
                        while j < end && formula[j].isASCIIDigit { j = formula.index(after: j) }
                    }
                }
                if j < end && (isNameChar(formula[j]) || formula[j] == ":") {
                    // 1:1 or the like: read as a name-like reference below.
                } else {
                    out.append((.number(String(formula[i..<j])), i..<j))
                    i = j
                    continue
                }
            }
            var sheet: String?
            if c == "'" {
                // 'Sheet name'!A1
                var j = formula.index(after: i)
                var s = ""
                while j < end {
                    if formula[j] == "'" {
                        let n = formula.index(after: j)
                        if n < end && formula[n] == "'" { s.append("'"); j = formula.index(after: n); continue }
                        break
                    }
                    s.append(formula[j]); j = formula.index(after: j)
                }
                i = j < end ? formula.index(after: j) : end
                guard i < end, formula[i] == "!" else { out.append((.other(s), start..<i)); continue }
                i = formula.index(after: i)
                sheet = s
            }
            if i < end && (isNameChar(formula[i]) || formula[i] == "$") {
                var j = i
                while j < end && isNameChar(formula[j]) { j = formula.index(after: j) }
                var name = String(formula[i..<j])
                if sheet == nil && j < end && formula[j] == "!" {
                    sheet = name
                    i = formula.index(after: j)
                    j = i
                    while j < end && isNameChar(formula[j]) { j = formula.index(after: j) }
                    name = String(formula[i..<j])
                }
                // A range: name:name.
                if j < end && formula[j] == ":" {
                    var k = formula.index(after: j)
                    while k < end && (isNameChar(formula[k])) { k = formula.index(after: k) }
                    let second = String(formula[formula.index(after: j)..<k])
                    if !second.isEmpty {
                        out.append((.reference(sheet: sheet, text: name + ":" + second), start..<k))
                        i = k
                        continue
                    }
                }
                if sheet == nil && j < end && formula[j] == "(" {
                    out.append((.function(name.uppercased()), start..<j))
                    i = j
                    continue
                }
                if CellAddress(name) != nil || sheet != nil {
                    out.append((.reference(sheet: sheet, text: name), start..<j))
                } else {
                    out.append((.name(name), start..<j))
                }
                i = j
                continue
            }
            i = formula.index(after: i)
            switch c {
            case "(": out.append((.open, start..<i))
            case ")": out.append((.close, start..<i))
            case ",": out.append((.comma, start..<i))
            case "+", "-", "*", "/", "^", "&", "=", "<", ">", "%": out.append((.op(c), start..<i))
            default:
                // #REF!, array constants {…} and the like.
                var j = i
                if c == "#" {
                    while j < end
                        && (formula[j].isLetter || formula[j] == "/" || formula[j] == "0" || formula[j] == "!"
                            || formula[j] == "?")
                    {
                        j = formula.index(after: j)
                    }
                }
                out.append((.other(String(formula[start..<j])), start..<j))
                i = j
            }
        }
        return out
    }

    /// A shared formula's master text moved to a dependent cell: relative row and column parts of
    /// every reference shift by the cell's offset from the master (`$` parts stay).
    static func translate(_ formula: String, rows: Int, cols: Int) -> String {
        if rows == 0 && cols == 0 { return formula }
        var out = ""
        var last = formula.startIndex
        for (token, range) in tokens(formula) {
            guard case .reference(_, let text) = token else { continue }
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
                shift(String($0), rows: rows, cols: cols)
            }
            // Keep a sheet prefix as written.
            let source = formula[range]
            let prefixEnd = source.lastIndex(of: "!").map { source.index(after: $0) } ?? source.startIndex
            out +=
                formula[last..<range.lowerBound] + source[source.startIndex..<prefixEnd] + parts.joined(separator: ":")
            last = range.upperBound
        }
        return out + formula[last...]
    }

    /// `B7` shifted by (rows, cols); `$B$7` unchanged; `#REF!` when it leaves the sheet.
    static func shift(_ ref: String, rows: Int, cols: Int) -> String {
        var chars = Substring(ref)
        let colAbs = chars.first == "$"
        if colAbs { chars = chars.dropFirst() }
        let letters = chars.prefix { $0.isLetter && $0.isASCII }
        chars = chars.dropFirst(letters.count)
        let rowAbs = chars.first == "$"
        if rowAbs { chars = chars.dropFirst() }
        let digits = chars
        var col = 0
        for ch in letters.uppercased().unicodeScalars { col = col * 26 + Int(ch.value) - 64 }
        var out = ""
        if !letters.isEmpty {
            let c = colAbs ? col : col + cols
            guard c >= 1 && c <= CellAddress.maxColumns else { return "#REF!" }
            out += (colAbs ? "$" : "") + CellRef.column(c - 1)
        }
        if let r0 = Int(digits) {
            let r = rowAbs ? r0 : r0 + rows
            guard r >= 1 && r <= CellAddress.maxRows else { return "#REF!" }
            out += (rowAbs ? "$" : "") + String(r)
        } else if !digits.isEmpty {
            return ref
        }
        return out
    }

    /// The formula as quoted in a message: `=` and at most 40 characters.
    static func quoted(_ formula: String?) -> String {
        guard let f = formula else { return "the formula" }
        return "=" + (f.count > 40 ? String(f.prefix(39)) + "…" : f)
    }
}

/// Evaluates formula cells on one sheet's cells.
///
/// A formula cell is evaluated when it has no cached value, or when its cached value is 0 and the
/// workbook asks for a full recalculation on load (`fullCalcOnLoad`, which XlsxWriter sets while
/// writing 0 for every formula). Other cached values are used as they are.
final class FormulaEvaluator {
    enum Failure: Error {
        case unsupported(String)
        case circular
        case error(String)
        /// Deeper than `maxDepth`: not memoized, tried again once the cells above are known.
        case tooDeep
    }

    let cells: [CellAddress: Cell]
    let sheet: String
    let recalculateZeros: Bool
    var results: [CellAddress: Result<Decimal, Failure>] = [:]
    private var visiting: Set<CellAddress> = []
    /// Cells that range arguments may still visit on this sheet (a hostile sheet full of
    /// `SUM(A:XFD)` stays bounded).
    private var budget = 20_000_000
    static let maxDepth = 400

    /// Counts cells visited by range arguments.
    /// - Throws: `Failure.unsupported` when the sheet's budget is spent.
    func spend(_ n: Int) throws(Failure) {
        budget -= n
        if budget < 0 { throw .unsupported("a sheet whose ranges add up to over 20 million cells") }
    }

    init(cells: [CellAddress: Cell], sheet: String, recalculateZeros: Bool) {
        self.cells = cells
        self.sheet = sheet
        self.recalculateZeros = recalculateZeros
    }

    /// Evaluates in place every formula cell that needs it; returns the updated cells.
    static func evaluate(_ cells: [CellAddress: Cell], sheet: String, recalculateZeros: Bool) -> [CellAddress: Cell] {
        let e = FormulaEvaluator(cells: cells, sheet: sheet, recalculateZeros: recalculateZeros)
        let pending = cells.values.filter { e.needsEvaluation($0) }.sorted { ($0.row, $0.col) < ($1.row, $1.col) }
        guard !pending.isEmpty else { return cells }
        // Dependencies first (an iterative depth-first walk, so no chain is too deep for the
        // stack), cycles marked as such; then each formula is evaluated once its inputs are known.
        for a in e.order(pending.map { CellAddress(row: $0.row, col: $0.col) }) where e.results[a] == nil {
            e.results[a] = e.value(of: a)
        }
        var out = cells
        for cell in pending {
            let a = CellAddress(row: cell.row, col: cell.col)
            guard let r = e.results[a] else { continue }
            var c = cell
            switch r {
            case .success(let d):
                c.value = .number(Double(d.description) ?? 0)
                if let f = c.format, f.kind == .date || f.kind == .time || f.kind == .dateTime {
                    c.value = .date(serial: Double(d.description) ?? 0, kind: f.kind)
                }
            case .failure(.error(let e)):
                c.value = .error(e)
            case .failure(.tooDeep):
                c.value = .uncomputed(
                    "has no computed value and a chain of over \(maxDepth) formulas is not evaluated here")
            case .failure(.circular):
                c.value = .uncomputed("refers to itself (a circular reference), so it has no value")
            case .failure(.unsupported(let why)):
                let cached =
                    if case .uncomputed = cell.value { "has no computed value" } else {
                        "has only a placeholder 0 (the workbook asks to recalculate on opening)"
                    }
                c.value = .uncomputed("\(cached) and \(why) is not evaluated here")
            }
            out[a] = c
        }
        return out
    }

    /// The formula cells to evaluate, each after the formula cells it refers to; cells on a
    /// cycle get `.circular` as their result.
    func order(_ pending: [CellAddress]) -> [CellAddress] {
        let pendingSet = Set(pending)
        func dependencies(_ a: CellAddress) -> [CellAddress] {
            guard let f = cells[a]?.formula else { return [] }
            var out: [CellAddress] = []
            for (token, _) in FormulaText.tokens(f) {
                guard case .reference(let s, let text) = token, let range = local(s, text) else { continue }
                if range.first == range.last {
                    if pendingSet.contains(range.first) { out.append(range.first) }
                } else {
                    let area = (range.last.row - range.first.row + 1) * (range.last.col - range.first.col + 1)
                    if area <= pendingSet.count {
                        for r in range.first.row...range.last.row {
                            for c in range.first.col...range.last.col
                            where pendingSet.contains(CellAddress(row: r, col: c)) {
                                out.append(CellAddress(row: r, col: c))
                            }
                        }
                    } else {
                        out += pending.filter { range.contains($0) }
                    }
                }
            }
            return out
        }
        var state: [CellAddress: Int] = [:]  // 1: on the walk's path, 2: done
        var order: [CellAddress] = []
        for start in pending where state[start] == nil {
            var stack: [(CellAddress, [CellAddress], Int)] = [(start, dependencies(start), 0)]
            state[start] = 1
            while let (a, deps, i) = stack.last {
                if i < deps.count {
                    stack[stack.count - 1].2 += 1
                    let d = deps[i]
                    switch state[d] {
                    case nil:
                        state[d] = 1
                        stack.append((d, dependencies(d), 0))
                    case 1?:
                        // A cycle: every cell on the path from d to here.
                        if let from = stack.firstIndex(where: { $0.0 == d }) {
                            for (c, _, _) in stack[from...] { results[c] = .failure(.circular) }
                        }
                    default: break
                    }
                } else {
                    stack.removeLast()
                    state[a] = 2
                    order.append(a)
                }
            }
        }
        return order
    }

    func needsEvaluation(_ cell: Cell) -> Bool {
        guard cell.isFormula else { return false }
        switch cell.value {
        case .uncomputed: return cell.formula != nil
        case .number(let d): return recalculateZeros && d == 0 && cell.formula != nil
        default: return false
        }
    }

    /// The value of a referenced cell: cached, evaluated, or an error.
    func value(of a: CellAddress) -> Result<Decimal, Failure> {
        if let r = results[a] { return r }
        guard let cell = cells[a] else { return .success(0) }
        if needsEvaluation(cell), let formula = cell.formula {
            if visiting.contains(a) { return .failure(.circular) }
            // Chains deeper than this are not followed (a bound on the stack; `order` evaluates
            // inputs first, so only formulas it could not order get deep).
            guard visiting.count < Self.maxDepth else { return .failure(.tooDeep) }
            visiting.insert(a)
            let r = evaluate(formula)
            visiting.remove(a)
            if case .failure(.tooDeep) = r { return r }
            results[a] = r
            return r
        }
        switch cell.value {
        case .number(let d), .date(let d, _):
            return .success(Decimal(string: Amount.shortest(for: d)?.description ?? "\(d)") ?? 0)
        case .bool(let b): return .success(b ? 1 : 0)
        case .text(let t):
            if t.trimmingCharacters(in: .whitespaces).isEmpty { return .success(0) }
            if let v = AmountText.lenient(t), let a = v.amount { return .success(Decimal(string: a.description) ?? 0) }
            return .failure(.error("#VALUE!"))
        case .error(let e): return .failure(.error(e))
        case .uncomputed: return .failure(.unsupported("a cell it refers to"))
        }
    }

    func evaluate(_ formula: String) -> Result<Decimal, Failure> {
        var parser = Parser(tokens: FormulaText.tokens(formula).map(\.token), evaluator: self)
        return parser.parse()
    }

    /// A reference on this sheet (`B7`, `$B$7`, `公开05表!B7` when that is this sheet).
    func local(_ sheetName: String?, _ text: String) -> CellRange? {
        if let s = sheetName, s != sheet { return nil }
        return CellRange(text)
    }

    struct Parser {
        let tokens: [FormulaToken]
        let evaluator: FormulaEvaluator
        var i = 0

        init(tokens: [FormulaToken], evaluator: FormulaEvaluator) {
            self.tokens = tokens
            self.evaluator = evaluator
        }

        var peek: FormulaToken? { i < tokens.count ? tokens[i] : nil }

        mutating func parse() -> Result<Decimal, Failure> {
            do {
                let v = try expression()
                guard i == tokens.count else { throw Failure.unsupported(describe(tokens[i])) }
                return .success(v)
            } catch let f as Failure { return .failure(f) } catch { return .failure(.unsupported("it")) }
        }

        func describe(_ t: FormulaToken) -> String {
            switch t {
            case .function(let f): return f
            case .reference(let s?, _): return "a reference to sheet \(s)"
            case .reference(nil, let r): return "the reference \(r)"
            case .name(let n): return "the name \(n)"
            case .string: return "text"
            case .op(let c): return "the operator \(c)"
            case .other(let o): return o
            case .number(let n): return n
            case .open, .close, .comma: return "its syntax"
            }
        }

        mutating func expression() throws -> Decimal {
            var v = try term()
            while case .op(let c)? = peek, c == "+" || c == "-" {
                i += 1
                let r = try term()
                v = c == "+" ? v + r : v - r
            }
            return v
        }

        mutating func term() throws -> Decimal {
            var v = try unary()
            while case .op(let c)? = peek, c == "*" || c == "/" {
                i += 1
                let r = try unary()
                if c == "*" {
                    v = v * r
                } else {
                    guard !r.isZero else { throw Failure.error("#DIV/0!") }
                    v = v / r
                }
            }
            return v
        }

        mutating func unary() throws -> Decimal {
            if case .op(let c)? = peek, c == "-" || c == "+" {
                i += 1
                let v = try unary()
                return c == "-" ? -v : v
            }
            var v = try primary()
            while case .op("%")? = peek {
                i += 1
                v = v / 100
            }
            return v
        }

        mutating func primary() throws -> Decimal {
            guard let t = peek else { throw Failure.unsupported("an incomplete formula") }
            i += 1
            switch t {
            case .number(let n):
                guard let d = Decimal(string: n) else { throw Failure.unsupported("the number \(n)") }
                return d
            case .open:
                let v = try expression()
                guard peek == .close else { throw Failure.unsupported("its syntax") }
                i += 1
                return v
            case .reference(let s, let text):
                guard let range = evaluator.local(s, text) else { throw Failure.unsupported(describe(t)) }
                guard range.first == range.last else { throw Failure.unsupported("a range outside SUM") }
                return try referenced(range.first)
            case .function(let name):
                return try function(name)
            default:
                throw Failure.unsupported(describe(t))
            }
        }

        /// A referenced cell's value; a cell on a cycle makes this one fail, but not as a cycle of its own.
        func referenced(_ a: CellAddress) throws(Failure) -> Decimal {
            switch evaluator.value(of: a) {
            case .success(let d): return d
            case .failure(.circular): throw .unsupported("a reference to a circular formula (\(a))")
            case .failure(let f): throw f
            }
        }

        /// SUM(…) and ROUND(x, n).
        mutating func function(_ name: String) throws -> Decimal {
            guard name == "SUM" || name == "ROUND" else { throw Failure.unsupported(name) }
            guard peek == .open else { throw Failure.unsupported("its syntax") }
            i += 1
            var args: [Decimal] = []
            if peek == .close {
                i += 1
            } else {
                while true {
                    if name == "SUM", case .reference(let s, let text)? = peek,
                        i + 1 < tokens.count, tokens[i + 1] == .comma || tokens[i + 1] == .close
                    {
                        // A range argument: numbers only (text and booleans in a range are skipped).
                        guard let range = evaluator.local(s, text) else { throw Failure.unsupported(describe(peek!)) }
                        i += 1
                        // Walk the rectangle, or the sheet's cells when they are fewer (SUM(A:XFD) …).
                        let area = (range.last.row - range.first.row + 1) * (range.last.col - range.first.col + 1)
                        let addresses: [CellAddress]
                        if area <= evaluator.cells.count {
                            addresses = (range.first.row...range.last.row).flatMap { r in
                                (range.first.col...range.last.col).map { CellAddress(row: r, col: $0) }
                            }
                        } else {
                            addresses = evaluator.cells.keys.filter { range.contains($0) }
                        }
                        try evaluator.spend(addresses.count)
                        var total: Decimal = 0
                        for a in addresses {
                            guard let cell = evaluator.cells[a] else { continue }
                            switch cell.value {
                            case .text, .bool: continue
                            default: total += try referenced(a)
                            }
                        }
                        args.append(total)
                    } else {
                        args.append(try expression())
                    }
                    if peek == .comma { i += 1; continue }
                    guard peek == .close else { throw Failure.unsupported("its syntax") }
                    i += 1
                    break
                }
            }
            if name == "SUM" { return args.reduce(0, +) }
            guard args.count == 2, let digits = Int(args[1].description) else {
                throw Failure.unsupported("ROUND with these arguments")
            }
            var x = args[0]
            var out = Decimal()
            NSDecimalRound(&out, &x, digits, .plain)
            return out
        }
    }
}
