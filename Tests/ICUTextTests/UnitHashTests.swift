@testable import ICUText
import TestSupport
import Testing

/// `UnitHash` keys every word table (spelling verdicts, names, phrases) with no string kept
/// beside it, so two words that share a hash would share a verdict.
struct UnitHashTests {
    /// Words of 1 to 24 letters, made of few letters so that near spellings abound.
    private func words(_ count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(state: seed)
        let letters = Array("aeinrst'".utf16)
        return (0..<count).map { _ in
            let length = 1 + Int(rng.next() % 24)
            return String(decoding: (0..<length).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }, as: UTF16.self)
        }
    }

    @Test func distinctWordsGetDistinctHashes() {
        let distinct = Set(words(300_000, seed: 0xA11CE))
        let hashes = Set(distinct.map { UnitHash.of($0.utf16) })
        #expect(hashes.count == distinct.count)
        #expect(!hashes.contains(0))
    }

    @Test func aDifferenceInABlocksHighBitsCannotBeCancelledByTheNextBlock() {
        // A multiplication never moves a bit lower: without the rotation, two first blocks
        // that differ only in their last unit's high byte leave states that differ only in
        // their top 16 bits, and a second block that differs by just those bits (its last
        // unit) cancels the difference. Such pairs are made here on purpose.
        var rng = SplitMix64(state: 0x417)
        for _ in 0..<1_000 {
            let first = (0..<4).map { _ in UInt16(truncatingIfNeeded: rng.next()) }
            var other = first
            other[3] ^= UInt16(1 + rng.next() % 255) << 8
            var a = UnitHash.Builder(), b = UnitHash.Builder()
            for u in first { a.add(u) }
            for u in other { b.add(u) }
            let tail = (0..<4).map { _ in UInt16(truncatingIfNeeded: rng.next()) }
            var cancelling = tail
            cancelling[3] ^= UInt16(truncatingIfNeeded: (a.state ^ b.state) >> 48)
            #expect(UnitHash.of(first + tail) != UnitHash.of(other + cancelling))
        }
    }

    @Test func lengthCounts() {
        // The last block is padded with zeros: a trailing NUL must still change the hash.
        #expect(UnitHash.of([0x61, 0x62]) != UnitHash.of([0x61, 0x62, 0]))
        #expect(UnitHash.of([UInt16]()) != UnitHash.of([0]))
        #expect(UnitHash.of([0x61, 0x62, 0x63, 0x64]) != UnitHash.of([0x61, 0x62, 0x63, 0x64, 0]))
    }

    @Test func builderAndLowerCaseAgreeWithTheWhole() {
        for word in words(2_000, seed: 7) + ["", "A", "Blinken", "WASHINGTON", "Straße"] {
            var builder = UnitHash.Builder()
            for u in word.utf16 { builder.add(u) }
            #expect(builder.value == UnitHash.of(word.utf16))
            let units = Array(word.utf16)
            let lowered = units.withUnsafeBufferPointer { UnitHash.ofLowercasedASCII($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count) }
            #expect(lowered == (units.allSatisfy { $0 < 0x80 } ? UnitHash.of(word.lowercased().utf16) : nil))
        }
    }
}
