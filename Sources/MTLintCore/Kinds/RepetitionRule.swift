import ICUText

/// A word written twice in a row ("the the"), except words that English doubles on purpose:
/// always (`allow`: "had had") or in a context (`allow_when`: "is is" after "what it",
/// "that that" before "was"). A run of the same word is one finding
/// whose fix keeps the first.
struct RepetitionRule: Rule, RuleKind {
    static let name = "repetition"
    static let keys = ["allow", "allow_when"]

    /// Where a doubled word is English: after one of the phrases `precededBy` (folded
    /// words, in order), and before one of `followedBy`; a missing list allows anything.
    struct Condition: Sendable {
        var precededBy: [[String]]?
        var followedBy: Set<String>?
    }

    let meta: RuleMeta
    let allowed: Set<String>
    let conditions: [String: Condition]

    static func canFix(_ context: RuleDecodingContext) -> Bool { context.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        let allow = try c.yaml.stringList("allow") ?? []
        var conditions: [String: Condition] = [:]
        if let when = try c.yaml.mapping("allow_when", what: "allow_when") {
            for word in when.keys {
                guard let m = try when.mapping(word, what: "the condition for '\(word)'") else { continue }
                try m.allowOnly(["preceded_by", "followed_by"], what: "the condition for '\(word)'")
                let phrases = try m.stringList("preceded_by")?.map { $0.0.split(separator: " ").map { CaseMapping.fold(String($0)) } }
                let after = try m.stringList("followed_by").map { Set($0.map { CaseMapping.fold($0.0) }) }
                conditions[CaseMapping.fold(word)] = Condition(precededBy: phrases, followedBy: after)
            }
        }
        return RepetitionRule(meta: c.meta, allowed: Set(allow.map { CaseMapping.fold($0.0) }), conditions: conditions)
    }

    /// Whether the doubled word from token `first` to `last` is English in its context.
    private func isAllowed(_ first: Int, _ last: Int, in paragraph: inout Paragraph) -> Bool {
        let word = paragraph.foldedKey(first)
        if allowed.contains(word) { return true }
        guard let condition = conditions[word] else { return false }
        if let phrases = condition.precededBy {
            let before = previousWords(before: first, count: phrases.map(\.count).max() ?? 0, in: &paragraph)
            guard phrases.contains(where: { before.hasSuffix($0) }) else { return false }
        }
        if let after = condition.followedBy {
            guard let n = paragraph.nextNonSpace(after: last), after.contains(paragraph.foldedKey(n)) else { return false }
        }
        return true
    }

    /// Up to `count` folded words before token `i`, in order.
    private func previousWords(before i: Int, count: Int, in paragraph: inout Paragraph) -> [String] {
        var out: [String] = []
        var j = i - 1
        while j >= 0, out.count < count {
            if paragraph.tokens[j].isWord { out.append(paragraph.foldedKey(j)) } else if !paragraph.tokens[j].isSpace { break }
            j -= 1
        }
        return out.reversed()
    }

    var checksParagraphs: Bool { true }

    func check(paragraph: inout Paragraph, document: Document, into findings: inout [RawFinding]) {
        // The tokenizer saw no word that may follow itself: most paragraphs end here.
        guard paragraph.mayRepeatWord else { return }
        let tokens = paragraph.tokens
        var i = 0
        while i < tokens.count {
            i = tokens.withUnsafeBufferPointer { Self.nextCandidate($0, from: i) }
            guard i < tokens.count else { break }
            var last = i
            while let j = paragraph.nextNonSpace(after: last), tokens[j].kind == .letters,
                  // Hashes first: they are made without a String, and rarely agree; ASCII
                  // words carry theirs from the tokenizer.
                  Self.sameHash(i, j, tokens, &paragraph), paragraph.foldedKey(j) == paragraph.foldedKey(i),
                  !startsUppercase(tokens[j], document) {
                last = j
            }
            if last != i, !isAllowed(i, last, in: &paragraph),
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

    /// The first word at or after `from` that the next word (past white space with at most
    /// one line break, as `Paragraph.nextNonSpace` reads it) may repeat, or the end: most
    /// words are followed by a different word or by punctuation, which the tokenizer's hashes
    /// and kinds tell without a call or a String.
    private static func nextCandidate(_ tokens: UnsafeBufferPointer<Token>, from: Int) -> Int {
        let letters = SegmentKind.letters.rawValue
        var i = from
        while i < tokens.count {
            guard tokens[i].kindValue == letters else { i += 1; continue }
            // Nothing after it, or too many line breaks: the tokens after it are tried in turn.
            guard let j = tokens.nextNonSpace(after: i) else { i += 1; continue }
            // No word next: word `j`, if it is one, is the next to try.
            guard tokens[j].kindValue == letters else { i = j; continue }
            let a = tokens[i].foldedHash, b = tokens[j].foldedHash
            // Hashes of the whole folded words: different ones end it. A word beyond ASCII
            // has none from the tokenizer, and is compared the slow way.
            if a != 0 && b != 0 && a != b { i = j; continue }
            return i
        }
        return tokens.count
    }

    @inline(__always)
    private static func sameHash(_ i: Int, _ j: Int, _ tokens: [Token], _ paragraph: inout Paragraph) -> Bool {
        let a = tokens[i].foldedHash, b = tokens[j].foldedHash
        return a != 0 && b != 0 ? a == b : paragraph.foldedHash(j) == paragraph.foldedHash(i)
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

extension Array where Element == String {
    fileprivate func hasSuffix(_ suffix: [String]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
