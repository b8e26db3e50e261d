/// Every rule's phrases, keyed by their first token, so that each token of a paragraph is
/// looked up once whatever the number of rules.
struct PhraseIndex: Sendable {
    struct Entry: Sendable {
        var rule: Int
        var phrase: Phrase
    }

    struct Hit {
        var rule: Int
        var match: PhraseMatch
    }

    private var folded: [String: [Entry]] = [:]
    private var sensitive: [String: [Entry]] = [:]

    /// An index of one rule's own phrases (all under rule 0).
    init(phrases: [Phrase]) {
        for phrase in phrases { add(Entry(rule: 0, phrase: phrase)) }
    }

    init(_ rules: [any Rule]) {
        for (i, rule) in rules.enumerated() {
            for phrase in rule.phrases { add(Entry(rule: i, phrase: phrase)) }
        }
    }

    private mutating func add(_ entry: Entry) {
        if entry.phrase.caseSensitive {
            sensitive[entry.phrase.parts[0].key, default: []].append(entry)
        } else {
            folded[entry.phrase.parts[0].key, default: []].append(entry)
        }
    }

    var isEmpty: Bool { folded.isEmpty && sensitive.isEmpty }

    /// All phrase matches in the paragraph, at most one per rule and start token (the
    /// longest), and none overlapping another of the same rule.
    func matches(in paragraph: inout Paragraph) -> [Hit] {
        var hits: [Hit] = []
        let tokens = paragraph.tokens
        for i in tokens.indices where !tokens[i].isSpace {
            if let entries = folded[paragraph.foldedKey(i)] {
                for e in entries { extend(e, from: i, in: &paragraph, into: &hits) }
            }
            if !sensitive.isEmpty, let entries = sensitive[paragraph.rawKey(i)] {
                for e in entries { extend(e, from: i, in: &paragraph, into: &hits) }
            }
        }
        guard hits.count > 1 else { return hits }
        hits.sort {
            if $0.rule != $1.rule { return $0.rule < $1.rule }
            if $0.match.range.lowerBound != $1.match.range.lowerBound { return $0.match.range.lowerBound < $1.match.range.lowerBound }
            return $0.match.range.upperBound > $1.match.range.upperBound
        }
        var kept: [Hit] = []
        for h in hits {
            if let last = kept.last, last.rule == h.rule, h.match.range.lowerBound < last.match.range.upperBound { continue }
            kept.append(h)
        }
        return kept
    }

    private func extend(_ entry: Entry, from first: Int, in paragraph: inout Paragraph, into hits: inout [Hit]) {
        let parts = entry.phrase.parts
        var last = first
        for part in parts.dropFirst() {
            var j = last + 1
            if part.spaceBefore {
                guard j < paragraph.tokens.count, paragraph.tokens[j].isSpace,
                      let k = paragraph.nextNonSpace(after: last) else { return }
                j = k
            } else {
                guard j < paragraph.tokens.count, !paragraph.tokens[j].isSpace else { return }
            }
            let key = entry.phrase.caseSensitive ? paragraph.rawKey(j) : paragraph.foldedKey(j)
            guard key == part.key else { return }
            last = j
        }
        let range = paragraph.tokens[first].range.lowerBound..<paragraph.tokens[last].range.upperBound
        hits.append(Hit(rule: entry.rule, match: PhraseMatch(firstToken: first, lastToken: last, range: range,
                                                               payload: entry.phrase.payload)))
    }
}
