import ICUText

/// How often each folded capitalised word occurs in an article, by the words' `UnitHash`,
/// which the tokenizer has already made, with the first word of each spelling.
struct WordCounts {
    struct Entry {
        var count: Int
        /// The index of the spelling's first word among the article's words.
        var first: Int
    }

    private var map = HashedMap<Entry>(capacity: 64)

    /// The spellings in order of first occurrence: their hashes and entries.
    var hashes: [UInt64] { map.hashes }
    var entries: [Entry] { map.values }

    /// No words, the room kept for the next article.
    mutating func removeAll() { map.removeAll() }

    /// Counts one more occurrence of the spelling whose `UnitHash` is `hash`, at word `word`.
    mutating func add(hash: UInt64, word: Int) {
        if let e = map.index(of: hash) {
            map.update(at: e) { $0.count += 1 }
        } else {
            map.insert(hash, value: Entry(count: 1, first: word))
        }
    }

    /// Where the spelling whose `UnitHash` is `hash` is in `hashes` and `entries`.
    func index(of hash: UInt64) -> Int? { map.index(of: hash) }

    /// The count of the spelling whose `UnitHash` is `hash` (0 when absent).
    func count(of hash: UInt64) -> Int { map[hash]?.count ?? 0 }
}
