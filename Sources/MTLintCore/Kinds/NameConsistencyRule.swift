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
    let people: [Person]

    static func canFix(_ c: RuleDecodingContext) -> Bool { c.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        var people: [Person] = []
        for (name, _) in try c.yaml.stringList("gazetteer") ?? [] {
            let f = try c.dataFile(named: name, key: "gazetteer")
            guard let format = GazetteerReader.format(ofPath: name) else {
                throw RuleFileError(c.yaml.locationOf("gazetteer"), "'\(name)': a gazetteer is .tsv, .csv or .yml")
            }
            people += try GazetteerReader.read(f.text, file: f.displayPath, format: format)
        }
        return try NameConsistencyRule(meta: c.meta, people: people)
    }

    init(meta: RuleMeta, people: [Person]) throws(RuleFileError) {
        self.meta = meta
        self.people = people
        do {
            known = NameIndex.knownTokens(people, words: try BreakIterator(.word), transliterator: try? Transliterator(NameFolding.transform))
        } catch {
            throw RuleFileError(meta.location, "cannot open ICU for names: \(error)")
        }
    }

    func addingPeople(_ more: [Person]) throws(RuleFileError) -> any Rule {
        try NameConsistencyRule(meta: meta, people: people + more)
    }

    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        NameConsistencyCollector(rule: self, document: document, transliterator: workspace.toASCII)
    }
}

final class NameConsistencyCollector: ArticleCollector {
    let rule: NameConsistencyRule
    let document: Document
    let transliterator: Transliterator?
    var runs = NameRuns()

    init(rule: NameConsistencyRule, document: Document, transliterator: Transliterator?) {
        self.rule = rule
        self.document = document
        self.transliterator = transliterator
    }

    func observe(_ paragraph: inout Paragraph) {
        runs.observe(&paragraph, text: document.text, transliterator: transliterator)
    }

    func finish(into findings: inout [RawFinding]) {
        let words = runs.words
        // Each spelling's left neighbours within its runs: the given names it follows.
        var neighbours: [String: Set<String>] = [:]
        var raw: [String: String] = [:]
        for (k, w) in words.enumerated() where w.folded.count >= 5 && !rule.known.contains(w.folded) {
            let run = runs.run(of: k).words
            if run.contains(k - 1) { neighbours[w.folded, default: []].insert(words[k - 1].folded) }
            if raw[w.folded] == nil { raw[w.folded] = w.raw }
        }
        let spellings = neighbours.keys.sorted()
        var replacement: [String: String] = [:]
        for (i, a) in spellings.enumerated() {
            for b in spellings[(i + 1)...] where a.first == b.first && abs(a.count - b.count) <= 2
                && !NamesCollector.differByEnding(a, b) {
                let limit = Swift.max(a.count, b.count) >= 9 ? 2 : 1
                guard NameFolding.distance(a, b, limit: limit) <= limit,
                      !neighbours[a]!.isDisjoint(with: neighbours[b]!) else { continue }
                let ca = runs.counts[a] ?? 0, cb = runs.counts[b] ?? 0
                guard ca != cb else { continue }
                let (minority, majority) = ca < cb ? (a, b) : (b, a)
                replacement[minority] = raw[majority]
            }
        }
        for w in words {
            guard let fix = replacement[w.folded], let majority = raw.first(where: { $0.value == fix })?.key else { continue }
            let count = runs.counts[majority] ?? 0
            findings.append(RawFinding(range: w.range,
                                       message: rule.meta.message(match: w.raw, replacement: fix) + " (spelled '\(fix)' \(count) times in this article)",
                                       replacement: rule.meta.applicability == .displayOnly ? nil : fix, applicability: .unsafe))
        }
    }
}
