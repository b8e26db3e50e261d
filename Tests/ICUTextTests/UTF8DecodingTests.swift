import ICUText
import TestSupport
import Testing

/// The decoded UTF-16 units.
private func units(_ d: DecodedText) -> [UInt16] { Array(d.text.buffer) }

/// `byteOffset(ofUTF16:)` for every index 0...count, end included.
private func offsets(_ d: DecodedText) -> [Int] { (0...d.text.count).map { d.byteOffset(ofUTF16: $0) } }

/// The invalid sequences as (utf16Index, byteOffset, byteLength) triples.
private func invalid(_ d: DecodedText) -> [[Int]] { d.invalid.map { [$0.utf16Index, $0.byteOffset, $0.byteLength] } }

/// Offsets derived only from Swift's own scalar views, for well-formed text. Inside a surrogate
/// pair the decoder counts all four bytes at the high unit, so the low unit's offset is that
/// of the byte after the scalar.
private func referenceOffsets(_ s: String) -> [Int] {
    var result: [Int] = []
    var byte = 0
    for scalar in s.unicodeScalars {
        result.append(byte)
        byte += scalar.utf8.count
        if scalar.utf16.count == 2 { result.append(byte) }
    }
    result.append(byte)
    return result
}

@Suite("UTF-8 decoding: well-formed input")
struct UTF8WellFormedTests {
    @Test func asciiMapsOneByteToOneUnit() {
        let d = DecodedText(Array("let x = 1\n".utf8))
        #expect(units(d) == Array("let x = 1\n".utf16))
        #expect(d.byteCount == 10)
        #expect(offsets(d) == Array(0...10))
        #expect(d.invalid.isEmpty)
    }

    @Test func emptyInput() {
        let d = DecodedText([])
        #expect(d.text.count == 0)
        #expect(d.byteCount == 0)
        #expect(d.byteOffset(ofUTF16: 0) == 0)
    }

    @Test func twoByteSequence() {
        let d = DecodedText([0xC3, 0xA9])  // é
        #expect(units(d) == [0x00E9])
        #expect(offsets(d) == [0, 2])
    }

    @Test func threeByteSequence() {
        let d = DecodedText([0xE6, 0xBC, 0xA2])  // 漢
        #expect(units(d) == [0x6F22])
        #expect(offsets(d) == [0, 3])
    }

    @Test func fourByteSequenceBecomesSurrogatePair() {
        let d = DecodedText([0xF0, 0x9F, 0x98, 0x80])  // 😀
        #expect(units(d) == [0xD83D, 0xDE00])
        // The low surrogate is mid-scalar: it reports the end of the scalar's bytes.
        #expect(offsets(d) == [0, 4, 4])
    }

    @Test func mixedStringOffsetsAtEveryIndex() {
        let s = "a\u{E9}漢😀z"
        let d = DecodedText(Array(s.utf8))
        #expect(units(d) == Array(s.utf16))
        // a=0, é=1..2, 漢=3..5, 😀=6..9, z=10, end=11
        #expect(offsets(d) == [0, 1, 3, 6, 10, 10, 11])
        #expect(offsets(d) == referenceOffsets(s))
    }

