import Foundation
import ICUText

/// The English varieties the spelling pack tells apart.
public enum Variety: UInt8, Sendable, CaseIterable {
    case us = 1, gb = 2

    /// `en-US`/`en-GB` (any case); nil for any other tag, such as plain `en`.
    public init?(languageTag: String) {
        switch languageTag.lowercased() {
        case "en-us": self = .us
        case "en-gb": self = .gb
        default: return nil
        }
    }

    public var tag: String { self == .us ? "en-US" : "en-GB" }
    var adjective: String { self == .us ? "American" : "British" }
    var other: Variety { self == .us ? .gb : .us }
}

/// What the spelling rules know besides the dictionaries: the variety pairs, the curated
/// misspellings, and the words to accept (the pack's list, the gazetteer, glossaries, the
/// user's lists). Built once per rule set and shared by all workers; never changed after.
public final class SpellingLexicon: Sendable {
    /// Each pair's American and British form.
    let pairs: [(us: String, gb: String)]
    /// A form of a pair: which pair, and which variety writes it.
    let varietyForms: [String: (pair: Int, variety: Variety)]
    /// Each form's `UnitHash`, to the pair times two plus 1 for the British form: the variety
    /// rule's one probe per word, with no cache and no String.
    let varietyHashes: HashKeyMap<Int32>
    /// The same hashes as a filter that turns most words away from the first-level cache.
    let varietyFilter: HashBits
    /// Curated misspellings and their one correction.
    let misspellings: [String: String]
    /// Lower-case words never reported.
    let accepted: Set<String>
    /// The configuration's variety; nil: detected per article.
    let language: Variety?
    let verdicts: SpellingVerdicts

    /// Where the pairs come from (the data file's path): rules with the same pairs share one
    /// pass over each article.
    let varietySource: String

    init(pairs: [(us: String, gb: String)], misspellings: [String: String], accepted: Set<String>,
         language: Variety? = nil, verdicts: SpellingVerdicts = .shared, varietySource: String = "") {
        self.varietySource = varietySource
        self.pairs = pairs
        var forms: [String: (Int, Variety)] = [:]
        for (i, p) in pairs.enumerated() {
            forms[p.us] = (i, .us)
            forms[p.gb] = (i, .gb)
        }
        self.varietyForms = forms
        let hashes = HashKeyMap<Int32>(capacity: forms.count)
        var all: [UInt64] = []
        for (form, (pair, variety)) in forms {
            let h = UnitHash.of(form.utf16)
            hashes.insert(h, Int32(pair) * 2 + (variety == .us ? 0 : 1))
            all.append(h)
        }
        self.varietyHashes = hashes
        self.varietyFilter = HashBits(all)
        self.misspellings = misspellings
        self.accepted = accepted
        self.language = language
        self.verdicts = verdicts
    }

    /// The same lexicon with more accepted words and, when given, a fixed variety.
    func adding(words: some Sequence<String>, language: Variety?) -> SpellingLexicon {
        var more = accepted
        for w in words { more.formUnion(Self.acceptKeys(w)) }
        return SpellingLexicon(pairs: pairs, misspellings: misspellings, accepted: more,
                               language: language ?? self.language, verdicts: verdicts, varietySource: varietySource)
    }

    /// The lower-case words of a name or term ("Osama bin Laden" gives "osama", "bin",
    /// "laden"): the spelling check sees words one at a time.
    static func acceptKeys(_ phrase: String) -> [String] {
        phrase.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\u{2010}" || $0 == "/" || $0 == "," })
            .map { $0.lowercased().replacingOccurrences(of: "\u{2019}", with: "'") }
            .flatMap { w -> [String] in
                // "O'Brien" is checked as "o'brien"; a possessive's stem too.
                w.hasSuffix("'s") ? [w, String(w.dropLast(2))] : [w]
            }
            .filter { !$0.isEmpty }
    }

    /// The longest word checked, in UTF-16 units ("pneumonoultramicroscopicsilicovolcanoconiosis"
    /// has 45 letters).
    static let maxWordLength = 45

    /// What a word is to the spelling rules, decided once per distinct word per worker.
    struct WordClass: BitwiseCopyable {
        static let ignored = WordClass(flags: Self.ignoreFlag, pair: -1)
        static let ignoreFlag: UInt8 = 1 << 0
        static let acceptedFlag: UInt8 = 1 << 1
        static let inUSFlag: UInt8 = 1 << 2
        static let inGBFlag: UInt8 = 1 << 3
        static let usFormFlag: UInt8 = 1 << 4
        static let gbFormFlag: UInt8 = 1 << 5

        var flags: UInt8
        /// The variety pair the word is a form of, else -1.
        var pair: Int32

