import Foundation
import JuesuanModel
import JuesuanTestSupport
import Testing
@testable import JuesuanXLSX

/// Layouts as people really make them (issue 13): one workbook per quirk, made from the seed's
/// national export by Tests/interop/make_layout_quirks.py, each read as the export reads.
@Suite(.serialized) struct LayoutQuirkTests {
    nonisolated(unsafe) static let folder: Result<URL, any Error> = Result {
        let dir = try Paths.tempDir()
        let export = dir.appendingPathComponent("seed.xlsx")
        try WorkbookWriter(layout: try Layout.builtIn("national")).write(try Paths.seed(), to: export)
        let r = try run([
            "python3", Paths.interop.appendingPathComponent("make_layout_quirks.py").path, export.path, dir.path,
        ])
        guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: r.err]) }
        return dir
    }

    static func read(_ name: String) throws -> (Document, ImportReport) {
        try WorkbookImporter().read(path: try folder.get().appendingPathComponent(name).path)
    }

    /// The national export itself, read.
    static func baseline() throws -> Document { try read("seed.xlsx").0 }

    /// Center Across Selection, no merges at all, and `\` in zip entry names read like the export.
    @Test(arguments: ["center_across.xlsx", "no_merges.xlsx", "backslash_names.xlsx"])
    func readsLikeTheExport(name: String) throws {
        let (doc, report) = try Self.read(name)
        #expect(TidyCSV.render(doc) == TidyCSV.render(try Self.baseline()))
        #expect(report.found.count == 9)
        #expect(report.notes.isEmpty, "\(report.notes.map(\.description))")
    }

    /// A hidden sheet with last year's 05, placed first: the visible 05 is read, and the note says
    /// where the hidden copy is.
    @Test func aVisibleTableWinsOverAHiddenCopy() throws {
        let (doc, report) = try Self.read("hidden_last_year.xlsx")
        #expect(doc[.t05] == (try Self.baseline())[.t05])
        let note = try #require(report.notes.first { $0.message.contains("hidden sheet") })
        #expect(note.location?.hasPrefix("2022年05表!") == true)
        #expect(note.message.hasPrefix("a second 公开05表 in a hidden sheet; the visible one at 公开05表!"))
    }

    /// The title decides: a 表号 line naming another table is noted, not obeyed.
    @Test func theTitleDecidesOverTheNumberLine() throws {
        let (doc, report) = try Self.read("other_number_line.xlsx")
        #expect(doc[.t05] == (try Self.baseline())[.t05])
        #expect(doc[.t07] == (try Self.baseline())[.t07])
        #expect(
            report.notes.map(\.description).contains {
                $0.contains("the 表号 line says 公开07表 but the title is 一般公共预算财政拨款支出决算表 (公开05表)")
            })
    }

    /// Tables that are not among the nine are listed by title and never read as one of them.
    @Test func otherTablesAreListedNotMistaken() throws {
        let (doc, report) = try Self.read("other_tables.xlsx")
        #expect(TidyCSV.render(doc) == TidyCSV.render(try Self.baseline()))
        let listed = report.notes.filter { $0.message.contains("is not among the nine") }.map(\.message)
        #expect(listed.count == 3, "\(listed)")
        for title in ["项目支出决算表", "政府性基金预算财政拨款基本支出决算表", "收入决算表（分单位）"] {
            #expect(listed.contains { $0.contains("\"\(title)\"") }, "\(title)")
        }
    }

    /// Shaanxi's titles are the same tables; 07's extra 会议费/培训费 columns are left unread with their cells.
    @Test func titleVariantsAndExtraColumns() throws {
        let (doc, report) = try Self.read("shaanxi_titles.xlsx")
        let base = try Self.baseline()
        #expect(doc[.t02]?.rows == base[.t02]?.rows)
        #expect(doc[.t03]?.rows == base[.t03]?.rows)
        #expect(doc[.t07]?.rows == base[.t07]?.rows)
        let unread = report.notes.filter { $0.severity == .unread }.map(\.description)
        #expect(unread.contains { $0.hasPrefix("公开07表!") && $0.contains("\"会议费\" is not a column of 公开07表") })
        #expect(unread.contains { $0.hasPrefix("公开07表!") && $0.contains("\"培训费\" is not a column of 公开07表") })
    }

    /// 说明：…故本表无数据。 is an empty-table note like …本表为空表。
    @Test func otherEmptyTableWordingsCount() throws {
        let (doc, _) = try Self.read("empty_note_wording.xlsx")
        #expect(doc[.t08]?.notes.contains { $0.contains("故本表无数据") } == true)
        #expect(!Checker().run(doc).contains { $0.rule == "04-08.empty" })
    }

    /// Two tables printed side by side in one sheet are each read on their own columns: 08 does
    /// not take 05's amounts.
    @Test func tablesSideBySideAreReadApart() throws {
        let (doc, report) = try Self.read("side_by_side.xlsx")
        let base = try Self.baseline()
        #expect(doc[.t05]?.rows == base[.t05]?.rows)
        #expect(doc[.t08]?.rows == base[.t08]?.rows)
        let ranges = report.found.filter { [.t05, .t08].contains($0.table) }.map(\.range)
        #expect(ranges.count == 2 && ranges[0] != ranges[1], "\(ranges)")
    }

    /// A hidden column or row is read like the others, and the import says so.
    @Test func hiddenColumnsAndRowsAreReadAndSaid() throws {
        let (doc, report) = try Self.read("hidden_column_row.xlsx")
        #expect(doc[.t05]?.rows == (try Self.baseline())[.t05]?.rows)
        let messages = report.notes.map(\.message)
        #expect(
            messages.contains { $0.contains("amount column(s) of 公开05表 are hidden in the sheet (E)") }, "\(messages)")
        #expect(
            messages.contains { $0.contains("row(s) of 公开05表 are hidden in the sheet (from row 10)") }, "\(messages)")
    }
}
