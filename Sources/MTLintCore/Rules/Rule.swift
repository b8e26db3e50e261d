import ICUText

/// Where a rule came from, for messages that point at its file.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// An example in a rule file: text the rule must flag (and how its fixes leave it), or text
/// it must leave alone.
public struct RuleExample: Sendable, Equatable {
    public enum Expectation: Sendable, Equatable {
        case bad(fixed: String?)
        case good
    }

    public var text: String
    public var expectation: Expectation
    public var location: SourceLocation
}

/// What every rule has, whatever its kind.
public struct RuleMeta: Sendable {
    public var id: String
    public var pack: String
    public var kind: String
    public var severity: Severity
    /// Template with `{match}` and `{replacement}`.
    public var message: String
    public var description: String
    public var rationale: String?
    public var applicability: Applicability
    /// Whether the rule offers fixes that `--fix` can apply (display-only ones do not count).
    public var fixable: Bool
    public var examples: [RuleExample]
    public var location: SourceLocation
    /// File extensions the rule applies to ("txt"); nil for every file.
    public var fileTypes: Set<String>? = nil

    /// A path's extension in lower case, "txt" when it has none. By byte: Foundation's
    /// `contains` on a Substring searched with a locale, and cost more than a small file's lint.
    public static func fileType(of path: String) -> String {
        let utf8 = path.utf8
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")), !utf8[dot...].contains(UInt8(ascii: "/")) else { return "txt" }
        let type = String(path[path.utf8.index(after: dot)...])
        // `lowercased()` only where it changes something: it costs more than the rest.
        return type.utf8.contains { (0x41...0x5A).contains($0) || $0 >= 0x80 } ? type.lowercased() : type
    }

    /// What little is known of a rule seen only through its findings (from a merged run).
    public static func placeholder(id: String, severity: Severity) -> RuleMeta {
        RuleMeta(id: id, pack: String(id.split(separator: "/").first ?? ""), kind: "", severity: severity, message: "",
                 description: id, rationale: nil, applicability: .displayOnly, fixable: false, examples: [],
                 location: SourceLocation(file: "", line: 1, column: 1))
    }

