// swift-tools-version: 6.1
// Micro-benchmarks of Crossfoot's hot paths, kept out of the main package so `swift build` and
// `swift test` stay fast. Run from this folder: swift package benchmark
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is whatever the checkout is called.
let crossfoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "CrossfootBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CrossfootBenchmarks",
            dependencies: [
                .product(name: "Crossfoot", package: crossfoot),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "CrossfootBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
