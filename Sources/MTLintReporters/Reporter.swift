import MTLintCore

/// Renders a run's findings in one output format.
public protocol Reporter {
    /// Whether findings need their source line (only the text format shows it).
    var wantsExcerpts: Bool { get }
    /// `rules` are the rules in force, for formats that describe them (SARIF).
    func render(_ findings: [Finding], summary: Summary, rules: [RuleMeta]) -> String
    func write(_ findings: [Finding], summary: Summary, rules: [RuleMeta], to out: (UnsafeRawBufferPointer) -> Void)
}

extension Reporter {
    public func render(_ findings: [Finding], summary: Summary) -> String { render(findings, summary: summary, rules: []) }

    /// The rendered report handed to `out` in pieces, in order: the same bytes as `render`'s
    /// UTF-8. A format may override it to skip putting a large report together in memory.
    public func write(_ findings: [Finding], summary: Summary, rules: [RuleMeta], to out: (UnsafeRawBufferPointer) -> Void) {
        var text = render(findings, summary: summary, rules: rules)
        text.withUTF8 { out(UnsafeRawBufferPointer($0)) }
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github, checkstyle, junit

    public func reporter(color: Bool, showUnsafeFixes: Bool = true) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color, showUnsafeFixes: showUnsafeFixes)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .github: GitHubReporter()
        case .checkstyle: CheckstyleReporter()
        case .junit: JUnitReporter()
        }
    }
}

/// Text from articles made safe for a terminal or a CI log: control characters (ESC among
/// them, which starts ANSI sequences) and bidi controls become visible escapes.
enum Sanitize {
    static func controls(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if ControlCharacters.needsEscape(v) {
                out += ControlCharacters.escape(v)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
