import Foundation
import Testing

/// Hand-made hostile and broken workbooks (Tests/interop/make_hostile.py): each gets one line on
/// stderr naming the file and part, exit status 65, bounded time, and no content of a local file.
@Suite struct HostileInputTests {
    static let folder: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-hostile-\(UUID().uuidString)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLI.root.appendingPathComponent("Tests/interop/make_hostile.py").path, dir.path]
        p.standardOutput = FileHandle.nullDevice
        try? p.run()
        p.waitUntilExit()
        return dir
    }()

    static let cases: [(file: String, expected: String)] = [
        ("empty.xlsx", "is an empty file, not a workbook"),
        ("not_a_zip.xlsx", "is not a workbook (neither the zip signature of .xlsx nor the OLE2 signature of .xls)"),
        ("encrypted.xlsx", "is an OLE2 container, but a damaged one: sector size 2^0 is neither 512 nor 4096"),
        ("truncated.xlsx", "not a valid zip archive (truncated or corrupt central directory)"),
        ("missing_workbook.xlsx", "xl/workbook.xml: the workbook part is missing from the zip"),
        ("missing_sheet.xlsx", "xl/worksheets/sheet1.xml: the worksheet part of sheet \"S\" is missing"),
        ("corrupt_part.xlsx", "xl/worksheets/sheet1.xml: the part cannot be inflated"),
        ("malformed_xml.xlsx", "xl/worksheets/sheet1.xml: malformed XML: line 1, column"),
        ("xxe.xlsx", "xl/sharedStrings.xml: refused XML: a DOCTYPE is not allowed"),
        ("xxe_parameter.xlsx", "xl/worksheets/sheet1.xml: refused XML: a DOCTYPE is not allowed"),
        ("entity_bomb.xlsx", "xl/sharedStrings.xml: refused XML: a DOCTYPE is not allowed"),
        ("zip_bomb.xlsx", "xl/worksheets/sheet1.xml: the part inflates to more than 64 MiB"),
        ("absurd_ref.xlsx", "the cell reference \"ZZZZ99999999\" is not a cell between A1 and XFD1048576"),
        ("absurd_row.xlsx", "the row number \"99999999\" is outside 1…1048576"),
        ("absurd_merge.xlsx", "the merged range \"A1:XFE5\" is not a range between A1 and XFD1048576"),
        ("string_index.xlsx", "S!C7: the shared string index 99 is out of range (the table has 1)"),
        ("bad_number.xlsx", "S!B2: the value \"12,3x\" is not a number"),
        // Limits (issue 19): small files that would be large or slow without a cap.
        (
            "long_sheet_name.xlsx",
            "xl/workbook.xml: a sheet name of 300 characters (Excel allows 31; juesuan reads up to 255)"
        ),
        ("many_sheets.xlsx", "xl/workbook.xml: the workbook lists more than 1024 sheets"),
        ("huge_shared_string.xlsx", "xl/sharedStrings.xml: shared string 0 is longer than 1 MiB"),
        ("huge_inline_string.xlsx", "S!A1: an inline string longer than 1 MiB"),
        ("huge_value.xlsx", "S!A1: a value longer than 1 MiB"),
        ("many_merges.xlsx", "the sheet has more than 100000 merged ranges"),
        ("many_shared_strings.xlsx", "xl/sharedStrings.xml: the workbook has more than 5000000 shared strings"),
    ]

    @Test(arguments: HostileInputTests.cases.indices)
    func hostileWorkbookGetsOneLineAndExit65(index: Int) throws {
        let (file, expected) = Self.cases[index]
        let path = Self.folder.appendingPathComponent(file).path
        try #require(FileManager.default.fileExists(atPath: path), "make_hostile.py did not write \(file)")
        let r = try CLI.run(["cells", path, "--max-part-mb", "64"])
        #expect(r.status == 65, "\(file): status \(r.status), stderr \(r.err)")
        #expect(r.err.hasPrefix("juesuan: \(path): "), "\(file): \(r.err)")
        #expect(r.err.contains(expected), "\(file): \(r.err)")
        #expect(r.err.filter { $0 == "\n" }.count == 1, "\(file): not one line: \(r.err)")
        #expect(!r.out.contains("root:") && !r.err.contains("root:"), "\(file): leaked a local file")
    }

    /// A million copies of one merge are held once: the sheet reads, and imports as a workbook
    /// without tables (exit 65 for that reason, not for the merges).
    @Test func aRepeatedMergeIsHeldOnce() throws {
        let path = Self.folder.appendingPathComponent("repeated_merge.xlsx").path
        let r = try CLI.run(["cells", path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains(#"{"sheet": "S", "merge": "A1:B1"}"#))
        #expect(r.out.components(separatedBy: "\"merge\"").count == 2)
    }

    @Test func theGoodTwinReadsFine() throws {
        let r = try CLI.run(["cells", Self.folder.appendingPathComponent("good.xlsx").path])
        #expect(r.status == 0)
        #expect(
            r.out == """
                {"sheet": "S", "cell": "A1", "type": "s", "value": "收入决算表"}
                {"sheet": "S", "cell": "B1", "type": "n", "value": 263.72, "shown": "263.72"}

                """)
    }

    /// Prefixed elements, an absolute part path, rich/phonetic runs, escapes, inline strings,
    /// errors, booleans, formulas with cached values, a custom date format.
    @Test func oddButValidXMLIsRead() throws {
        let r = try CLI.run(["cells", Self.folder.appendingPathComponent("quirks.xlsx").path])
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.out == #"""
                {"sheet": "表&一", "cell": "A1", "type": "s", "value": "财政拨款 "}
                {"sheet": "表&一", "cell": "B1", "type": "s", "value": "行\r次_x000D_"}
                {"sheet": "表&一", "cell": "A2", "type": "s", "value": "内联富文本"}
                {"sheet": "表&一", "cell": "B2", "type": "e", "value": "#DIV/0!"}
                {"sheet": "表&一", "cell": "C2", "type": "b", "value": true}
                {"sheet": "表&一", "cell": "A4", "type": "d", "value": "2024-01-01", "shown": "2024年1月1日"}
                {"sheet": "表&一", "cell": "B4", "type": "n", "value": 1566600.5, "shown": "1,566,600.50", "formula": true, "f": "SUM(1,2)"}
                {"sheet": "表&一", "cell": "C4", "type": "s", "value": "ab", "formula": true, "f": "\"a\"&\"b\""}
                {"sheet": "表&一", "merge": "A1:B1"}

                """#)
    }

    @Test func zipBombWithinADefaultLimitIsStillBounded() throws {
        // 320 MiB of white space under the 1 GiB default: read to the end, no cells, no growth.
        let r = try CLI.run(["cells", Self.folder.appendingPathComponent("zip_bomb.xlsx").path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.isEmpty)
        let total = try CLI.run([
            "cells", Self.folder.appendingPathComponent("zip_bomb.xlsx").path, "--max-total-mb", "100",
        ])
        #expect(total.status == 65)
        #expect(total.err.contains("the workbook inflates to more than 100 MiB in all"))
    }

    @Test func wrongUsageIsExit64() throws {
        let good = Self.folder.appendingPathComponent("good.xlsx").path
        let sheet = try CLI.run(["cells", good, "--sheet", "没有"])
        #expect(sheet.status == 64)
        #expect(sheet.err == "juesuan: \(good): has no sheet named \"没有\" (sheets: S)\n")
        let folder = try CLI.run(["import", Self.folder.path])
        #expect(folder.status == 64)
        #expect(folder.err.contains("is a folder: give -o OUTDIR"))
    }

    @Test func notAFileIsExit66() throws {
        let r = try CLI.run(["cells", "/nonexistent.xlsx"])
        #expect(r.status == 66)
        #expect(r.err == "juesuan: /nonexistent.xlsx: no such file\n")
        let d = try CLI.run(["cells", "/tmp"])
        #expect(d.status == 66)
        #expect(d.err == "juesuan: /tmp: is a directory\n")
    }
}
