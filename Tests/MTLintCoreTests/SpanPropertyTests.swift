import ICUText
import TestSupport
import Testing
@testable import MTLintCore

/// For generated Unicode documents, every finding must obey the span contract, checked here
/// against an independent computation from the raw bytes.
struct SpanPropertyTests {
    static let pieces: [String] = [
        "the the", "They kept the long-distance armistice.", "picture explanation,", "photo source, Yonhap",
        "Cafe\u{301}", "Macro\u{301}n", "👩‍👩‍👧‍👦", "👩‍💻", "🇰🇷", "漢字", "東京", "\u{1100}\u{1161}\u{11A8}", "한국",
        "עברית", "العربية", "\u{202E}abc", "in in", "presidential administrative office", "Ölçek",
        "on the 26th (local time)", "word", "ß", "İstanbul", " ", "  ", ", ", ". ", "\n", "\r\n", "\r", "\n\n",
        "\t", "a\u{200D}b", "Long-distance armistice", "\u{FEFF}",
        // The spelling pack: misspellings, both varieties, a word split by an invisible
        // character, and accents decomposed inside a misspelled word.
        "recieve", "colour", "color", "teh", "organise", "organize", "infor\u{200B}mation", "re\u{301}cieve", "don\u{2019}t",
    ]

    @Test(arguments: 0..<300)
    func findingsObeyTheSpanContract(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 7919 &+ 1)
        var bytes: [UInt8] = seed % 5 == 0 ? [0xEF, 0xBB, 0xBF] : []
        for _ in 0..<Int.random(in: 5...60, using: &rng) {
            if Int.random(in: 0..<40, using: &rng) == 0 {
                bytes += [[0xFF], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80]].randomElement(using: &rng)!
            } else {
                bytes += Array(Self.pieces.randomElement(using: &rng)!.utf8)
            }
            if Bool.random(using: &rng) { bytes.append(0x20) }
        }
        let findings = try lint(bytes)
        let decoded = DecodedText(bytes)
        let graphemes = try BreakIterator(.grapheme)
        graphemes.setText(decoded.text)
        for f in findings {
            let span = f.start.offset..<f.end.offset
            #expect(span.lowerBound <= span.upperBound && span.upperBound <= bytes.count)
            // Never inside a UTF-8 sequence.
            for o in [span.lowerBound, span.upperBound] where o < bytes.count {
                #expect(bytes[o] & 0xC0 != 0x80 || decoded.invalid.contains { $0.byteOffset == o }, "offset \(o) splits a sequence")
            }
            // Never inside a grapheme cluster of the original text.
            for o in [span.lowerBound, span.upperBound] {
                let unit = utf16Index(o, decoded)
                #expect(unit == 0 || unit == decoded.text.count || graphemes.isBoundary(unit), "offset \(o) splits a grapheme")
            }
            if f.rule != "unicode/invalid-utf8" {
                #expect(f.text == String(decoding: bytes[span], as: UTF8.self), "text differs from the bytes of its span")
            }
            for (p, name) in [(f.start, "start"), (f.end, "end")] {
                let expected = independentPosition(bytes, offset: p.offset, graphemes: graphemes, decoded: decoded)
                #expect(p == expected, "\(name) of \(f.rule) '\(f.text)' in seed \(seed)")
            }
        }
    }

    /// UTF-16 index of a byte offset, by walking the decoded text. A low surrogate shares its
    /// pair's offset; the index is the pair's first unit.
    func utf16Index(_ byte: Int, _ decoded: DecodedText) -> Int {
        var k = 0
        while k < decoded.text.count,
              decoded.byteOffset(ofUTF16: k) < byte || decoded.text[k] & 0xFC00 == 0xDC00 { k += 1 }
        return k
    }

    /// Line, grapheme column and UTF-16 column recomputed from scratch.
    func independentPosition(_ bytes: [UInt8], offset: Int, graphemes: BreakIterator, decoded: DecodedText) -> Position {
        var line = 1, lineStartByte = 0
        for i in 0..<offset {
            // CRLF ends its line at the LF; a lone CR ends one by itself.
            let isCRBeforeLF = bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && !isCRBeforeLF) { line += 1; lineStartByte = i + 1 }
        }
        if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineStartByte = Swift.min(3, offset) }
        let a = utf16Index(lineStartByte, decoded), b = utf16Index(offset, decoded)
        var column = 1
        var k = a
        while k < b, let next = graphemes.following(k), next <= b { column += 1; k = next }
        return Position(offset: offset, line: line, column: column, utf16Column: b - a + 1)
    }
}
