import ICUText

/// Every rule's phrases in one token trie, so that a paragraph is matched in one walk per
/// token whatever the number of rules and phrases: each step is one probe of a hash table
/// keyed by the parent node and the hash of the token's folded text, which the paragraph
/// computes from the text without making a String; phrases that share words ("the past
/// Monday", "the past Tuesday") share the steps.
struct PhraseIndex: Sendable {
    struct Entry: Sendable {
        var rule: Int
        var payload: Int
    }

    struct Hit {
        var rule: Int
        var match: PhraseMatch
    }

    /// Case-folded phrases start at node 0, case-sensitive ones at node 1.
    private var ends: [[Entry]] = [[], []]
    /// Per node, one bit for each of its children's key hashes (the hash's top six bits):
    /// a walk stops at a zero bit without probing the edge table, which a large glossary
    /// makes too big to stay in cache.
    private var childBits: [UInt64] = [0, 0]
    private var edges = EdgeTable()
    /// Hashes of the folded first tokens of the case-sensitive phrases: only tokens that
    /// fold to one of these need their raw text looked up.
    private var sensitiveFirstTokens = HashBits([])
    /// Hashes of the first tokens of the other phrases: most tokens start no phrase, and a
    /// bit test says so before the table is probed.
    private var firstTokens = HashBits([])
    /// Of those phrases, the hashes of the ones of a single token, and the first two tokens
    /// of the others mixed (`pair`): the commonest first tokens ("the", "in", "a" begin
    /// dozens of phrases) are seldom followed by a second one, which a second bit test tells
    /// before the table is probed and the trie walked.
    private var singleTokens = HashBits([])
    private var firstPairs = HashBits([])

    /// Every rule's phrases under its index, and its observed phrases under the index plus
    /// `rules.count`, so that the two kinds never compete for overlapping text.
    init(_ rules: [any Rule]) {
        var firsts = FirstTokens()
        for (i, rule) in rules.enumerated() {
            for phrase in rule.phrases { add(phrase, rule: i, firsts: &firsts) }
            for phrase in rule.observedPhrases { add(phrase, rule: rules.count + i, firsts: &firsts) }
        }
        (firstTokens, sensitiveFirstTokens) = (HashBits(firsts.insensitive), HashBits(firsts.sensitive))
        (singleTokens, firstPairs) = (HashBits(firsts.singles), HashBits(firsts.pairs))
    }

    /// Hashes of first tokens, gathered while phrases are added: the bit sets are sized to them.
    private struct FirstTokens {
        var insensitive: [UInt64] = []
        var sensitive: [UInt64] = []
        var singles: [UInt64] = []
        var pairs: [UInt64] = []
    }

    /// The first two tokens of a phrase as one hash: their folded hashes, and whether white
    /// space stands between them.
    @inline(__always)
    private static func pair(_ first: UInt64, _ second: UInt64, spaced: Bool) -> UInt64 {
        var x = first &* 0x9E37_79B9_7F4A_7C15 ^ (second << 23 | second >> 41) ^ (spaced ? 0x5BD1_E995 : 0)
        // MurmurHash3's finalizer: `HashBits` takes its bits from the middle and the top.
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        return x ^ x >> 33
    }

    private mutating func add(_ phrase: Phrase, rule: Int, firsts: inout FirstTokens) {
        var node = phrase.caseSensitive ? 1 : 0
        // Checked against the paragraph's folded keys, so folded the same way ("Straße" → "strasse").
        if phrase.caseSensitive {
            firsts.sensitive.append(UnitHash.of(CaseMapping.fold(phrase.parts[0].key).utf16))
        } else {
            let first = UnitHash.of(phrase.parts[0].key.utf16)
            firsts.insensitive.append(first)
            if phrase.parts.count == 1 {
                firsts.singles.append(first)
            } else {
                firsts.pairs.append(Self.pair(first, UnitHash.of(phrase.parts[1].key.utf16), spaced: phrase.parts[1].spaceBefore))
            }
        }
        for (i, part) in phrase.parts.enumerated() {
            let units = Array(part.key.utf16)[...]
            let spaced = i > 0 && part.spaceBefore
            let hash = UnitHash.of(units)
            if let next = edges.child(of: node, hash: hash, spaced: spaced, where: { $0 == units }) {
                node = next
            } else {
                ends.append([])
                childBits.append(0)
                childBits[node] |= Self.childBit(hash)
                edges.insert(parent: node, child: ends.count - 1, hash: hash, spaced: spaced, key: units)
                node = ends.count - 1
            }
        }
        ends[node].append(Entry(rule: rule, payload: phrase.payload))
    }

    var isEmpty: Bool { childBits[0] == 0 && childBits[1] == 0 }

    @inline(__always)
    private static func childBit(_ hash: UInt64) -> UInt64 { 1 << (hash >> 58) }

