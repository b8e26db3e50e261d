import ICUText
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

    @Test func unitsThatDifferOnlyInTheirHighBitsStayApart() {
        // Units at the same place in their blocks, changed in the bits a multiplication only
        // carries upwards: the rotation in each step must bring them down.
        var seen: [UInt64: [UInt16]] = [:]
        for a in [UInt16(0x61), 0x1061, 0x8061, 0xE961] {
            for b in [UInt16(0x62), 0x4062, 0x8062, 0xF062] {
                let units: [UInt16] = [0x78, 0x78, 0x78, a, 0x79, 0x79, 0x79, b, 0x7A]
                let h = UnitHash.of(units)
                #expect(seen[h] == nil, "\(units) and \(seen[h] ?? [])")
                seen[h] = units
            }
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
