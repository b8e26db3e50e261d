@testable import ICUText
import TestSupport
import Testing

/// The fast segmenter must give exactly ICU's word segments and kinds, or give up.
struct FastWordBreaksTests {
    private func icuSegments(_ text: UTF16Buffer) throws -> [String] {
        let words = try BreakIterator(.word)
        words.setText(text)
        var out: [String] = []
        var start = words.first()
        while let end = words.next() {
            out.append("\(start)..<\(end):\(words.segmentKind)")
            start = end
        }
        return out
    }

    /// The fast segments, or nil where the segmenter gave up.
    private func fastSegments(_ text: UTF16Buffer) -> [String]? {
        var segments: [WordSegment] = []
        var mark = false
        let done = FastWordBreaks.segments(text.base, 0..<text.count, tables: .shared, into: &segments, mayRepeatWord: &mark)
        for s in segments {
            // ASCII words, and single ASCII characters that are not white space, carry the hash
            // of their lower-cased text; the rest none.
            let units = Array(text.buffer[s.range])
            let word = s.kind != .other || units.first == 0x5F
            let punctuation = units.count == 1 && !CharacterProperties.isWhitespace(UInt32(units[0])) && units[0] != 0x0A && units[0] != 0x0D
            let expected = (word || punctuation) && units.allSatisfy({ $0 < 0x80 }) ? UnitHash.of(text.string(s.range).lowercased().utf16) : 0
            #expect(s.foldedHash == expected)
            // A word of letters is marked by its first unit: A–Z, or beyond ASCII.
            let initial: UInt8 = s.kind != .letters ? 0 : units[0] >= 0x80 ? 2 : (0x41...0x5A).contains(units[0]) ? 1 : 0
            #expect(s.initialValue == initial, "\(units)")
            #expect(s.startsWithASCIICapital == (initial == 1))
            // White space and line breaks as ICU's White_Space property and the units say.
            let space = s.kind == .other && units.allSatisfy { CharacterProperties.isWhitespace(UInt32($0)) }
            #expect(s.isSpace == space, "\(units)")
            if space {
                let breaks = units.indices.filter { k in
                    units[k] == 0x0D || (units[k] == 0x0A && !(k > 0 && units[k - 1] == 0x0D))
                }.count
                #expect(s.lineBreaks == breaks, "\(units)")
            }
        }
        return done ? segments.map { "\($0.range):\($0.kind)" } : nil
    }

    @Test func longTextGoesThroughInBatches() {
        // More segments than one batch of the C loop, and a character it leaves to ICU far in.
        let words = Array(repeating: "word,", count: 1_000).joined(separator: " ")
        var segments: [WordSegment] = []
        let text = UTF16Buffer(words)
        var mark = false
        #expect(FastWordBreaks.segments(text.base, 0..<text.count, tables: .shared, into: &segments, mayRepeatWord: &mark))
        #expect(segments.count == 2_999)
        // A comma stands between each word and the next.
        #expect(!mark)
        let contiguous = zip(segments, segments.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound }
        #expect(contiguous)
        #expect(segments.last?.range.upperBound == text.count)
        let stopped = UTF16Buffer(words + " 中文")
        segments.removeAll()
        #expect(!FastWordBreaks.segments(stopped.base, 0..<stopped.count, tables: .shared, into: &segments, mayRepeatWord: &mark))
    }

    @Test func agreesWithICUOnRandomText() throws {
        // Every character class of the rules, neighbours that tempt a wrong join, Latin-1 and
        // Latin Extended-A,
        // typographic punctuation, and characters the segmenter must leave to ICU.
        let alphabet = Array("aZk09.',:;_ \t\n\r\u{0B}\u{0C}\"-?!()/@#$%&*+=<>[]{}\\|^`~éÉßµ£·×ªº½\u{A0}\u{AD}‘’“”–—…€".utf16)
            + [0x1C, 0x1F, 0x00, 0x7F, 0x80, 0x85, 0x301, 0x200B, 0x200D, 0x4E2D, 0x05D0, 0xFEFF]
            + (0xA0...0xFF).map { UInt16($0) } + (0x100...0x17F).map { UInt16($0) }
        var rng = SplitMix64(state: 0x5EED)
        var compared = 0
        for _ in 0..<30_000 {
            let length = Int(rng.next() % 14)
            let units = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let text = UTF16Buffer(units)
            guard let fast = fastSegments(text) else { continue }
            let expected = try icuSegments(text)
            #expect(fast == expected, "text \(units.map { String($0, radix: 16) }.joined(separator: " "))")
            if fast != expected { return }
            compared += 1
        }
        // Most strings hold only characters the segmenter knows.
        #expect(compared > 10_000)
    }

