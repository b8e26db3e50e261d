import ICUText

/// Every rule's phrases in one token trie, so that a paragraph is matched in one walk per
/// token whatever the number of rules and phrases: each step is one dictionary lookup, and
/// phrases that share words ("the past Monday", "the past Tuesday") share the steps.
struct PhraseIndex: Sendable {
    struct Entry: Sendable {
        var rule: Int
        var payload: Int
    }

    struct Hit {
        var rule: Int
        var match: PhraseMatch
    }

    /// A trie node: children by the next token's key (with a leading space when whitespace
    /// must come before it), and the phrases that end here.
    private struct Node: Sendable {
        var children: [String: Int32] = [:]
        var ends: [Entry] = []
    }

    /// Case-folded phrases from `nodes[0]`, case-sensitive ones from `nodes[1]`.
    private var nodes: [Node] = [Node(), Node()]
    /// Folded first tokens of the case-sensitive phrases: only tokens that fold to one of
    /// these need their raw text looked up.
    private var sensitiveFirstTokens: Set<String> = []

    /// An index of one rule's own phrases (all under rule 0).
    init(phrases: [Phrase]) {
        for phrase in phrases { add(phrase, rule: 0) }
    }

    init(_ rules: [any Rule]) {
        for (i, rule) in rules.enumerated() {
            for phrase in rule.phrases { add(phrase, rule: i) }
        }
    }

    private static func key(_ part: Phrase.Part, first: Bool) -> String {
        first || !part.spaceBefore ? part.key : " " + part.key
    }

    private mutating func add(_ phrase: Phrase, rule: Int) {
        var node = phrase.caseSensitive ? 1 : 0
        // Checked against the paragraph's folded keys, so folded the same way ("Straße" → "strasse").
        if phrase.caseSensitive { sensitiveFirstTokens.insert(CaseMapping.fold(phrase.parts[0].key)) }
        for (i, part) in phrase.parts.enumerated() {
            let k = Self.key(part, first: i == 0)
            if let next = nodes[node].children[k] {
                node = Int(next)
            } else {
                nodes.append(Node())
                nodes[node].children[k] = Int32(nodes.count - 1)
                node = nodes.count - 1
            }
        }
        nodes[node].ends.append(Entry(rule: rule, payload: phrase.payload))
    }

    var isEmpty: Bool { nodes[0].children.isEmpty && nodes[1].children.isEmpty }

    /// All phrase matches in the paragraph, at most one per rule and start token (the
    /// longest), and none overlapping another of the same rule.
    func matches(in paragraph: inout Paragraph) -> [Hit] {
        var hits: [Hit] = []
        let tokens = paragraph.tokens
        let anySensitive = !nodes[1].children.isEmpty
        for i in tokens.indices where !tokens[i].isSpace {
            let key = paragraph.foldedKey(i)
            if let start = nodes[0].children[key] { walk(from: Int(start), first: i, in: &paragraph, sensitive: false, into: &hits) }
            if anySensitive, sensitiveFirstTokens.contains(key), let start = nodes[1].children[paragraph.rawKey(i)] {
                walk(from: Int(start), first: i, in: &paragraph, sensitive: true, into: &hits)
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

    /// Follows the trie from the node of token `first`'s key, recording every phrase that ends
    /// on the way.
    private func walk(from start: Int, first: Int, in paragraph: inout Paragraph, sensitive: Bool, into hits: inout [Hit]) {
        var node = start
        var last = first
        let count = paragraph.tokens.count
        while true {
            for e in nodes[node].ends {
                let range = paragraph.tokens[first].range.lowerBound..<paragraph.tokens[last].range.upperBound
                hits.append(Hit(rule: e.rule, match: PhraseMatch(firstToken: first, lastToken: last, range: range, payload: e.payload)))
            }
            guard !nodes[node].children.isEmpty else { return }
            var j = last + 1
            guard j < count else { return }
            var spaced = false
            if paragraph.tokens[j].isSpace {
                guard let k = paragraph.nextNonSpace(after: last) else { return }
                j = k
                spaced = true
            }
            let raw = sensitive ? paragraph.rawKey(j) : paragraph.foldedKey(j)
            guard let next = nodes[node].children[spaced ? " " + raw : raw] else { return }
            node = Int(next)
            last = j
        }
    }
}
