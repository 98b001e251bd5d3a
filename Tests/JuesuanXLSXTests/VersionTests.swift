import Testing
@testable import JuesuanXLSX

@Test func linksTheExpectedLibraries() {
    #expect(LibraryVersions.xlsxwriter.hasPrefix("1."))
    #expect(LibraryVersions.libxml2.hasPrefix("2."))
}
