import ICUText

/// How often each folded capitalised word occurs in an article. An open-addressing table on
/// the words' `UnitHash`, which the tokenizer has already made: a Dictionary would hash
/// every word's String once more, and this runs for every capitalised word of every article.
struct WordCounts {
    private(set) var entries: [(word: String, count: Int)] = []
    private var slots: [Int32] = Array(repeating: -1, count: 128)
    private var hashes: [UInt64] = []

    /// Counts one more occurrence of `word`, whose `UnitHash` is `hash`.
    mutating func add(_ word: String, hash: UInt64) {
        if let e = find(word, hash: hash) {
            entries[e].count += 1
            return
        }
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append((word, 1))
        hashes.append(hash)
        place(entries.count - 1)
    }

    /// The count of `word` (0 when absent); `hash` is its `UnitHash` when known.
    func count(of word: String, hash: UInt64? = nil) -> Int {
        find(word, hash: hash ?? UnitHash.of(word.utf16)).map { entries[$0].count } ?? 0
    }

    private func find(_ word: String, hash: UInt64) -> Int? {
        var s = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if hashes[e] == hash, entries[e].word == word { return e }
            s = (s + 1) & (slots.count - 1)
        }
    }

    private mutating func place(_ e: Int) {
        var s = Int(truncatingIfNeeded: hashes[e]) & (slots.count - 1)
        while slots[s] >= 0 { s = (s + 1) & (slots.count - 1) }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for e in entries.indices { place(e) }
    }
}