    /// The message with `{match}` and `{replacement}` filled in, in one pass over the
    /// template: a match that itself reads "{replacement}" stays as written, and no generic
    /// string search runs for every finding. By byte: searching the template by `Character`
    /// cost 30,000 instructions a finding, and a run can have tens of thousands of findings.
    public func message(match: String, replacement: String? = nil) -> String {
        var template = message
        return template.withUTF8 { t in
            guard let first = t.firstIndex(of: UInt8(ascii: "{")) else { return message }
            var out: [UInt8] = []
            out.reserveCapacity(t.count + match.utf8.count + (replacement?.utf8.count ?? 0))
            out += t[..<first]
            var i = first
            while i < t.count {
                if t[i] == UInt8(ascii: "{") {
                    if Self.placeholder(Self.matchPlaceholder, in: t, at: i) {
                        out += match.utf8
                        i += Self.matchPlaceholder.count
                        continue
                    }
                    if let replacement, Self.placeholder(Self.replacementPlaceholder, in: t, at: i) {
                        out += replacement.utf8
                        i += Self.replacementPlaceholder.count
                        continue
                    }
                }
                out.append(t[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static let matchPlaceholder = Array("{match}".utf8)
    private static let replacementPlaceholder = Array("{replacement}".utf8)

    private static func placeholder(_ name: [UInt8], in t: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + name.count <= t.count && name.indices.allSatisfy { t[i + $0] == name[$0] }
    }
}

/// A finding before it is mapped onto the original file.
public struct RawFinding: Sendable {
    public enum Coordinates: Sendable { case nfc, original }

    /// UTF-16 range in the NFC text (or in the original text for rules about raw input).
    public var range: Range<Int>
    public var coordinates: Coordinates
    public var message: String
    /// nil when the rule offers no fix.
    public var replacement: String?
    /// Overrides the rule's applicability for this fix, for rules that weigh evidence.
    public var applicability: Applicability?

    public init(range: Range<Int>, message: String, replacement: String? = nil, applicability: Applicability? = nil,
                coordinates: Coordinates = .nfc) {
        self.range = range
        self.message = message
        self.replacement = replacement
        self.applicability = applicability
        self.coordinates = coordinates
    }
}

/// A phrase to find in the shared token pass: its tokens as the word-break iterator splits
/// them, and whether whitespace precedes each.
public struct Phrase: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        public var key: String
        public var spaceBefore: Bool
    }

    public var parts: [Part]
    public var caseSensitive: Bool
    /// The rule's own index for what this phrase stands for (e.g. its replacement).
    public var payload: Int
}

/// A phrase found in a paragraph: its first and last token and their text range.
public struct PhraseMatch: Sendable {
    public var firstToken: Int
    public var lastToken: Int
    public var range: Range<Int>
    public var payload: Int
}

/// One rule kind per type (see Kinds/). A rule uses whichever of the three hooks it needs:
/// phrases matched for it in one shared pass over each paragraph's tokens, a look at each
/// paragraph, or a look at the whole document.
public protocol Rule: Sendable {
    var meta: RuleMeta { get }
    /// Phrases that the engine matches for this rule, all rules' phrases in one pass.
    var phrases: [Phrase] { get }
    /// Phrases matched in the same pass whose matches go to the rule's collector
    /// (`ArticleCollector.observe(match:in:)`) rather than becoming findings; they never
    /// compete with `phrases` for overlapping text.
    var observedPhrases: [Phrase] { get }
    func finding(for match: PhraseMatch, in paragraph: inout Paragraph, document: Document) -> RawFinding?
    func check(paragraph: inout Paragraph, document: Document, into findings: inout [RawFinding])
    /// Whether `check(paragraph:)` does anything: most rules work through phrases or the
    /// whole document, and calling them once per paragraph costs more than it finds.
    var checksParagraphs: Bool { get }
    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError)
    /// Whether `check(document:)` does anything: the engine calls only those rules, rather
    /// than every rule of every pack for every file.
    var checksDocuments: Bool { get }
    /// A necessary condition for `check(document:)` to find anything: text that contains
    /// none of its factors is skipped. The engine scans for every rule's factors in one pass.
    var prefilter: RegexPrefilter? { get }
    /// State for a rule that decides only once it has read the whole article.
    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)?
    /// Whether `makeCollector` may make one; the engine asks only those rules.
    var collects: Bool { get }
    /// The rule with a user's gazetteer added, for rules that use one.
    func addingPeople(_ people: [Person]) throws(RuleFileError) -> any Rule
    /// The rule with more words to accept (glossary terms, `--accept`, the configuration's
    /// `accept`) and the configuration's variety (en-US, en-GB), for the spelling rules.
    func addingSpelling(_ accepted: AcceptedWords, language: Variety?) -> any Rule
    /// Whether the rule's findings give way to another rule's finding that covers the same
    /// text: a misspelled word inside a reported calque or doubled word is one fault, told once.
    var yieldsToOtherRules: Bool { get }
    /// Starts slow set-up on another thread (the spelling rule's dictionaries), when a
    /// linter that will run the rule is made.
    func warmUp()
}

/// Gathers what a rule needs from each paragraph of one article, then reports.
public protocol ArticleCollector: AnyObject {
    func observe(_ paragraph: inout Paragraph)
    /// A match of one of the rule's `observedPhrases`, before `observe(_:)` sees its paragraph.
    func observe(match: PhraseMatch, in paragraph: inout Paragraph)
    func finish(into findings: inout [RawFinding])
    /// Makes the collector ready for another article of the same worker, keeping its arrays'
    /// room; false when it cannot be, and the rule makes a new one. Making and freeing each
    /// rule's collector cost more than linting a small file.
    func reuse(for document: Document, workspace: Workspace) -> Bool
}

extension ArticleCollector {
    public func observe(_ paragraph: inout Paragraph) {}
    public func observe(match: PhraseMatch, in paragraph: inout Paragraph) {}
    public func reuse(for document: Document, workspace: Workspace) -> Bool { false }
}

extension Rule {
    public var phrases: [Phrase] { [] }
    public var observedPhrases: [Phrase] { [] }
    public func finding(for match: PhraseMatch, in paragraph: inout Paragraph, document: Document) -> RawFinding? { nil }
    public func check(paragraph: inout Paragraph, document: Document, into findings: inout [RawFinding]) {}
    public var checksParagraphs: Bool { false }
    public func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {}
    public func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? { nil }
    public var checksDocuments: Bool { false }
    public var collects: Bool { false }
    public var prefilter: RegexPrefilter? { nil }
    public func addingPeople(_ people: [Person]) throws(RuleFileError) -> any Rule { self }
    public func addingSpelling(_ accepted: AcceptedWords, language: Variety?) -> any Rule { self }
    public var yieldsToOtherRules: Bool { false }
    public func warmUp() {}
    public var id: String { meta.id }
}

/// A rule failed on one document (a regex hit its time limit, say). The run goes on.
public struct RuleRuntimeError: Error, Sendable, CustomStringConvertible {
    public var rule: String
    public var message: String
    public var description: String { "\(rule): \(message)" }
}
