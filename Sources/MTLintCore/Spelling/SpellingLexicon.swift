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
    /// `UnitHash` of the lower-case words never reported: the pack's list, then each set
    /// added (glossaries, names, accept lists), kept apart: merging 100,000 glossary terms
    /// into one set cost each spelling rule as much as splitting them into words.
    private let acceptedSets: [HashedSet]
    /// The configuration's variety; nil: detected per article.
    let language: Variety?
    let verdicts: SpellingVerdicts

    /// Where the pairs come from (the data file's path): rules with the same pairs share one
    /// pass over each article.
    let varietySource: String
    /// The key of that pass among a worker's article states, made once rather than per article.
    let passKey: String

    convenience init(pairs: [(us: String, gb: String)], misspellings: [String: String], accepted: Set<String>,
                     language: Variety? = nil, verdicts: SpellingVerdicts = .shared, varietySource: String = "") {
        self.init(pairs: pairs, misspellings: misspellings, acceptedSets: [HashedSet(accepted.map(Self.acceptHash))],
                  language: language, verdicts: verdicts, varietySource: varietySource)
    }

    private init(pairs: [(us: String, gb: String)], misspellings: [String: String], acceptedSets: [HashedSet],
                 language: Variety?, verdicts: SpellingVerdicts, varietySource: String) {
        self.varietySource = varietySource
        self.passKey = "spelling:" + varietySource
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
        self.acceptedSets = acceptedSets
        self.language = language
        self.verdicts = verdicts
    }

    /// The same lexicon with more accepted words and, when given, a fixed variety.
    func adding(_ words: AcceptedWords, language: Variety?) -> SpellingLexicon {
        SpellingLexicon(pairs: pairs, misspellings: misspellings, acceptedSets: words.isEmpty ? acceptedSets : acceptedSets + [words.hashes],
                        language: language ?? self.language, verdicts: verdicts, varietySource: varietySource)
    }

    /// The same lexicon asking another run-wide cache (tests count its calls).
    func using(_ verdicts: SpellingVerdicts) -> SpellingLexicon {
        SpellingLexicon(pairs: pairs, misspellings: misspellings, acceptedSets: acceptedSets, language: language,
                        verdicts: verdicts, varietySource: varietySource)
    }

    /// Whether the lower-case word `key`, a word of an article and so already in NFC, is
    /// accepted.
    func accepts(_ key: String) -> Bool {
        let hash = UnitHash.of(key.utf16)
        return acceptedSets.contains { $0.contains(hash) }
    }

    /// `UnitHash` of a word in NFC, the form of an article's words: an accept list or a
    /// glossary that writes "cafe\u{301}" accepts "café", as comparing Strings did.
    static func acceptHash(_ key: String) -> UInt64 {
        key.utf8.allSatisfy { $0 < 0x80 } ? UnitHash.of(key.utf16) : UnitHash.of(key.precomposedStringWithCanonicalMapping.utf16)
    }

    /// The lower-case words of a name or term ("Osama bin Laden" gives "osama", "bin",
    /// "laden"): the spelling check sees words one at a time.
    static func acceptKeys(_ phrase: String) -> [String] {
        // By scalar, and the apostrophe swapped by scalar: splitting by Character and
        // Foundation's `replacingOccurrences` made this a tenth of start-up for a gazetteer.
        var out: [String] = []
        for part in phrase.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\u{2010}" || $0 == "/" || $0 == "," }) {
            var scalars = String.UnicodeScalarView()
            for c in part { scalars.append(c == "\u{2019}" ? "'" : c) }
            let w = String(scalars).lowercased()
            guard !w.isEmpty else { continue }
            out.append(w)
            // "O'Brien" is checked as "o'brien"; a possessive's stem too.
            if w.hasSuffix("'s") { out.append(String(w.dropLast(2))) }
        }
        return out.filter { !$0.isEmpty }
    }

    /// `acceptKeys(phrase)`, each handed to `body` in turn. An ASCII phrase (nearly every
    /// glossary term) is split and lower-cased over its bytes, each word made in one step:
    /// 100,000 terms took a tenth of a second through the general path.
    static func forEachAcceptKey(_ phrase: String, _ body: (String) -> Void) {
        var phrase = phrase
        let done = phrase.withUTF8 { bytes -> Bool in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            var start = 0
            func word(upTo end: Int) {
                guard end > start else { return }
                let w = String(unsafeUninitializedCapacity: end - start) { out in
                    for i in start..<end { out[i - start] = CaseMapping.lowercasedASCII(bytes[i]) }
                    return end - start
                }
                body(w)
                // "O'Brien's": the possessive's stem too.
                if end - start > 2, bytes[end - 2] == UInt8(ascii: "'"), bytes[end - 1] | 0x20 == UInt8(ascii: "s") {
                    body(String(w.utf8.dropLast(2))!)
                }
            }
            for i in 0..<bytes.count {
                switch bytes[i] {
                case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ","):
                    word(upTo: i)
                    start = i + 1
                default: continue
                }
            }
            word(upTo: bytes.count)
            return true
        }
        if !done { acceptKeys(phrase).forEach(body) }
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
        if accepts(key) || (key.hasSuffix("'s") && accepts(String(key.dropLast(2)))) {
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
