import ICUText
import Yams

/// What a kind's decoder gets: the rule's common fields, its YAML, and the tools to compile
/// phrases the way the engine will tokenize text.
struct RuleDecodingContext {
    var meta: RuleMeta
    let yaml: StrictMapping
    let phrases: PhraseCompiler
    /// The pack's data files (TSV, CSV) by file name.
    var dataFiles: [String: RuleLoader.SourceFile] = [:]

    /// A data file of the pack that the key `key` names, or an error at that key.
    func dataFile(named name: String, key: String) throws(RuleFileError) -> RuleLoader.SourceFile {
        guard let f = dataFiles[name] else {
            let known = dataFiles.keys.sorted().joined(separator: ", ")
            throw RuleFileError(yaml.locationOf(key), "no data file '\(name)' in this pack\(known.isEmpty ? "" : "; it has: \(known)")")
        }
        return f
    }
}

extension RuleDecodingContext {
    /// The people of the pack's gazetteer files named by `gazetteer` (one file or a list);
    /// none when the key is absent.
    func gazetteer() throws(RuleFileError) -> [Person] {
        let names: [String]
        if case .scalar(let one)? = yaml.node("gazetteer") {
            names = [one.string]
        } else {
            names = (try yaml.stringList("gazetteer") ?? []).map(\.0)
        }
        var people: [Person] = []
        for name in names {
            let f = try dataFile(named: name, key: "gazetteer")
            guard let format = GazetteerReader.format(ofPath: name) else {
                throw RuleFileError(yaml.locationOf("gazetteer"), "'\(name)': a gazetteer is .tsv, .csv or .yml")
            }
            people += try GazetteerReader.read(f.text, file: f.displayPath, format: format)
        }
        return people
    }
}

/// A rule kind: the keys it adds to the common ones and how to build it from YAML.
protocol RuleKind {
    static var name: String { get }
    static var keys: [String] { get }
    /// Whether rules of this kind can carry fixes (their bad examples then need `fixed`).
    static func canFix(_ context: RuleDecodingContext) -> Bool
    static func decode(_ context: RuleDecodingContext) throws(RuleFileError) -> any Rule
}

enum RuleKinds {
    static var all: [any RuleKind.Type] {
        [SubstitutionRule.self, ExistenceRule.self, PatternRule.self, RepetitionRule.self, NamesRule.self,
         NameConsistencyRule.self, UnicodeRule.self, FragmentRule.self, QuotesRule.self, SpellingRule.self]
    }

    static func named(_ name: String) -> (any RuleKind.Type)? { all.first { $0.name == name } }

    static var names: [String] { all.map { $0.name } }
}

/// Turns phrase strings into the token sequences that `Phrase` matching compares.
final class PhraseCompiler {
    private let words: BreakIterator

    init() throws(ICUError) { words = try BreakIterator(.word) }

    func compile(_ phrase: String, caseSensitive: Bool, payload: Int, at location: SourceLocation) throws(RuleFileError) -> Phrase {
        if let parts = Self.simpleParts(phrase, caseSensitive: caseSensitive) {
            guard !parts.isEmpty else { throw RuleFileError(location, "empty phrase") }
            return Phrase(parts: parts, caseSensitive: caseSensitive, payload: payload)
        }
        let text = UTF16Buffer(normalizedNFC(phrase))
        words.setText(text)
        var parts: [Phrase.Part] = []
        var space = false
        var start = words.first()
        while let end = words.next() {
            let range = start..<end
            start = end
            var allSpace = true
            var k = range.lowerBound
            while k < range.upperBound {
                let (c, len) = text.scalar(at: k)
                if !CharacterProperties.isWhitespace(c) { allSpace = false; break }
                k += len
            }
            if allSpace {
                space = true
                continue
            }
            let key = caseSensitive ? text.string(range) : CaseMapping.fold(text.base + range.lowerBound, count: range.count)
            parts.append(Phrase.Part(key: key, spaceBefore: space && !parts.isEmpty))
            space = false
        }
        guard !parts.isEmpty else { throw RuleFileError(location, "empty phrase") }
        return Phrase(parts: parts, caseSensitive: caseSensitive, payload: payload)
    }

    /// Plain ASCII words, spaces and hyphens tokenize as ICU's word breaks do (a word per
    /// run of letters and digits, a hyphen on its own), without ICU: a glossary of 100,000
    /// terms compiles in a fraction of the time. Anything else returns nil.
    static func simpleParts(_ phrase: String, caseSensitive: Bool) -> [Phrase.Part]? {
        var parts: [Phrase.Part] = []
        var word: [UInt8] = []
        var space = false
        func flush() {
            guard !word.isEmpty else { return }
            let s = String(decoding: word, as: UTF8.self)
            parts.append(Phrase.Part(key: caseSensitive ? s : s.lowercased(), spaceBefore: space && !parts.isEmpty))
            word.removeAll(keepingCapacity: true)
            space = false
        }
        for b in phrase.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
                word.append(b)
            case 0x20:
                flush()
                space = true
            case 0x2D:
                flush()
                parts.append(Phrase.Part(key: "-", spaceBefore: space && !parts.isEmpty))
                space = false
            default:
                return nil
            }
        }
        flush()
        return parts
    }

    private func normalizedNFC(_ s: String) -> [UInt16] {
        let units = UTF16Buffer(s)
        guard let nfc = try? NFCText(normalizing: units) else { return Array(s.utf16) }
        return Array(nfc.text.buffer)
    }
}

/// Where a phrase may match: only at the start of a line (or never there), and only before a
/// given token. Rules use it where a phrase is wrong in one context and fine in another.
struct PhraseContext: Sendable {
    static let keys = ["line_start", "next"]

    var lineStart: Bool?
    /// The case-folded token that must follow the phrase (whitespace between is allowed).
    var next: String?

    init?(_ yaml: StrictMapping?) throws(RuleFileError) {
        guard let yaml else { return nil }
        try yaml.allowOnly(Self.keys, what: "context")
        lineStart = try yaml.bool("line_start")
        next = try yaml.string("next", what: "context").map { CaseMapping.fold($0) }
        if let n = next, n.isEmpty { throw RuleFileError(yaml.locationOf("next"), "'next' must not be empty") }
    }

    func accepts(_ match: PhraseMatch, in paragraph: inout Paragraph) -> Bool {
        if let lineStart, paragraph.isAtLineStart(match.firstToken) != lineStart { return false }
        if let next {
            guard let j = paragraph.nextNonSpace(after: match.lastToken, maxLineBreaks: 0),
                  paragraph.foldedKey(j) == next else { return false }
        }
        return true
    }
}

/// `case: insensitive|sensitive`, shared by the phrase kinds.
enum CaseMode: String, CaseIterable {
    case insensitive, sensitive
}