    @Test func longASCIIRunsAcrossCheckpointsKeepEveryOffset() {
        // ASCII runs of every length around the 16-byte vectors and the 64-unit checkpoints,
        // broken by scalars of two, three and four bytes.
        var rng = SplitMix64(state: 99)
        let breaks: [String] = ["\u{E9}", "\u{201C}", "\u{1F600}", "\u{6F22}"]
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<rng.below(8) + 1 {
                s += String(repeating: "a", count: rng.below(150))
                s += rng.pick(breaks)
            }
            let d = DecodedText(Array(s.utf8))
            #expect(units(d) == Array(s.utf16))
            #expect(offsets(d) == referenceOffsets(s))
        }
    }

    @Test func offsetsAtScalarBoundariesAgreeWithSwiftViews() {
        let s = "π≈3.14 — “ok” 𝄞 done 🇰🇷 👩‍💻"
        let d = DecodedText(Array(s.utf8))
        #expect(units(d) == Array(s.utf16))
        for index in s.unicodeScalars.indices {
            let u16 = s.utf16.distance(from: s.utf16.startIndex, to: index)
            let u8 = s.utf8.distance(from: s.utf8.startIndex, to: index)
            #expect(d.byteOffset(ofUTF16: u16) == u8, "UTF-16 index \(u16)")
        }
        #expect(d.byteOffset(ofUTF16: d.text.count) == s.utf8.count)
    }

    @Test func byteOrderMarkIsKeptAndCounted() {
        let d = DecodedText([0xEF, 0xBB, 0xBF, 0x61, 0xC3, 0xA9])  // BOM a é
        #expect(units(d) == [0xFEFF, 0x61, 0xE9])
        #expect(offsets(d) == [0, 3, 4, 6])
        #expect(d.invalid.isEmpty)
    }

    @Test func encodedReplacementCharacterIsNotInvalid() {
        // A U+FFFD that was really in the file spans its three bytes, not an invalid length.
        let d = DecodedText([0xEF, 0xBF, 0xBD, 0xFF, 0xEF, 0xBF, 0xBD])
        #expect(units(d) == [0xFFFD, 0xFFFD, 0xFFFD])
        #expect(invalid(d) == [[1, 3, 1]])
        #expect(offsets(d) == [0, 3, 4, 7])
    }
}

@Suite("UTF-8 decoding: ill-formed input, one U+FFFD per maximal subpart")
struct UTF8IllFormedTests {
    /// Swift's own decoder also follows the maximal-subpart practice, so it is a second opinion.
    private func expectSameUnitsAsSwift(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let d = DecodedText(bytes)
        #expect(units(d) == Array(String(decoding: bytes, as: UTF8.self).utf16), sourceLocation: sourceLocation)
    }

    @Test func loneFF() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62]
        let d = DecodedText(bytes)
        #expect(units(d) == [0x61, 0xFFFD, 0x62])
        #expect(invalid(d) == [[1, 1, 1]])
        #expect(offsets(d) == [0, 1, 2, 3])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func truncatedThreeByteSequenceIsOneReplacement() {
        // E2 82 is the start of U+20AC cut short: one maximal subpart of two bytes.
        let bytes: [UInt8] = [0xE2, 0x82, 0x41]
        let d = DecodedText(bytes)
        #expect(units(d) == [0xFFFD, 0x41])
        #expect(invalid(d) == [[0, 0, 2]])
        #expect(offsets(d) == [0, 2, 3])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func truncatedSequenceAtEndOfInput() {
        let bytes: [UInt8] = [0x61, 0xF0, 0x9F, 0x98]
        let d = DecodedText(bytes)
        #expect(units(d) == [0x61, 0xFFFD])
        #expect(invalid(d) == [[1, 1, 3]])
        #expect(offsets(d) == [0, 1, 4])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func overlongTwoByteIsTwoReplacements() {
        // C0 can never start a sequence, and AF alone is a stray continuation byte.
        let bytes: [UInt8] = [0xC0, 0xAF]
        let d = DecodedText(bytes)
        #expect(units(d) == [0xFFFD, 0xFFFD])
        #expect(invalid(d) == [[0, 0, 1], [1, 1, 1]])
        #expect(offsets(d) == [0, 1, 2])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func overlongThreeByteIsThreeReplacements() {
        let bytes: [UInt8] = [0xE0, 0x80, 0x80]
        let d = DecodedText(bytes)
        #expect(units(d) == [0xFFFD, 0xFFFD, 0xFFFD])
        #expect(invalid(d) == [[0, 0, 1], [1, 1, 1], [2, 2, 1]])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func encodedSurrogateIsThreeReplacements() {
        // ED A0 80 would be U+D800; after ED only 80...9F may follow, so per Unicode's
        // recommended practice (Table 3-8) each of the three bytes is its own subpart.
        let bytes: [UInt8] = [0xED, 0xA0, 0x80]
        let d = DecodedText(bytes)
        #expect(units(d) == [0xFFFD, 0xFFFD, 0xFFFD])
        #expect(invalid(d) == [[0, 0, 1], [1, 1, 1], [2, 2, 1]])
        #expect(offsets(d) == [0, 1, 2, 3])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func aboveMaxScalarIsFourReplacements() {
        let bytes: [UInt8] = [0xF4, 0x90, 0x80, 0x80]  // would be U+110000
        let d = DecodedText(bytes)
        #expect(units(d) == [0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD])
        #expect(invalid(d).map { $0[2] } == [1, 1, 1, 1])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func unicodeTable3_8Example() {
        // The standard's own example: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 decodes as
        // a FFFD FFFD FFFD b FFFD c FFFD FFFD d.
        let bytes: [UInt8] = [0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64]
        let d = DecodedText(bytes)
        #expect(units(d) == [0x61, 0xFFFD, 0xFFFD, 0xFFFD, 0x62, 0xFFFD, 0x63, 0xFFFD, 0xFFFD, 0x64])
        #expect(invalid(d) == [[1, 1, 3], [2, 4, 2], [3, 6, 1], [5, 8, 1], [7, 10, 1], [8, 11, 1]])
        #expect(offsets(d) == [0, 1, 4, 6, 7, 8, 9, 10, 11, 12, 13])
        expectSameUnitsAsSwift(bytes)
    }

    @Test func offsetsAfterInvalidBytesStayRight() {
        // x | E2 82 | é | FF | 😀 | y
        let bytes: [UInt8] = [0x78, 0xE2, 0x82, 0xC3, 0xA9, 0xFF, 0xF0, 0x9F, 0x98, 0x80, 0x79]
        let d = DecodedText(bytes)
        #expect(units(d) == [0x78, 0xFFFD, 0xE9, 0xFFFD, 0xD83D, 0xDE00, 0x79])
        #expect(invalid(d) == [[1, 1, 2], [3, 5, 1]])
        #expect(offsets(d) == [0, 1, 3, 5, 6, 10, 10, 11])
        expectSameUnitsAsSwift(bytes)
    }
}

