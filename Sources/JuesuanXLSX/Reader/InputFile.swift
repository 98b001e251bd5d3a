import Foundation
import JuesuanModel

/// What an input path must be before anything opens it: an existing regular file (a FIFO named
/// `x.xlsx` would block a reader forever; a device would never end).
enum InputFile {
    /// - Throws: `JuesuanError` `.io` for a missing path or a directory, `.invalidWorkbook` for a
    ///   FIFO, device or socket.
    static func checkRegular(_ path: String) throws(JuesuanError) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { throw JuesuanError(.io, "no such file", file: path) }
            throw JuesuanError(.io, "cannot be opened: \(String(cString: strerror(errno)))", file: path)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw JuesuanError(.io, "is a directory", file: path)
        default:
            throw JuesuanError(.invalidWorkbook, "is not a regular file (a FIFO, device or socket)", file: path)
        }
    }
}
