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
}
