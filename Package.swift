// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "juesuan",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "JuesuanModel", targets: ["JuesuanModel"]),
        .library(name: "JuesuanXLSX", targets: ["JuesuanXLSX"]),
        .executable(name: "juesuan", targets: ["juesuan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // C libraries, found through pkg-config. Debian: libxlsxwriter-dev, libminizip-dev, libxml2-dev,
        // libfreexl-dev.
        .systemLibrary(
            name: "CXLSXWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "CMinizip", pkgConfig: "minizip",
            providers: [.apt(["libminizip-dev"])]),
        .systemLibrary(
            name: "CFreeXL", pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // The only code that includes libxml2: its public header exposes opaque functions only,
        // so no Swift module ever sees libxml2's (ICU-including) headers.
        .target(name: "CXMLShim", dependencies: ["CLibXML2"]),
        // The nine tables, amounts, catalogue, checks, JSON. Pure Swift, no C.
        .target(name: "JuesuanModel"),
        // The only Swift module that touches C.
        .target(
            name: "JuesuanXLSX",
            dependencies: ["JuesuanModel", "CXLSXWriter", "CMinizip", "CXMLShim", "CFreeXL"],
            // The layout files are data; scripts/embed-templates.py compiles them into the binary.
            exclude: ["Templates"]),
        .target(
            name: "JuesuanCLI",
            dependencies: [
                "JuesuanModel", "JuesuanXLSX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "juesuan", dependencies: ["JuesuanCLI"]),
        // Seeded document generators shared by the tests and the benchmarks.
        .target(
            name: "JuesuanTestSupport", dependencies: ["JuesuanModel", "JuesuanXLSX"], path: "Tests/JuesuanTestSupport"),
        // The juesuan side of the benchmarks (Benchmarks/run.py).
        .executableTarget(
            name: "juesuan-bench", dependencies: ["JuesuanModel", "JuesuanXLSX", "JuesuanTestSupport"],
            path: "Benchmarks/Sources/juesuan-bench"),
        .testTarget(name: "JuesuanModelTests", dependencies: ["JuesuanModel"]),
        .testTarget(
            name: "JuesuanXLSXTests", dependencies: ["JuesuanXLSX", "JuesuanModel", "JuesuanTestSupport"],
            exclude: ["Golden"]),
        .testTarget(
            name: "JuesuanCLITests",
            dependencies: ["JuesuanCLI", "juesuan", "JuesuanModel", "JuesuanXLSX", "JuesuanTestSupport"],
            exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
