import JuesuanModel
import Testing
@testable import JuesuanXLSX

/// Titles as departments print them.
@Suite struct TableLocatorTests {
    @Test(arguments: [
        ("收入支出决算总表", TableID.t01),
        ("财政拨款收入支出决算总表", .t04),
        ("2023年度收入支出决算总表", .t01),
        ("克拉玛依市乌尔禾区人民政府办公室2023年度\n支出决算表", .t03),
        ("收入决算表（2023年度）", .t02),
        ("一般公共预算财政拨款支出决算表(单位：万元)", .t05),
        ("一般公共预算财政拨款基本支出决算明细表", .t06),
        ("一般公共预算财政拨款“三公”经费支出决算表", .t07),
        ("财政拨款\"三公\"经费支出决算表", .t07),
        ("财政拨款「三公」经费支出决算表", .t07),
        ("附件2-9：国有资本经营预算财政拨款支出决算表", .t09),
        ("政府性基金预算财政拨款收入支出决算表", .t08),
        ("一、《收入支出决算总表》", .t01),
    ])
    func recognisesTitleForms(text: String, id: TableID) {
        #expect(TableLocator.match(text) == .table(id))
    }

    @Test(arguments: [
        "注：本表反映部门本年度一般公共预算财政拨款支出决算表的情况。",
        "决算表",
        "本年收入合计",
        "说明：以下为本单位按照规定编制并公开的部门决算的全部内容，包括收入支出决算总表",
    ])
    func ignoresProseAndLabels(text: String) {
        #expect(TableLocator.match(text) == nil)
    }
}
