import Foundation

/// A growable byte buffer that resets without freeing (the text of one `<v>` at a time).
///
/// It owns its memory alone: it cannot be copied, and its `deinit` frees it.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func reset() { count = 0 }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        if count + n + 1 > capacity { grow(to: count + n + 1) }
        if n > 0, let source = bytes.baseAddress {
            (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: n)
        }
        count += n
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = newCapacity
    }

    /// The bytes as text (UTF-8, invalid sequences replaced).
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// The bytes followed by a NUL (valid until the next append or reset).
    mutating func cString() -> UnsafePointer<CChar> {
        if count + 1 > capacity { grow(to: count + 1) }
        base[count] = 0
        return UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
    }
}
