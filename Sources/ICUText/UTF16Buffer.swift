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

    public func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF16.self)
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
