import ICUText
import Testing

// A BreakIterator holds its text; the tests' `withExtendedLifetime` calls are from when it did
// not, and are harmless.

/// All boundaries from first() to the end.
private func boundaries(_ it: BreakIterator) -> [Int] {
    var result = [it.first()]
    while let b = it.next() { result.append(b) }
    return result
}

private func boundaries(_ unit: BreakIterator.Unit, _ s: String) throws -> [Int] {
    let text = UTF16Buffer(s)
    let it = try BreakIterator(unit)
    return withExtendedLifetime(text) {
        it.setText(text)
        return boundaries(it)
    }
}

/// Each word segment as its text and kind.
private func words(_ s: String) throws -> [(String, SegmentKind)] {
    let text = UTF16Buffer(s)
    let it = try BreakIterator(.word)
    return withExtendedLifetime(text) {
        it.setText(text)
        var result: [(String, SegmentKind)] = []
        var start = it.first()
        while let end = it.next() {
            result.append((text.string(start..<end), it.segmentKind))
            start = end
        }
        return result
    }
}

private func kinds(_ s: String) throws -> [SegmentKind] { try words(s).map(\.1) }

@Suite("Grapheme boundaries")
struct GraphemeTests {
    @Test func familyEmojiIsOneGrapheme() throws {
        // Four surrogate pairs joined by three ZWJs: 11 UTF-16 units.
        #expect(try boundaries(.grapheme, "👩‍👩‍👧‍👦") == [0, 11])
    }

    @Test func combiningAccentStaysWithItsBase() throws {
        #expect(try boundaries(.grapheme, "e\u{301}") == [0, 2])
        #expect(try boundaries(.grapheme, "ae\u{301}b") == [0, 1, 3, 4])
    }

    @Test func crlfIsOneGrapheme() throws {
        #expect(try boundaries(.grapheme, "\r\n") == [0, 2])
        #expect(try boundaries(.grapheme, "a\r\nb\n\r") == [0, 1, 3, 4, 5, 6])
    }

    @Test func regionalIndicatorsPairUp() throws {
        #expect(try boundaries(.grapheme, "🇰🇷") == [0, 4])
        #expect(try boundaries(.grapheme, "🇰🇷🇯🇵") == [0, 4, 8])
    }

    @Test func hangulJamoLVTIsOneGrapheme() throws {
        #expect(try boundaries(.grapheme, "\u{1100}\u{1161}\u{11A8}") == [0, 3])
    }

    @Test func emptyTextHasOnlyItsStart() throws {
        #expect(try boundaries(.grapheme, "") == [0])
    }

    @Test func followingPrecedingAndIsBoundary() throws {
        let text = UTF16Buffer("x👩‍👩‍👧‍👦y")  // x=0, family=1..<12, y=12, end=13
        let it = try BreakIterator(.grapheme)
        withExtendedLifetime(text) {
            it.setText(text)
            #expect(it.isBoundary(1))
            #expect(!it.isBoundary(2))
            #expect(!it.isBoundary(6))
            #expect(it.isBoundary(12))
            #expect(it.following(1) == 12)
            #expect(it.following(5) == 12)
            #expect(it.preceding(12) == 1)
            #expect(it.preceding(7) == 1)
            #expect(it.following(12) == 13)
            #expect(it.following(13) == nil)
            #expect(it.preceding(0) == nil)
        }
    }

    @Test func widenSnapsOutwardToGraphemes() throws {
        let text = UTF16Buffer("ae\u{301}b👩‍👩‍👧‍👦")  // a=0, é=1..<3, b=3, family=4..<15
        let it = try BreakIterator(.grapheme)
        withExtendedLifetime(text) {
            it.setText(text)
            #expect(it.widen(2..<2) == 1..<3)
            #expect(it.widen(1..<2) == 1..<3)
            #expect(it.widen(2..<4) == 1..<4)
            #expect(it.widen(0..<1) == 0..<1)  // already on boundaries
            #expect(it.widen(6..<9) == 4..<15)
            #expect(it.widen(3..<5) == 3..<15)
            #expect(it.widen(0..<15) == 0..<15)
        }
    }

    @Test func widenWithinASubRangeUsesWholeTextIndices() throws {
        let text = UTF16Buffer("--ae\u{301}b--")  // sub-range 2..<6 is "aéb"
        let it = try BreakIterator(.grapheme)
        withExtendedLifetime(text) {
            it.setText(text, range: 2..<6)
            #expect(boundaries(it) == [2, 3, 5, 6])
            #expect(it.widen(4..<4) == 3..<5)
            #expect(it.widen(3..<4) == 3..<5)
            #expect(it.widen(2..<6) == 2..<6)
        }
    }

