/// A set of hashes that may answer "maybe" for a hash it does not hold, never "no" for one
/// it holds: a Bloom filter with two bits per hash and sixteen bits or more per hash (at
/// least 4,096), so that "maybe" comes for about one stranger in seventy and a glossary of
/// 100,000 terms still turns most tokens away with two loads.
struct HashBits: Sendable {
    private var words: [UInt64]
    private let mask: UInt64

    init(_ hashes: [UInt64]) {
        var size = 4096
        while size < hashes.count * 16 { size *= 2 }
        words = [UInt64](repeating: 0, count: size / 64)
        mask = UInt64(size - 1)
        for h in hashes {
            let (a, b) = Self.positions(h, mask)
            words[a >> 6] |= 1 << UInt64(a & 63)
            words[b >> 6] |= 1 << UInt64(b & 63)
        }
    }

    /// Two bit positions from separate parts of the (already mixed) hash.
    @inline(__always)
    private static func positions(_ hash: UInt64, _ mask: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: (hash >> 16) & mask), Int(truncatingIfNeeded: (hash >> 40) & mask))
    }

    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let (a, b) = Self.positions(hash, mask)
        return words[a >> 6] & (1 << UInt64(a & 63)) != 0 && words[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
