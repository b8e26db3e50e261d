/// Immutable UTF-16 text in memory that it owns. ICU keeps raw pointers into the text it is
/// given, so the storage must not move for the life of any iterator or matcher over it; a
/// Swift array gives no such promise.
public final class UTF16Buffer: @unchecked Sendable {
    public let base: UnsafeMutablePointer<UInt16>
    public let count: Int
    private let capacity: Int

    /// Takes ownership of `base`, which must come from `UnsafeMutablePointer.allocate`.
    init(adopting base: UnsafeMutablePointer<UInt16>, count: Int, capacity: Int) {
        self.base = base
        self.count = count
        self.capacity = capacity
    }

    public convenience init<C: Collection>(_ units: C) where C.Element == UInt16 {
        let capacity = Swift.max(units.count, 1)
        let base = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity)
        var i = 0
        for u in units { base[i] = u; i += 1 }
        self.init(adopting: base, count: units.count, capacity: capacity)
    }

    public convenience init(_ string: String) {
        self.init(Array(string.utf16))
    }

    deinit { base.deallocate() }

    // Inlinable: rules in other modules read text unit by unit, and a call per unit costs
    // more than the read.
    @inlinable @inline(__always)
    public subscript(i: Int) -> UInt16 { base[i] }

    public var buffer: UnsafeBufferPointer<UInt16> { UnsafeBufferPointer(start: base, count: count) }

    /// The text of `range` as a String, a lone surrogate read as U+FFFD as `String(decoding:)`
    /// does. Transcoded here: the standard library's generic path took thousands of
    /// instructions for a short word.
    public func string(_ range: Range<Int>) -> String {
        Self.string(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    static func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
        let n = units.count
        guard n > 0 else { return "" }
        return String(unsafeUninitializedCapacity: n * 3) { out in
            var o = 0
            var i = 0
            @inline(__always) func put(_ b: UInt32) { out[o] = UInt8(truncatingIfNeeded: b); o += 1 }
            while i < n {
                let u = UInt32(units[i])
                i += 1
                if u < 0x80 {
                    put(u)
                } else if u < 0x800 {
                    put(0xC0 | u >> 6); put(0x80 | u & 0x3F)
                } else if u & 0xF800 != 0xD800 {
                    put(0xE0 | u >> 12); put(0x80 | u >> 6 & 0x3F); put(0x80 | u & 0x3F)
                } else if u < 0xDC00, i < n, units[i] & 0xFC00 == 0xDC00 {
                    let c = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                    put(0xF0 | c >> 18); put(0x80 | c >> 12 & 0x3F); put(0x80 | c >> 6 & 0x3F); put(0x80 | c & 0x3F)
                } else {
                    put(0xEF); put(0xBF); put(0xBD)   // a lone surrogate: U+FFFD
                }
            }
            return o
        }
    }

    public var string: String { string(0..<count) }

    /// The scalar that starts at `i` and its length in UTF-16 units; a lone surrogate reads as
    /// itself so that callers always advance.
    @inlinable @inline(__always)
    public func scalar(at i: Int) -> (value: UInt32, length: Int) {
        ScalarReader.scalar(base, at: i, count: count)
    }

    /// The scalar that ends just before `i`.
    @inlinable @inline(__always)
    public func scalar(before i: Int) -> (value: UInt32, length: Int) {
        ScalarReader.scalar(base, before: i)
    }
}
