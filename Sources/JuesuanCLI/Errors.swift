import ArgumentParser
import Foundation
import JuesuanModel

/// Exit statuses (documented in the README).
enum Exit {
    /// `check` found errors (warnings alone exit 0).
    static let checkErrors: Int32 = 1
    /// Input could not be read as a document or workbook.
    static let badInput: Int32 = 65
    /// A file is missing or unreadable.
    static let noInput: Int32 = 66
    /// A library failed.
    static let software: Int32 = 70
    /// Output could not be written, or would overwrite without --force.
    static let cannotCreate: Int32 = 73
    /// Writing an output failed (a full disk, a closed pipe).
    static let ioError: Int32 = 74
    /// Wrong usage (ArgumentParser's own validation errors use 64 too).
    static let usage: Int32 = 64

    static func status(for error: JuesuanError) -> Int32 {
        switch error.code {
        case .invalidJSON, .invalidDocument, .invalidWorkbook, .limitExceeded, .invalidLayout: return badInput
        case .io: return noInput
        case .writeFailed: return ioError
        case .usage: return usage
        case .outputExists: return cannotCreate
        case .library: return software
        }
    }
}

/// The command line's advice for an error's remedy: the flag that gets past it.
func hint(for error: JuesuanError) -> String {
    switch error.remedy {
    case .raisePartLimit?: return " (raise the limit with --max-part-mb if this workbook is genuine)"
    case .raiseTotalLimit?: return " (raise the limit with --max-total-mb if it is genuine)"
    case .raiseCellLimit?: return "; raise the limit with --max-sheet-cells if the table is genuine"
    case .chooseUnit?: return "; import with --unit 万元 or --unit 元 to convert them"
    case .allowReplace?: return " (use --force to replace it)"
    case nil: return ""
    }
}

/// Runs `body`; an error that names no file gets `file` (every line says which file it is about).
func naming<T>(_ file: String, _ body: () throws(JuesuanError) -> T) throws(JuesuanError) -> T {
    do { return try body() } catch {
        var e = error
        if e.file == nil { e.file = file }
        throw e
    }
}

/// Runs a command body; a `JuesuanError` becomes one line on stderr and its exit status.
func reporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as JuesuanError {
        Terminal.printErr(["juesuan: \(error.description)\(hint(for: error))"])
        throw ExitCode(Exit.status(for: error))
    }
}
