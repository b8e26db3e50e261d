import Foundation
import ICUText
import Synchronization

/// What Hunspell said of each distinct word, and its suggestions, for the whole run: shared
/// by every worker and file, so that each word goes to Hunspell once. Split in shards by
/// hash, each behind its own lock, and reached only on a worker's own cache miss, so that it
/// is no contention point.
public final class SpellingVerdicts: Sendable {
    public static let shared = SpellingVerdicts()
    private static let shardCount = 16
    private let known: [Locked<[String: UInt8]>]
    private let suggested: [Locked<[String: SuggestionEntry]>]
    // Atomics: a lock here was one more that every new word's check took, on both workers.
    private let hunspellChecks = Atomic<Int>(0)
    private let hunspellSuggests = Atomic<Int>(0)

    public init() {
        known = (0..<Self.shardCount).map { _ in Locked([:]) }
        suggested = (0..<Self.shardCount).map { _ in Locked([:]) }
    }

    /// How many words went to Hunspell's checker and to its suggester, for tests.
    public var counts: (checks: Int, suggests: Int) {
        (hunspellChecks.load(ordering: .relaxed), hunspellSuggests.load(ordering: .relaxed))
    }

    private static func shard(_ word: String) -> Int { Int(UnitHash.of(word.utf16) % UInt64(shardCount)) }

    /// Whether each dictionary has `word`; Hunspell is asked once per distinct word (under
    /// the shard's lock, so two workers never both ask).
    func lookUp(_ word: String, dictionaries: (us: HunspellDictionary, gb: HunspellDictionary)) -> (us: Bool, gb: Bool) {
        let bits = known[Self.shard(word)].withLock { table -> UInt8 in
            if let hit = table[word] { return hit }
            let b: UInt8 = (dictionaries.us.check(word) ? 1 : 0) | (dictionaries.gb.check(word) ? 2 : 0)
            table[word] = b
            hunspellChecks.add(1, ordering: .relaxed)
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
                hunspellSuggests.add(1, ordering: .relaxed)
                return dictionary.suggest(word)
            })
            entry.done.leave()
        } else {
            entry.done.wait()
        }
        return entry.value!
    }

    /// Corrections of `word`, best first: a negation's apostrophe restored or the word's
    /// capitalised form, when the dictionary has them; otherwise Hunspell's suggester
    /// (`slow`), its suggestions ordered by edit distance and by the commonest slips.
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