    @Test func iteratorCanBeReusedForNewText() throws {
        let first = UTF16Buffer("e\u{301}e\u{301}")
        let second = UTF16Buffer("ab")
        let it = try BreakIterator(.grapheme)
        withExtendedLifetime((first, second)) {
            it.setText(first)
            #expect(boundaries(it) == [0, 2, 4])
            it.setText(second)
            #expect(boundaries(it) == [0, 1, 2])
        }
    }
}

@Suite("Word boundaries and segment kinds")
struct WordTests {
    @Test func codeLikeLine() throws {
        let w = try words("let x = 42;")
        #expect(w.map(\.0) == ["let", " ", "x", " ", "=", " ", "42", ";"])
        #expect(w.map(\.1) == [.letters, .other, .letters, .other, .other, .other, .number, .other])
    }

    @Test func wordBoundaries() throws {
        #expect(try boundaries(.word, "let x = 42;") == [0, 3, 4, 5, 6, 7, 8, 10, 11])
    }

    @Test func decimalNumberIsOneNumberSegment() throws {
        let w = try words("pi 3.14")
        #expect(w.map(\.0) == ["pi", " ", "3.14"])
        #expect(w.map(\.1) == [.letters, .other, .number])
    }

    @Test func ideographs() throws {
        #expect(try kinds("漢字") == [.ideographs])
    }

    @Test func kanaIsReportedAsIdeographs() throws {
        // ICU's word rules tag every kana and kanji run {400} (`$KanaKanji $KanaKanji {400}`,
        // `$KatakanaEx $ExtendNumLetEx {400}`) before the CJK dictionary splits it, so ICU
        // never returns UBRK_WORD_KANA; SegmentKind therefore folds kana into `.ideographs`.
        let katakana = try words("カタカナ")
        #expect(katakana.map(\.0) == ["カタカナ"])
        #expect(katakana.map(\.1) == [.ideographs])
        #expect(try kinds("ひらがな").allSatisfy { $0 == .ideographs })
        #expect(try kinds("ｶﾀｶﾅ") == [.ideographs])  // half-width katakana too
        #expect(try kinds("漢字とカタカナ and ひらがな").filter { $0 != .other }.allSatisfy { $0 == .ideographs || $0 == .letters })
    }

    @Test func cjkRunEndsAtLatinText() throws {
        let w = try words("漢字abc")
        #expect(w.map(\.0) == ["漢字", "abc"])
        #expect(w.map(\.1) == [.ideographs, .letters])
    }

    @Test func punctuationAndSpaceAreOther() throws {
        #expect(try kinds(" ,.!?") == [.other, .other, .other, .other, .other])
        #expect(try kinds("\t") == [.other])
    }

    @Test func arabicAndHebrewAreLetters() throws {
        let arabic = try words("مرحبا بالعالم")
        #expect(arabic.map(\.0) == ["مرحبا", " ", "بالعالم"])
        #expect(arabic.map(\.1) == [.letters, .other, .letters])
        let hebrew = try words("שלום עולם")
        #expect(hebrew.map(\.0) == ["שלום", " ", "עולם"])
        #expect(hebrew.map(\.1) == [.letters, .other, .letters])
    }

    @Test func accentedAndNonBMPLettersStayInOneWord() throws {
        // 𝒳 is U+1D4B3, a letter outside the BMP.
        let w = try words("café 𝒳y")
        #expect(w.map(\.0) == ["café", " ", "𝒳y"])
        #expect(w.map(\.1) == [.letters, .other, .letters])
    }

    @Test func subRangeBoundariesAreWholeTextIndices() throws {
        let text = UTF16Buffer("foo(bar, baz)")  // iterate "bar, baz" = 4..<12
        let it = try BreakIterator(.word)
        withExtendedLifetime(text) {
            it.setText(text, range: 4..<12)
            #expect(it.first() == 4)
            #expect(it.next() == 7)
            #expect(it.segmentKind == .letters)
            #expect(it.next() == 8)
            #expect(it.segmentKind == .other)
            #expect(it.next() == 9)
            #expect(it.next() == 12)
            #expect(it.segmentKind == .letters)
            #expect(it.next() == nil)
            #expect(it.following(4) == 7)
            #expect(it.preceding(12) == 9)
            #expect(it.isBoundary(8))
            #expect(!it.isBoundary(10))
        }
    }
}

@Suite("Sentence boundaries")
struct SentenceTests {
    @Test func sentencesEndAfterTrailingSpace() throws {
        #expect(try boundaries(.sentence, "Hello there. How are you? Fine.") == [0, 13, 26, 31])
    }
}
