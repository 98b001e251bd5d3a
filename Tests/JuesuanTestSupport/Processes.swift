import Foundation

/// A fresh temporary folder for one test.
public func makeTempDir(_ prefix: String = "juesuan-tests") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a program to the end and returns its exit status, stdout and stderr. Both pipes are read
/// while it runs, so neither fills up; past `timeout` it is terminated and this throws.
public func runProcess(_ executable: String, _ args: [String], cwd: URL? = nil, timeout: TimeInterval = 300) throws -> (
    status: Int32, out: String, err: String
) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave()
    }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        p.terminate()
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(executable) \(args) timed out"])
    }
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
