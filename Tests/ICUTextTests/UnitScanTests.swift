import TestSupport
import Testing
@testable import ICUText

/// The vector scans against the plain loops they replace, on random text built mostly from
/// units they must skip, with the units they look for at every offset of a vector and in the
/// tail past the last full vector.
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
    }

    /// Mostly skippable units, a few sought ones, any length up to five vectors.
    static func randomUnits(_ rng: inout SplitMix64, rare: [UInt16]) -> [UInt16] {
        let count = rng.below(41)
        return (0..<count).map { _ in rng.below(12) == 0 ? rng.pick(rare) : rng.pick(alphabet) }
    }
}
