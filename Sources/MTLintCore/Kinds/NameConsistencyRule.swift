import ICUText

/// A name the gazetteer does not know, spelled two ways in one article ("Kim Jong-chol" and
/// "Kim Jong-chul"): the minority spelling is reported, with an unsafe fix to the majority.
/// The two spellings must be near, and each must stand beside the same other name at least
/// once, so that two different people with similar names are left alone.
struct NameConsistencyRule: Rule, RuleKind {
    static let name = "name-consistency"
    static let keys = ["gazetteer"]

    let meta: RuleMeta
    /// `UnitHash`es of the tokens that the names rule judges; this rule leaves them to it.
    let known: HashedSet
    let people: [Person]

    static func canFix(_ c: RuleDecodingContext) -> Bool { c.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        return try NameConsistencyRule(meta: c.meta, people: c.gazetteer())
    }

    init(meta: RuleMeta, people: [Person]) throws(RuleFileError) {
        self.meta = meta
        self.people = people
        do {
            known = HashedSet(NameIndex.knownTokens(people, words: try BreakIterator(.word), transliterator: ASCIIFolder())
                .map { UnitHash.of($0.utf16) })
        } catch {
            throw RuleFileError(meta.location, "cannot open ICU for names: \(error)")
        }
    }

    func addingPeople(_ more: [Person]) throws(RuleFileError) -> any Rule {
        try NameConsistencyRule(meta: meta, people: people + more)
    }

    var collects: Bool { true }

    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        NameConsistencyCollector(rule: self, document: document, transliterator: workspace.toASCII,
                                 shared: SharedNameRuns.of(document, in: workspace))
    }
}

final class NameConsistencyCollector: ArticleCollector {
    let rule: NameConsistencyRule
    private(set) var document: Document
    let transliterator: ASCIIFolder
    let shared: SharedNameRuns
    /// The worker's runs (`shared.runs`), of the article being read.
    let runs: NameRuns

    init(rule: NameConsistencyRule, document: Document, transliterator: ASCIIFolder, shared: SharedNameRuns) {
        self.rule = rule
        self.shared = shared
        self.runs = shared.runs
        self.document = document
        self.transliterator = transliterator
    }

    private func raw(_ w: NameRuns.Word) -> String { document.text.string(w.range) }

    func reuse(for document: Document, workspace: Workspace) -> Bool {
        // The runs are the worker's one article state, reset for the new article.
        guard SharedNameRuns.of(document, in: workspace) === shared else { return false }
        self.document = document
        return true
    }

    func observe(_ paragraph: inout Paragraph) {
        shared.observe(&paragraph, text: document.text, transliterator: transliterator)
    }

    /// Per spelling of `runs.counts`, whether some occurrence follows another word of its
    /// run; kept for the next article's room.
    private var followsAWord: [Bool] = []

    private struct Spelling {
        /// Where its UTF-8 is in the buffer of spellings.
        var start: Int
        var end: Int
        var count: Int
        var hash: UInt64
        /// The first eight bytes, big-endian (zeros after a shorter spelling): as numbers,
        /// prefixes order as the bytes do.
        var prefix: UInt64
    }

    private static func prefix(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var p: UInt64 = 0
        for (i, b) in bytes.prefix(8).enumerated() { p |= UInt64(b) << (56 - 8 * UInt64(i)) }
        return p
    }

    func finish(into findings: inout [RawFinding]) {
        let words = runs.words
        let text = document.text
        // Near spellings first, from the article's capitalised words by first letter; most
        // articles have none, and nothing else is computed for them. The spellings are UTF-8
        // in one buffer: a String each cost more than the comparisons.
        var bytes: [UInt8] = []
        var spellings: [Spelling] = []
        let counts = runs.counts
        // A pair needs a given name in common: a word before both spellings in their runs.
        // Spellings that never follow another word of their run ("London", "However") are
        // most of an article's, and are left out before any is compared.
        followsAWord.removeAll(keepingCapacity: true)
        followsAWord.append(contentsOf: repeatElement(false, count: counts.hashes.count))
        for run in runs.runs where run.words.count > 1 {
            for k in run.words.dropFirst() {
                if let e = counts.index(of: words[k].hash) { followsAWord[e] = true }
            }
        }
        for (e, (hash, entry)) in zip(counts.hashes, counts.entries).enumerated() {
            guard followsAWord[e], words[entry.first].length >= 5, !rule.known.contains(hash), runs.isWordLike(entry.first, text) else { continue }
            let start = bytes.count
            runs.appendFolded(entry.first, text, to: &bytes)
            spellings.append(Spelling(start: start, end: bytes.count, count: entry.count, hash: hash, prefix: Self.prefix(bytes[start...])))
        }
        guard spellings.count > 1 else { return }
        var pairs: [(a: UInt64, b: UInt64)] = []
        bytes.withUnsafeBufferPointer { all in
            func letters(_ s: Spelling) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[s.start..<s.end]) }
            // By spelling (and so by first letter): the pairs come out in one order whatever
            // the order of the counts. The first eight letters decide most comparisons.
            spellings.sort { $0.prefix != $1.prefix ? $0.prefix < $1.prefix : letters($0).lexicographicallyPrecedes(letters($1)) }
            for (i, a) in spellings.enumerated() {
                let x = letters(a)
                for b in spellings[(i + 1)...] {
                    let y = letters(b)
                    guard y[0] == x[0] else { break }
                    guard a.count != b.count, abs(x.count - y.count) <= 2 else { continue }
                    let limit = Swift.max(x.count, y.count) >= 9 ? 2 : 1
                    // The distance first: it turns most pairs away, and costs less than the endings.
                    if NameFolding.distance(x, y, limit: limit) <= limit,
                       !NamesCollector.differByEnding(String(decoding: x, as: UTF8.self), String(decoding: y, as: UTF8.self)) {
                        pairs.append((a.hash, b.hash))
                    }
                }
            }
        }
        guard !pairs.isEmpty else { return }
        // Each such spelling's left neighbours within its runs: the given names it follows.
        let involved = Set(pairs.flatMap { [$0.a, $0.b] })
        var neighbours: [UInt64: Set<UInt64>] = [:]
        var spelling: [UInt64: String] = [:]
        for (k, w) in words.enumerated() where involved.contains(w.hash) {
            if runs.run(of: k).words.contains(k - 1) { neighbours[w.hash, default: []].insert(words[k - 1].hash) }
            if spelling[w.hash] == nil { spelling[w.hash] = raw(w) }
        }
        var replacement: [UInt64: UInt64] = [:]
        // In the order of the spellings' folded text, as the pairs were found.
        for (a, b) in pairs {
            guard let na = neighbours[a], let nb = neighbours[b], !na.isDisjoint(with: nb) else { continue }
            let (minority, majority) = counts.count(of: a) < counts.count(of: b) ? (a, b) : (b, a)
            replacement[minority] = majority
        }
        guard !replacement.isEmpty else { return }
        for w in words {
            guard let majority = replacement[w.hash], let fix = spelling[majority] else { continue }
            let count = counts.count(of: majority)
            findings.append(RawFinding(range: w.range,
                                       message: rule.meta.message(match: raw(w), replacement: fix) + " (spelled '\(fix)' \(count) times in this article)",
                                       replacement: rule.meta.applicability == .displayOnly ? nil : fix, applicability: .unsafe))
        }
    }
}
