import Foundation
import Testing
@testable import JuesuanModel

@Suite struct JSONTests {
    @Test func seedRoundTripsByteForByte() throws {
        let doc = try Fixtures.seed()
        let once = DocumentJSON.encode(doc)
        let back = try DocumentJSON.decode(once)
        #expect(back == doc)
        #expect(DocumentJSON.encode(back) == once)
    }

    @Test func keepsBlankZeroAndDashApart() throws {
        var doc = Document(department: "测试单位", year: 2024, unit: .yuan)
        doc[.t05] = Table(
            id: .t05,
            rows: [
                Row(
                    item: "合计", name: "合计",
                    values: [
                        "合计": .amount(Amount(units: 0, scale: 0)),
                        "基本支出": .amount(Amount(units: 0, scale: 2)),
                        "项目支出": .dash("—"),
                    ])
            ])
        let back = try DocumentJSON.decode(DocumentJSON.encode(doc))
        let values = try #require(back[.t05]?.rows.first?.values)
        #expect(values["合计"] == .amount(Amount(units: 0, scale: 0)))
        #expect(values["基本支出"] == .amount(Amount(units: 0, scale: 2)))
        #expect(values["项目支出"] == .dash("—"))
        #expect(back.unit == .yuan)
    }

    /// A column label spelt with other code points (U+F90A, a compatibility form of 金) is refused
    /// with the code points shown; many labels in one row decode in linear time.
    @Test func otherSpellingsOfAColumnAreRefusedWithTheirCodePoints() throws {
        let odd = Data(
            #"{"format":"juesuan/1","department":"某单位","unit":"万元","tables":{"公开01表":{"rows":[{"side":"收入","item":"一般公共预算财政拨款收入","name":"a","values":{"收入/\#u{F90A}额":"1.00"}}]}}}"#
                .utf8)
        do {
            _ = try DocumentJSON.decode(odd)
            Issue.record("decoded")
        } catch {
            #expect(
                error.message
                    == "tables.公开01表.rows[0].values.收入/\u{F90A}额: is spelt with other Unicode code points (U+6536 U+5165 U+002F U+F90A U+989D) than the column 收入/金额 (U+6536 U+5165 U+002F U+91D1 U+989D)"
            )
        }
        var many: [String] = []
        for i in 0..<20_000 { many.append("\"k\(i)\":\"1.00\"") }
        let big = Self.body(#"{"item":"合计","name":"合计","values":{"# + many.joined(separator: ",") + "}}")
        #expect(throws: JuesuanError.self) { try DocumentJSON.decode(big) }
    }

    static func body(_ rows: String, table: String = "公开02表") -> Data {
        Data(
            """
            {"format":"juesuan/1","department":"某单位","unit":"万元","tables":{"\(table)":{"rows":[\(rows)]}}}
            """.utf8)
    }

    @Test(arguments: [
        (
            #"{"item":"合计","name":"合计"},{"code":"201","name":"a"},{"code":"20103","name":"b"},{"code":"2010301","name":"c","values":{"基本支出":"12,3x"}}"#,
            "公开03表", #"tables.公开03表.rows[3].values.基本支出: "12,3x" is not a decimal amount"#
        ),
        (
            #"{"item":"合计","name":"合计","values":{"本年收入合计":12.5}}"#, "公开02表",
            #"tables.公开02表.rows[0].values.本年收入合计: is not a string"#
        ),
        (
            #"{"item":"合计","name":"合计","values":{"奇怪列":"1"}}"#, "公开02表",
            "tables.公开02表.rows[0].values.奇怪列: is not a column of 公开02表"
        ),
        (#"{"code":"20x","name":"a"}"#, "公开02表", #"tables.公开02表.rows[0].code: "20x" is not a 科目编码"#),
        (#"{"name":"a"}"#, "公开02表", "tables.公开02表.rows[0]: has neither code nor item"),
        (#"{"item":"总计","name":"总计"}"#, "公开01表", "tables.公开01表.rows[0].side: is missing"),
        (#"{"side":"左","item":"总计","name":"总计"}"#, "公开01表", #"tables.公开01表.rows[0].side: "左" is not a side"#),
        (#"{"item":"合计"}"#, "公开02表", "tables.公开02表.rows[0].name: is required"),
        (#"{"item":"合计","name":"合计"}"#, "公开10表", "tables.公开10表: is not one of 公开01表 … 公开09表"),
    ])
    func badJSONNamesThePath(rows: String, table: String, expected: String) {
        do {
            _ = try DocumentJSON.decode(JSONTests.body(rows, table: table))
            Issue.record("decoded without error")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
        }
    }

    @Test func syntaxErrorsAndWrongFormatAreReported() {
        #expect(throws: JuesuanError.self) { try DocumentJSON.decode(Data("{ not json".utf8)) }
        do {
            _ = try DocumentJSON.decode(
                Data(#"{"format":"juesuan/9","department":"x","unit":"万元","tables":{}}"#.utf8), source: "d.json")
        } catch {
            #expect(
                error.description
                    == #"d.json: format: "juesuan/9" is not a format this version reads (expected "juesuan/1")"#)
        }
        do {
            _ = try DocumentJSON.decode(Data(#"{"format":"juesuan/1","department":"x","unit":"千元","tables":{}}"#.utf8))
        } catch {
            #expect(error.description == #"unit: "千元" is not a unit (expected 元 or 万元)"#)
        }
    }
}
