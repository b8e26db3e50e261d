import ICUText

/// The spellings made by deleting up to two characters of a word, as 64-bit hashes rather
/// than Strings: a name of ten letters has 55 of them, and the index of every gazetteer name
/// and each word looked up in it made them all as Strings (most of the names rule's start-up
/// time). Equal spellings give equal hashes, whether written in ASCII or not; two different
/// spellings share one with a chance near 2⁻⁶⁴, and the names rule measures the distance of
/// every candidate they bring before using it.
enum DeletionHashes {
    /// The hashes of `s` with up to `n` (at most 2) characters deleted, `s` itself included,
    /// each once.
    static func of(_ s: String, upTo n: Int) -> [UInt64] {
        precondition(n >= 0 && n <= 2, "deletions of up to two characters")
        let e = elements(s)
        let count = e.count
        // The hash state after each prefix: a deletion at `i` continues from `prefix[i]`.
        var prefix = [UInt64](repeating: UnitHash.seed, count: count + 1)
        for k in 0..<count { prefix[k + 1] = add(prefix[k], e[k]) }
        var out: [UInt64] = [finish(prefix[count], count)]
        guard count > 1, n >= 1 else { return out }
        out.reserveCapacity(1 + count + (n == 2 ? count * (count - 1) / 2 : 0))
        for i in 0..<count where i == 0 || e[i] != e[i - 1] {
            var h = prefix[i]
            for k in (i + 1)..<count { h = add(h, e[k]) }
            out.append(finish(h, count - 1))
        }
        if n == 2 && count > 2 {
            for i in 0..<count - 1 {
                for j in (i + 1)..<count {
                    var h = prefix[i]
                    for k in (i + 1)..<j { h = add(h, e[k]) }
                    for k in (j + 1)..<count { h = add(h, e[k]) }
                    out.append(finish(h, count - 2))
                }
            }
        }
        // A run of one letter ("ll") gives the same spelling from several deletions.
        out.sort()
        var unique = 0
        for x in out where unique == 0 || out[unique - 1] != x {
            out[unique] = x
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }

    /// One value per character: the byte for ASCII, the character's own hash (with the top
    /// bit set, apart from every byte) for the rest, which folded names rarely hold (a script
    /// ICU could not transliterate). That hash, like String equality, holds canonically
    /// equivalent characters equal; its seed changes between runs, never within one.
    private static func elements(_ s: String) -> [UInt64] {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.map(UInt64.init) }
        return s.map { c -> UInt64 in
            if let a = c.asciiValue { return UInt64(a) }
            return UInt64(bitPattern: Int64(c.hashValue)) | 1 << 63
        }
    }

    @inline(__always)
    private static func add(_ h: UInt64, _ e: UInt64) -> UInt64 { (h ^ e) &* 0x0000_0100_0000_01B3 }

    @inline(__always)
    private static func finish(_ h: UInt64, _ count: Int) -> UInt64 { UnitHash.finish(h ^ UInt64(count) << 56) }
}
