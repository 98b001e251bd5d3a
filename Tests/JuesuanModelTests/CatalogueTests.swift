import Testing
@testable import JuesuanModel

@Suite struct CatalogueTests {
    @Test func namesFunctionalCodesAtEveryLevel() {
        #expect(Catalogue.functionalName("201") == "一般公共服务支出")
        #expect(Catalogue.functionalName("20103") == "政府办公厅（室）及相关机构事务")
        #expect(Catalogue.functionalName("2010301") == "行政运行")
        #expect(Catalogue.functionalCategories.count == 26)
        #expect(Catalogue.functionalName("9999999") == nil)
    }

    @Test func namesEconomicCodesAndGroupsThem() {
        #expect(Catalogue.economicName("30217") == "公务接待费")
        #expect(Catalogue.name(of: "30113", in: .t06) == "住房公积金")
        #expect(Catalogue.name(of: "221", in: .t05) == "住房保障支出")
        #expect(Catalogue.economicGroup(of: "30302") == .personnel)
        #expect(Catalogue.economicGroup(of: "31013") == .publicUse)
    }

    @Test(arguments: [
        ("一、一般公共服务支出", "201"), ("二十一、住房保障支出", "221"), ("文化体育与传媒支出", "207"),
        ("（一）卫生健康支出", "210"), ("社会保障和就业\n支出", "208"),
    ])
    func findsCategoriesByPrintedName(printed: String, code: String) {
        #expect(Catalogue.categoryCode(forName: printed) == code)
    }

    @Test func parentsWalkUpTheTree() {
        #expect(Catalogue.parent(of: "2010301") == "20103")
        #expect(Catalogue.parent(of: "20103") == "201")
        #expect(Catalogue.parent(of: "201") == nil)
    }

    @Test func unknownCodesAreKeptNotRejected() {
        var doc = Document(department: "某单位", year: 2023)
        doc[.t05] = Table(
            id: .t05,
            rows: [
                Row(code: "2129999", name: "其他城乡社区支出（新）", values: ["合计": .amount(Amount(units: 100, scale: 2))])
            ])
        #expect(doc.validate().isEmpty)
        let unknown = doc.unknownCodes()
        #expect(unknown.count == 1)
        #expect(unknown.first?.code == "2129999")
        #expect(unknown.first?.name == "其他城乡社区支出（新）")
    }

    @Test func normalisesLabels() {
        #expect(Labels.normalise("机关事业单位基本养老保险\n缴费支出") == "机关事业单位基本养老保险缴费支出")
        #expect(Labels.normalise("财政拨款\"三公\"经费") == "财政拨款“三公”经费")
        #expect(Labels.normalise("财政拨款「三公」经费") == "财政拨款“三公”经费")
        #expect(Labels.strippingOrdinal("八、其他收入") == "其他收入")
        #expect(Labels.strippingOrdinal("(三) 经营收入") == "经营收入")
    }
}
