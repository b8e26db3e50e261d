import ICUText

/// A word written twice in a row ("the the"), except words that English doubles on purpose
/// ("had had", "that that"), listed in `allow`. A run of the same word is one finding whose
/// fix keeps the first.
struct RepetitionRule: Rule, RuleKind {
    static let name = "repetition"
    static let keys = ["allow"]

    let meta: RuleMeta
    let allowed: Set<String>

    static func canFix(_ context: RuleDecodingContext) -> Bool { context.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        let allow = try c.yaml.stringList("allow") ?? []
        return RepetitionRule(meta: c.meta, allowed: Set(allow.map { CaseMapping.fold($0.0) }))
    }

    func check(paragraph: inout Paragraph, document: Document, into findings: inout [RawFinding]) {
        let tokens = paragraph.tokens
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .letters else { i += 1; continue }
            var last = i
            while let j = paragraph.nextNonSpace(after: last), tokens[j].kind == .letters,
                  paragraph.foldedKey(j) == paragraph.foldedKey(i), !startsUppercase(tokens[j], document) {
                last = j
            }
            if last != i, !allowed.contains(paragraph.foldedKey(i)),
               !isHyphen(i - 1, in: &paragraph), !isHyphen(last + 1, in: &paragraph) {
                let range = tokens[i].range.lowerBound..<tokens[last].range.upperBound
                let first = document.text.string(tokens[i].range)
                findings.append(RawFinding(range: range,
                                           message: meta.message(match: document.text.string(range), replacement: first),
                                           replacement: meta.applicability == .displayOnly ? nil : first))
            }
            i = last + 1
        }
    }

    /// "engaged in in-fighting" and "a break-in in May" repeat a word only in part of a
    /// compound, so a hyphen touching the run ends the match.
    private func isHyphen(_ i: Int, in paragraph: inout Paragraph) -> Bool {
        guard paragraph.tokens.indices.contains(i) else { return false }
        return ["-", "\u{2010}", "\u{2011}"].contains(paragraph.rawKey(i))
    }

    /// "Bora Bora" and "Sirhan Sirhan" are names: a capitalised repeat is not flagged.
    private func startsUppercase(_ token: Token, _ document: Document) -> Bool {
        CharacterProperties.isUppercase(document.text.scalar(at: token.range.lowerBound).value)
    }
}
