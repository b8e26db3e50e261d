@testable import ICUText
import TestSupport
import Testing

/// The shortcut says "boundary" only where ICU's grapheme iterator does, on text that mixes
/// what stands alone (ASCII, accented letters, curly quotes, dashes, CJK) with what joins
/// (combining marks, joiners, variation selectors, emoji and their modifiers, regional
/// indicators, Hangul jamo, Indic letters and viramas, CR LF, controls, lone surrogates).
struct GraphemeShortcutTests {
    static let alphabet: [UInt16] = Array("aZ .,'\"é€’“”—–…ßÆœŁ中あ한".utf16)
        + [0x0301, 0x0308, 0x200D, 0x200B, 0x200C, 0xFE0F, 0xFE0E, 0x00AD, 0x0D, 0x0A, 0x09, 0x85, 0x2028,
           0x1100, 0x1161, 0x11A8, 0xAC00, 0x0915, 0x094D, 0x0937, 0x0903, 0x0E33, 0x0600, 0x2764, 0x00A9,
           0x203C, 0x2049, 0xFF21, 0x0000, 0xD83D, 0xDE00]
        + [0x110BD, 0x1F600, 0x1F44D, 0x1F3FB, 0x1F1FA, 0x1F1F8, 0x1F469].flatMap { Array(String(UnicodeScalar($0)!).utf16) }

    @Test func saysBoundaryOnlyWhereTheIteratorDoes() throws {
        let graphemes = try BreakIterator(.grapheme)
        var rng = SplitMix64(state: 0x6CB)
        var said = 0, asked = 0
        for _ in 0..<20_000 {
            let units = (0..<rng.below(24)).map { _ in rng.pick(Self.alphabet) }
            let text = UTF16Buffer(units)
            graphemes.setText(text)
            for i in 0...units.count {
                asked += 1
                guard GraphemeShortcut.isBoundary(text.base, i, count: units.count) else { continue }
                said += 1
                #expect(graphemes.isBoundary(i), "\(units.map { String($0, radix: 16) }) at \(i)")
            }
        }
        // Text this full of joiners still leaves it a quarter of the positions; news, most.
        #expect(said * 4 > asked, "\(said) of \(asked)")
    }

    @Test func charactersThatStandAlone() {
        for u in Array("aZ .é’“—…中".utf16) { #expect(GraphemeShortcut.standsAlone(u), "\(u)") }
        for u: UInt16 in [0x0301, 0x200D, 0xFE0F, 0x0D, 0x0A, 0x1100, 0xAC00, 0x094D, 0x0903, 0xD83D, 0xDE00, 0x00AD] {
            #expect(!GraphemeShortcut.standsAlone(u), "\(String(u, radix: 16))")
        }
    }
}
