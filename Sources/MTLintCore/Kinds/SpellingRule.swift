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
        let pairs = try SpellingData.pairs(c.dataFile(named: varietyFile, key: "varieties"))
        var misspellings: [String: String] = [:]
        if let name = try c.yaml.string("misspellings", what: "rule") {
            for (wrong, right) in try SpellingData.pairs(c.dataFile(named: name, key: "misspellings")) { misspellings[wrong] = right }
        }
        var accepted: Set<String> = []
        if let name = try c.yaml.string("accept", what: "rule") {
            accepted = try SpellingData.words(c.dataFile(named: name, key: "accept"))
        }
        let lexicon = SpellingLexicon(pairs: pairs, misspellings: misspellings, accepted: accepted)
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

    /// Reports, once per article, that the dictionaries are missing; the collectors then
    /// stay away.
    var checksDocuments: Bool { true }

    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {
        if dictionaries.both() == nil { throw RuleRuntimeError(rule: meta.id, message: dictionaries.missingMessage) }
    }

    var collects: Bool { true }

    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        guard let pair = dictionaries.both() else { return nil }
        let cache: SpellingWorkerCache
        if let c = workspace.ruleCaches[meta.id] as? SpellingWorkerCache, c.lexicon === lexicon {
            cache = c
        } else {
            cache = SpellingWorkerCache(lexicon: lexicon, dictionaries: pair)
            workspace.ruleCaches[meta.id] = cache
        }
        return SpellingCollector(rule: self, document: document, cache: cache)
    }
}

/// Each worker's classes of the words it has seen, across articles: one lookup per word
/// token, by the hash the tokenizer made, with no String made for a word seen before.
final class SpellingWorkerCache {
    let lexicon: SpellingLexicon
    let dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)
    private var classes = UnitKeyMap<SpellingLexicon.WordClass>()
    static let limit = 500_000

    init(lexicon: SpellingLexicon, dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)) {
        self.lexicon = lexicon
        self.dictionaries = dictionaries
    }

    @inline(__always)
    func wordClass(_ text: UTF16Buffer, _ range: Range<Int>, hash: UInt64) -> SpellingLexicon.WordClass {
        let p = text.base + range.lowerBound
        if let i = classes.index(p, count: range.count, hash: hash) { return classes.values[i] }
        if classes.count >= Self.limit { classes.removeAll() }
        let found = lexicon.classify(text.string(range), dictionaries: dictionaries)
        classes.insert(p, count: range.count, hash: hash, value: found)
        return found
    }
}

/// Reads an article's words, then reports once its variety is known.
final class SpellingCollector: ArticleCollector {
    let rule: SpellingRule
    let document: Document
    let cache: SpellingWorkerCache
    private var counts = (us: 0, gb: 0)
    /// Words to look at again: variety forms, or words one dictionary lacks.
    private var words: [(range: Range<Int>, word: SpellingLexicon.WordClass)] = []

    init(rule: SpellingRule, document: Document, cache: SpellingWorkerCache) {
        self.rule = rule
        self.document = document
        self.cache = cache
    }

