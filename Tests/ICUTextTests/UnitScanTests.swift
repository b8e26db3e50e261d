import CUnitScan
import TestSupport
import Testing
@testable import ICUText

/// The vector scans against the plain loops they replace, on random text built mostly from
/// units they must skip, with the units they look for at every offset of a vector and in the
/// tail past the last full vector. The scans read sixteen units at a time where the processor
/// has AVX2 and eight otherwise; the narrow ones are held to the loops too, whatever this
/// machine has.
struct UnitScanTests {
    static let sought: [UInt16] = [0x22, 0x21, 0x2E, 0x3F, 0x201C, 0x201D]
    static let alphabet: [UInt16] = [0x61, 0x20, 0x41, 0x2C, 0x0A, 0x7E, 0x7F, 0x1F, 0x80, 0xE9, 0x2019, 0xFFFF, 0x00, 0xD83D, 0xDE00]

    @Test func firstOfSixFindsWhatALoopFinds() {
        var rng = SplitMix64(state: 11)
        for _ in 0..<5_000 {
            let units = Self.randomUnits(&rng, rare: Self.sought)
            units.withUnsafeBufferPointer { p in
                let from = rng.below(units.count + 1)
                let to = from + rng.below(units.count - from + 1)
                let expected = (from..<to).first { Self.sought.contains(p[$0]) } ?? to
                let found = UnitScan.first(in: p.baseAddress!, from..<to, 0x22, 0x21, 0x2E, 0x3F, 0x201C, 0x201D)
                #expect(found == expected, "units \(units), range \(from)..<\(to)")
                let narrow = mt_first_of6_narrow(p.baseAddress!, from, to, 0x22, 0x21, 0x2E, 0x3F, 0x201C, 0x201D)
                #expect(narrow == expected, "units \(units), range \(from)..<\(to), eight at a time")
            }
        }
    }

    @Test func firstOutsideFindsWhatALoopFinds() {
        var rng = SplitMix64(state: 12)
        for _ in 0..<5_000 {
            let units = Self.randomUnits(&rng, rare: [0x7F, 0x1F, 0x80, 0xFFFF, 0x00, 0x19, 0x2019])
            let allowed: ClosedRange<UInt16> = rng.below(2) == 0 ? 0x20...0x7E : 0...0x7F
            units.withUnsafeBufferPointer { p in
                let from = rng.below(units.count + 1)
                let to = from + rng.below(units.count - from + 1)
                let expected = (from..<to).first { !allowed.contains(p[$0]) } ?? to
                #expect(UnitScan.first(in: p.baseAddress!, from..<to, outside: allowed) == expected)
                #expect(mt_first_outside_narrow(p.baseAddress!, from, to, allowed.lowerBound, allowed.upperBound) == expected)
            }
        }
    }

    /// A cursor over the shared list steps through the same indices as scanning would, with
    /// the list and without it (a text over the limit), whichever allowed range each step asks.
    @Test func unusualCursorStepsAsTheScanWould() {
        var rng = SplitMix64(state: 13)
        for _ in 0..<3_000 {
            let units = Self.randomUnits(&rng, rare: [0x7F, 0x1F, 0x80, 0xFFFF, 0x0A, 0x09, 0x2019, 0xD83D, 0xDE00])
            let buffer = UTF16Buffer(units)
            let list = UnitScan.unusual(in: buffer, limit: rng.below(2) == 0 ? 1_000 : rng.below(4))
            if let list {
                #expect(list.map(Int.init) == units.indices.filter { !(0x20...0x7E).contains(units[$0]) })
            }
            var cursor = UnusualCursor(list, in: buffer)
            var i = 0
            while i < units.count {
                let allowed: ClosedRange<UInt16> = rng.below(2) == 0 ? 0x20...0x7E : 0...0x7F
                let expected = (i..<units.count).first { !allowed.contains(units[$0]) } ?? units.count
                let found = cursor.next(from: i, outside: allowed)
                #expect(found == expected, "units \(units), from \(i), allowed \(allowed)")
                i = Swift.max(found, i) + 1 + rng.below(3)
            }
        }
    }

