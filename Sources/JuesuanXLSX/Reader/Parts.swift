import Foundation
import JuesuanModel

// Handlers for the package parts read when a workbook opens: relationships, workbook,
// shared strings, styles. Part paths always come from the relationship files.

/// A relationship: id, type (last path segment of the type URI) and resolved target part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var external: Bool
}

final class RelationshipsHandler: XMLEventHandler {
    var failure: JuesuanError? { didSet { hasFailed = failure != nil } }
    private(set) var hasFailed = false
    var rels: [Relationship] = []
    let base: String

    /// `base`: the folder of the source part ("" for the package, "xl" for xl/workbook.xml).
    init(base: String) { self.base = base }

    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes) {
        guard XMLName.equals(name, "Relationship") else { return }
        let type = attrs.string("Type") ?? ""
        let target = attrs.string("Target") ?? ""
        let external = attrs.string("TargetMode") == "External"
        rels.append(
            Relationship(
                id: attrs.string("Id") ?? "", type: PartPath.lastSegment(type),
                target: external ? target : PartPath.resolve(target, from: base), external: external))
    }
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeRawBufferPointer) {}
}

enum PartPath {
    /// Resolves a relationship target against the source folder: absolute targets start at the
    /// package root; `..` and `.` segments are applied.
    static func resolve(_ target: String, from base: String) -> String {
        let raw = target.utf8.contains(UInt8(ascii: "%")) ? (target.removingPercentEncoding ?? target) : target
        var segments: [String] = raw.hasPrefix("/") ? [] : segmentsOf(base)
        for s in segmentsOf(raw) {
            if s == "." { continue }
            if s == ".." { if !segments.isEmpty { segments.removeLast() }; continue }
            segments.append(s)
        }
        return segments.joined(separator: "/")
    }

    /// `a/b/c` → ["a", "b", "c"], splitting the UTF-8 bytes (String.split by Character is slow).
    static func segmentsOf(_ path: String) -> [String] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The text after the last `/` (the whole text when there is none).
    static func lastSegment(_ s: String) -> String {
        guard let slash = s.utf8.lastIndex(of: UInt8(ascii: "/")) else { return s }
        return String(decoding: s.utf8[s.utf8.index(after: slash)...], as: UTF8.self)
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    static func relsPart(of part: String) -> String {
        let folder = folder(of: part)
        let file = lastSegment(part)
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    }
}

/// A sheet as workbook.xml lists it.
public struct SheetInfo: Sendable, Equatable {
    public enum State: String, Sendable { case visible, hidden, veryHidden }
    public var name: String
    public var state: State
    /// The worksheet part (nil for a chartsheet or a dangling relationship).
    public var part: String?
    public var index: Int
}

final class WorkbookHandler: XMLEventHandler {
    var failure: JuesuanError? { didSet { hasFailed = failure != nil } }
    private(set) var hasFailed = false
    var sheets: [(name: String, rid: String, state: SheetInfo.State)] = []
    var date1904 = false
    let limits: ReadLimits
    init(limits: ReadLimits) { self.limits = limits }
    /// `<calcPr fullCalcOnLoad="1"/>`: the producer asks for every formula to be recalculated.
    var fullCalcOnLoad = false

    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes) {
        if XMLName.equals(name, "sheet") {
            guard sheets.count < limits.maxSheets else {
                failure = JuesuanError(.limitExceeded, "the workbook lists more than \(limits.maxSheets) sheets")
                return
            }
            let state = SheetInfo.State(rawValue: attrs.string("state") ?? "visible") ?? .visible
            let sheetName = attrs.string("name") ?? ""
            guard sheetName.count <= limits.maxSheetNameCharacters else {
                failure = JuesuanError(
                    .limitExceeded,
                    "a sheet name of \(sheetName.count) characters (Excel allows 31; juesuan reads up to \(limits.maxSheetNameCharacters))"
                )
                return
            }
            sheets.append((sheetName, attrs.string("id") ?? "", state))
        } else if XMLName.equals(name, "workbookPr") {
            let v = attrs.string("date1904")
            date1904 = v == "1" || v == "true"
        } else if XMLName.equals(name, "calcPr") {
            let v = attrs.string("fullCalcOnLoad")
            fullCalcOnLoad = v == "1" || v == "true"
        }
    }
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeRawBufferPointer) {}
}

/// Decodes `_xHHHH_` escapes (and `_x005F_` for a literal underscore) in OOXML strings.
enum OOXMLEscapes {
    /// True when the bytes hold `_x` (the only way an escape can start).
    static func mayContainEscape(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i + 1 < b.count {
                if b[i] == UInt8(ascii: "_") && b[i + 1] == UInt8(ascii: "x") { return true }
                i += 1
            }
            return false
        }
    }

    static func decode(_ s: String) -> String {
        // Scan the bytes: Foundation's String.contains(String) is far slower, and this runs per string.
        var sawUnderscore = false
        var found = false
        for b in s.utf8 {
            if sawUnderscore && b == UInt8(ascii: "x") { found = true; break }
            sawUnderscore = b == UInt8(ascii: "_")
        }
        guard found else { return s }
        var out = ""
        var scalars = Array(s.unicodeScalars)[...]
        while let u = scalars.first {
            if u == "_", scalars.count >= 7, scalars[scalars.startIndex + 1] == "x",
                scalars[scalars.startIndex + 6] == "_",
                let v = UInt32(
                    String(String.UnicodeScalarView(scalars[(scalars.startIndex + 2)..<(scalars.startIndex + 6)])),
                    radix: 16)
            {
                if let scalar = Unicode.Scalar(v) { out.unicodeScalars.append(scalar) }
                scalars = scalars.dropFirst(7)
            } else {
                out.unicodeScalars.append(u)
                scalars = scalars.dropFirst()
            }
        }
        return out
    }
}

