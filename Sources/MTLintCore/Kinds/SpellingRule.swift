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
        adding(words: people.flatMap { [$0.name, $0.short] + $0.variants }, language: nil)
    }

    func addingSpelling(words: [String], language: Variety?) -> any Rule { adding(words: words, language: language) }

    private func adding(words: [String], language: Variety?) -> SpellingRule {
        SpellingRule(meta: meta, check: check, lexicon: lexicon.adding(words: words, language: language), dictionaries: dictionaries)
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
        let pass = SpellingPass.of(document, in: workspace, source: lexicon.varietySource, lexicon: lexicon,
                                   cache: check == .misspelled ? cache : nil)
        return SpellingCollector(rule: self, document: document, cache: cache, pass: pass)
    }
}

/// Each worker's classes of the words it has seen, across articles: one probe per word
/// token by the hash the tokenizer made; a String is made only for a word not seen before.
final class SpellingWorkerCache {
    let lexicon: SpellingLexicon
    /// nil for the variety rule, which never asks Hunspell.
    let dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)?
    private let classes = HashKeyMap<SpellingLexicon.WordClass>()
    static let limit = 1_000_000

    init(lexicon: SpellingLexicon, dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)?) {
        self.lexicon = lexicon
        self.dictionaries = dictionaries
    }

    /// A small direct-mapped table in front of `classes`: the commonest words ("the", "of",
    /// "said") make most tokens, and this table (256 KB) stays in the processor's second-level
    /// cache where the whole one does not. 4,096 slots missed too often; 65,536 did no better.
    let hot: UnsafeMutablePointer<(key: UInt64, value: SpellingLexicon.WordClass)> = {
        let p = UnsafeMutablePointer<(key: UInt64, value: SpellingLexicon.WordClass)>.allocate(capacity: SpellingWorkerCache.hotSize)
        p.initialize(repeating: (0, .ignored), count: SpellingWorkerCache.hotSize)
        return p
    }()
    static let hotSize = 16384

    deinit { hot.deallocate() }

    @inline(__always)
    func wordClass(_ text: UTF16Buffer, _ range: Range<Int>, hash: UInt64) -> SpellingLexicon.WordClass {
        // Other bits of the hash than the big table's index.
        let h = Int(truncatingIfNeeded: hash >> 40) & (Self.hotSize - 1)
        if hot[h].key == hash { return hot[h].value }
        let c = classes.value(hash) ?? classify(text, range, hash: hash)
        hot[h] = (hash, c)
        return c
    }

    /// A word not seen before: made a String and classified, once per worker.
    @inline(never)
    private func classify(_ text: UTF16Buffer, _ range: Range<Int>, hash: UInt64) -> SpellingLexicon.WordClass {
        if classes.count >= Self.limit { classes.removeAll() }
        // ASCII words come with their lower-cased hash (see `observe`), so they are
        // classified lower-cased too; other words as written.
        var word = text.string(range)
        if word.utf8.allSatisfy({ $0 < 0x80 }) { word = word.lowercased() }
        let found = lexicon.classify(word, dictionaries: dictionaries)
        classes.insert(hash, found)
        return found
    }
}

/// Reads an article's words, then reports once its variety is known.
final class SpellingCollector: ArticleCollector {
    let rule: SpellingRule
    let document: Document
    let cache: SpellingWorkerCache
    let pass: SpellingPass

