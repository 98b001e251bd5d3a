internal import CMinizip
import Foundation
import JuesuanModel

// Thin wrappers over minizip: every unz* call of the reader is in this file, every status is
// checked, and inflated bytes are counted against the caller's limits (the sizes a zip declares
// are the attacker's to choose).

/// Bounds on what reading one workbook may cost.
public struct ReadLimits: Sendable, Equatable {
    /// Most bytes inflated from any one part.
    public var maxPartBytes: Int64 = 1 << 30
    /// Most bytes inflated from all parts together.
    public var maxTotalBytes: Int64 = 4 << 30
    /// Most bytes of the shared-strings part (it is held in memory).
    public var maxSharedStringsBytes: Int64 = 512 << 20
    /// Most entries in the zip directory.
    public var maxEntries = 100_000
    /// Largest .xls file read, in bytes (FreeXL parses the whole file when it opens it).
    public var maxXLSFileBytes: Int64 = 256 << 20
    /// Most cells the sheets of an .xls may declare in all: FreeXL allocates every cell of each
    /// sheet's declared rectangle (16 bytes each) when it opens the file. The default is one full
    /// BIFF8 sheet, 65536 rows × 256 columns.
    public var maxXLSCells = 65_536 * 256
    /// Most sheets a workbook may list (a department workbook has a dozen).
    public var maxSheets = 1_024
    /// Longest sheet name, in characters (Excel allows 31; other tools write longer ones).
    public var maxSheetNameCharacters = 255
    /// Most shared strings (each is held in memory, even an empty one).
    public var maxSharedStrings = 5_000_000
    /// Longest text of one string or value, in UTF-8 bytes (Excel's limit for a cell is 32,767
    /// characters, at most 128 KiB).
    public var maxStringBytes = 1 << 20
    /// Most merged ranges in one sheet (identical ranges counted once).
    public var maxMerges = 100_000
    /// Most cells of one sheet that an import holds in its grid (`cells` streams, and is not bound by it).
    public var maxGridCells = 5_000_000

    public init() {}
}

/// One entry of the zip directory.
struct ZipEntry {
    var name: String
    var compressedSize: UInt64
    var declaredSize: UInt64
    var encrypted: Bool
    var method: UInt
    fileprivate var position: unz64_file_pos
}

/// An open zip archive. The corresponding C functions are `unzOpen64` and `unzClose`.
final class ZipArchive {
    private let handle: unzFile
    let path: String
    let limits: ReadLimits
    private(set) var entries: [ZipEntry] = []
    private var byLowercasedName: [String: Int] = [:]
    private var inflatedTotal: Int64 = 0
    /// One inflate buffer for every part read (uninitialised memory; filled by minizip). Allocated
    /// only once the archive is open, so that every throw after it still reaches `deinit`.
    private let buffer: UnsafeMutableRawBufferPointer

    init(path: String, limits: ReadLimits) throws(JuesuanError) {
        self.path = path
        self.limits = limits
        try ZipArchive.sniff(path)
        guard let h = unzOpen64(path) else {
            throw JuesuanError(
                .invalidWorkbook, "not a valid zip archive (truncated or corrupt central directory)", file: path)
        }
        handle = h
        buffer = .allocate(byteCount: 1 << 16, alignment: 16)
        try readDirectory()
    }

    deinit {
        unzClose(handle)
        buffer.deallocate()
    }

