import ICUText

/// Spelling against Debian's Hunspell dictionaries, one `check` per rule: `misspelled`
/// reports lower-case words that the dictionary of the article's variety lacks, and
/// `variety` reports words spelled in the other variety ("color" in a British article).
/// The article's variety is the configuration's `language` (en-US, en-GB), else the
/// majority of the variety-marked words in it; with a tie or none, `variety` reports
/// nothing and `misspelled` accepts a word that either dictionary has. Capitalised words
/// are the names check's.
struct SpellingRule: Rule, RuleKind {
    static let name = "spelling"
    static let keys = ["check", "varieties", "misspellings", "accept"]

    enum Check: String, CaseIterable {
        case misspelled, variety
    }

    let meta: RuleMeta
    let check: Check
    let lexicon: SpellingLexicon
    let dictionaries: SpellingDictionaries

    static func canFix(_ c: RuleDecodingContext) -> Bool { c.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard let check: Check = try c.yaml.choice("check", what: "rule") else {
            throw RuleFileError(c.yaml.location, "a spelling rule needs 'check'; valid values: \(Check.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let varietyFile = try c.yaml.string("varieties", what: "rule") else {
            throw RuleFileError(c.yaml.location, "a spelling rule needs 'varieties': a data file of the pack with American<TAB>British pairs")
        }
        let varieties = try c.dataFile(named: varietyFile, key: "varieties")
        let pairs = try SpellingData.pairs(varieties)
        var misspellings: [String: String] = [:]
        if let name = try c.yaml.string("misspellings", what: "rule") {
            for (wrong, right) in try SpellingData.pairs(c.dataFile(named: name, key: "misspellings")) { misspellings[wrong] = right }
        }
        var accepted: Set<String> = []
        if let name = try c.yaml.string("accept", what: "rule") {
            accepted = try SpellingData.words(c.dataFile(named: name, key: "accept"))
        }
        let lexicon = SpellingLexicon(pairs: pairs, misspellings: misspellings, accepted: accepted, varietySource: varieties.displayPath)
        return SpellingRule(meta: c.meta, check: check, lexicon: lexicon, dictionaries: .shared)
    }

    func addingPeople(_ people: [Person]) throws(RuleFileError) -> any Rule {
        addingSpelling(AcceptedWords(people.flatMap { [$0.name, $0.short] + $0.variants }), language: nil)
    }

    func addingSpelling(_ accepted: AcceptedWords, language: Variety?) -> any Rule {
        SpellingRule(meta: meta, check: check, lexicon: lexicon.adding(accepted, language: language), dictionaries: dictionaries)
    }

    var yieldsToOtherRules: Bool { true }

    func warmUp() {
        if check == .misspelled { dictionaries.preload() }
    }

    /// Reports, once per article, that the dictionaries are missing; the collectors then
    /// stay away.
    var checksDocuments: Bool { true }

    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {
        if check == .misspelled, dictionaries.both() == nil { throw RuleRuntimeError(rule: meta.id, message: dictionaries.missingMessage) }
    }

    var collects: Bool { true }

    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        // The variety rule reads only its list; the dictionaries open for the misspelled rule.
        let pair: (us: HunspellDictionary, gb: HunspellDictionary)?
        if check == .misspelled {
            guard let both = dictionaries.both() else { return nil }
            pair = both
        } else {
            pair = nil
        }
        let cache: SpellingWorkerCache
        if let c = workspace.ruleCaches[meta.id] as? SpellingWorkerCache, c.lexicon === lexicon {
            cache = c
        } else {
            cache = SpellingWorkerCache(lexicon: lexicon, dictionaries: pair)
            workspace.ruleCaches[meta.id] = cache
        }
        let pass = SpellingPass.of(document, in: workspace, lexicon: lexicon,
                                   cache: check == .misspelled ? cache : nil)
        return SpellingCollector(rule: self, document: document, cache: cache, pass: pass)
    }
}

