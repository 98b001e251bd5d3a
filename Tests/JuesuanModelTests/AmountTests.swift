import Testing
@testable import JuesuanModel

@Suite struct AmountTests {
    @Test(arguments: [
        ("263.72", 26372, 2, "263.72"),
        ("1,566,600.00", 156_660_000, 2, "1566600.00"),
        ("  -0.5 ", -5, 1, "-0.5"),
        ("0", 0, 0, "0"),
        ("0.00", 0, 2, "0.00"),
        ("+12", 12, 0, "12"),
        ("１２".isEmpty ? "" : "1，234.5", 12345, 1, "1234.5"),
        ("−3.10", -310, 2, "-3.10"),
    ])
    func parsesPrintedDecimals(text: String, units: Int64, scale: Int, printed: String) throws {
        let a = try Amount(parsing: text)
        #expect(a.units == units)
        #expect(a.scale == scale)
        #expect(a.description == printed)
    }

    @Test(arguments: ["", "12,3x", "1e5", "1.2.3", "12,34", ".5", "5.", "abc", "99999999999999999999", "1.12345678901"])
    func rejectsWhatIsNotAnAmount(text: String) {
        #expect(throws: AmountParseError.self) { try Amount(parsing: text) }
    }

    @Test func zeroFormsStayDistinctButCompareEqual() throws {
        let a = try Amount(parsing: "0"), b = try Amount(parsing: "0.00")
        #expect(a != b)
        #expect(a.isNumericallyEqual(to: b))
    }

    @Test func roundsHalfAwayFromZeroWhenRescaling() throws {
        #expect(try Amount(parsing: "2.345").rescaled(to: 2).description == "2.35")
        #expect(try Amount(parsing: "-2.345").rescaled(to: 2).description == "-2.35")
        #expect(try Amount(parsing: "2.344").rescaled(to: 2).description == "2.34")
        #expect(try Amount(parsing: "7").rescaled(to: 2).description == "7.00")
    }

    @Test func convertsUnitsExplicitly() throws {
        let yuan = try Amount(parsing: "2637200.00")
        #expect(try yuan.converted(from: .yuan, to: .wanYuan).description == "263.72")
        #expect(try Amount(parsing: "1234.50").converted(from: .yuan, to: .wanYuan).description == "0.12")
        #expect(try Amount(parsing: "1250.00").converted(from: .yuan, to: .wanYuan).description == "0.13")
        #expect(try Amount(parsing: "263.72").converted(from: .wanYuan, to: .yuan).description == "2637200.00")
        #expect(throws: AmountArithmeticError.self) {
            try Amount(units: .max / 2, scale: 2).converted(from: .wanYuan, to: .yuan)
        }
    }

    @Test func readsDoublesAtTheEdge() throws {
        let (a, exact) = try #require(Amount.nearest(to: 263.72, scale: 2))
        #expect(a.description == "263.72" && exact)
        let (b, exact2) = try #require(Amount.nearest(to: 1.005, scale: 2))
        #expect(b.scale == 2)
        #expect(!exact2)
        #expect(Amount.shortest(for: 0.1 + 0.2)?.description == "0.3")
        #expect(Amount.shortest(for: 156.66)?.description == "156.66")
        #expect(Amount.shortest(for: 1e300) == nil)
        #expect(Amount.shortest(for: .nan) == nil)
    }

    @Test func sumsAndComparesAcrossScales() throws {
        let s = try #require(
            Amount.sum([try Amount(parsing: "1.5"), try Amount(parsing: "2.25"), try Amount(parsing: "3")]))
        #expect(s.description == "6.75")
        #expect(try Amount(parsing: "10").compare(try Amount(parsing: "9.99")) == .greater)
        #expect(try Amount(parsing: "-1").compare(try Amount(parsing: "0.00")) == .less)
        #expect(Amount.sum([Amount(units: .max, scale: 0), Amount(units: 1, scale: 0)]) == nil)
        #expect(try Amount(parsing: "1").subtracting(try Amount(parsing: "0.25"))?.description == "0.75")
    }
}

@Suite struct ValueTests {
    @Test(arguments: ["—", "-", "——", "－", " – "])
    func dashesAreKeptAsPrinted(text: String) throws {
        let v = try Value(parsing: text)
        guard case .dash(let d) = v else { Issue.record("not a dash: \(v)"); return }
        #expect(d == text.trimmingSpaces())
        #expect(v.numeric.isZero)
    }

    @Test func amountsParse() throws {
        #expect(try Value(parsing: "0.00") == .amount(Amount(units: 0, scale: 2)))
        #expect(throws: AmountParseError.self) { try Value(parsing: "----") }
    }
}
