internal import CXMLShim
import JuesuanModel

// The XML layer: libxml2's SAX2 push parser, reached only through the C shim. Callbacks carry
// the handler through `Unmanaged`, only hand events on, and the Swift side throws after the
// C call returns.

/// An element's attributes as the parser passes them: `count` pairs of (local name, value).
struct XMLAttributes {
    let count: Int
    let pairs: UnsafePointer<UnsafePointer<CChar>?>?

    /// The value of the attribute with this local name, as raw NUL-terminated bytes.
    @inline(__always)
    func raw(_ name: StaticString) -> UnsafePointer<CChar>? {
        guard let pairs else { return nil }
        let first = CChar(bitPattern: name.utf8Start.pointee)
        var i = 0
        while i < count {
            if let n = pairs[2 &* i], n.pointee == first, XMLName.equals(n, name) { return pairs[2 &* i &+ 1] }
            i &+= 1
        }
        return nil
    }

    func string(_ name: StaticString) -> String? { raw(name).map { String(cString: $0) } }
}

/// Allocation-free comparison of C names with literals.
enum XMLName {
    @inline(__always)
    static func equals(_ p: UnsafePointer<CChar>, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        let l = lit.utf8Start
        var i = 0
        while i < n {
            if UInt8(bitPattern: p[i]) != l[i] { return false }
            i &+= 1
        }
        return p[n] == 0
    }
}

/// Receives XML events. `stop(reason)` may be called from any callback to end the parse.
protocol XMLEventHandler: AnyObject {
    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes)
    func end(_ name: UnsafePointer<CChar>)
    func text(_ bytes: UnsafeRawBufferPointer)
    /// Set by a handler that wants to stop; reported after the C call returns.
    var failure: JuesuanError? { get set }
    /// `failure != nil`, cheaply (checked after every event).
    var hasFailed: Bool { get }
}

/// Parses one part of a zip, chunk by chunk, into a handler.
enum XMLStream {
    private final class Box {
        // Strong: the box lives only for one parse, and an unowned reference costs a check per event.
        let handler: any XMLEventHandler
        var parser: OpaquePointer?
        init(_ h: any XMLEventHandler) { handler = h }
    }

    /// Streams `part` of `zip` through `handler`.
    /// - Throws: the handler's failure, an XML error naming the part and position, or a zip error.
    static func parse(_ zip: ZipArchive, part: String, maxBytes: Int64? = nil, into handler: any XMLEventHandler)
        throws(JuesuanError)
    {
        let box = Box(handler)
        let ctx = Unmanaged.passUnretained(box).toOpaque()
        var callbacks = jx_handlers(
            ctx: ctx,
            // libxml2 passes back the context it was given and a non-NULL name (the shim checks both;
            // a NULL is ignored rather than trusted).
            start_element: { ctx, name, _, n, attrs in
                guard let ctx, let name else { return }
                let box = Unmanaged<Box>.fromOpaque(ctx).takeUnretainedValue()
                box.handler.start(name, XMLAttributes(count: Int(n), pairs: attrs))
                if box.handler.hasFailed, let p = box.parser { jx_parser_stop(p, "stopped") }
            },
            end_element: { ctx, name, _ in
                guard let ctx, let name else { return }
                let box = Unmanaged<Box>.fromOpaque(ctx).takeUnretainedValue()
                box.handler.end(name)
                if box.handler.hasFailed, let p = box.parser { jx_parser_stop(p, "stopped") }
            },
            characters: { ctx, chars, len in
                guard let ctx else { return }
                Unmanaged<Box>.fromOpaque(ctx).takeUnretainedValue().handler.text(
                    UnsafeRawBufferPointer(start: chars, count: Int(len)))
            })
        guard let parser = jx_parser_new(&callbacks) else {
            throw JuesuanError(.library, "libxml2 could not create a parser", file: zip.path, part: part)
        }
        box.parser = parser
        defer { jx_parser_free(parser) }
        let resolved = zip.entry(part)?.name ?? part
        func xmlError() -> JuesuanError {
            if var f = handler.failure {
                // A handler's failure is about this part of this file.
                if f.file == nil { f.file = zip.path }
                if f.part == nil { f.part = resolved }
                return f
            }
            let msg = jx_parser_error(parser).map { String(cString: $0) } ?? "the XML is not well-formed"
            let what = msg.hasPrefix("line") ? "malformed XML: \(msg)" : "refused XML: \(msg)"
            return JuesuanError(.invalidWorkbook, what, file: zip.path, part: resolved)
        }
        try zip.read(part, maxBytes: maxBytes) { (bytes) throws(JuesuanError) in
            let rc = jx_parser_feed(
                parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0)
            if rc != 0 || handler.failure != nil { throw xmlError() }
        }
        if jx_parser_feed(parser, nil, 0, 1) != 0 || handler.failure != nil { throw xmlError() }
    }
}
