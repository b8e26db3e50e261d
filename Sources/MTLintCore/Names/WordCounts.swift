import ICUText

/// How often each folded capitalised word occurs in an article, keyed by the words'
/// `UnitHash`, which the tokenizer has already made.
struct WordCounts {
    private var map = HashedStringMap<Int>(capacity: 64)

    /// The words in order of first occurrence, their counts and their hashes.
    var words: [String] { map.keys }
    var counts: [Int] { map.values }
    var hashes: [UInt64] { map.hashes }

    /// No words, the room kept for the next article.
    mutating func removeAll() { map.removeAll() }

    /// Counts one more occurrence of `word`, whose `UnitHash` is `hash`.
    mutating func add(_ word: String, hash: UInt64) {
        if let e = map.index(of: word, hash: hash) {
            map.update(at: e) { $0 += 1 }
        } else {
            map.insert(word, hash: hash, value: 1)
        }
    }

    /// The count of `word` (0 when absent); `hash` is its `UnitHash` when known.
    func count(of word: String, hash: UInt64? = nil) -> Int {
        map[word, hash ?? UnitHash.of(word.utf16)] ?? 0
    }
}
