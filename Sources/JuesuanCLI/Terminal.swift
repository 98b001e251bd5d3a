import Dispatch
import Foundation
import JuesuanModel
import JuesuanXLSX

/// Everything the command line writes to stdout and stderr, and its signal handling.
///
/// - stdout: written with `write(2)`, every error checked (a full disk or a closed pipe is one
///   line on stderr and exit 74, never a trap);
/// - stderr: one line per message, with control characters escaped (a sheet name or cell text
///   holding a newline or an ESC cannot forge lines) and long excerpts cut;
/// - SIGINT/SIGTERM: temporary files being written are removed before the process exits.
enum Terminal {
    /// Exit status for a failed write to stdout or stderr (sysexits EX_IOERR).
    static let ioError: Int32 = 74

    /// Writes bytes to stdout.
    /// - Throws: `JuesuanError` `.io` naming standard output when the write fails.
    static func writeStandardOutput(_ data: Data) throws(JuesuanError) {
        do { try writeAll(data, to: STDOUT_FILENO) } catch {
            throw JuesuanError(
                .writeFailed, "cannot write: \(String(cString: strerror(error.code)))", file: "standard output")
        }
    }

    /// Writes a chunk of bytes to stdout.
    /// - Throws: `JuesuanError` `.writeFailed` naming standard output when the write fails.
    static func writeStandardOutput(_ chunk: UnsafeRawBufferPointer) throws(JuesuanError) {
        do { try writeAll(chunk, to: STDOUT_FILENO) } catch {
            throw JuesuanError(
                .writeFailed, "cannot write: \(String(cString: strerror(error.code)))", file: "standard output")
        }
    }

    /// Writes text to stdout.
    static func printOut(_ text: String) throws(JuesuanError) { try writeStandardOutput(Data(text.utf8)) }

    /// Writes lines to stderr, each made safe; a failure to write ends the process with `ioError`.
    static func printErr(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        let text = lines.map { safe($0) + "\n" }.joined()
        do { try writeAll(Data(text.utf8), to: STDERR_FILENO) } catch { exit(ioError) }
    }

    /// Writes raw text (progress bars with their own control sequences) to stderr.
    static func printErrRaw(_ text: String) {
        do { try writeAll(Data(text.utf8), to: STDERR_FILENO) } catch { exit(ioError) }
    }

    struct WriteError: Error { var code: Int32 }

    private static func writeAll(_ data: Data, to fd: Int32) throws(WriteError) {
        var failure: WriteError?
        data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            do throws(WriteError) { try writeAll(buf, to: fd) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private static func writeAll(_ buf: UnsafeRawBufferPointer, to fd: Int32) throws(WriteError) {
        guard var p = buf.baseAddress else { return }
        var left = buf.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(code: errno)
            }
            p += n
            left -= n
        }
    }

    /// The longest excerpt of input text a message carries, in characters.
    static let maxExcerpt = 200

    /// A message made safe for one terminal line: control characters (newlines, ESC, NUL …)
    /// escaped as `\n`, `\u{1B}`; runs of more than `maxExcerpt` characters between quotes cut
    /// with `…(N characters)`.
    static func safe(_ line: String) -> String {
        var out = ""
        out.reserveCapacity(min(line.utf8.count, 4096))
        var count = 0
        var dropped = 0
        for scalar in line.unicodeScalars {
            if count >= 2_000 {
                dropped += 1
                continue
            }
            count += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029
                {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        if dropped > 0 { out += "…(\(dropped) more characters)" }
        return out
    }

    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    /// Called on the first SIGINT instead of exiting (a folder import stops handing out files);
    /// returns false to exit as usual.
    nonisolated(unsafe) static var onInterrupt: (() -> Bool)?

    /// Removes registered temporary files and exits 128 + signal on SIGINT and SIGTERM.
    static func installSignalHandlers() {
        // A closed pipe (`juesuan import … | head`) is a write error like any other — one line,
        // exit 74 — not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                if sig == SIGINT, let handler = onInterrupt, handler() {
                    onInterrupt = nil
                    return
                }
                TemporaryFiles.removeAll()
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// Messages a command prints about one input: `juesuan: FILE: message`.
extension Terminal {
    static func note(_ file: String, _ message: String) -> String { "juesuan: \(file): \(message)" }
}
