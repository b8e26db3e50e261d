// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mtlint",
    products: [
        .executable(name: "mtlint", targets: ["mtlint"]),
        .library(name: "MTLintCore", targets: ["MTLintCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Debian's ICU 72: pkg-config flags and libraries for CICUShim.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // Wrappers with plain C types, so that no ICU type reaches Swift, where it would clash
        // with Foundation's private ICU copy in any module that sees both.
        .target(name: "CICUShim", dependencies: ["CICU"]),
        // Vector scans over UTF-16 text, which Swift's SIMD types do not compile to.
        .target(name: "CUnitScan"),
        // The only Swift module that touches ICU.
        .target(name: "ICUText", dependencies: ["CICUShim", "CUnitScan"]),
        .target(
            name: "MTLintCore",
            dependencies: ["ICUText", "BuiltinRules", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "MTLintReporters", dependencies: ["MTLintCore"]),
        .executableTarget(
            name: "mtlint",
            dependencies: [
                "MTLintCore", "MTLintReporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The built-in packs under Rules/ are compiled into the binary so that mtlint runs
        // from any folder; the plugin regenerates the embedded copy on every build.
        .target(name: "BuiltinRules", plugins: ["EmbedRulesPlugin"]),
        .executableTarget(name: "RulesEmbedder"),
        .plugin(name: "EmbedRulesPlugin", capability: .buildTool(), dependencies: ["RulesEmbedder"]),
        // Helpers every test target shares (a seeded random generator).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ICUTextTests", dependencies: ["ICUText", "TestSupport"]),
        .testTarget(name: "MTLintCoreTests", dependencies: ["MTLintCore", "ICUText", "BuiltinRules", "TestSupport"]),
        .testTarget(name: "MTLintReportersTests", dependencies: ["MTLintReporters", "MTLintCore"]),
        .testTarget(name: "MTLintCLITests", dependencies: ["mtlint", "MTLintCore"]),
    ]
)
