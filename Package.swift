// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "insights",
    platforms: [.macOS(.v15)],
    products: [
        // MARK: Public libraries
        .library(name: "InsightsNumerics", targets: ["InsightsNumerics"]),
        .library(name: "InsightsAnalysis", targets: ["InsightsAnalysis"]),
        .library(name: "InsightsStorage", targets: ["InsightsStorage"]),
        .library(name: "InsightsQuery", targets: ["InsightsQuery"]),
        // MARK: Executables
        .executable(name: "insights", targets: ["insights"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: C module maps (system libraries)
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
        // sqlite3 and libedit serve the storage layer and the REPL; until those exist,
        // SystemLibrariesTests checks that both module maps link and answer.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),

        // MARK: Numerical core (arrays in, values out; no I/O)
        .target(
            name: "InsightsNumerics",
            dependencies: ["COpenBLAS", "CLAPACKE"]
        ),

        // MARK: Time-series analysis (seasonality, decomposition, trend, anomalies; pure)
        .target(
            name: "InsightsAnalysis",
            dependencies: ["InsightsNumerics"]
        ),

        // MARK: Storage (SQLite schema, ingest, catalog, reads)
        .target(
            name: "InsightsStorage",
            dependencies: ["CSQLite", "InsightsNumerics"]
        ),

        // MARK: Query language and rendering (lexer, parser, AST, completion, charts; no I/O)
        .target(
            name: "InsightsQuery",
            dependencies: ["InsightsNumerics"]
        ),

        // MARK: Executables
        .executableTarget(
            name: "insights",
            dependencies: [
                "InsightsNumerics",
                "InsightsAnalysis",
                "InsightsStorage",
                "InsightsQuery",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Benchmarks
        .executableTarget(
            name: "insights-bench",
            dependencies: ["InsightsNumerics", "InsightsAnalysis", "InsightsStorage"],
            path: "bench/Sources/insights-bench"
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "InsightsNumericsTests",
            dependencies: ["InsightsNumerics", "TestSupport"]
        ),
        .testTarget(
            name: "InsightsAnalysisTests",
            dependencies: ["InsightsAnalysis", "InsightsNumerics", "TestSupport"]
        ),
        .testTarget(
            name: "InsightsStorageTests",
            dependencies: ["InsightsStorage", "TestSupport", "CSQLite"]
        ),
        .testTarget(
            name: "InsightsQueryTests",
            dependencies: ["InsightsQuery", "InsightsNumerics", "TestSupport"]
        ),
        .testTarget(
            name: "SystemLibrariesTests",
            dependencies: ["COpenBLAS", "CLAPACKE", "CSQLite", "CEditLine"]
        ),
        .testTarget(
            name: "InsightsCLITests",
            dependencies: ["TestSupport", "InsightsStorage", "InsightsAnalysis"],
            // Expected outputs, read from the source tree by path (see TestSupport/Snapshot.swift).
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
