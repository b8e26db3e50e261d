/// How serious a finding is. Ordered: info < warning < error.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Whether `--fix` may apply a fix unattended (as in ruff).
public enum Applicability: String, Sendable, CaseIterable, Codable {
    /// Keeps the meaning in every context: applied by `--fix`.
    case safe
    /// Usually right, but can change meaning: applied only with `--unsafe-fixes`.
    case unsafe
    /// A suggestion to show, never applied.
    case displayOnly

    /// The more cautious of the two: a finding may lower its rule's applicability (a names
    /// fix on weak evidence), never raise it past what the rule file allows.
    public func weaker(_ other: Applicability) -> Applicability {
        Self.allCases.firstIndex(of: self)! >= Self.allCases.firstIndex(of: other)! ? self : other
    }
}

/// A point in the original file. See DESIGN.md's span contract.
public struct Position: Sendable, Equatable, Hashable {
    /// UTF-8 byte offset from the first byte of the file (a BOM counts).
    public var offset: Int
    /// 1-based; LF, CRLF and lone CR each end a line.
    public var line: Int
    /// 1-based, in extended grapheme clusters; a BOM does not count.
    public var column: Int
    /// 1-based, in UTF-16 code units; a BOM does not count.
    public var utf16Column: Int

    public init(offset: Int, line: Int, column: Int, utf16Column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
        self.utf16Column = utf16Column
    }
}

public struct Fix: Sendable, Equatable, Hashable {
    /// Replaces exactly the finding's span; empty deletes it.
    public var replacement: String
    public var applicability: Applicability

    public init(replacement: String, applicability: Applicability) {
        self.replacement = replacement
        self.applicability = applicability
    }
}

/// The source line of a finding, ready for a terminal: control characters escaped, long
/// lines cut to a window, and the caret's place measured in terminal cells.
public struct Excerpt: Sendable, Equatable, Hashable {
    public var line: String
    public var caretColumn: Int
    public var caretWidth: Int
}

public struct Finding: Sendable, Equatable, Hashable {
    public var path: String
    public var rule: String
    public var severity: Severity
    public var message: String
    /// The original bytes of the span, decoded (ill-formed bytes read as U+FFFD).
    public var text: String
    public var start: Position
    public var end: Position
    public var fix: Fix?
    public var excerpt: Excerpt?

    public init(path: String, rule: String, severity: Severity, message: String, text: String,
                start: Position, end: Position, fix: Fix?, excerpt: Excerpt? = nil) {
        self.path = path
        self.rule = rule
        self.severity = severity
        self.message = message
        self.text = text
        self.start = start
        self.end = end
        self.fix = fix
        self.excerpt = excerpt
    }

    /// The contract's order: path, then offset, then rule.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.start.offset != b.start.offset { return a.start.offset < b.start.offset }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.end.offset < b.end.offset
    }
}

public enum MTLint {
    public static let version = "0.1.0"
}
