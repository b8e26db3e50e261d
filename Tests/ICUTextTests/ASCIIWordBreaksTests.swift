import ICUText
import Testing

/// The hand-written ASCII segmenter must give exactly ICU's word segments and kinds.
struct ASCIIWordBreaksTests {
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

    private func asciiSegments(_ text: UTF16Buffer) -> [String] {
        var out: [String] = []
        ASCIIWordBreaks.forEach(text.base, 0..<text.count) { range, kind, hash in
            out.append("\(range):\(kind)")
            // Words carry the hash of their lower-cased text, the rest none.
            let lowered = text.string(range).lowercased().utf16
            #expect(hash == (kind == .other && text[range.lowerBound] != 0x5F ? 0 : UnitHash.of(lowered)))
        }
        return out
    }

    @Test func agreesWithICUOnRandomASCII() throws {
        // Every character class of the rules, and neighbours that tempt a wrong join.
        let alphabet = Array("aZk09.',:;_ \t\n\r\u{0B}\u{0C}\"-?!()/@#$%&*+=<>[]{}\\|^`~".utf16) + [0x1C, 0x1F, 0x00, 0x7F]
        var rng = SplitMix64(state: 0x5EED)
        var checked = 0
        for _ in 0..<30_000 {
            let length = Int(rng.next() % 24)
            let units = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let text = UTF16Buffer(units)
            let expected = try icuSegments(text)
            let got = asciiSegments(text)
            #expect(got == expected, "text \(units.map { String($0, radix: 16) }.joined(separator: " "))")
            if got != expected { return }
            checked += 1
        }
        #expect(checked == 30_000)
    }

    @Test func agreesWithICUOnProse() throws {
        let prose = "It's 3,500.25 km - no: U.S. e.g. O'Neil's co-op_2 rock'n'roll 1.2.3 a.b 10'000 x_y __ ab12cd ..\r\n\tEnd."
        let text = UTF16Buffer(prose)
        #expect(asciiSegments(text) == (try icuSegments(text)))
    }
}