        var isIgnored: Bool { flags & Self.ignoreFlag != 0 }
        var isAccepted: Bool { flags & Self.acceptedFlag != 0 }
        var variety: Variety? { flags & Self.usFormFlag != 0 ? .us : (flags & Self.gbFormFlag != 0 ? .gb : nil) }
        func isKnown(in variety: Variety?) -> Bool {
            switch variety {
            case .us?: flags & Self.inUSFlag != 0
            case .gb?: flags & Self.inGBFlag != 0
            case nil: flags & (Self.inUSFlag | Self.inGBFlag) != 0
            }
        }
        /// Whether the misspelled rule needs to look at the word again once the article's
        /// variety is known: it is in one dictionary at most, and no list speaks for it.
        var mayBeMisspelled: Bool {
            flags & (Self.ignoreFlag | Self.acceptedFlag | Self.usFormFlag | Self.gbFormFlag) == 0
                && flags & (Self.inUSFlag | Self.inGBFlag) != (Self.inUSFlag | Self.inGBFlag)
        }
    }

    /// Classifies a word that `SpellingWords.isCandidate` let through.
    func classify(_ word: String, dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)?) -> WordClass {
        guard Self.isLatinLowercaseWord(word) else { return .ignored }
        let key = Self.straightApostrophes(word)
        var flags: UInt8 = 0
        var pair: Int32 = -1
        if let form = varietyForms[key] {
            pair = Int32(form.pair)
            flags |= form.variety == .us ? WordClass.usFormFlag : WordClass.gbFormFlag
        }
        if accepted.contains(key) || (key.hasSuffix("'s") && accepted.contains(String(key.dropLast(2)))) {
            flags |= WordClass.acceptedFlag
        }
        if flags & WordClass.acceptedFlag == 0 && pair < 0, let dictionaries {
            let known = verdicts.lookUp(key, dictionaries: dictionaries)
            if known.us { flags |= WordClass.inUSFlag }
            if known.gb { flags |= WordClass.inGBFlag }
        }
        return WordClass(flags: flags, pair: pair)
    }

    /// The word with typographic apostrophes made straight, as the lists and Hunspell take it.
    static func straightApostrophes(_ word: String) -> String {
        word.utf8.contains(0xE2) ? word.replacingOccurrences(of: "\u{2019}", with: "'") : word
    }

    /// Lower-case letters of the Latin script, with apostrophes between them: a Cyrillic,
    /// Greek or CJK word is no English misspelling, and "iPhone" or "eBay" are names.
    static func isLatinLowercaseWord(_ word: String) -> Bool {
        var previousApostrophe = true
        var count = 0
        for s in word.unicodeScalars {
            let v = s.value
            if v == 0x27 || v == 0x2019 {
                if previousApostrophe { return false }
                previousApostrophe = true
                continue
            }
            previousApostrophe = false
            count += 1
            if v >= 0x61 && v <= 0x7A { continue }
            if v < 0xC0 { return false }
            // Latin script (ICU's USCRIPT_LATIN is 25), lower case.
            guard CharacterProperties.script(v) == 25, CharacterProperties.isLowercase(v) else { return false }
        }
        return count >= 2 && !previousApostrophe
    }
}

/// What Hunspell said of each distinct word, and its suggestions, for the whole run: shared
/// by every worker and file, so that each word goes to Hunspell once. Split in shards by
/// hash, each behind its own lock, and reached only on a worker's own cache miss, so that it
/// is no contention point.
public final class SpellingVerdicts: Sendable {
    public static let shared = SpellingVerdicts()
    private static let shardCount = 16
    private let known: [Locked<[String: UInt8]>]
    private let suggested: [Locked<[String: SuggestionEntry]>]
    private let hunspellChecks = Locked(0)
    private let hunspellSuggests = Locked(0)

    public init() {
        known = (0..<Self.shardCount).map { _ in Locked([:]) }
        suggested = (0..<Self.shardCount).map { _ in Locked([:]) }
    }

    /// How many words went to Hunspell's checker and to its suggester, for tests.
    public var counts: (checks: Int, suggests: Int) {
        (hunspellChecks.withLock { $0 }, hunspellSuggests.withLock { $0 })
    }

    private static func shard(_ word: String) -> Int { Int(UnitHash.of(word.utf16) % UInt64(shardCount)) }

