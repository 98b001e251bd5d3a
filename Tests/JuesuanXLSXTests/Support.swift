import Foundation
import JuesuanModel
@testable import JuesuanXLSX

enum Paths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedJSON = root.appendingPathComponent("Fixtures/seed/wuerhe-2023.json")
    static let interop = root.appendingPathComponent("Tests/interop")
    static let golden = root.appendingPathComponent("Tests/JuesuanXLSXTests/Golden")

    static func seed() throws -> Document {
        try DocumentJSON.decode(Data(contentsOf: seedJSON), source: seedJSON.path)
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs a program and returns its exit status, stdout and stderr.
@discardableResult
func run(_ args: [String], cwd: URL? = nil, timeout: TimeInterval = 300) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    // Read both pipes while the process runs so neither fills up.
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        p.terminate()
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(args) timed out"])
    }
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

extension Document {
    /// Every amount of a table as a Double, sorted (what a reader of numeric cells should see).
    func amounts(_ id: TableID) -> [Double] {
        (self[id]?.rows ?? []).flatMap { $0.values.values.compactMap { $0.amount.flatMap { Double($0.description) } } }.sorted()
    }
}