@Suite("UTF-8 decoding: offsets across checkpoints (every 64 UTF-16 units)")
struct UTF8CheckpointTests {
    @Test func longNonASCIIText() {
        let s = String(repeating: "a\u{E9}漢", count: 60) + "end"
        let d = DecodedText(Array(s.utf8))
        #expect(d.text.count == 183)
        #expect(offsets(d) == referenceOffsets(s))
        // Index 64 is the 21st "aé漢" group's é (64 = 3*21 + 1): 21 groups of 6 bytes, then a.
        #expect(d.byteOffset(ofUTF16: 64) == 127)
    }

    @Test func surrogatePairStraddlingIndex63And64() {
        // 63 é's fill units 0..<63 (126 bytes); 😀 takes units 63 (high) and 64 (low).
        let s = String(repeating: "\u{E9}", count: 63) + "😀z"
        let d = DecodedText(Array(s.utf8))
        #expect(d.text[63] == 0xD83D && d.text[64] == 0xDE00)
        #expect(d.byteOffset(ofUTF16: 62) == 124)
        #expect(d.byteOffset(ofUTF16: 63) == 126)
        #expect(d.byteOffset(ofUTF16: 64) == 130)
        #expect(d.byteOffset(ofUTF16: 65) == 130)
        #expect(d.byteOffset(ofUTF16: 66) == 131)
        #expect(offsets(d) == referenceOffsets(s))
    }

    @Test func surrogatePairEndingJustBeforeIndex64() {
        let s = String(repeating: "\u{E9}", count: 62) + "😀" + "漢漢"
        let d = DecodedText(Array(s.utf8))
        #expect(d.text[62] == 0xD83D && d.text[63] == 0xDE00)
        #expect(d.byteOffset(ofUTF16: 64) == 128)
        #expect(d.byteOffset(ofUTF16: 65) == 131)
        #expect(d.byteOffset(ofUTF16: 66) == 134)
        #expect(offsets(d) == referenceOffsets(s))
    }

    @Test func textEndingExactlyOnACheckpoint() {
        let s = String(repeating: "\u{E9}", count: 62) + "😀"  // 64 units
        let d = DecodedText(Array(s.utf8))
        #expect(d.text.count == 64)
        #expect(d.byteOffset(ofUTF16: 64) == 128)
        #expect(offsets(d) == referenceOffsets(s))
    }

