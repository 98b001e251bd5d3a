import Foundation

/// The project's shared folder (`../shared`: the Excel corpus, field cases, real workbooks), which
/// a fresh clone does not have. Tests that need it are enabled by `JUESUAN_SHARED`, naming the
/// folder (`.ci/run` sets it); without it they are reported as skipped, with `reason`.
public enum SharedFolder {
    /// The folder, when `JUESUAN_SHARED` names an existing directory.
    public static let url: URL? = {
        guard let path = ProcessInfo.processInfo.environment["JUESUAN_SHARED"], !path.isEmpty else { return nil }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return nil }
        return URL(fileURLWithPath: path)
    }()

    /// True when the shared folder is there.
    public static var isAvailable: Bool { url != nil }

    /// Why a test that needs the folder did not run.
    public static let reason =
        "needs the shared folder: set JUESUAN_SHARED=../shared (as .ci/run does) to run it"

    /// A path inside the shared folder (only meaningful when `isAvailable`).
    public static func path(_ relative: String) -> URL {
        (url ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent(relative)
    }
}

/// Writes a workbook with one sheet and a few cells but none of the nine tables (openpyxl).
public func makeWorkbookWithoutTables(at url: URL) throws {
    let script = """
        import sys, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Sheet1"
        ws["A1"] = "Hello"; ws["B2"] = 42; ws["C3"] = "收入"
        wb.save(sys.argv[1])
        """
    let r = try runProcess("/usr/bin/env", ["python3", "-c", script, url.path])
    guard r.status == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openpyxl failed: \(r.err)"])
    }
}
