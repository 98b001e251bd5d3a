/// An error a user can act on: what rule was broken, by which value, and where.
///
/// `description` is the one line the CLI prints: `FILE: PART: SHEET!CELL: message`, with
/// whatever parts of the location are known.
public struct JuesuanError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; the CLI maps kinds to exit statuses.
    public enum Code: String, Sendable {
        /// The JSON text is not a valid document (syntax or a value of the wrong shape).
        case invalidJSON
        /// The document decoded but breaks a structural rule.
        case invalidDocument
        /// An input file could not be read.
        case io
        /// An output (standard output, a file being written) could not be written.
        case writeFailed
        /// The workbook is not a readable XLSX (not a zip, encrypted, missing or corrupt part).
        case invalidWorkbook
        /// A configured limit (inflated size, cell count …) was exceeded.
        case limitExceeded
        /// A layout file is malformed or does not fit the document.
        case invalidLayout
        /// The caller asked for something that cannot be done as asked (a missing option, an unknown sheet).
        case usage
        /// The output is already there (and replacing it was not allowed) or cannot be placed there.
        case outputExists
        /// libxlsxwriter or another library reported a failure.
        case library
    }

    /// What the caller could change to get past this error, when something can: the command
    /// line turns it into its own flag hint (the library never names flags).
    public enum Remedy: String, Sendable, Hashable {
        /// Raise the per-part inflation limit (`ReadLimits.maxPartBytes`).
        case raisePartLimit
        /// Raise the whole-workbook inflation limit (`ReadLimits.maxTotalBytes`).
        case raiseTotalLimit
        /// Raise the number of cells of one sheet an import holds (`ReadLimits.maxGridCells`).
        case raiseCellLimit
        /// Ask for one unit (元 or 万元) to convert every table to.
        case chooseUnit
        /// Allow the existing output to be replaced.
        case allowReplace
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, stating the rule and the offending value.
    public var message: String
    /// What would get past the error, when the caller can change it.
    public var remedy: Remedy?
    /// The file concerned, when there is one.
    public var file: String?
    /// The part of the package (`xl/worksheets/sheet1.xml`), when known.
    public var part: String?
    /// `Sheet!B7` or a sheet name.
    public var cell: String?

    /// An error with whatever of its place is known.
    public init(
        _ code: Code, _ message: String, file: String? = nil, part: String? = nil, cell: String? = nil,
        remedy: Remedy? = nil
    ) {
        self.remedy = remedy
        self.code = code
        self.message = message
        self.file = file
        self.part = part
        self.cell = cell
    }

    /// The one line the command line prints: `FILE: PART: SHEET!CELL: message`.
    public var description: String {
        ([file, part, cell].compactMap { $0 } + [message]).joined(separator: ": ")
    }
}
