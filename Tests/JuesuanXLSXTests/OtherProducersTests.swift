import Foundation
import Testing
@testable import JuesuanXLSX

/// Workbooks written by XlsxWriter (constant_memory: inline strings only; and with shared strings,
/// rich text, merges, a hidden sheet and row), by openpyxl, and re-saved by LibreOffice Calc:
/// our reader sees the same cells and merged ranges as openpyxl.
@Suite(.serialized) struct OtherProducersTests {
    struct Fixture {
        let dir: URL
        let reference: [String: [String: [String: Any]]]
    }

    nonisolated(unsafe) static let fixture: Result<Fixture, any Error> = Result {
        let dir = try Paths.tempDir()
        // LibreOffice re-saves of our own export and of an XlsxWriter file.
        let seed = dir.appendingPathComponent("export.xlsx")
        try WorkbookWriter(layout: Layout.builtIn("national")).write(Paths.seed(), to: seed)
        let made = try run([
            "python3", Paths.interop.appendingPathComponent("other_producers.py").path,
            dir.appendingPathComponent("made").path,
        ])
        guard made.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: made.err])
        }
        let lo = dir.appendingPathComponent("libreoffice")
        let profile = "file://" + dir.appendingPathComponent("lo-profile").path
        let conv = try run([
            "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
            "--outdir", lo.path, seed.path, dir.appendingPathComponent("made/xlsxwriter_shared.xlsx").path,
        ])
        guard conv.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: conv.err])
        }
        let loFiles = ["export.xlsx", "xlsxwriter_shared.xlsx"].map { lo.appendingPathComponent($0).path }
        let dump = try run(
            [
                "python3", Paths.interop.appendingPathComponent("other_producers.py").path,
                dir.appendingPathComponent("made").path,
            ] + loFiles)
        guard dump.status == 0,
            let ref = try JSONSerialization.jsonObject(with: Data(dump.out.utf8)) as? [String: [String: [String: Any]]]
        else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: dump.err])
        }
        // Key the LibreOffice files apart from the originals.
        var keyed: [String: [String: [String: Any]]] = [:]
        for (k, v) in ref { keyed[k] = v }
        keyed["lo-export.xlsx"] = ref["export.xlsx"]
        keyed["lo-xlsxwriter_shared.xlsx"] = ref["xlsxwriter_shared.xlsx"]
        return Fixture(dir: dir, reference: keyed)
    }

    static let files: [(name: String, path: String)] = [
        ("xlsxwriter_constant_memory.xlsx", "made/xlsxwriter_constant_memory.xlsx"),
        ("xlsxwriter_shared.xlsx", "made/xlsxwriter_shared.xlsx"),
        ("openpyxl.xlsx", "made/openpyxl.xlsx"),
        ("lo-export.xlsx", "libreoffice/export.xlsx"),
        ("lo-xlsxwriter_shared.xlsx", "libreoffice/xlsxwriter_shared.xlsx"),
    ]

    /// Where openpyxl is the one that is wrong, with the reason.
    static let accepted: [(file: String, cell: String, ours: String, theirs: String, why: String)] = [
        // XlsxWriter escapes a literal "_x000D_" as "_x005F_x000D_"; openpyxl does not undo the
        // escape in inline strings, we do (as Excel does).
        ("xlsxwriter_constant_memory.xlsx", "A6", "s _x000D_ literal", "s _x005F_x000D_ literal", "escape"),
        // openpyxl writes "_x000D_" unescaped; Excel (and we) read that as a carriage return.
        ("openpyxl.xlsx", "A6", "s \r literal", "s _x000D_ literal", "escape"),
        // XlsxWriter writes a plain boolean (<c t="b"><v>1</v></c>); openpyxl 3.1.5 hands it
        // back as the text "=TRUE()", we as the boolean it is.
        ("xlsxwriter_shared.xlsx", "C6", "b true", "s =TRUE()", "formula cache"),
        ("lo-xlsxwriter_shared.xlsx", "C6", "b true", "s =TRUE()", "formula cache"),
    ]

    @Test(arguments: OtherProducersTests.files.indices)
    func readsTheSameCellsAsOpenpyxl(index: Int) throws {
        let fx = try Self.fixture.get()
        let (name, rel) = Self.files[index]
        let book = try XLSXWorkbook(path: fx.dir.appendingPathComponent(rel).path)
        let ref = try #require(fx.reference[name], "no reference for \(name)")
        #expect(Set(book.sheets.map(\.name)) == Set(ref.keys), "\(name): sheets")
        for sheet in book.sheets {
            let expected = try #require(ref[sheet.name]?["cells"] as? [String: [Any]])
            let grid = try book.grid(sheet.index)
            var ours: [String: String] = [:]
            for (_, cell) in grid.cells {
                switch cell.value {
                case .number(let d): ours[cell.reference] = "n \(d)"
                case .text(let s) where !s.isEmpty: ours[cell.reference] = "s \(s)"
                case .bool(let b): ours[cell.reference] = "b \(b)"
                default: break
                }
            }
            var theirs: [String: String] = [:]
            for (ref, tv) in expected {
                let t = tv[0] as! String
                switch t {
                case "n": theirs[ref] = "n \((tv[1] as! NSNumber).doubleValue)"
                case "b": theirs[ref] = "b \((tv[1] as! NSNumber).boolValue)"
                default: theirs[ref] = "s \(tv[1])"
                }
            }
            for key in Set(ours.keys).union(theirs.keys) where ours[key] != theirs[key] {
                let accepted = Self.accepted.contains {
                    $0.file == name && $0.cell == key && $0.ours == ours[key] && $0.theirs == theirs[key]
                }
                #expect(
                    accepted,
                    "\(name) \(sheet.name)!\(key): ours \(ours[key] ?? "nothing"), openpyxl \(theirs[key] ?? "nothing")"
                )
            }
            let merges = (ref[sheet.name]?["merges"] as? [String]) ?? []
            #expect(Set(grid.merges.map(\.description)) == Set(merges), "\(name) \(sheet.name): merges")
        }
    }

    @Test func hiddenSheetsAndRowsAreReported() throws {
        let fx = try Self.fixture.get()
        let book = try XLSXWorkbook(path: fx.dir.appendingPathComponent("made/xlsxwriter_shared.xlsx").path)
        #expect(book.sheets.map(\.state) == [.visible, .hidden])
        let grid = try book.grid(1)
        #expect(grid.hiddenRows == [5])
        #expect(grid[1, 0]?.value == .text("富文本测试"))
    }
}