/// Reads an article's words, then reports once its variety is known.
final class SpellingCollector: ArticleCollector {
    let rule: SpellingRule
    private(set) var document: Document
    let cache: SpellingWorkerCache
    let pass: SpellingPass

    init(rule: SpellingRule, document: Document, cache: SpellingWorkerCache, pass: SpellingPass) {
        self.rule = rule
        self.document = document
        self.cache = cache
        self.pass = pass
    }

    func reuse(for document: Document, workspace: Workspace) -> Bool {
        // The pass is the worker's article state, reset for the new article.
        let lexicon = rule.lexicon
        guard SpellingPass.of(document, in: workspace, lexicon: lexicon,
                              cache: rule.check == .misspelled ? cache : nil) === pass else { return false }
        self.document = document
        return true
    }

    func observe(_ paragraph: inout Paragraph) { pass.observe(&paragraph, text: document.text) }

    private var counts: (us: Int, gb: Int) { pass.counts }
    /// Words to look at again: the variety forms for the variety rule, else the words one
    /// dictionary lacks.
    private var words: [(range: Range<Int>, word: SpellingLexicon.WordClass)] {
        rule.check == .variety ? pass.varietyWords : pass.candidates
    }

    /// The article's variety, and what decided it.
    var variety: (Variety?, String) {
        if let v = rule.lexicon.language { return (v, "\(v.tag) by configuration") }
        if counts.us == counts.gb { return (nil, "no variety: \(counts.us) American and \(counts.gb) British spellings") }
        let v: Variety = counts.us > counts.gb ? .us : .gb
        return (v, "\(v.tag): \(max(counts.us, counts.gb)) \(v.adjective) spellings against \(min(counts.us, counts.gb))")
    }

    func finish(into findings: inout [RawFinding]) {
        guard !words.isEmpty else { return }
        let (variety, why) = self.variety
        let text = document.text
        let lexicon = rule.lexicon
        let fix = rule.meta.applicability != .displayOnly
        let verdicts = lexicon.verdicts, dictionaries = cache.dictionaries
        var context = SpellingContext(text: text) { w in
            if lexicon.accepts(w) { return true }
            guard let dictionaries else { return true }
            let k = verdicts.lookUp(w, dictionaries: dictionaries)
            return variety == .us ? k.us : (variety == .gb ? k.gb : k.us || k.gb)
        }
        context.isListedMisspelling = { lexicon.misspellings[$0] != nil }
        switch rule.check {
        case .variety:
            guard let variety else { return }
            for (range, c) in words where c.variety == variety.other && c.pair >= 0 {
                guard !context.isInOtherText(range) else { continue }
                let pair = lexicon.pairs[Int(c.pair)]
                let word = text.string(range)
                let replacement = variety == .us ? pair.us : pair.gb
                findings.append(RawFinding(range: range, message: rule.meta.message(match: word, replacement: replacement) + " (\(why))",
                                           replacement: fix ? replacement : nil, applicability: .safe))
            }
        case .misspelled:
            guard let dictionaries else { return }
            for (range, c) in words where !c.isKnown(in: variety) {
                guard !context.excuses(range) else { continue }
                let word = SpellingLexicon.straightApostrophes(text.string(range))
                let shown = text.string(range)
                if let right = lexicon.misspellings[word] {
                    findings.append(RawFinding(range: range, message: rule.meta.message(match: shown, replacement: "'\(right)'"),
                                               replacement: fix ? right : nil, applicability: .safe))
                    continue
                }
                let s = lexicon.verdicts.suggestions(for: word, variety: variety, dictionaries: dictionaries)
                guard let best = s.words.first else {
                    findings.append(RawFinding(range: range, message: "'\(shown)' is not in the \(variety?.tag ?? "en-US or en-GB") dictionary, and nothing close is"))
                    continue
                }
                let list = s.words.map { "'\($0)'" }
                let said = list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " or " + list.last!
                findings.append(RawFinding(range: range, message: rule.meta.message(match: shown, replacement: said),
                                           replacement: fix ? best : nil, applicability: s.unambiguous ? .safe : .unsafe))
            }
        }
    }
}
