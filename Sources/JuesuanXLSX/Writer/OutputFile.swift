import Foundation
import JuesuanModel

/// Placing an output file: only regular files are ever replaced, the new content goes to a
/// temporary file beside the destination and is renamed into place when complete, and the
/// temporary file is registered so that an interrupted run can remove it.
public enum OutputFile {
    /// Checks that `url` may be written: it is absent, or it is a regular file and replacing is allowed.
    /// A symbolic link, a directory, a device, a FIFO or a socket is never replaced.
    /// - Throws: `JuesuanError` `.outputExists` (with the `allowReplace` remedy for an existing
    ///   regular file), `.io` when the destination's folder is missing.
    public static func checkReplaceable(_ url: URL, overwrite: Bool) throws(JuesuanError) {
        var st = stat()
        if lstat(url.path, &st) != 0 {
            guard errno == ENOENT else {
                throw JuesuanError(.io, "cannot be examined: \(String(cString: strerror(errno)))", file: url.path)
            }
            let dir = url.deletingLastPathComponent().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw JuesuanError(.io, "the folder \(dir) does not exist", file: url.path)
            }
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            if !overwrite { throw JuesuanError(.outputExists, "already exists", file: url.path, remedy: .allowReplace) }
        case S_IFDIR:
            throw JuesuanError(.outputExists, "is a directory", file: url.path)
        case S_IFLNK:
            throw JuesuanError(
                .outputExists, "is a symbolic link; only a regular file is ever replaced", file: url.path)
        default:
            throw JuesuanError(
                .outputExists, "is not a regular file (a device, FIFO or socket); only a regular file is ever replaced",
                file: url.path)
        }
    }

    /// The temporary name a file is written under before it is renamed to `url`: hidden, beside
    /// it, and unique to this process.
    public static func temporaryURL(for url: URL) -> URL {
        let name = url.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        // A name near the file system's 255 bytes would not leave room for the dot and the
        // suffix: its temporary name keeps a shorter prefix and a number unique in this process.
        guard name.utf8.count > 200 else {
            return url.deletingLastPathComponent().appendingPathComponent(".\(name).\(pid).tmp")
        }
        var prefix = ""
        for ch in name {
            if prefix.utf8.count + ch.utf8.count > 180 { break }
            prefix.append(ch)
        }
        return url.deletingLastPathComponent().appendingPathComponent(
            ".\(prefix).\(pid).\(TemporaryFiles.nextNumber()).tmp")
    }

    /// Moves a finished temporary file into place: `rename(2)` when replacing is allowed (a reader
    /// sees the old file or the new one); otherwise `link(2)`, which fails if the destination
    /// appeared meanwhile (another run writing the same new file), so that nothing is replaced
    /// without `overwrite`.
    /// - Throws: `JuesuanError` `.outputExists` when the destination exists (and `overwrite` is
    ///   false) or cannot be created or replaced.
    public static func commit(_ temp: URL, to url: URL, overwrite: Bool = true) throws(JuesuanError) {
        defer { TemporaryFiles.unregister(temp.path) }
        if !overwrite {
            if link(temp.path, url.path) == 0 {
                unlink(temp.path)
                return
            }
            let code = errno
            if code == EEXIST {
                unlink(temp.path)
                throw JuesuanError(.outputExists, "already exists", file: url.path, remedy: .allowReplace)
            }
            // A file system without hard links: fall back to rename after a last look.
            if access(url.path, F_OK) == 0 {
                unlink(temp.path)
                throw JuesuanError(.outputExists, "already exists", file: url.path, remedy: .allowReplace)
            }
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp.path)
            throw JuesuanError(.outputExists, "cannot be created: \(reason)", file: url.path)
        }
    }

    /// Writes `data` to `url` atomically.
    /// - Throws: `JuesuanError` as `checkReplaceable` does, and `.writeFailed` when the file cannot be written.
    public static func write(_ data: Data, to url: URL, overwrite: Bool) throws(JuesuanError) {
        try write(to: url, overwrite: overwrite) { (put) throws(JuesuanError) in
            var failure: JuesuanError?
            data.withUnsafeBytes { bytes in
                do throws(JuesuanError) { try put(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Writes a file atomically from the chunks `body` hands to the function it is given: each
    /// chunk is written to the temporary file at once, so the whole content is never held in
    /// memory; the file is renamed into place only when `body` returns.
    /// - Throws: `JuesuanError` as `checkReplaceable` does; `.writeFailed` when the temporary file
    ///   cannot be created or written (the disk is full, say); whatever `body` throws. On any
    ///   error the temporary file is removed and the destination is untouched.
    public static func write(
        to url: URL, overwrite: Bool,
        _ body: ((UnsafeRawBufferPointer) throws(JuesuanError) -> Void) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        try checkReplaceable(url, overwrite: overwrite)
        let temp = temporaryURL(for: url)
        TemporaryFiles.register(temp.path)
        func fail(_ error: JuesuanError) -> JuesuanError {
            unlink(temp.path)
            TemporaryFiles.unregister(temp.path)
            return error
        }
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            TemporaryFiles.unregister(temp.path)
            throw JuesuanError(.writeFailed, "cannot be written: \(reason)", file: url.path)
        }
        do {
            try body { (chunk) throws(JuesuanError) in
                guard var p = chunk.baseAddress else { return }
                var left = chunk.count
                while left > 0 {
                    let n = Foundation.write(fd, p, left)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw JuesuanError(
                            .writeFailed, "cannot be written: \(String(cString: strerror(errno)))", file: url.path)
                    }
                    p += n
                    left -= n
                }
            }
        } catch {
            close(fd)
            throw fail(error)
        }
        if close(fd) != 0 {
            throw fail(
                JuesuanError(.writeFailed, "cannot be written: \(String(cString: strerror(errno)))", file: url.path))
        }
        try commit(temp, to: url, overwrite: overwrite)
    }
}

/// Temporary files being written, so that an interrupted run (SIGINT, SIGTERM) can remove them
/// before it exits. Thread-safe.
public enum TemporaryFiles {
    nonisolated(unsafe) private static var paths: Set<String> = []
    private static let lock = NSLock()

    /// A temporary file is being written at `path`.
    public static func register(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }

    nonisolated(unsafe) private static var counter = 0

    /// A number not given before in this process (for temporary names).
    public static func nextNumber() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }

    /// The file at `path` was renamed into place or removed.
    public static func unregister(_ path: String) {
        lock.lock()
        paths.remove(path)
        lock.unlock()
    }

    /// Removes every registered temporary file (on an interrupt).
    public static func removeAll() {
        lock.lock()
        let all = paths
        paths.removeAll()
        lock.unlock()
        for p in all { unlink(p) }
    }
}