    @Test func agreesWithICUOnLongWords() throws {
        // Words of up to 30 letters between separators, in strings long enough for the
        // eight-units-at-a-time path: words ending in each of its eight places, running past
        // eight and sixteen letters, cut by the end of the range, or going on after a letter
        // run with an apostrophe, a digit, an accent or a typographic quote.
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf16)
        let separators = [" ", "  ", ", ", ". ", ".", "'", "’", "’s ", "-", "_", "1", "é", "@", "\r\n", "\n", "; ", ":", "é ", "…", "\u{200B}"]
            .map { Array($0.utf16) }
        var rng = SplitMix64(state: 0xB10C)
        var compared = 0
        for _ in 0..<3_000 {
            var units: [UInt16] = []
            while units.count < 10 + Int(rng.next() % 60) {
                units += (0..<1 + Int(rng.next() % 30)).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
                units += separators[Int(rng.next() % UInt64(separators.count))]
            }
            if rng.next() % 2 == 0 { units.removeLast(Int(rng.next() % UInt64(min(3, units.count)))) }
            let text = UTF16Buffer(units)
            guard let fast = fastSegments(text) else { continue }
            let expected = try icuSegments(text)
            #expect(fast == expected, "text \(String(decoding: units, as: UTF16.self).debugDescription)")
            if fast != expected { return }
            compared += 1
        }
        #expect(compared > 2_000)
    }

    @Test func agreesWithICUOnProse() throws {
        let prose = "It’s £3,500.25 – “no,” said O’Neil’s co-op_2 in Zürich; e.g. U.S. rock’n’roll 1.2.3 café…\r\n\tEnd.\u{200B}Zero\u{200B} width."
        let text = UTF16Buffer(prose)
        #expect(fastSegments(text) == (try icuSegments(text)))
    }

    /// The doubled-word mark says exactly what the doubled-word check reads from the
    /// segments: some word of letters followed, past white space with at most one line break,
    /// by a word of letters with the same hash, or with none (beyond ASCII) on either side.
    /// Random prose of a few words, with repeats, case changes, line breaks, punctuation and
    /// accented words; and a repeat across two calls of the C loop.
    @Test func markOfWordsThatMayRepeatAgreesWithTheSegments() {
        let words = ["the", "The", "THE", "a", "in", "had", "café", "Café", "naïve", "it's", "U.S", "x1", "42", "_"]
        let gaps = [" ", "  ", "\n", " \n", "\n\n", "\r\n", "\r\n\r\n", ", ", ". ", " - ", "\t", "\u{A0}", "’"]
        var rng = SplitMix64(state: 0xD0B1E)
        var marked = 0, unmarked = 0
        for _ in 0..<6_000 {
            var text = ""
            for k in 0..<(1 + Int(rng.next() % 12)) {
                if k > 0 { text += gaps[Int(rng.next() % UInt64(gaps.count))] }
                text += words[Int(rng.next() % UInt64(words.count))]
            }
            let buffer = UTF16Buffer(text)
            var segments: [WordSegment] = []
            var mark = false
            guard FastWordBreaks.segments(buffer.base, 0..<buffer.count, tables: .shared, into: &segments, mayRepeatWord: &mark) else { continue }
            var expected = false
            for (i, s) in segments.enumerated() where s.kind == .letters {
                var j = i + 1, breaks = 0
                while j < segments.count, segments[j].isSpace { breaks += segments[j].lineBreaks; j += 1 }
                guard j < segments.count, breaks <= 1, segments[j].kind == .letters else { continue }
                let (a, b) = (s.foldedHash, segments[j].foldedHash)
                if a == b || a == 0 || b == 0 { expected = true }
            }
            #expect(mark == expected, "\(text.debugDescription)")
            if expected { marked += 1 } else { unmarked += 1 }
        }
        #expect(marked > 1_000 && unmarked > 1_000, "\(marked) marked, \(unmarked) not")
        // Word k is segment 2k: words 127 and 128 are segments 254 and 256, one each side of
        // the first call's 256 segments.
        for repeated in [false, true] {
            // Distinct words of letters: k written in base 26 with the letters a to z.
            func word(_ k: Int) -> String { "w" + String(String(k, radix: 26).map { Character(UnicodeScalar(($0.wholeNumberValue ?? Int($0.asciiValue! - 87)) + 97)!) }) }
            let text = UTF16Buffer((0..<1_000).map { word($0 == 128 && repeated ? 127 : $0) }.joined(separator: " "))
            var segments: [WordSegment] = []
            var mark = !repeated
            #expect(FastWordBreaks.segments(text.base, 0..<text.count, tables: .shared, into: &segments, mayRepeatWord: &mark))
            #expect(segments.count > FastWordBreaks.batch && mark == repeated)
        }
    }

    @Test func leavesUnknownCharactersToICU() {
        for text in ["x\u{301}", "a\u{200D}b", "中文", "שלום", "a·b", "soft\u{AD}hyphen"] {
            #expect(fastSegments(UTF16Buffer(text)) == nil, "\(text)")
        }
    }
}
