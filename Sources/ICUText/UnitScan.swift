import CUnitScan

/// Finds the next UTF-16 unit of interest eight units at a time. Most checks care about a
/// few characters that are rare in prose (quotation marks, sentence ends, anything beyond
/// ASCII), and one vector compare beats a branch per unit.
public enum UnitScan {
    /// The first index in `range` whose unit is one of `a`…`f` (repeat one to look for
    /// fewer), or `range.upperBound`.
    @inlinable
    public static func first(in base: UnsafePointer<UInt16>, _ range: Range<Int>,
                             _ a: UInt16, _ b: UInt16, _ c: UInt16, _ d: UInt16, _ e: UInt16, _ f: UInt16) -> Int {
        mt_first_of6(base, range.lowerBound, range.upperBound, a, b, c, d, e, f)
    }

    /// The first index in `range` whose unit is outside `allowed`, or `range.upperBound`.
    @inlinable
    public static func first(in base: UnsafePointer<UInt16>, _ range: Range<Int>, outside allowed: ClosedRange<UInt16>) -> Int {
        mt_first_outside(base, range.lowerBound, range.upperBound, allowed.lowerBound, allowed.upperBound)
    }

    /// The indices of the units outside printable ASCII (0x20...0x7E), in order: one scan
    /// that several passes over a text can share (see `UnusualCursor`). nil when there are
    /// more than `limit`, for a text mostly outside ASCII, where each pass had best scan.
    public static func unusual(in buffer: UTF16Buffer, limit: Int) -> [Int32]? {
        guard buffer.count < Int(Int32.max) else { return nil }
        var out: [Int32] = []
        var i = 0
        while true {
            i = first(in: buffer.base, i..<buffer.count, outside: 0x20...0x7E)
            guard i < buffer.count else { return out }
            guard out.count < limit else { return nil }
            out.append(Int32(i))
            i += 1
        }
    }
}

/// Walks forward through a text's `UnitScan.unusual` indices, standing in for
/// `UnitScan.first(in:_:outside:)` in a pass whose allowed units include printable ASCII;
/// without the indices it scans.
public struct UnusualCursor {
    private let positions: [Int32]?
    private let buffer: UTF16Buffer
    private var k = 0

    public init(_ positions: [Int32]?, in buffer: UTF16Buffer) {
        self.positions = positions
        self.buffer = buffer
    }

    /// The first index at or after `i` whose unit is outside `allowed` (which must hold
    /// 0x20...0x7E), or the text's end. `i` must not go back from one call to the next, and
    /// one cursor serves one kind of call.
    public mutating func next(from i: Int, outside allowed: ClosedRange<UInt16>) -> Int {
        seek(from: i) { !allowed.contains($0) } ?? UnitScan.first(in: buffer.base, i..<buffer.count, outside: allowed)
    }

    /// The first line feed or carriage return at or after `i`, or the text's end. `i` must
    /// not go back from one call to the next, and one cursor serves one kind of call.
    public mutating func nextLineBreak(from i: Int) -> Int {
        seek(from: i) { $0 == 0x0A || $0 == 0x0D } ?? UnitScan.first(in: buffer.base, i..<buffer.count, 0x0A, 0x0D, 0x0A, 0x0D, 0x0A, 0x0D)
    }

    /// The first listed index at or after `i` whose unit is `wanted` (the text's end when
    /// none is), passing over the entries before it for good; nil without a list.
    @inline(__always)
    private mutating func seek(from i: Int, _ wanted: (UInt16) -> Bool) -> Int? {
        guard let positions else { return nil }
        let base = buffer.base
        while k < positions.count {
            let p = Int(positions[k])
            if p >= i && wanted(base[p]) { return p }
            k += 1
        }
        return buffer.count
    }
}
