/// Many phrases, each with its replacement, in one rule. Phrases match whole words on NFC
/// text, case-folded unless `case: sensitive`; the fix takes the capitalisation of the match.
struct SubstitutionRule: Rule, RuleKind {
    static let name = "substitution"
    static let keys = ["swap", "case", "context"]

    let meta: RuleMeta
    let phrases: [Phrase]
    let replacements: [String]
    let context: PhraseContext?

    static func canFix(_ context: RuleDecodingContext) -> Bool { context.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard let pairs = try c.yaml.stringPairs("swap") else {
            throw RuleFileError(c.yaml.location, "a substitution rule needs 'swap', a mapping of phrases to replacements")
        }
        guard !pairs.isEmpty else { throw RuleFileError(c.yaml.locationOf("swap"), "'swap' is empty") }
        let sensitive = (try c.yaml.choice("case", what: "rule") ?? CaseMode.insensitive) == .sensitive
        var phrases: [Phrase] = []
        var replacements: [String] = []
        for (i, (phrase, replacement, location)) in pairs.enumerated() {
            phrases.append(try c.phrases.compile(phrase, caseSensitive: sensitive, payload: i, at: location))
            replacements.append(replacement)
        }
        return SubstitutionRule(meta: c.meta, phrases: phrases, replacements: replacements,
                                context: try PhraseContext(c.yaml.mapping("context", what: "context")))
    }

    func finding(for match: PhraseMatch, in paragraph: inout Paragraph, document: Document) -> RawFinding? {
        if let context, !context.accepts(match, in: &paragraph) { return nil }
        let matched = document.text.string(match.range)
        let replacement = Capitalization.transfer(from: matched, to: replacements[match.payload])
        guard replacement != matched else { return nil }
        return RawFinding(range: match.range, message: meta.message(match: matched, replacement: replacement),
                          replacement: meta.applicability == .displayOnly ? nil : replacement)
    }
}
