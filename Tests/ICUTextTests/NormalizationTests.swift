import Foundation
@testable import ICUText
import Testing

// Swift's String == compares by canonical equivalence, so "Cafe\u{301}" == "Café" holds
// whether or not anything was normalized. These tests compare UTF-16 units instead.

private func units(_ n: NFCText) -> [UInt16] { Array(n.text.buffer) }

@Suite("NFC normalization")
struct NormalizationTests {
    @Test func alreadyNFCIsIdentityAndSharesTheBuffer() throws {
        let source = UTF16Buffer("let caf\u{E9} = \"漢字\" // 각 ok")
        let n = try NFCText(normalizing: source)
        #expect(n.isIdentity)
        #expect(n.text === source)
        #expect(n.originalRange(4..<8) == 4..<8)
        #expect(n.originalRange(0..<source.count) == 0..<source.count)
    }

    @Test func textThatIsPlainlyNFCIsWhatICUSaysItIs() throws {
        // Every character the fast check passes, alone and after a letter, against ICU's
        // own verdict (Foundation's canonical composition).
        let plain = (0..<0x300).map { UInt16($0) } + [0x200B] + (0x2010...0x2027).map { UInt16($0) } + [0x20AC]
        for u in plain where !(0xD800...0xDFFF).contains(u) {
            let text: [UInt16] = [0x61, u, 0x62]
            let s = String(decoding: text, as: UTF16.self)
            #expect(Array(s.precomposedStringWithCanonicalMapping.utf16) == text, "U+\(String(u, radix: 16))")
            let n = try NFCText(normalizing: UTF16Buffer(text))
            #expect(n.isIdentity && units(n) == text)
        }
        // A combining mark, or any other character, is left to ICU.
        for text in ["e\u{301}", "\u{1100}\u{1161}", "a\u{2028}b", "\u{0344}"] {
            let buffer = UTF16Buffer(text)
            #expect(!NFCText.isPlainlyNFC(buffer.base, buffer.count))
        }
    }

    @Test func emptyTextIsIdentity() throws {
        let n = try NFCText(normalizing: UTF16Buffer(""))
        #expect(n.isIdentity)
        #expect(n.text.count == 0)
    }

    @Test func decomposedAccentComposes() throws {
        // C a f e U+0301 ! -> C a f é !
        let n = try NFCText(normalizing: UTF16Buffer("Cafe\u{301}!"))
        #expect(!n.isIdentity)
        #expect(units(n) == [0x43, 0x61, 0x66, 0xE9, 0x21])
        #expect(n.originalRange(3..<4) == 3..<5)  // é came from e + U+0301
        #expect(n.originalRange(4..<5) == 5..<6)  // ! shifted by one
        #expect(n.originalRange(0..<3) == 0..<3)  // before the change: unshifted
        #expect(n.originalRange(2..<4) == 2..<5)
        #expect(n.originalRange(0..<5) == 0..<6)
    }

    @Test func emptyRangesMapToAPoint() throws {
        let n = try NFCText(normalizing: UTF16Buffer("Cafe\u{301}!"))
        #expect(n.originalRange(3..<3) == 3..<3)
        #expect(n.originalRange(4..<4) == 5..<5)
        #expect(n.originalRange(5..<5) == 6..<6)
    }

    @Test func adjacentSegments() throws {
        // Two changed segments with nothing unchanged between them.
        let n = try NFCText(normalizing: UTF16Buffer("e\u{301}e\u{300}x"))
        #expect(units(n) == [0xE9, 0xE8, 0x78])
        #expect(n.originalRange(0..<1) == 0..<2)
        #expect(n.originalRange(1..<2) == 2..<4)
        #expect(n.originalRange(0..<2) == 0..<4)
        #expect(n.originalRange(2..<3) == 4..<5)
    }

    @Test func nfcTextWithAMarkThatCannotComposeKeepsItsUnits() throws {
        // x + U+0301 is already NFC, but the mark fails the quick check ("maybe"), so this
        // text goes through the slow path. Its content and the offsets around it must not move.
        let n = try NFCText(normalizing: UTF16Buffer("x\u{301}y"))
        #expect(units(n) == [0x78, 0x301, 0x79])
        #expect(n.originalRange(0..<2) == 0..<2)
        #expect(n.originalRange(2..<3) == 2..<3)
    }

    @Test func hangulJamoCompose() throws {
        // L V T jamo -> the syllable U+AC01 (각).
        let n = try NFCText(normalizing: UTF16Buffer("\u{1100}\u{1161}\u{11A8}"))
        #expect(units(n) == [0xAC01])
        #expect(n.originalRange(0..<1) == 0..<3)
    }

    @Test func hangulJamoBetweenOtherText() throws {
        let n = try NFCText(normalizing: UTF16Buffer("x\u{1100}\u{1161}\u{11A8}y"))
        #expect(units(n) == [0x78, 0xAC01, 0x79])
        #expect(n.originalRange(0..<1) == 0..<1)
        #expect(n.originalRange(1..<2) == 1..<4)
        #expect(n.originalRange(2..<3) == 4..<5)
    }