    /// Tells an empty file, an OLE2 container (encrypted or legacy .xls) and other non-zip bytes apart.
    private static func sniff(_ path: String) throws(JuesuanError) {
        try InputFile.checkRegular(path)
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw JuesuanError(.io, "cannot be opened for reading", file: path)
        }
        defer { try? fh.close() }
        let head = (try? fh.read(upToCount: 8)) ?? Data()
        if head.isEmpty { throw JuesuanError(.invalidWorkbook, "is an empty file, not a workbook", file: path) }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw JuesuanError(
                .invalidWorkbook,
                "is an OLE2 container (an .xls or an encrypted workbook), not an .xlsx; open it with WorkbookFile.open",
                file: path)
        }
        if !head.starts(with: [0x50, 0x4B]) {
            throw JuesuanError(
                .invalidWorkbook,
                "is not a workbook (neither the zip signature of .xlsx nor the OLE2 signature of .xls)", file: path)
        }
    }

    private func readDirectory() throws(JuesuanError) {
        var rc = unzGoToFirstFile(handle)
        var nameBuf = [CChar](repeating: 0, count: 1024)
        while rc == UNZ_OK {
            guard entries.count < limits.maxEntries else {
                throw JuesuanError(.limitExceeded, "the zip has more than \(limits.maxEntries) entries", file: path)
            }
            var info = unz_file_info64()
            let st = unzGetCurrentFileInfo64(handle, &info, &nameBuf, UInt(nameBuf.count - 1), nil, 0, nil, 0)
            guard st == UNZ_OK else { throw corrupt("reading the zip directory", st) }
            var pos = unz64_file_pos()
            guard unzGetFilePos64(handle, &pos) == UNZ_OK else {
                throw corrupt("reading the zip directory", UNZ_BADZIPFILE)
            }
            let length = min(Int(info.size_filename), nameBuf.count - 1)
            let name = String(decoding: nameBuf.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let entry = ZipEntry(
                name: name, compressedSize: info.compressed_size, declaredSize: info.uncompressed_size,
                encrypted: info.flag & 1 != 0, method: info.compression_method, position: pos)
            byLowercasedName[ZipArchive.key(name)] = entries.count
            entries.append(entry)
            rc = unzGoToNextFile(handle)
        }
        guard rc == UNZ_END_OF_LIST_OF_FILE else { throw corrupt("reading the zip directory", rc) }
    }

    private func corrupt(_ doing: String, _ rc: Int32, part: String? = nil) -> JuesuanError {
        JuesuanError(.invalidWorkbook, "corrupt zip while \(doing) (minizip status \(rc))", file: path, part: part)
    }

    /// The lookup key of a part name: OPC part names are case-insensitive (ECMA-376 Part 2 §9.1.1.1),
    /// and Excel opens packages whose entries use `\` as the separator, so `\` and `/` are one;
    /// a leading separator is ignored.
    static func key(_ name: String) -> String {
        var n = name.contains("\\") ? name.replacingOccurrences(of: "\\", with: "/") : name
        while n.hasPrefix("/") { n.removeFirst() }
        return n.lowercased()
    }

    /// The entry for a part name, matched as Excel matches them (case and separator ignored).
    func entry(_ partName: String) -> ZipEntry? {
        byLowercasedName[ZipArchive.key(partName)].map { entries[$0] }
    }

    /// Streams a part's inflated bytes to `body` in chunks, counting them against the limits.
    /// The corresponding C functions are `unzGoToFilePos64`, `unzOpenCurrentFile`,
    /// `unzReadCurrentFile` and `unzCloseCurrentFile`.
    func read(
        _ partName: String, maxBytes: Int64? = nil,
        _ body: (UnsafeRawBufferPointer) throws(JuesuanError) -> Void
    ) throws(JuesuanError) {
        guard var e = entry(partName) else {
            throw JuesuanError(.invalidWorkbook, "the part is missing from the zip", file: path, part: partName)
        }
        let part = e.name
        if e.encrypted {
            throw JuesuanError(.invalidWorkbook, "the part is encrypted", file: path, part: part)
        }
        if e.method != 0 && e.method != 8 {
            throw JuesuanError(.invalidWorkbook, "unsupported compression method \(e.method)", file: path, part: part)
        }
        let partLimit = min(maxBytes ?? limits.maxPartBytes, limits.maxPartBytes)
        guard unzGoToFilePos64(handle, &e.position) == UNZ_OK else {
            throw corrupt("seeking", UNZ_BADZIPFILE, part: part)
        }
        let openRC = unzOpenCurrentFile(handle)
        guard openRC == UNZ_OK else { throw corrupt("opening the part", openRC, part: part) }
        var partBytes: Int64 = 0
        var failure: JuesuanError?
        while true {
            let n = unzReadCurrentFile(handle, buffer.baseAddress, UInt32(buffer.count))
            if n < 0 {
                failure = JuesuanError(
                    .invalidWorkbook,
                    n == UNZ_CRCERROR
                        ? "the part fails its CRC check (corrupt zip)"
                        : "the part cannot be inflated (corrupt zip data, status \(n))", file: path, part: part)
                break
            }
            if n == 0 { break }
            partBytes += Int64(n)
            inflatedTotal += Int64(n)
            if partBytes > partLimit {
                failure = JuesuanError(
                    .limitExceeded,
                    "the part inflates to more than \(partLimit >> 20) MiB", file: path, part: part,
                    remedy: partLimit == limits.maxPartBytes ? .raisePartLimit : nil)
                break
            }
            if inflatedTotal > limits.maxTotalBytes {
                failure = JuesuanError(
                    .limitExceeded,
                    "the workbook inflates to more than \(limits.maxTotalBytes >> 20) MiB in all", file: path,
                    part: part, remedy: .raiseTotalLimit)
                break
            }
            do throws(JuesuanError) {
                try body(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(n)]))
            } catch {
                failure = error
                break
            }
        }
        let closeRC = unzCloseCurrentFile(handle)
        if let failure { throw failure }
        if closeRC == UNZ_CRCERROR {
            throw JuesuanError(.invalidWorkbook, "the part fails its CRC check (corrupt zip)", file: path, part: part)
        }
    }
}