    func observe(_ paragraph: inout Paragraph) {
        let text = document.text
        let tokens = paragraph.tokens
        let misspelled = rule.check == .misspelled
        for t in tokens where t.kind == .letters {
            let r = t.range
            let first = text[r.lowerBound]
            // Most words fail here: capitalised (the names check's), or a single letter.
            if first < 0x80 {
                guard first >= 0x61 && first <= 0x7A, r.count >= 2 else { continue }
            } else if first < 0xC0 {
                continue
            }
            let hash = t.foldedHash != 0 ? t.foldedHash : UnitHash.of(UnsafeBufferPointer(start: text.base + r.lowerBound, count: r.count))
            let c = cache.wordClass(text, r, hash: hash)
            if let v = c.variety {
                if v == .us { counts.us += 1 } else { counts.gb += 1 }
                if !misspelled { words.append((r, c)) }
            } else if misspelled && c.mayBeMisspelled {
                words.append((r, c))
            }
        }
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
        switch rule.check {
        case .variety:
            guard let variety else { return }
            for (range, c) in words where c.variety == variety.other && c.pair >= 0 {
                guard !SpellingWords.isInOtherText(range, text) else { continue }
                let pair = lexicon.pairs[Int(c.pair)]
                let word = text.string(range)
                let replacement = variety == .us ? pair.us : pair.gb
                findings.append(RawFinding(range: range, message: rule.meta.message(match: word, replacement: replacement) + " (\(why))",
                                           replacement: fix ? replacement : nil, applicability: .safe))
            }
        case .misspelled:
            for (range, c) in words where !c.isKnown(in: variety) {
                guard !SpellingWords.isInOtherText(range, text) else { continue }
                let word = text.string(range).replacingOccurrences(of: "\u{2019}", with: "'")
                let shown = text.string(range)
                if let right = lexicon.misspellings[word] {
                    findings.append(RawFinding(range: range, message: rule.meta.message(match: shown, replacement: "'\(right)'"),
                                               replacement: fix ? right : nil, applicability: .safe))
                    continue
                }
                let s = lexicon.verdicts.suggestions(for: word, variety: variety, dictionaries: cache.dictionaries)
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

/// Where a word is not prose to spell-check, decided from the text around it. Asked only
/// of the few words the dictionaries lack, so it may look around freely.
enum SpellingWords {
    /// A hashtag or handle, part of a URL, an e-mail address, a file or domain name, a code
    /// span, or a word broken by an invisible character (the unicode pack's finding).
    static func isInOtherText(_ range: Range<Int>, _ text: UTF16Buffer) -> Bool {
        let before: UInt16? = range.lowerBound > 0 ? text[range.lowerBound - 1] : nil
        let after: UInt16? = range.upperBound < text.count ? text[range.upperBound] : nil
        if let b = before, [0x23, 0x40, 0x5F, 0x5C, 0x2F, 0x200B, 0x200C, 0x200D, 0x2060, 0xAD, 0xFEFF, 0x26].contains(b) { return true }
        if let a = after, [0x40, 0x5F, 0x5C, 0x2F, 0x28, 0x200B, 0x200C, 0x200D, 0x2060, 0xAD, 0x3D].contains(a) { return true }
        // "example.com", "file.txt", "www.bbc.co.uk": a full stop joined to letters.
        if before == 0x2E, range.lowerBound >= 2, isLetterOrDigit(text[range.lowerBound - 2]) { return true }
        if after == 0x2E, range.upperBound + 1 < text.count, isLetterOrDigit(text[range.upperBound + 1]) { return true }
        // The run of non-blank characters around the word: a URL or an e-mail address.
        var s = range.lowerBound, e = range.upperBound
        while s > 0, !isBlank(text[s - 1]) { s -= 1 }
        while e < text.count, !isBlank(text[e]) { e += 1 }
        let chunk = text.string(s..<e)
        if chunk.contains("://") || chunk.contains("@") || chunk.hasPrefix("www.") { return true }
        return isInCodeSpan(range, text)
    }

    /// Inside `code` on its line, in any file (Markdown's are skipped by the engine too).
    private static func isInCodeSpan(_ range: Range<Int>, _ text: UTF16Buffer) -> Bool {
        var ticksBefore = 0
        var k = range.lowerBound - 1
        while k >= 0, text[k] != 0x0A, text[k] != 0x0D {
            if text[k] == 0x60 { ticksBefore += 1 }
            k -= 1
        }
        guard ticksBefore % 2 == 1 else { return false }
        k = range.upperBound
        while k < text.count, text[k] != 0x0A, text[k] != 0x0D {
            if text[k] == 0x60 { return true }
            k += 1
        }
        return false
    }

    private static func isBlank(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0xA0 }

    private static func isLetterOrDigit(_ u: UInt16) -> Bool {
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