    @Test func invalidBytesAroundACheckpoint() {
        // 63 ASCII units, then an invalid 2-byte subpart at unit 63 and a lone FF at unit 64.
        let bytes = Array(repeating: UInt8(0x61), count: 63) + [0xE2, 0x82, 0xFF, 0xC3, 0xA9]
        let d = DecodedText(bytes)
        #expect(invalid(d) == [[63, 63, 2], [64, 65, 1]])
        #expect(d.byteOffset(ofUTF16: 63) == 63)
        #expect(d.byteOffset(ofUTF16: 64) == 65)
        #expect(d.byteOffset(ofUTF16: 65) == 66)
        #expect(d.byteOffset(ofUTF16: 66) == 68)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func randomMixedDocuments(seed: UInt64) {
        // Each piece: its bytes and the byte length the decoder attributes to each unit it
        // yields. Every piece starts with a byte that cannot continue the one before it, so
        // pieces decode independently and the expected offsets are plain prefix sums.
        let pieces: [(bytes: [UInt8], perUnit: [Int])] = [
            ([0x61], [1]),
            ([0x0A], [1]),
            ([0xC3, 0xA9], [2]),
            ([0xE6, 0xBC, 0xA2], [3]),
            ([0xF0, 0x9F, 0x98, 0x80], [4, 0]),
            ([0xEF, 0xBF, 0xBD], [3]),
            ([0xFF], [1]),
            ([0xE2, 0x82], [2]),
            ([0xF0, 0x9F, 0x98], [3]),
            ([0xC0, 0xAF], [1, 1]),
            ([0xED, 0xA0, 0x80], [1, 1, 1]),
        ]
        var rng = SplitMix64(state: seed)
        for _ in 0..<40 {
            var bytes: [UInt8] = []
            var expected = [0]
            for _ in 0..<Int.random(in: 0...160, using: &rng) {
                let piece = pieces.randomElement(using: &rng)!
                bytes += piece.bytes
                for n in piece.perUnit { expected.append(expected.last! + n) }
            }
            let d = DecodedText(bytes)
            #expect(units(d) == Array(String(decoding: bytes, as: UTF8.self).utf16))
            #expect(offsets(d) == expected)
            #expect(d.invalid.allSatisfy { d.text[$0.utf16Index] == 0xFFFD && expected[$0.utf16Index] == $0.byteOffset })
        }
    }
}

@Suite("UTF16Buffer scalar access")
struct UTF16BufferTests {
    @Test func scalarAtAndBefore() {
        let b = UTF16Buffer("a😀b")
        #expect(b.count == 4)
        #expect(b.scalar(at: 0) == (0x61, 1))
        #expect(b.scalar(at: 1) == (0x1F600, 2))
        #expect(b.scalar(before: 3) == (0x1F600, 2))
        #expect(b.scalar(before: 4) == (0x62, 1))
        #expect(b.string(1..<3) == "😀")
        #expect(b.string == "a😀b")
    }

    @Test func loneSurrogatesReadAsThemselves() {
        let b = UTF16Buffer([0xD83D, 0x61, 0xDE00] as [UInt16])
        #expect(b.scalar(at: 0) == (0xD83D, 1))
        #expect(b.scalar(before: 3) == (0xDE00, 1))
    }

    @Test func emptyBuffer() {
        let b = UTF16Buffer("")
        #expect(b.count == 0)
        #expect(b.string == "")
    }
}

@Suite("UTF-16 to String")
struct UTF16StringTests {
    @Test func transcodesLikeTheStandardLibraryWithLoneSurrogatesRepaired() {
        var rng = SplitMix64(state: 404)
        let alphabet: [UInt16] = [0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x2019, 0xFFFD, 0xFFFF, 0xD83D, 0xDE00, 0xDBFF, 0xDFFF, 0xD800, 0xDC00, 0x00]
        for _ in 0..<20_000 {
            let units = (0..<rng.below(12)).map { _ in rng.pick(alphabet) }
            let buffer = UTF16Buffer(units)
            let expected = String(decoding: units, as: UTF16.self)
            #expect(Array(buffer.string(0..<units.count).utf8) == Array(expected.utf8), "\(units)")
        }
        let text = UTF16Buffer("Erdoğan’s 👩‍💻 \u{10FFFF}")
        #expect(text.string(0..<text.count) == "Erdoğan’s 👩‍💻 \u{10FFFF}")
    }
}