    /// All phrase matches in the paragraph, at most one per rule and start token (the
    /// longest), and none overlapping another of the same rule.
    func matches(in paragraph: inout Paragraph) -> [Hit] {
        var hits: [Hit] = []
        let tokens = paragraph.tokens
        let anySensitive = childBits[1] != 0
        tokens.withUnsafeBufferPointer { tokens in
            for i in tokens.indices where tokens[i].isSpaceValue == 0 {
                // ASCII words carry their hash from the tokenizer; the rest are hashed once.
                let hash = paragraph.foldedHash(i)
                if firstTokens.mayContain(hash), mayStart(at: i, hash: hash, tokens, &paragraph),
                   let start = edges.child(of: 0, hash: hash, spaced: false, where: { paragraph.foldedEquals(i, $0) }) {
                    walk(from: start, first: i, in: &paragraph, sensitive: false, into: &hits)
                }
                if anySensitive, sensitiveFirstTokens.mayContain(hash),
                   let start = edges.child(of: 1, hash: paragraph.rawHash(i), spaced: false, where: { paragraph.rawEquals(i, $0) }) {
                    walk(from: start, first: i, in: &paragraph, sensitive: true, into: &hits)
                }
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

    /// Whether a case-folded phrase may start at token `i`, whose folded hash is `hash`: one
    /// of a single token, or one whose second token is the next one as `walk` finds it (past
    /// white space with at most one line break).
    @inline(__always)
    private func mayStart(at i: Int, hash: UInt64, _ tokens: UnsafeBufferPointer<Token>, _ paragraph: inout Paragraph) -> Bool {
        if singleTokens.mayContain(hash) { return true }
        guard let j = tokens.nextNonSpace(after: i) else { return false }
        return firstPairs.mayContain(Self.pair(hash, paragraph.foldedHash(j), spaced: j > i + 1))
    }

    /// Follows the trie from the node of token `first`'s key, recording every phrase that ends
    /// on the way.
    private func walk(from start: Int, first: Int, in paragraph: inout Paragraph, sensitive: Bool, into hits: inout [Hit]) {
        var node = start
        var last = first
        let count = paragraph.tokens.count
        while true {
            for e in ends[node] {
                let range = paragraph.tokens[first].range.lowerBound..<paragraph.tokens[last].range.upperBound
                hits.append(Hit(rule: e.rule, match: PhraseMatch(firstToken: first, lastToken: last, range: range, payload: e.payload)))
            }
            guard childBits[node] != 0 else { return }
            var j = last + 1
            guard j < count else { return }
            var spaced = false
            if paragraph.tokens[j].isSpace {
                guard let k = paragraph.nextNonSpace(after: last) else { return }
                j = k
                spaced = true
            }
            let hash = sensitive ? paragraph.rawHash(j) : paragraph.foldedHash(j)
            guard childBits[node] & Self.childBit(hash) != 0 else { return }
            let next = sensitive
                ? edges.child(of: node, hash: hash, spaced: spaced, where: { paragraph.rawEquals(j, $0) })
                : edges.child(of: node, hash: hash, spaced: spaced, where: { paragraph.foldedEquals(j, $0) })
            guard let next else { return }
            node = next
            last = j
        }
    }
}

/// The trie's edges in one open-addressing table: (parent, key hash, space before) to child.
/// Keys are kept to confirm a hit, so a hash collision can never make a false match.
private struct EdgeTable: Sendable {
    private struct Edge: Sendable {
        var parent: Int32
        var child: Int32
        var spaced: Bool
        var hash: UInt64
        var keyStart: Int32
        var keyCount: Int32
    }

    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private var edges: [Edge] = []
    private var units: [UInt16] = []

    @inline(__always)
    private func slot(_ parent: Int, _ hash: UInt64, _ spaced: Bool) -> Int {
        let mixed = hash ^ (UInt64(truncatingIfNeeded: parent) &* 0x9E37_79B9_7F4A_7C15) ^ (spaced ? 0x5555 : 0)
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)) & UInt64(slots.count - 1))
    }

    /// The child along the edge for a token whose key hash is `hash`; `matches` confirms the key.
    @inline(__always)
    func child(of parent: Int, hash: UInt64, spaced: Bool, where matches: (ArraySlice<UInt16>) -> Bool) -> Int? {
        var s = slot(parent, hash, spaced)
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            let edge = edges[e]
            if edge.hash == hash, edge.parent == parent, edge.spaced == spaced,
               matches(units[Int(edge.keyStart)..<Int(edge.keyStart + edge.keyCount)]) {
                return Int(edge.child)
            }
            s = (s + 1) & (slots.count - 1)
        }
    }

    mutating func insert(parent: Int, child: Int, hash: UInt64, spaced: Bool, key: ArraySlice<UInt16>) {
        if (edges.count + 1) * 2 > slots.count { grow() }
        edges.append(Edge(parent: Int32(parent), child: Int32(child), spaced: spaced, hash: hash,
                          keyStart: Int32(units.count), keyCount: Int32(key.count)))
        units += key
        place(edges.count - 1)
    }

    private mutating func place(_ e: Int) {
        var s = slot(Int(edges[e].parent), edges[e].hash, edges[e].spaced)
        while slots[s] >= 0 { s = (s + 1) & (slots.count - 1) }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for e in edges.indices { place(e) }
    }
}