    init(rule: SpellingRule, document: Document, cache: SpellingWorkerCache, pass: SpellingPass) {
        self.rule = rule
        self.document = document
        self.cache = cache
        self.pass = pass
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
            if lexicon.accepted.contains(w) { return true }
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

/// One pass over an article's words for both spelling rules (`Workspace.articleState`): the
/// variety forms and their counts, and the words one dictionary lacks. Two rules reading
/// every token apart cost twice the pass.
final class SpellingPass: ArticleState {
    private(set) var counts = (us: 0, gb: 0)
    private(set) var varietyWords: [(range: Range<Int>, word: SpellingLexicon.WordClass)] = []
    private(set) var candidates: [(range: Range<Int>, word: SpellingLexicon.WordClass)] = []
    private var observedUpTo = -1
    /// The forms of the variety pairs, by hash.
    let varietyHashes: HashKeyMap<Int32>
    /// The misspelled rule's cache, when that rule runs on the article; without it the pass
    /// only counts the variety.
    var cache: SpellingWorkerCache? = nil

    /// One bit per hash bucket of the variety forms: most words are none, and the filter
    /// answers that from the processor's first-level cache.
    let varietyFilter: HashBits

    init(varietyHashes: HashKeyMap<Int32>, varietyFilter: HashBits) {
        self.varietyHashes = varietyHashes
        self.varietyFilter = varietyFilter
    }

    func reset(for document: Document) {
        counts = (0, 0)
        varietyWords.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        observedUpTo = -1
        cache = nil
    }

    /// The pass of the spelling rules whose variety pairs come from `source`, for this
    /// article. A misspelled rule with another cache (another lexicon) gets a pass of its own.
    static func of(_ document: Document, in workspace: Workspace, source: String, lexicon: SpellingLexicon,
                   cache: SpellingWorkerCache?) -> SpellingPass {
        let shared = workspace.articleState("spelling:" + source, for: document) { SpellingPass(varietyHashes: lexicon.varietyHashes, varietyFilter: lexicon.varietyFilter) }
        guard let cache else { return shared }
        if shared.cache == nil || shared.cache === cache {
            shared.cache = cache
            return shared
        }
        let own = SpellingPass(varietyHashes: lexicon.varietyHashes, varietyFilter: lexicon.varietyFilter)
        own.cache = cache
        return own
    }

    /// Reads a paragraph once, however many rules pass it on.
    func observe(_ paragraph: inout Paragraph, text: UTF16Buffer) {
        guard paragraph.range.lowerBound > observedUpTo else { return }
        observedUpTo = paragraph.range.lowerBound
        // Local copies for the loop: a class's stored properties are checked for exclusive
        // access at every use.
        var counts = self.counts
        var varietyWords = self.varietyWords, candidates = self.candidates
        self.varietyWords = []
        self.candidates = []
        defer {
            self.counts = counts
            self.varietyWords = varietyWords
            self.candidates = candidates
        }
        let base = text.base
        let n = text.count
        let tokens = paragraph.tokens
        let varietyHashes = self.varietyHashes
        let varietyFilter = self.varietyFilter
        let cache = self.cache
        let hot = cache?.hot
        for t in tokens where t.kind == .letters {
            let r = t.range
            let first = base[r.lowerBound]
            // Most words fail here: capitalised (the names check's), or a single letter. No
            // English word has more than 45 letters; longer runs are not prose, and each check
            // of one would cost time in its length.
            guard r.count >= 2, r.count <= SpellingLexicon.maxWordLength else { continue }
            if first < 0x80 {
                guard first >= 0x61 && first <= 0x7A else { continue }
            } else if first < 0xC0 {
                continue
            }
            // A word broken by an invisible or undecodable character ("infor\u{200B}mation")
            // is the unicode pack's finding, and such fragments are the costliest words to
            // ask Hunspell about (it tries them as compounds).
            if r.lowerBound > 0, base[r.lowerBound - 1] >= 0xAD, SpellingContext.isBreaking(base[r.lowerBound - 1]) { continue }
            if r.upperBound < n, base[r.upperBound] >= 0xAD, SpellingContext.isBreaking(base[r.upperBound]) { continue }
            // The tokenizer hashed every ASCII word, lower-cased, on its way; other words are
            // hashed here as written. The key is then the lower-cased word, so "iPhone" is
            // looked up as "iphone", and is let go at the end for its capital.
            var hash = t.foldedHash
            if hash == 0 {
                var h = UnitHash.seed
                for k in r { h = UnitHash.add(h, base[k]) }
                hash = UnitHash.finish(h)
            }
            if varietyFilter.mayContain(hash), let code = varietyHashes.value(hash) {
                guard !SpellingContext.hasCapital(r, text) else { continue }
                let variety: Variety = code & 1 == 0 ? .us : .gb
                if variety == .us { counts.us += 1 } else { counts.gb += 1 }
                let flag = variety == .us ? SpellingLexicon.WordClass.usFormFlag : SpellingLexicon.WordClass.gbFormFlag
                varietyWords.append((r, SpellingLexicon.WordClass(flags: flag, pair: code >> 1)))
                continue
            }
            // Words that only one dictionary has are no evidence of the variety: en_US alone
            // has "tiebreak", "anymore" and "hometown".
            guard let cache else { continue }
            // The direct-mapped table first, read here: most words end at this probe.
            let slot = hot! + (Int(truncatingIfNeeded: hash >> 40) & (SpellingWorkerCache.hotSize - 1))
            let c = slot.pointee.key == hash ? slot.pointee.value : cache.wordClass(text, r, hash: hash)
            if c.mayBeMisspelled { candidates.append((r, c)) }
        }
    }
}

/// Where a word is not prose to spell-check, decided from the text around it. Asked only
/// of the few words the dictionaries lack, so it may look around freely.
struct SpellingContext {
    let text: UTF16Buffer
    /// Whether a lower-case word is known: in a dictionary of the article's variety, or
    /// accepted.
    let known: (String) -> Bool

    /// How far the looks around a word go, in UTF-16 units: a URL, a compound or a word is
    /// shorter, and a line of ten million characters must not be read once per word.
    static let reach = 256
    /// How far a code span's backticks are looked for on the word's line.
    static let codeReach = 2_000

    /// Whether the word at `range`, which the dictionary lacks, is to be left alone.
    /// Whether a lower-case word is in the curated list of misspellings: such a word is a
    /// slip wherever it stands, and beside another word it makes no foreign phrase.
    var isListedMisspelling: (String) -> Bool = { _ in false }

    func excuses(_ range: Range<Int>) -> Bool {
        if Self.hasCapital(range, text) || isInOtherText(range) { return true }
        if isListedMisspelling(SpellingLexicon.straightApostrophes(text.string(range))) { return false }
        return isNameParticle(range) || isUnitAfterNumber(range) || isKnownCompoundPart(range)
            || isKnownFormation(text.string(range)) || isInForeignRun(range)
    }

    /// Whether a capital letter stands in the word ("iPhone", "eBay": names).
    static func hasCapital(_ range: Range<Int>, _ text: UTF16Buffer) -> Bool {
        for k in range {
            let u = text[k]
            if (u >= 0x41 && u <= 0x5A) || (u >= 0xC0 && CharacterProperties.isUppercase(UInt32(u))) { return true }
        }
        return false
    }

    /// Invisible characters and U+FFFD, which break a word in two for the tokenizer.
    @inline(__always)
    static func isBreaking(_ u: UInt16) -> Bool {
        u == 0xAD || (u >= 0x200B && u <= 0x200D) || u == 0x2060 || u == 0xFEFF || u == 0xFFFD
    }

    /// "£35 bn", "23 hrs": a short abbreviation after a number is a unit.
    func isUnitAfterNumber(_ range: Range<Int>) -> Bool {
        guard range.count <= 3, range.lowerBound >= 2, text[range.lowerBound - 1] == 0x20 else { return false }
        let u = text[range.lowerBound - 2]
        return u >= 0x30 && u <= 0x39
    }

    /// Prefixes that English joins to any word ("unreformable", "deregistration").
    static let prefixes = ["un", "re", "de", "dis", "non", "pre", "mis", "over", "under", "out", "anti", "co", "sub", "super",
                           "inter", "multi", "counter", "post", "semi", "mini", "micro", "mega", "ultra", "cyber", "eco", "euro",
                           "tele", "neuro", "bio", "geo", "hyper", "auto", "petro", "agri", "mono", "poly", "info", "techno"]
    /// Short words that start no closed compound: "thefirst" and "andthen" are missing spaces.
    static let notCompoundStarts: Set<String> = ["the", "and", "for", "was", "his", "her", "you", "not", "but", "are", "its",
                                                 "has", "had", "who", "she", "him", "our", "out", "can", "all", "any"]

    /// Words that dictionaries leave out because English makes them freely: a possessive
    /// of a known word, a prefix before a known word, or two known words closed up
    /// ("showbusiness", "carmaking"; each of three letters at least, and not "the", "and"…).
    /// A missing space between two short words ("inthe") is still reported.
    func isKnownFormation(_ word: String) -> Bool {
        let w = SpellingLexicon.straightApostrophes(word)
        if w.hasSuffix("'s") { return known(String(w.dropLast(2))) || isKnownFormation(String(w.dropLast(2))) }
        guard !w.contains("'") else { return false }
        let chars = Array(w)
        for p in Self.prefixes where w.hasPrefix(p) && chars.count - p.count >= 4 {
            if known(String(chars[p.count...])) { return true }
        }
        // Plurals and agent nouns of a known word ("wadis", "sentencers", "winless").
        for suffix in ["s", "es", "rs", "r", "ers", "er", "less", "ness", "ist", "ists", "ism"]
        where chars.count - suffix.count >= 3 && w.hasSuffix(suffix) {
            if known(String(chars[..<(chars.count - suffix.count)])) { return true }
        }
        guard chars.count >= 7 else { return false }
        for i in 3...(chars.count - 3) {
            let left = String(chars[..<i]), right = String(chars[i...])
            if i == 3, Self.notCompoundStarts.contains(left) { continue }
            if known(left), known(right) || (right.hasSuffix("s") && known(String(right.dropLast()))) { return true }
        }
        return false
    }

    /// A hashtag or handle, part of a URL, an e-mail address, a file or domain name, an
    /// HTML entity, a code span, or a word broken by an invisible or undecodable character
    /// (other packs' findings).
    func isInOtherText(_ range: Range<Int>) -> Bool {
        let before: UInt16? = range.lowerBound > 0 ? text[range.lowerBound - 1] : nil
        let after: UInt16? = range.upperBound < text.count ? text[range.upperBound] : nil
        if let b = before, [0x23, 0x40, 0x5F, 0x5C, 0x2F, 0x2E, 0x3B, 0x26, 0x200B, 0x200C, 0x200D, 0x2060, 0xAD, 0xFEFF, 0xFFFD].contains(b) { return true }
        if let a = after, [0x40, 0x5F, 0x5C, 0x2F, 0x28, 0x26, 0x3D, 0x200B, 0x200C, 0x200D, 0x2060, 0xAD, 0xFFFD].contains(a) { return true }
        // "br />": a tag's name before its closing slash.
        if after == 0x20, range.upperBound + 1 < text.count, text[range.upperBound + 1] == 0x2F { return true }
        // "example.com", "file.txt": a full stop joined to the next letters.
        if after == 0x2E, range.upperBound + 1 < text.count, isLetterOrDigit(text[range.upperBound + 1]) { return true }
        // The run of non-blank characters around the word: a URL or an e-mail address.
        var s = range.lowerBound, e = range.upperBound
        while s > 0, range.lowerBound - s < Self.reach, !isBlank(text[s - 1]) { s -= 1 }
        while e < text.count, e - range.upperBound < Self.reach, !isBlank(text[e]) { e += 1 }
        if contains([0x3A, 0x2F, 0x2F], in: s..<e) || contains([0x40], in: s..<e) || contains([0x77, 0x77, 0x77, 0x2E], in: s..<e) { return true }
        return isInCodeSpan(range)
    }

    /// "Banque du Caire", "David dal Maso": a lower-case word between two capitalised ones
    /// is part of a name.
    func isNameParticle(_ range: Range<Int>) -> Bool {
        guard let b = word(before: range), let a = word(after: range) else { return false }
        return isCapitalised(b) && isCapitalised(a)
    }

    /// A part of a hyphenated compound ("sci-fi", "co-ordinated", "eight-year-olds") is
    /// checked with the compound: it passes when the compound, with or without its hyphens,
    /// is known, when the part is a short prefix or ending, or when it is a known word plus
    /// a plural "s".
    func isKnownCompoundPart(_ range: Range<Int>) -> Bool {
        let hyphenBefore = range.lowerBound >= 2 && isHyphen(text[range.lowerBound - 1]) && isLetter(text[range.lowerBound - 2])
        let hyphenAfter = range.upperBound + 1 < text.count && isHyphen(text[range.upperBound]) && isLetter(text[range.upperBound + 1])
        guard hyphenBefore || hyphenAfter else { return false }
        var part = SpellingLexicon.straightApostrophes(text.string(range))
        if part.hasSuffix("'s") { part.removeLast(2) }
        if part.count <= 3 { return true }
        if part.hasSuffix("s"), known(String(part.dropLast())) { return true }
        var s = range.lowerBound, e = range.upperBound
        while s > 0, range.lowerBound - s < Self.reach, isLetter(text[s - 1]) || (isHyphen(text[s - 1]) && s >= 2 && isLetter(text[s - 2])) { s -= 1 }
        while e < text.count, e - range.upperBound < Self.reach,
              isLetter(text[e]) || (isHyphen(text[e]) && e + 1 < text.count && isLetter(text[e + 1])) { e += 1 }
        let compound = text.string(s..<e).lowercased()
        return known(compound) || known(compound.replacingOccurrences(of: "-", with: ""))
    }

    /// Two unknown lower-case words within two words of each other are foreign text
    /// ("joie de vivre", "auf Wiedersehen"), not two slips.
    func isInForeignRun(_ range: Range<Int>) -> Bool {
        var r = range
        for _ in 0..<2 {
            guard let b = word(before: r) else { break }
            if isUnknownLowercase(b) { return true }
            r = b
        }
        r = range
        for _ in 0..<2 {
            guard let a = word(after: r) else { break }
            if isUnknownLowercase(a) { return true }
            r = a
        }
        return false
    }

    private func isUnknownLowercase(_ r: Range<Int>) -> Bool {
        let first = text[r.lowerBound]
        guard first >= 0x61 && first <= 0x7A || first >= 0xC0 && !isUppercase(first), r.count >= 2 else { return false }
        let w = text.string(r)
        let key = SpellingLexicon.straightApostrophes(w)
        return SpellingLexicon.isLatinLowercaseWord(w) && !known(key) && !isListedMisspelling(key)
    }

    /// The word just before `range`, across one space at most (not across punctuation).
    func word(before range: Range<Int>) -> Range<Int>? {
        var k = range.lowerBound
        if k > 0, text[k - 1] == 0x20 { k -= 1 } else { return nil }
        let e = k
        while k > 0, e - k < Self.reach, isLetter(text[k - 1]) { k -= 1 }
        return k < e ? k..<e : nil
    }

    func word(after range: Range<Int>) -> Range<Int>? {
        var k = range.upperBound
        if k < text.count, text[k] == 0x20 { k += 1 } else { return nil }
        let s = k
        while k < text.count, k - s < Self.reach, isLetter(text[k]) { k += 1 }
        return s < k ? s..<k : nil
    }

    private func isCapitalised(_ r: Range<Int>) -> Bool { isUppercase(text[r.lowerBound]) }

    private func isUppercase(_ u: UInt16) -> Bool {
        (u >= 0x41 && u <= 0x5A) || (u >= 0xC0 && CharacterProperties.isUppercase(UInt32(u)))
    }

    /// Whether the units `needle` occur in `range` of the text.
    private func contains(_ needle: [UInt16], in range: Range<Int>) -> Bool {
        guard range.count >= needle.count else { return false }
        var i = range.lowerBound
        while i + needle.count <= range.upperBound {
            var k = 0
            while k < needle.count, text[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
            i += 1
        }
        return false
    }

    /// Inside `code` on its line, in any file (Markdown's are skipped by the engine too).
    private func isInCodeSpan(_ range: Range<Int>) -> Bool {
        var ticksBefore = 0
        var k = range.lowerBound - 1
        while k >= 0, range.lowerBound - k <= Self.codeReach, text[k] != 0x0A, text[k] != 0x0D {
            if text[k] == 0x60 { ticksBefore += 1 }
            k -= 1
        }
        guard ticksBefore % 2 == 1 else { return false }
        k = range.upperBound
        while k < text.count, k - range.upperBound < Self.codeReach, text[k] != 0x0A, text[k] != 0x0D {
            if text[k] == 0x60 { return true }
            k += 1
        }
        return false
    }

    private func isBlank(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0xA0 }
    private func isHyphen(_ u: UInt16) -> Bool { u == 0x2D || u == 0x2010 || u == 0x2011 }

    /// Letters and apostrophes inside words; UTF-16 units of letters outside the BMP count
    /// as letters too (surrogates), which only widens a word seen from outside.
    private func isLetter(_ u: UInt16) -> Bool {
        if u < 0x80 { return (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x27 }
        return u == 0x2019 || (u >= 0xD800 && u <= 0xDFFF) || CharacterProperties.isAlphabetic(UInt32(u))
    }

    private func isLetterOrDigit(_ u: UInt16) -> Bool {
        (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A)
    }
}

/// The spelling pack's data files: pairs (`a<TAB>b`) and word lists (one a line), `#`
/// comments and blank lines allowed. A bad line is an error at `file:line`.
enum SpellingData {
    static func pairs(_ f: RuleLoader.SourceFile) throws(RuleFileError) -> [(String, String)] {
        var out: [(String, String)] = []
        for (n, line) in lines(f.text) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty, fields[0] != fields[1] else {
                throw RuleFileError(file: f.displayPath, line: n, "a line is two different words separated by a tab")
            }
            out.append((fields[0].lowercased(), fields[1].lowercased()))
        }
        return out
    }

    static func words(_ f: RuleLoader.SourceFile) throws(RuleFileError) -> Set<String> {
        var out: Set<String> = []
        for (n, line) in lines(f.text) {
            let w = line.trimmingBlanks()
            guard !w.contains(" "), !w.contains("\t") else {
                throw RuleFileError(file: f.displayPath, line: n, "a line is one word")
            }
            out.formUnion(SpellingLexicon.acceptKeys(w))
        }
        return out
    }

    /// Non-blank lines that are not comments, with their 1-based numbers.
    static func lines(_ text: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let t = line.trimmingBlanks()
            if t.isEmpty || t.hasPrefix("#") { continue }
            out.append((i + 1, line))
        }
        return out
    }
}
