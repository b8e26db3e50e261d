/// FNV-1a over UTF-16 units with a final mix, so that a token's key can be hashed straight
/// from the text. Never 0, which marks "not computed".
public enum UnitHash {
    @inlinable public static var seed: UInt64 { 0xCBF2_9CE4_8422_2325 }

    @inlinable @inline(__always)
    public static func add(_ h: UInt64, _ u: UInt16) -> UInt64 { (h ^ UInt64(u)) &* 0x0000_0100_0000_01B3 }

    @inlinable @inline(__always)
    public static func finish(_ h: UInt64) -> UInt64 {
        // MurmurHash3's finalizer: FNV's low bits alone would crowd a power-of-two table.
        var x = h
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x | 1
    }

    /// The hash of the lower case of `count` units at `start`, which case folding gives for
    /// ASCII; nil at the first unit beyond ASCII, which needs ICU's folding.
    @inlinable
    public static func ofLowercasedASCII(_ start: UnsafePointer<UInt16>, count: Int) -> UInt64? {
        var h = seed
        for k in 0..<count {
            let u = start[k]
            if u >= 0x80 { return nil }
            h = add(h, CaseMapping.lowercasedASCII(u))
        }
        return finish(h)
    }

    @inlinable
    public static func of<S: Sequence<UInt16>>(_ units: S) -> UInt64 {
        var h = seed
        for u in units { h = add(h, u) }
        return finish(h)
    }
}