    @Test func emptyRangesAndRangesOfOneVectorExactly() {
        let units: [UInt16] = Array(repeating: 0x61, count: 8) + [0x22] + Array(repeating: 0x61, count: 7)
        units.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            #expect(UnitScan.first(in: base, 3..<3, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22) == 3)
            #expect(UnitScan.first(in: base, 0..<8, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22) == 8)
            #expect(UnitScan.first(in: base, 0..<16, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22) == 8)
            #expect(UnitScan.first(in: base, 9..<16, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22) == 16)
            #expect(UnitScan.first(in: base, 0..<16, outside: 0x61...0x61) == 8)
        }
        // A hit in the last unit of one wide vector, in the first of the next, and none.
        for at in [15, 16, 31, 32, 47] {
            var units = [UInt16](repeating: 0x61, count: 48)
            units[at] = 0x22
            units.withUnsafeBufferPointer { p in
                #expect(UnitScan.first(in: p.baseAddress!, 0..<48, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22) == at)
                #expect(UnitScan.first(in: p.baseAddress!, 0..<48, outside: 0x61...0x61) == at)
                #expect(UnitScan.first(in: p.baseAddress!, (at + 1)..<48, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22) == 48)
            }
        }
    }

    /// The prefilter's scan against the rule it implements, unit by unit: an ASCII unit
    /// whose follower set admits the next unit (or the end, as a non-ASCII one) and the one
    /// before (or the start), or any non-ASCII unit when asked to stop there. `never` and the space's one follower are
    /// worked out from the followers, as `PrefilterSet` works them out, since the scan may
    /// pass over such units unseen.
    @Test func prefilterScanFindsWhatALoopFinds() {
        var rng = SplitMix64(state: 14)
        // Beyond ASCII, units whose low byte is an ASCII anchor ("Ł" is 0x141, "A" 0x41).
        let pool: [UInt16] = [0x61, 0x62, 0x20, 0x41, 0x42, 0x30, 0x31, 0x2E, 0x2C, 0x0A, 0x22, 0x3D, 0x7F, 0xE9, 0x141, 0x2019, 0xD83D]
        for _ in 0..<4_000 {
            var followers = [mt_follower](repeating: mt_follower(), count: 128)
            for _ in 0..<rng.below(4) {
                let u = Int(rng.pick(pool.filter { $0 < 128 }))
                let next = rng.pick(pool)
                if next >= 128 { followers[u].other = 1 } else if next < 64 { followers[u].low |= 1 << UInt64(next) } else { followers[u].high |= 1 << UInt64(next - 64) }
                // What may stand before: anything (a factor that starts at its anchor), or a unit.
                if rng.below(3) == 0 {
                    (followers[u].before_low, followers[u].before_high, followers[u].before_other) = (~0, ~0, 1)
                } else {
                    let before = rng.pick(pool)
                    if before >= 128 { followers[u].before_other = 1 } else if before < 64 { followers[u].before_low |= 1 << UInt64(before) } else { followers[u].before_high |= 1 << UInt64(before - 64) }
                }
            }
            let never = ScanTables.neverAnchors(followers)
            let space = followers[0x20]
            var spaceBefore: UInt16 = 0
            if space.other == 0, space.high == 0, space.low.nonzeroBitCount == 1 { spaceBefore = UInt16(space.low.trailingZeroBitCount) }
            let stop: Int32 = rng.below(2) == 0 ? 1 : 0
            let units = (0..<rng.below(80)).map { _ in rng.pick(pool) }
            units.withUnsafeBufferPointer { p in
                let from = rng.below(units.count + 1)
                let to = from + rng.below(units.count - from + 1)
                let expected = (from..<to).first { i in
                    let u = p[i]
                    guard u < 128 else { return stop != 0 }
                    let next = i + 1 < to ? p[i + 1] : 0xFFFF
                    let f = followers[Int(u)]
                    let after = next >= 128 ? f.other != 0 : (next < 64 ? f.low >> UInt64(next) : f.high >> UInt64(next - 64)) & 1 != 0
                    // The unit before is read whatever `from`: it is the text's.
                    let previous = i > 0 ? p[i - 1] : 0xFFFF
                    let before = previous >= 128 ? f.before_other != 0
                        : (previous < 64 ? f.before_low >> UInt64(previous) : f.before_high >> UInt64(previous - 64)) & 1 != 0
                    return after && before
                } ?? to
                followers.withUnsafeBufferPointer { f in
                    var rows = [UInt8](repeating: 0, count: 16)
                    mt_prefilter_rows(f.baseAddress!, spaceBefore, &rows)
                    let wide = mt_prefilter_next(p.baseAddress!, from, to, f.baseAddress!, stop, never, spaceBefore, rows)
                    let narrow = mt_prefilter_next(p.baseAddress!, from, to, f.baseAddress!, stop, never, spaceBefore, nil)
                    #expect(wide == expected, "units \(units), range \(from)..<\(to), never \(never), space before \(spaceBefore)")
                    #expect(narrow == expected, "units \(units), range \(from)..<\(to), never \(never), space before \(spaceBefore), eight at a time")
                }
            }
        }
    }

    /// Mostly skippable units, a few sought ones, any length up to five wide vectors.
    static func randomUnits(_ rng: inout SplitMix64, rare: [UInt16]) -> [UInt16] {
        let count = rng.below(81)
        return (0..<count).map { _ in rng.below(12) == 0 ? rng.pick(rare) : rng.pick(alphabet) }
    }
}
