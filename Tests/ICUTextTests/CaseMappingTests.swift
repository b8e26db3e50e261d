import ICUText
import Testing

// Results are compared as scalar arrays where canonical equivalence could hide a difference.

@Suite("Case folding and upper-casing")
struct CaseMappingTests {
    @Test func sharpSFoldsToTwoLetters() {
        #expect(CaseMapping.fold("Straße") == "strasse")
        #expect(CaseMapping.fold("STRASSE") == CaseMapping.fold("straße"))
    }

    @Test func greekSigmaFoldsToOneForm() {
        // Final and medial sigma and capital sigma all fold to σ (U+03C3).
        #expect(CaseMapping.fold("ΣΑΣ") == "σασ")
        #expect(CaseMapping.fold("σας") == "σασ")
    }

    @Test func asciiFastPath() {
        #expect(CaseMapping.fold("Hello, World 123") == "hello, world 123")
        // The neighbours of A...Z must not move: @ [ ` { and DEL.
        #expect(CaseMapping.fold("@AZ[`az{\u{7F}") == "@az[`az{\u{7F}")
        #expect(CaseMapping.fold("a\0B") == "a\0b")
    }

    @Test func asciiLettersAreFoldedOnTheICUPathToo() {
        #expect(CaseMapping.fold("ÀBC") == "àbc")
    }

    @Test func dottedCapitalIFoldsToIAndCombiningDot() {
        #expect(Array(CaseMapping.fold("İ").unicodeScalars) == ["i", "\u{307}"])
    }

    @Test func emptyStrings() {
        #expect(CaseMapping.fold("") == "")
        #expect(CaseMapping.uppercased("") == "")
    }

    @Test func foldOfABufferSlice() {
        let text = UTF16Buffer("x = Größe;")
        let folded = withExtendedLifetime(text) { CaseMapping.fold(text.base + 4, count: 5) }
        #expect(folded == "grösse")
        let ascii = withExtendedLifetime(text) { CaseMapping.fold(text.base, count: 3) }
        #expect(ascii == "x =")
    }

    @Test func uppercasing() {
        #expect(CaseMapping.uppercased("ß") == "SS")
        #expect(CaseMapping.uppercased("straße") == "STRASSE")
        #expect(CaseMapping.uppercased("abc") == "ABC")
        // U+0390 upper-cases to three scalars: Ι U+0308 U+0301.
        #expect(Array(CaseMapping.uppercased("\u{390}").unicodeScalars) == ["\u{399}", "\u{308}", "\u{301}"])
    }

    @Test func longTextThatGrows() {
        let folded = CaseMapping.fold(String(repeating: "ß", count: 1000))
        #expect(folded == String(repeating: "ss", count: 1000))
        let upper = CaseMapping.uppercased(String(repeating: "\u{390}", count: 500))
        #expect(upper.unicodeScalars.count == 1500)
    }
}

@Suite("Character properties")
struct CharacterPropertiesTests {
    private func width(_ s: String) -> Int { CharacterProperties.displayWidth(ofGrapheme: s.unicodeScalars) }

    @Test func displayWidths() {
        #expect(width("漢") == 2)
        #expect(width("a") == 1)
        #expect(width("👩‍💻") == 2)
        #expect(width("e\u{301}") == 1)
    }

    @Test func moreDisplayWidths() {
        #expect(width("\u{FF21}") == 2)  // FULLWIDTH LATIN CAPITAL LETTER A
        #expect(width("각") == 2)
        #expect(width("🇰🇷") == 2)
        #expect(width("❤\u{FE0F}") == 2)  // text-default heart asked to show as emoji
        #expect(width("❤") == 1)
        #expect(width("\u{E9}") == 1)
    }

    @Test func scalarProperties() {
        #expect(CharacterProperties.isUppercase(0x41))
        #expect(!CharacterProperties.isUppercase(0x61))
        #expect(CharacterProperties.isLowercase(0x3C3))  // σ
        #expect(CharacterProperties.isAlphabetic(0x6F22))  // 漢
        #expect(!CharacterProperties.isAlphabetic(0x31))
        #expect(CharacterProperties.isWhitespace(0x3000))  // ideographic space
        #expect(CharacterProperties.isWhitespace(0x0A))
        #expect(!CharacterProperties.isWhitespace(0x200B))  // zero width space is not
    }
}
