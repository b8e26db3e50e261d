/// Scalars read from raw UTF-16, for the buffer type and for scanners that hold a pointer.
@usableFromInline
enum ScalarReader {
    /// The scalar at `i` and its length in units; a lone surrogate reads as itself, as ICU
    /// reads it.
    @inlinable @inline(__always)
    static func scalar(_ base: UnsafePointer<UInt16>, at i: Int, count: Int) -> (UInt32, Int) {
        let u = base[i]
        if u & 0xFC00 == 0xD800, i + 1 < count {
            let l = base[i + 1]
            if l & 0xFC00 == 0xDC00 {
                return (0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(l) - 0xDC00), 2)
            }
        }
        return (UInt32(u), 1)
    }

    /// The scalar that ends just before `i`.
    @inlinable @inline(__always)
    static func scalar(_ base: UnsafePointer<UInt16>, before i: Int) -> (UInt32, Int) {
        let u = base[i - 1]
        if u & 0xFC00 == 0xDC00, i >= 2 {
            let h = base[i - 2]
            if h & 0xFC00 == 0xD800 {
                return (0x10000 + ((UInt32(h) - 0xD800) << 10) + (UInt32(u) - 0xDC00), 2)
            }
        }
        return (UInt32(u), 1)
    }
}
