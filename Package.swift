// swift-tools-version:6.0
import PackageDescription

// scripts/fuzz builds with MTLINT_FUZZ=1: the engine's targets get libFuzzer's coverage
// instrumentation and ASan, and mtlint-fuzz links libFuzzer, which then owns `main`. Only
// these targets: the rules embedder, a build tool, must link as a plain program.
let fuzzing = Context.environment["MTLINT_FUZZ"] == "1"
let fuzzSwift: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []
let fuzzC: [CSetting] = fuzzing ? [.unsafeFlags(["-fsanitize=fuzzer-no-link,address"])] : []
// Release builds of the engine leave out the run-time exclusivity checks (two accesses to one
// variable at once, one of them writing): `swift_beginAccess` alone was 1.5% of the
// instructions of a 12 MB run, in the per-article state of classes. Debug builds, which every
// test runs, and fuzzing builds keep them.
let engineSwift: [SwiftSetting] = fuzzing ? fuzzSwift : [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

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
        // Debian's Hunspell 1.7 (libhunspell-dev) for the spelling pack; the dictionaries are
        // hunspell-en-us and hunspell-en-gb under /usr/share/hunspell.
        .systemLibrary(
            name: "CHunspell",
            pkgConfig: "hunspell",
            providers: [.apt(["libhunspell-dev", "hunspell-en-us", "hunspell-en-gb"])]
        ),
        // Wrappers with plain C types, so that no ICU type reaches Swift, where it would clash
        // with Foundation's private ICU copy in any module that sees both.
        .target(name: "CICUShim", dependencies: ["CICU"], cSettings: fuzzC),
        // Vector scans over UTF-16 text, which Swift's SIMD types do not compile to.
        .target(name: "CUnitScan", cSettings: fuzzC),
        // The only Swift module that touches ICU.
        .target(name: "ICUText", dependencies: ["CICUShim", "CUnitScan"], swiftSettings: engineSwift),
        .target(
            name: "MTLintCore",
            dependencies: ["ICUText", "CHunspell", "BuiltinRules", .product(name: "Yams", package: "Yams")],
            swiftSettings: engineSwift
        ),
        .target(name: "MTLintReporters", dependencies: ["MTLintCore"]),
        // Invariants of the pipeline and of rule files, for the fuzzer and its regression tests.
        .target(name: "MTLintFuzzing", dependencies: ["MTLintCore", "ICUText"], swiftSettings: fuzzSwift),
        // libFuzzer's driver, declared for mtlint-fuzz; linked only into fuzzing builds.
        .target(name: "CLibFuzzer"),
        // libFuzzer's entry when built by scripts/fuzz; a replayer of inputs otherwise.
        .executableTarget(
            name: "mtlint-fuzz",
            dependencies: ["MTLintFuzzing", "MTLintCore", "CLibFuzzer"],
            swiftSettings: fuzzSwift + (fuzzing ? [.define("FUZZING")] : []),
            // gold fails on the sanitizers' objects (an internal error); lld links them.
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])] : []
        ),
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
        .testTarget(name: "MTLintFuzzingTests", dependencies: ["MTLintFuzzing"], exclude: ["Regressions"]),
    ]
)
