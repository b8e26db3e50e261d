/// An example that did not behave as its rule file says.
public struct ExampleFailure: Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var rule: String
    public var variant: String
    public var message: String

    public var description: String { "\(location): error: [\(rule)] \(variant == "plain" ? "" : "(\(variant)) ")\(message)" }
}

/// Runs rule files' examples as tests. Each example runs as written and again in variants
/// that move its offsets off ASCII: behind a paragraph of emoji, combining marks, CJK and
/// right-to-left text, with CRLF line endings, and after a BOM.
public enum ExampleRunner {
    public struct Variant: Sendable {
        public var name: String
        public var prefix: String
        public var crlf: Bool

        func apply(_ s: String) -> String {
            prefix + (crlf ? s.replacing("\r\n", with: "\n").replacing("\n", with: "\r\n") : s)
        }
    }

    public static let variants: [Variant] = [
        Variant(name: "plain", prefix: "", crlf: false),
        Variant(name: "behind emoji, combining marks, CJK and RTL",
                prefix: "👩‍👩‍👧‍👦 🇰🇷 Cafe\u{301} 漢字 עברית العربية\n\n", crlf: false),
        Variant(name: "CRLF", prefix: "", crlf: true),
        Variant(name: "after a BOM", prefix: "\u{FEFF}", crlf: false),
    ]

    public static func run(_ ruleSet: RuleSet) throws -> [ExampleFailure] {
        let workspace = try Workspace()
        var failures: [ExampleFailure] = []
        for rule in ruleSet.rules {
            failures += try run(rule, workspace: workspace)
        }
        return failures
    }

    public static func run(_ rule: any Rule, workspace: Workspace) throws -> [ExampleFailure] {
        let meta = rule.meta
        var failures: [ExampleFailure] = []
        if meta.kind != "encoding" {
            if !meta.examples.contains(where: { if case .bad = $0.expectation { true } else { false } }) {
                failures.append(ExampleFailure(location: meta.location, rule: meta.id, variant: "plain",
                                               message: "the rule has no 'bad' example"))
            }
            if !meta.examples.contains(where: { $0.expectation == .good }) {
                failures.append(ExampleFailure(location: meta.location, rule: meta.id, variant: "plain",
                                               message: "the rule has no 'good' example"))
            }
        }
        let linter = Linter(RuleSet(packs: [], rules: [rule]))
        for example in meta.examples {
            for variant in variants {
                if let problem = try check(example, variant: variant, linter: linter, workspace: workspace) {
                    failures.append(ExampleFailure(location: example.location, rule: meta.id, variant: variant.name, message: problem))
                    break
                }
            }
        }
        return failures
    }

    private static func check(_ example: RuleExample, variant: Variant, linter: Linter, workspace: Workspace) throws -> String? {
        let text = variant.apply(example.text)
        let bytes = Array(text.utf8)
        let prefixBytes = variant.prefix.utf8.count
        let report = linter.lint(try Document(path: "example", bytes: bytes), workspace: workspace)
        if let error = report.ruleErrors.first { return "the rule failed: \(error.message)" }
        let findings = report.findings.filter { $0.start.offset >= prefixBytes }
        for f in findings {
            let original = String(decoding: bytes[f.start.offset..<f.end.offset], as: UTF8.self)
            if original != f.text { return "finding text '\(f.text)' is not the bytes of its span '\(original)'" }
        }
        switch example.expectation {
        case .good:
            if let f = findings.first { return "'good' example was flagged: \(f.message) (at '\(f.text)')" }
        case .bad(let fixed):
            if findings.isEmpty { return "'bad' example was not flagged: \(quote(example.text))" }
            if let fixed {
                let outcome = try FixApplier.fixUntilStable(path: "example", bytes: bytes, linter: linter,
                                                            workspace: workspace, level: .unsafe)
                let got = String(decoding: outcome.bytes, as: UTF8.self)
                let want = variant.apply(fixed)
                if got != want { return "fixing gave \(quote(got)), expected \(quote(want))" }
                if !outcome.nonConverging.isEmpty { return "fixes do not converge" }
            }
        }
        return nil
    }

    private static func quote(_ s: String) -> String {
        "\"" + s.unicodeScalars.map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() + "\""
    }
}
