// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Crossfoot",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Crossfoot", targets: ["Crossfoot"]),
        .executable(name: "crossfoot", targets: ["crossfoot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
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
        .target(
            name: "Crossfoot",
            dependencies: ["CYAML"],
            plugins: ["EmbedRules"]
        ),
        .executableTarget(
            name: "crossfoot",
            dependencies: [
                "Crossfoot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CrossfootTests",
            dependencies: ["Crossfoot", "crossfoot"],
            exclude: ["Snapshots", "Schemas", "Fixtures"]
        ),
    ]
)
