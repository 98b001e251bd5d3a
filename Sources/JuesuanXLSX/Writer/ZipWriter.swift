internal import CMinizip
import JuesuanModel

// Thin wrappers over minizip's zip writing: every zip* call of the project is in this file, and
// every status is checked.

/// A zip archive being written. The corresponding C functions are `zipOpen64`,
/// `zipOpenNewFileInZip64`, `zipWriteInFileInZip`, `zipCloseFileInZip` and `zipClose`.
final class ZipWriter {
    private var handle: zipFile?
    let path: String

    /// Creates (or truncates) the archive at `path`.
    /// - Throws: `JuesuanError(.outputExists)` when the file cannot be created.
    init(path: String) throws(JuesuanError) {
        self.path = path
        guard let h = zipOpen64(path, APPEND_STATUS_CREATE) else {
            throw JuesuanError(.outputExists, "cannot be created", file: path)
        }
        handle = h
    }

    deinit { if let handle { zipClose(handle, nil) } }

    /// Adds one entry, deflated, dated 1980-01-01 (so the same content gives the same bytes).
    /// - Throws: `JuesuanError(.library)` when minizip reports a failure.
    func add(_ name: String, _ bytes: [UInt8]) throws(JuesuanError) {
        guard let handle else { throw JuesuanError(.library, "the zip is already closed", file: path, part: name) }
        var info = zip_fileinfo()
        info.tmz_date = tm_zip(tm_sec: 0, tm_min: 0, tm_hour: 0, tm_mday: 1, tm_mon: 0, tm_year: 1980)
        // Method 8 is deflate (Z_DEFLATED); level 6 is zlib's default.
        var rc = zipOpenNewFileInZip64(handle, name, &info, nil, 0, nil, 0, nil, 8, 6, 0)
        guard rc == ZIP_OK else { throw failure("opening the entry", rc, name) }
        rc = bytes.withUnsafeBytes { zipWriteInFileInZip(handle, $0.baseAddress, UInt32($0.count)) }
        guard rc == ZIP_OK else { throw failure("writing the entry", rc, name) }
        rc = zipCloseFileInZip(handle)
        guard rc == ZIP_OK else { throw failure("closing the entry", rc, name) }
    }

    /// Writes the central directory and closes the file.
    /// - Throws: `JuesuanError(.library)` when minizip reports a failure.
    func close() throws(JuesuanError) {
        guard let h = handle else { return }
        handle = nil
        let rc = zipClose(h, nil)
        guard rc == ZIP_OK else { throw failure("closing the archive", rc, nil) }
    }

    private func failure(_ doing: String, _ rc: Int32, _ part: String?) -> JuesuanError {
        JuesuanError(.library, "minizip failed \(doing) (status \(rc))", file: path, part: part)
    }
}
