import MTLintCore

/// Renders a run's findings in one output format.
public protocol Reporter {
    /// Whether findings need their source line (only the text format shows it).
    var wantsExcerpts: Bool { get }
    func render(_ findings: [Finding], summary: Summary) -> String
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json

    public func reporter(color: Bool, showUnsafeFixes: Bool = true) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color, showUnsafeFixes: showUnsafeFixes)
        case .json: JSONReporter()
        }
    }
}
