/// Phrases that are wrong wherever they stand, with no mechanical fix: the finding names
/// them and the writer decides.
struct ExistenceRule: Rule, RuleKind {
    static let name = "existence"
    static let keys = ["tokens", "case", "context"]

    let meta: RuleMeta
    let phrases: [Phrase]
    let context: PhraseContext?

    static func canFix(_ context: RuleDecodingContext) -> Bool { false }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard let tokens = try c.yaml.stringList("tokens") else {
            throw RuleFileError(c.yaml.location, "an existence rule needs 'tokens', a list of phrases")
        }
        guard !tokens.isEmpty else { throw RuleFileError(c.yaml.locationOf("tokens"), "'tokens' is empty") }
        let sensitive = (try c.yaml.choice("case", what: "rule") ?? CaseMode.insensitive) == .sensitive
        var phrases: [Phrase] = []
        for (i, (token, location)) in tokens.enumerated() {
            phrases.append(try c.phrases.compile(token, caseSensitive: sensitive, payload: i, at: location))
        }
        return ExistenceRule(meta: c.meta, phrases: phrases,
                             context: try PhraseContext(c.yaml.mapping("context", what: "context")))
    }

    func finding(for match: PhraseMatch, in paragraph: inout Paragraph, document: Document) -> RawFinding? {
        if let context, !context.accepts(match, in: &paragraph) { return nil }
        return RawFinding(range: match.range, message: meta.message(match: document.text.string(match.range)))
    }
}