    @Test func hangulLVSyllablePlusTrailingJamo() throws {
        let n = try NFCText(normalizing: UTF16Buffer("\u{AC00}\u{11A8}"))
        #expect(units(n) == [0xAC01])
        #expect(n.originalRange(0..<1) == 0..<2)
    }

    @Test func precomposedHangulIsIdentity() throws {
        let source = UTF16Buffer("\u{AC01}\u{D55C}\u{AE00}")
        let n = try NFCText(normalizing: source)
        #expect(n.isIdentity)
        #expect(n.text === source)
    }

    @Test func strayCombiningMarkAfterPlainLetter() throws {
        // M a c r o U+0301 n -> M a c r ó n
        let n = try NFCText(normalizing: UTF16Buffer("Macro\u{301}n"))
        #expect(units(n) == [0x4D, 0x61, 0x63, 0x72, 0xF3, 0x6E])
        #expect(n.originalRange(4..<5) == 4..<6)
        #expect(n.originalRange(5..<6) == 6..<7)
        #expect(n.originalRange(0..<4) == 0..<4)
    }

    @Test func marksOutOfCanonicalOrderCompose() throws {
        // a U+0302 U+0323 reorders to a U+0323 U+0302, which composes fully to U+1EAD.
        let n = try NFCText(normalizing: UTF16Buffer("a\u{302}\u{323}."))
        #expect(units(n) == [0x1EAD, 0x2E])
        #expect(n.originalRange(0..<1) == 0..<3)
        #expect(n.originalRange(1..<2) == 3..<4)
    }

    @Test func singletonDecomposition() throws {
        // U+212B ANGSTROM SIGN is never NFC: it becomes U+00C5, one unit for one unit.
        let n = try NFCText(normalizing: UTF16Buffer("1\u{212B}2"))
        #expect(!n.isIdentity)
        #expect(units(n) == [0x31, 0xC5, 0x32])
        #expect(n.originalRange(1..<2) == 1..<2)
        #expect(n.originalRange(2..<3) == 2..<3)
    }

    @Test func expansionNeverSplitsTheSegment() throws {
        // U+FB2C is a composition exclusion: NFC leaves it as three units (U+05E9 U+05BC
        // U+05C1). Any part of those three maps back to the one original unit.
        let n = try NFCText(normalizing: UTF16Buffer("\u{FB2C}z"))
        #expect(units(n) == [0x05E9, 0x05BC, 0x05C1, 0x7A])
        #expect(n.originalRange(0..<3) == 0..<1)
        #expect(n.originalRange(1..<2) == 0..<1)
        #expect(n.originalRange(2..<4) == 0..<2)
        #expect(n.originalRange(3..<4) == 1..<2)
    }

    @Test func severalSegmentsFarApart() throws {
        // Original: e U+0301 | 100 x | a U+0308 | 100 y | o U+0302 | z   (207 units)
        // NFC:      é        | 100 x | ä        | 100 y | ô        | z   (204 units)
        let x = String(repeating: "x", count: 100), y = String(repeating: "y", count: 100)
        let n = try NFCText(normalizing: UTF16Buffer("e\u{301}" + x + "a\u{308}" + y + "o\u{302}z"))
        #expect(n.text.count == 204)
        #expect(n.text[0] == 0xE9 && n.text[101] == 0xE4 && n.text[202] == 0xF4 && n.text[203] == 0x7A)
        #expect(n.originalRange(0..<1) == 0..<2)
        #expect(n.originalRange(1..<101) == 2..<102)
        #expect(n.originalRange(50..<51) == 51..<52)
        #expect(n.originalRange(101..<102) == 102..<104)
        #expect(n.originalRange(100..<102) == 101..<104)
        #expect(n.originalRange(150..<160) == 152..<162)
        #expect(n.originalRange(202..<203) == 204..<206)
        #expect(n.originalRange(203..<204) == 206..<207)
        #expect(n.originalRange(0..<204) == 0..<207)
        #expect(n.originalRange(204..<204) == 207..<207)
    }

    @Test func crlfAndEmojiZWJSequencesAreUntouched() throws {
        let source = UTF16Buffer("a\r\nb 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽\r\n")
        let n = try NFCText(normalizing: source)
        #expect(n.isIdentity)
        #expect(n.text === source)
    }

    @Test func changedSegmentNextToEmojiKeepsTheEmoji() throws {
        let source = "👩‍💻e\u{301}👍🏽"
        let n = try NFCText(normalizing: UTF16Buffer(source))
        #expect(units(n) == Array("👩‍💻\u{E9}👍🏽".utf16))
        #expect(n.originalRange(0..<5) == 0..<5)
        #expect(n.originalRange(5..<6) == 5..<7)
        #expect(n.originalRange(6..<10) == 7..<11)
    }
}
