import ICUText

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
    private let hot: UnsafeMutablePointer<(key: UInt64, value: SpellingLexicon.WordClass)> = {
        let p = UnsafeMutablePointer<(key: UInt64, value: SpellingLexicon.WordClass)>.allocate(capacity: SpellingWorkerCache.hotSize)
        p.initialize(repeating: (0, .ignored), count: SpellingWorkerCache.hotSize)
        return p
    }()
    static let hotSize = 16384

    deinit { hot.deallocate() }

    /// The front table, for a loop over many words to probe without touching this object:
    /// a class reference bound in the loop is retained and released at every word. Valid
    /// while the cache lives.
    var hotTable: HotTable { HotTable(base: hot) }

    struct HotTable {
        let base: UnsafeMutablePointer<(key: UInt64, value: SpellingLexicon.WordClass)>

        /// The slot for `hash`: other bits of the hash than the big table's index.
        @inline(__always)
        func slot(_ hash: UInt64) -> UnsafeMutablePointer<(key: UInt64, value: SpellingLexicon.WordClass)> {
            base + (Int(truncatingIfNeeded: hash >> 40) & (SpellingWorkerCache.hotSize - 1))
        }
    }

    /// The class of a word whose `HotTable` slot holds another: from the big table, or worked out
    /// once; the slot takes it.
    func wordClass(missedIn slot: UnsafeMutablePointer<(key: UInt64, value: SpellingLexicon.WordClass)>,
                   _ text: UTF16Buffer, _ range: Range<Int>, hash: UInt64) -> SpellingLexicon.WordClass {
        let c = classes.value(hash) ?? classify(text, range, hash: hash)
        slot.pointee = (hash, c)
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
