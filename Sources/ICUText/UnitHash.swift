/// A 64-bit hash of UTF-16 units, so that a token's key can be hashed straight from the text
/// (the word segmenter hashes every ASCII word on its way, in C: `wordbreaks.c`, which must
/// agree). The units go four to a 64-bit block, the first in the low bits, the last block
/// padded with zeros; each block is mixed into the state with one multiplication and a
/// rotation, and the unit count is added before MurmurHash3's finalizer. Blocks rather than
/// units, because the segmenter then hashes a word of up to eight letters with two steps
/// and no loop. Never 0, which marks "not computed".
public enum UnitHash {
    @inlinable public static var seed: UInt64 { 0xCBF2_9CE4_8422_2325 }

    @inlinable @inline(__always)
    static func step(_ h: UInt64, _ block: UInt64) -> UInt64 {
        // The rotation carries the high bits of each block down into the next step: a
        // multiplication alone never moves a bit lower.
        let x = (h ^ block) &* 0x9E37_79B9_7F4A_7C15
        return x << 31 | x >> 33
    }

    /// MurmurHash3's finalizer, with the low bit set.
    @inlinable @inline(__always)
    public static func finish(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x | 1
    }

    /// The hash of units added one at a time.
    public struct Builder {
        @usableFromInline var state = UnitHash.seed
        @usableFromInline var block: UInt64 = 0
        @usableFromInline var count = 0

        @inlinable public init() {}

        @inlinable @inline(__always)
        public mutating func add(_ u: UInt16) {
            block |= UInt64(u) << UInt64(16 * (count & 3))
            count += 1
            if count & 3 == 0 {
                state = UnitHash.step(state, block)
                block = 0
            }
        }

        @inlinable
        public var value: UInt64 {
            UnitHash.finish((count & 3 == 0 ? state : UnitHash.step(state, block)) &+ UInt64(count))
        }
    }

    /// The hash of the lower case of `count` units at `start`, which case folding gives for
    /// ASCII; nil at the first unit beyond ASCII, which needs ICU's folding.
    @inlinable
    public static func ofLowercasedASCII(_ start: UnsafePointer<UInt16>, count: Int) -> UInt64? {
        var h = Builder()
        for k in 0..<count {
            let u = start[k]
            if u >= 0x80 { return nil }
            h.add(CaseMapping.lowercasedASCII(u))
        }
        return h.value
    }

    @inlinable
    public static func of<S: Sequence<UInt16>>(_ units: S) -> UInt64 {
        var h = Builder()
        for u in units { h.add(u) }
        return h.value
    }
}
