internal import CXLSXWriter
internal import CXMLShim

/// Versions of the C libraries this build links.
public enum LibraryVersions {
    /// libxlsxwriter's version string (Debian ships 1.1.4).
    public static var xlsxwriter: String { String(cString: lxw_version()) }
    /// libxml2's version string, as the C shim was compiled against.
    public static var libxml2: String { String(cString: jx_libxml_version()) }
}
