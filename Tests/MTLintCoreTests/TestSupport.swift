import Foundation
import MTLintCore

/// The built-in rules, loaded once for all tests.
let builtinRules: RuleSet = try! RuleLoader.load()

func lint(_ text: String, rules: RuleSet = builtinRules, path: String = "t.txt") throws -> [Finding] {
    try lint(Array(text.utf8), rules: rules, path: path)
}

func lint(_ bytes: [UInt8], rules: RuleSet = builtinRules, path: String = "t.txt") throws -> [Finding] {
    Linter(rules).lint(try Document(path: path, bytes: bytes), workspace: try Workspace()).findings
}

func only(_ ids: String...) throws -> RuleSet { try builtinRules.filtered(only: ids, disable: []) }

/// A temporary folder removed when the value is dropped.
final class TempDir {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "mtlint-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }
}