/// Collects rich text: `<t>` inside the element, skipping phonetic runs (`<rPh>`).
struct TextCollector {
    var bytes: [UInt8] = []
    var inT = false
    var phonetic = 0

    /// Ready for the next string item, keeping the buffer's capacity.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        overflowed = false
        inT = false
        phonetic = 0
    }

    mutating func start(_ name: UnsafePointer<CChar>) {
        if XMLName.equals(name, "t") { inT = phonetic == 0 } else if XMLName.equals(name, "rPh") { phonetic += 1 }
    }
    mutating func end(_ name: UnsafePointer<CChar>) {
        if XMLName.equals(name, "t") { inT = false } else if XMLName.equals(name, "rPh") { phonetic -= 1 }
    }
    /// The most bytes one string may have; past it `overflowed` is set and nothing more is kept.
    var maxBytes = Int.max
    private(set) var overflowed = false
    mutating func text(_ b: UnsafeRawBufferPointer) {
        guard inT, !overflowed else { return }
        if bytes.count + b.count > maxBytes { overflowed = true; return }
        bytes.append(contentsOf: b)
    }
    mutating func take() -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        let escaped = OOXMLEscapes.mayContainEscape(bytes)
        bytes.removeAll(keepingCapacity: true)
        return escaped ? OOXMLEscapes.decode(s) : s
    }
}

final class SharedStringsHandler: XMLEventHandler {
    var failure: JuesuanError? { didSet { hasFailed = failure != nil } }
    private(set) var hasFailed = false
    var strings: [String] = []
    private var inItem = false
    private var collector = TextCollector()
    let limits: ReadLimits
    init(limits: ReadLimits) {
        self.limits = limits
        collector.maxBytes = limits.maxStringBytes
    }

    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes) {
        if XMLName.equals(name, "si") { inItem = true; collector.reset() } else if inItem { collector.start(name) }
    }
    func end(_ name: UnsafePointer<CChar>) {
        if XMLName.equals(name, "si") {
            if collector.overflowed {
                failure = JuesuanError(
                    .limitExceeded,
                    "shared string \(strings.count) is longer than \(limits.maxStringBytes >> 20) MiB (Excel's limit for a cell is 32,767 characters)"
                )
                return
            }
            guard strings.count < limits.maxSharedStrings else {
                failure = JuesuanError(
                    .limitExceeded, "the workbook has more than \(limits.maxSharedStrings) shared strings")
                return
            }
            strings.append(collector.take()); inItem = false
        } else if inItem {
            collector.end(name)
        }
    }
    func text(_ bytes: UnsafeRawBufferPointer) { if inItem { collector.text(bytes) } }
}

final class StylesHandler: XMLEventHandler {
    var failure: JuesuanError? { didSet { hasFailed = failure != nil } }
    private(set) var hasFailed = false
    var customFormats: [Int: String] = [:]
    var cellFormatIds: [Int] = []
    private var inCellXfs = false

    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes) {
        if XMLName.equals(name, "numFmt") {
            if let id = attrs.string("numFmtId").flatMap(Int.init), let code = attrs.string("formatCode") {
                customFormats[id] = code
            }
        } else if XMLName.equals(name, "cellXfs") {
            inCellXfs = true
        } else if inCellXfs && XMLName.equals(name, "xf") {
            cellFormatIds.append(attrs.string("numFmtId").flatMap(Int.init) ?? 0)
        }
    }
    func end(_ name: UnsafePointer<CChar>) { if XMLName.equals(name, "cellXfs") { inCellXfs = false } }
    func text(_ bytes: UnsafeRawBufferPointer) {}

    /// Number formats by style index (nil where the style shows General).
    func formats() -> [NumberFormat?] {
        var byId: [Int: NumberFormat?] = [:]
        return cellFormatIds.map { id in
            if let known = byId[id] { return known }
            let f = NumberFormat.classify(id: id, code: customFormats[id])
            // Only plain General is "no format": `[DBNum1]General` or `[Red]General` still show differently.
            let result = f.code.caseInsensitiveCompare("General") == .orderedSame ? nil : f
            byId[id] = result
            return result
        }
    }
}

/// dc:title of docProps/core.xml.
final class CoreTitleHandler: XMLEventHandler {
    var failure: JuesuanError? { didSet { hasFailed = failure != nil } }
    private(set) var hasFailed = false
    var title: String?
    private var inTitle = false
    private var bytes: [UInt8] = []
    func start(_ name: UnsafePointer<CChar>, _ attrs: XMLAttributes) {
        if XMLName.equals(name, "title") { inTitle = true }
    }
    func end(_ name: UnsafePointer<CChar>) {
        if XMLName.equals(name, "title") { inTitle = false; title = String(decoding: bytes, as: UTF8.self) }
    }
    func text(_ b: UnsafeRawBufferPointer) { if inTitle { bytes.append(contentsOf: b) } }
}
