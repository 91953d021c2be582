// swift-tools-version: 6.1
import PackageDescription

/// Settings of every library layer.
let layerSettings: [SwiftSetting] = []

let package = Package(
    name: "Crossfoot",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Crossfoot", targets: ["Crossfoot"]),
        .executable(name: "crossfoot", targets: ["crossfoot"]),
    ],
    dependencies: [],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // zlib's inflate for the deflated parts of XLSX workbooks (no Foundation: README "Spreadsheets (XLSX)").
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .executableTarget(
            name: "embed-rules",
            path: "Sources/embed-rules"
        ),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["embed-rules"]
        ),
        // The library's layers, lowest first; each depends only on the ones before it, so the
        // compiler refuses a loop (README "How it works" draws the graph).
        .target(
            name: "CrossfootBase",
            dependencies: ["CYAML"],
            swiftSettings: layerSettings
        ),
        .target(
            name: "CrossfootRules",
            dependencies: ["CrossfootBase"],
            swiftSettings: layerSettings,
            plugins: ["EmbedRules"]
        ),
        .target(
            name: "CrossfootTables",
            dependencies: ["CrossfootBase", "CrossfootRules", "CZlib"],
            swiftSettings: layerSettings
        ),
        .target(
            name: "CrossfootEngine",
            dependencies: ["CrossfootBase", "CrossfootRules", "CrossfootTables"],
            swiftSettings: layerSettings
        ),
        .target(
            name: "CrossfootFindings",
            dependencies: ["CrossfootBase", "CrossfootRules", "CrossfootTables", "CrossfootEngine"],
            swiftSettings: layerSettings
        ),
        .target(
            name: "CrossfootReports",
            dependencies: ["CrossfootBase", "CrossfootRules", "CrossfootTables", "CrossfootEngine", "CrossfootFindings"],
            swiftSettings: layerSettings
        ),
        .target(
            name: "Crossfoot",
            dependencies: ["CrossfootBase", "CrossfootRules", "CrossfootTables", "CrossfootEngine", "CrossfootFindings", "CrossfootReports"],
            swiftSettings: layerSettings
        ),
        // `crossfoot serve`: a small HTTP/1.1 server on POSIX sockets, its routes and pages. Not
        // part of the `Crossfoot` product; it links no framework, so `lint` starts as fast as
        // before (README "A page for reporting officers" has the measurements).
        .target(
            name: "CrossfootServe",
            dependencies: ["Crossfoot"],
            swiftSettings: layerSettings
        ),
        .executableTarget(
            name: "crossfoot",
            dependencies: [
                "Crossfoot",
                "CrossfootServe",
            ]
        ),
        // README "Using Crossfoot as a library", as a program; a test runs it.
        .executableTarget(
            name: "library-example",
            dependencies: ["Crossfoot"]
        ),
        // One test binary (one link on a 2-core machine), its folders mirroring Sources/:
        // Tests/<Target>Tests/<Folder>/ holds the tests of Sources/<Target>/<Folder>/.
        .testTarget(
            name: "CrossfootTests",
            dependencies: ["Crossfoot", "CrossfootServe", "crossfoot", "library-example"],
            path: "Tests",
            exclude: [
                "Browser", "Corpus", "Fuzz",
                "CrossfootTests/Snapshots", "CrossfootTests/Schemas", "CrossfootTests/Fixtures",
                "CrossfootReportsTests/Reporters/Canned",
            ],
            sources: [
                "CrossfootBaseTests", "CrossfootRulesTests", "CrossfootTablesTests", "CrossfootEngineTests",
                "CrossfootReportsTests", "CrossfootTests", "CrossfootServeTests", "crossfootTests",
            ]
        ),
    ]
)
