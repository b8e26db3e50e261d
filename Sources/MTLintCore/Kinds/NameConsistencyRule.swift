import ICUText

/// A name the gazetteer does not know, spelled two ways in one article ("Kim Jong-chol" and
/// "Kim Jong-chul"): the minority spelling is reported, with an unsafe fix to the majority.
/// The two spellings must be near, and each must stand beside the same other name at least
/// once, so that two different people with similar names are left alone.
struct NameConsistencyRule: Rule, RuleKind {
    static let name = "name-consistency"
    static let keys = ["gazetteer"]

    let meta: RuleMeta
    /// Tokens that the names rule judges; this rule leaves them to it.
    let known: Set<String>
    /// `UnitHash`es of `known`: most capitalised words are no name, and a bit test says so.
    let knownHashes: HashBits
    let people: [Person]

    static func canFix(_ c: RuleDecodingContext) -> Bool { c.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        return try NameConsistencyRule(meta: c.meta, people: c.gazetteer())
    }

    init(meta: RuleMeta, people: [Person]) throws(RuleFileError) {
        self.meta = meta
        self.people = people
        do {
            known = NameIndex.knownTokens(people, words: try BreakIterator(.word), transliterator: try? Transliterator(NameFolding.transform))
            knownHashes = HashBits(known.map { UnitHash.of($0.utf16) })
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
    let document: Document
    let transliterator: Transliterator?
    let shared: SharedNameRuns
    /// The article's runs, copied from `shared` once the article is read: a stored copy, so
    /// that each look into it does not copy and count every array it holds.
    private var runs = NameRuns.none

    init(rule: NameConsistencyRule, document: Document, transliterator: Transliterator?, shared: SharedNameRuns) {
        self.rule = rule
        self.shared = shared
        self.document = document
        self.transliterator = transliterator
    }

    private func raw(_ w: NameRuns.Word) -> String { document.text.string(w.range) }

    func observe(_ paragraph: inout Paragraph) {
        shared.observe(&paragraph, text: document.text, transliterator: transliterator)
    }

    func finish(into findings: inout [RawFinding]) {
        runs = shared.runs
        let words = runs.words
        // Near spellings first, from the article's capitalised words by first letter; most
        // articles have none, and nothing else is computed for them.
        var spellings: [(first: UInt8, text: String, count: Int)] = []
        let counts = runs.counts
        let (distinct, hashes) = (counts.words, counts.hashes)
        for e in distinct.indices {
            let spelling = distinct[e]
            guard spelling.utf8.count >= 5, !(rule.knownHashes.mayContain(hashes[e]) && rule.known.contains(spelling)),
                  NameFolding.isWordLike(spelling) else { continue }
            spellings.append((spelling.utf8.first!, spelling, counts.counts[e]))
        }
        guard spellings.count > 1 else { return }
        // By first letter and then spelling: the pairs come out in one order whatever the
        // order of the counts.
        spellings.sort { ($0.first, $0.text) < ($1.first, $1.text) }
        var pairs: [(String, String)] = []
        for (i, a) in spellings.enumerated() {
            for b in spellings[(i + 1)...] {
                guard b.first == a.first else { break }
                guard a.count != b.count, abs(a.text.utf8.count - b.text.utf8.count) <= 2 else { continue }
                let limit = Swift.max(a.text.utf8.count, b.text.utf8.count) >= 9 ? 2 : 1
                // The distance first: it turns most pairs away, and costs less than the endings.
                if NameFolding.distance(a.text, b.text, limit: limit) <= limit, !NamesCollector.differByEnding(a.text, b.text) {
                    pairs.append((a.text, b.text))
                }
            }
        }
        guard !pairs.isEmpty else { return }
        // Each such spelling's left neighbours within its runs: the given names it follows.
        let involved = Set(pairs.flatMap { [$0.0, $0.1] })
        var neighbours: [String: Set<String>] = [:]
        var spelling: [String: String] = [:]
        for (k, w) in words.enumerated() where involved.contains(w.folded) {
            if runs.run(of: k).words.contains(k - 1) { neighbours[w.folded, default: []].insert(words[k - 1].folded) }
            if spelling[w.folded] == nil { spelling[w.folded] = raw(w) }
        }
        var replacement: [String: String] = [:]
        for (a, b) in pairs.sorted(by: { $0 < $1 }) {
            guard let na = neighbours[a], let nb = neighbours[b], !na.isDisjoint(with: nb) else { continue }
            let (minority, majority) = runs.counts.count(of: a) < runs.counts.count(of: b) ? (a, b) : (b, a)
            replacement[minority] = majority
        }
        guard !replacement.isEmpty else { return }
        for w in words {
            guard let majority = replacement[w.folded], let fix = spelling[majority] else { continue }
            let count = runs.counts.count(of: majority)
            findings.append(RawFinding(range: w.range,
                                       message: rule.meta.message(match: raw(w), replacement: fix) + " (spelled '\(fix)' \(count) times in this article)",
                                       replacement: rule.meta.applicability == .displayOnly ? nil : fix, applicability: .unsafe))
        }
    }
}
