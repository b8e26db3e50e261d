import ICUText

/// A team glossary as a rule (`glossary/<file stem>`): a deprecated term is reported with
/// its preferred one; an admitted term is reported only where the article also uses the
/// preferred term of the same concept, so that one article says one thing one way.
public struct GlossaryRule: Rule {
    public let meta: RuleMeta
    let concepts: [GlossaryConcept]
    public let phrases: [Phrase]
    /// Preferred and admitted terms, matched in the engine's one phrase pass and handed to
    /// the rule's collector.
    public let observedPhrases: [Phrase]
    /// For each consistency phrase payload: the concept and whether the term is preferred.
    let consistencyTerms: [(concept: Int, preferred: Bool)]

    public init(file: String, concepts: [GlossaryConcept]) throws(RuleFileError) {
        let stem = String(file.split(separator: "/").last ?? Substring(file)).split(separator: ".").first.map(String.init) ?? file
        meta = RuleMeta(
            id: "glossary/\(stem)", pack: "glossary", kind: "glossary", severity: .warning,
            message: "'{match}' is not the glossary's term; use '{replacement}'",
            description: "Terms of the team glossary \(file): deprecated terms, and admitted ones where the preferred term is used too.",
            rationale: "The team's termbase decides which rendering an article uses; one concept gets one term.",
            applicability: .safe, fixable: true, examples: [], location: SourceLocation(file: file, line: 1, column: 1))
        self.concepts = concepts
        let compiler: PhraseCompiler
        do { compiler = try PhraseCompiler() } catch {
            throw RuleFileError(file: file, "cannot open ICU: \(error)")
        }
        var phrases: [Phrase] = []
        var consistency: [Phrase] = []
        var terms: [(Int, Bool)] = []
        for (i, c) in concepts.enumerated() {
            for t in c.deprecated { phrases.append(try compiler.compile(t, caseSensitive: false, payload: i, at: c.location)) }
            guard !c.admitted.isEmpty else { continue }
            for (t, preferred) in c.preferred.map({ ($0, true) }) + c.admitted.map({ ($0, false) }) {
                consistency.append(try compiler.compile(t, caseSensitive: false, payload: terms.count, at: c.location))
                terms.append((i, preferred))
            }
        }
        self.phrases = phrases
        self.consistencyTerms = terms
        self.observedPhrases = consistency
    }

    public func finding(for match: PhraseMatch, in paragraph: inout Paragraph, document: Document) -> RawFinding? {
        let concept = concepts[match.payload]
        guard let preferred = concept.preferred.first else { return nil }
        let matched = document.text.string(match.range)
        let replacement = Capitalization.transfer(from: matched, to: preferred)
        let note = concept.note.map { " (\($0))" } ?? ""
        // With several preferred terms the choice is the writer's.
        let applicability: Applicability = concept.preferred.count == 1 ? .safe : .unsafe
        return RawFinding(range: match.range, message: meta.message(match: matched, replacement: replacement) + note,
                          replacement: replacement, applicability: applicability)
    }

    public var collects: Bool { true }

    public func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        observedPhrases.isEmpty ? nil : GlossaryConsistencyCollector(rule: self, text: document.text)
    }
}

/// Finds an article's preferred and admitted terms of each concept; where both occur, the
/// admitted ones are reported.
final class GlossaryConsistencyCollector: ArticleCollector {
    let rule: GlossaryRule
    let text: UTF16Buffer
    private var hits: [(range: Range<Int>, concept: Int, preferred: Bool)] = []

    init(rule: GlossaryRule, text: UTF16Buffer) {
        self.rule = rule
        self.text = text
    }

    func observe(match: PhraseMatch, in paragraph: inout Paragraph) {
        let term = rule.consistencyTerms[match.payload]
        hits.append((match.range, term.concept, term.preferred))
    }

    func finish(into findings: inout [RawFinding]) {
        let usedPreferred = Set(hits.filter(\.preferred).map(\.concept))
        for hit in hits where !hit.preferred && usedPreferred.contains(hit.concept) {
            let concept = rule.concepts[hit.concept]
            guard let preferred = concept.preferred.first else { continue }
            let matched = text.string(hit.range)
            let replacement = Capitalization.transfer(from: matched, to: preferred)
            findings.append(RawFinding(range: hit.range,
                                       message: "'\(matched)' and '\(preferred)' name one concept in this article; the glossary prefers '\(replacement)'",
                                       replacement: replacement, applicability: .unsafe))
        }
    }
}