    /// Whether each dictionary has `word`; Hunspell is asked once per distinct word (under
    /// the shard's lock, so two workers never both ask).
    func lookUp(_ word: String, dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)) -> (us: Bool, gb: Bool) {
        let bits = known[Self.shard(word)].withLock { table -> UInt8 in
            if let hit = table[word] { return hit }
            let b: UInt8 = (dictionaries.us.check(word) ? 1 : 0) | (dictionaries.gb.check(word) ? 2 : 0)
            table[word] = b
            hunspellChecks.withLock { $0 += 1 }
            return b
        }
        return (bits & 1 != 0, bits & 2 != 0)
    }

    /// Corrections of a misspelled word for a variety (nil: either dictionary).
    struct Suggestions: Sendable {
        var words: [String]
        /// One correction at edit distance 1, or a curated one.
        var unambiguous: Bool
    }

    /// A word's suggestions, or the work of the worker making them, which others wait for.
    final class SuggestionEntry: @unchecked Sendable {
        let done = DispatchGroup()
        /// Set once, before `done` is left; read only after `done.wait()`.
        var value: Suggestions? = nil

        init() { done.enter() }
    }

    func suggestions(for word: String, variety: Variety?, dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)) -> Suggestions {
        // An article of no known variety gets the British dictionary's suggestions first, as
        // a British one does: one suggestion run serves both.
        let key = word + (variety == .us ? "\u{0}us" : "\u{0}gb")
        // The shard's lock is held only to find or claim the entry: a suggestion takes a
        // millisecond or more, and other words of the shard need not wait for it. A second
        // worker that wants the same word waits for the first one's result.
        let (entry, mine) = suggested[Self.shard(key)].withLock { table -> (SuggestionEntry, Bool) in
            if let e = table[key] { return (e, false) }
            let e = SuggestionEntry()
            table[key] = e
            return (e, true)
        }
        if mine {
            entry.value = Self.makeSuggestions(word, variety: variety, dictionaries: dictionaries, slow: { dictionary in
                hunspellSuggests.withLock { $0 += 1 }
                return dictionary.suggest(word)
            })
            entry.done.leave()
        } else {
            entry.done.wait()
        }
        return entry.value!
    }

    /// The dictionary words at edit distance 1 (a letter dropped, swapped with the next,
    /// changed or added; or a space added between two words), found by asking the checker
    /// about each variant: a few hundred checks cost less than one call to Hunspell's
    /// suggester. Only where there is none does the suggester run.
    static func makeSuggestions(_ word: String, variety: Variety?, dictionaries: (us: HunspellDictionary, gb: HunspellDictionary),
                                slow: (HunspellDictionary) -> [String]) -> Suggestions {
        let chosen: [HunspellDictionary] = switch variety {
        case .us?: [dictionaries.us]
        case .gb?: [dictionaries.gb]
        case nil: [dictionaries.gb, dictionaries.us]
        }
        func known(_ w: String) -> Bool {
            let parts = w.split(separator: " ")
            return parts.allSatisfy { part in chosen.contains { $0.check(String(part)) } }
        }
        // "isnt", "dont": the apostrophe of a negation left out.
        if word.hasSuffix("nt"), word.count >= 4 {
            let restored = word.dropLast(2) + "n't"
            if known(String(restored)) { return Suggestions(words: [String(restored)], unambiguous: true) }
        }
        // "european", "friday", "tv": a word the dictionary has capitalised or in capitals;
        // not safe, since "carte blanche" is no "Blanche".
        for form in [word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()] where known(form) {
            return Suggestions(words: [form], unambiguous: false)
        }
        // Hunspell's suggestions (without its n-gram pass, see `HunspellDictionary`), from the
        // article's dictionary, the British one when the variety is undecided: a second
        // dictionary's suggester doubled the time of the words neither can place.
        var out: [String] = []
        for s in slow(variety == .us ? dictionaries.us : dictionaries.gb)
        where !out.contains(s) && s != word && s.first.map({ !$0.isUppercase }) ?? false {
            out.append(s)
        }
        // Nearest first (without the n-gram pass, Hunspell's order is that of its passes), and
        // among equals the commonest slip first: a letter left out ("apalling": "appalling",
        // not "spalling"), then two swapped, then one changed, then one too many, then a
        // word split in two.
        let distances = Dictionary(out.map { ($0, editDistance($0, word, limit: 3)) }, uniquingKeysWith: { a, _ in a })
        func slip(_ s: String) -> Int {
            // Two words for one come last: "em missions" is no reading of "emmissions".
            if s.contains(" ") || s.contains("-") { return 4 }
            switch s.count - word.count {
            case 1: return 0
            case 0: return s.sorted() == word.sorted() ? 1 : 2
            default: return 3
            }
        }
        out = out.enumerated().sorted {
            (distances[$0.element]!, slip($0.element), $0.offset) < (distances[$1.element]!, slip($1.element), $1.offset)
        }.map(\.element)
        // Safe only for one suggestion at edit distance 1 that keeps the first letter and adds
        // no space, in a word long enough to have few neighbours: "layoffs" is not
        // "payoffs", and "tiebreak" is a word the dictionaries lack, not "tie break".
        let near = out.filter { distances[$0] == 1 }
        if near.count == 1, let only = near.first, out.first == only, word.count >= 5, !only.contains(" "), only.first == word.first {
            return Suggestions(words: Array(out.prefix(3)), unambiguous: true)
        }
        return Suggestions(words: Array(out.prefix(3)), unambiguous: false)
    }

    /// Optimal string alignment distance (a swap of neighbours counts one), or `limit + 1`
    /// once it is sure to exceed `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var prev2 = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...max(1, y.count) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, prev2[j - 2] + 1) }
                cur[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return x.isEmpty ? y.count : (y.isEmpty ? x.count : prev[y.count])
    }
}
