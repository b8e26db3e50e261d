import ICUText

/// Characters that do not belong in published text, one `check` per rule: invisible
/// characters, bidi controls, other control characters, U+FFFD, sequences that are not in
/// NFC, words that mix Latin with look-alike Cyrillic or Greek letters, mojibake (UTF-8 read
/// as Windows-1252), and runs of another script left untranslated. Every finding covers
/// whole characters of the original file.
struct UnicodeRule: Rule, RuleKind {
    static let name = "unicode"
    static let keys = ["check"]

    enum Check: String, CaseIterable {
        case invisible = "invisible"
        case bidiControls = "bidi-controls"
        case controlCharacters = "control-characters"
        case replacementCharacter = "replacement-character"
        case nonNFC = "non-nfc"
        case confusables
        case mojibake
        case untranslatedScript = "untranslated-script"
    }

    let meta: RuleMeta
    let check: Check

    static func canFix(_ c: RuleDecodingContext) -> Bool {
        guard c.meta.applicability != .displayOnly, let s = try? c.yaml.string("check", what: "rule"),
              let check = Check(rawValue: s) else { return false }
        return check != .replacementCharacter && check != .untranslatedScript
    }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard let check: Check = try c.yaml.choice("check", what: "rule") else {
            throw RuleFileError(c.yaml.location, "a unicode rule needs 'check'; valid values: \(Check.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return UnicodeRule(meta: c.meta, check: check)
    }

    var checksDocuments: Bool { true }

    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {
        switch check {
        case .nonNFC: nonNFC(document, &findings)
        case .confusables: confusables(document, workspace.spoofChecker, &findings)
        case .mojibake: mojibake(document, &findings)
        case .untranslatedScript: untranslatedScript(document, &findings)
        default: characters(document, &findings)
        }
    }

    private func fix(_ s: String) -> String? { meta.applicability == .displayOnly ? nil : s }

    /// Scans the original text, so that what is reported is what the file holds.
    private func characters(_ document: Document, _ findings: inout [RawFinding]) {
        let text = document.original
        let invalid = check == .replacementCharacter ? Set(document.decoded.invalid.map(\.utf16Index)) : []
        var unusual = UnusualCursor(document.unusualInOriginal, in: text)
        var i = 0
        while i < text.count {
            let u = text[i]
            if u >= 0x20 && u < 0x7F {
                // Printable ASCII is none of these characters.
                i = unusual.next(from: i + 1, outside: 0x20...0x7E)
                continue
            }
            let (c, len) = text.scalar(at: i)
            defer { i += len }
            switch check {
            case .invisible:
                guard let r = invisible(c, at: i, length: len, in: text, isStart: i == 0) else { continue }
                findings.append(RawFinding(range: r.range, message: meta.message(match: Self.name(of: c)),
                                           replacement: fix(r.replacement), coordinates: .original))
            case .bidiControls:
                guard ControlCharacters.isBidi(c) else { continue }
                findings.append(RawFinding(range: i..<i + len, message: meta.message(match: Self.name(of: c)),
                                           replacement: fix(""), coordinates: .original))
            case .controlCharacters:
                guard ControlCharacters.isControl(c), c != 0x09, c != 0x0A, c != 0x0D else { continue }
                findings.append(RawFinding(range: i..<i + len, message: meta.message(match: Self.name(of: c)),
                                           replacement: fix(""), coordinates: .original))
            case .replacementCharacter:
                guard c == 0xFFFD, !invalid.contains(i) else { continue }
                findings.append(RawFinding(range: i..<i + len, message: meta.message(match: "U+FFFD"), coordinates: .original))
            case .nonNFC, .confusables, .mojibake, .untranslatedScript:
                break
            }
        }
    }

    /// An invisible character and what its fix leaves. ZWJ and ZWNJ are left alone beside
    /// letters of scripts that need them and inside emoji sequences; a BOM is fine first.
    private func invisible(_ c: UInt32, at i: Int, length: Int, in text: UTF16Buffer, isStart: Bool) -> (range: Range<Int>, replacement: String)? {
        switch c {
        case 0x200B, 0x2060, 0x00AD, 0x180E:
            return (i..<i + length, "")
        case 0xFEFF:
            return isStart ? nil : (i..<i + length, "")
        case 0x200C, 0x200D:
            let before = i > 0 ? text.scalar(before: i) : (value: UInt32(0x20), length: 0)
            let after = i + length < text.count ? text.scalar(at: i + length).value : 0x20
            // Only between Latin letters, digits, spaces or punctuation is it surely stray.
            guard Self.isPlainLatin(before.value), Self.isPlainLatin(after) else { return nil }
            // A joiner extends the character before it into one grapheme, so the span
            // takes that character too and the fix keeps it.
            if before.length > 0 {
                let start = i - before.length
                return (start..<i + length, text.string(start..<i))
            }
            return (i..<i + length, "")
        default:
            return nil
        }
    }

    private static func isPlainLatin(_ c: UInt32) -> Bool { c < 0x250 && c != 0x200C && c != 0x200D }

    static func name(of c: UInt32) -> String {
        let hex = String(c, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0x200B: "zero width space", 0x200C: "zero width non-joiner", 0x200D: "zero width joiner",
            0x2060: "word joiner", 0x00AD: "soft hyphen", 0xFEFF: "zero width no-break space (BOM)",
            0x180E: "Mongolian vowel separator", 0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
            0x202C: "pop directional formatting", 0x202D: "left-to-right override", 0x202E: "right-to-left override",
            0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
            0x2069: "pop directional isolate", 0x200E: "left-to-right mark", 0x200F: "right-to-left mark",
            0x061C: "Arabic letter mark",
        ]
        return names[c].map { "\(code) \($0)" } ?? code
    }

    /// Text that NFC changes, reported by word so that the fix reads as a word ("Schröder").
    private func nonNFC(_ document: Document, _ findings: inout [RawFinding]) {
        let original = document.original
        var lastEnd = -1
        for segment in document.nfc.normalizedSegments {
            guard segment.original.lowerBound >= lastEnd,
                  !original.buffer[segment.original].elementsEqual(document.text.buffer[segment.nfc]) else { continue }
            // Widen to the word around it, in both texts alike (outside segments they agree).
            var start = segment.original.lowerBound, end = segment.original.upperBound
            while start > 0, Self.isWordPart(original.scalar(before: start).value) { start -= original.scalar(before: start).length }
            while end < original.count, Self.isWordPart(original.scalar(at: end).value) { end += original.scalar(at: end).length }
            let nfcRange = Self.nfcRange(of: start..<end, in: document)
            let was = original.string(start..<end), now = document.text.string(nfcRange)
            findings.append(RawFinding(range: start..<end, message: meta.message(match: was, replacement: now),
                                       replacement: fix(now), coordinates: .original))
            lastEnd = end
        }
    }

    private static func isWordPart(_ c: UInt32) -> Bool {
        CharacterProperties.isAlphabetic(c) || (0x300...0x36F).contains(c) || (0x30...0x39).contains(c)
    }

    /// The NFC range that an original range maps to: outside normalized segments the two
    /// texts differ only by the growth or shrinkage of the segments before.
    private static func nfcRange(of range: Range<Int>, in document: Document) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        for s in document.nfc.normalizedSegments {
            let delta = s.nfc.count - s.original.count
            if s.original.upperBound <= range.lowerBound { lower += delta }
            if s.original.upperBound <= range.upperBound { upper += delta } else { break }
        }
        return lower..<upper
    }

    // MARK: Scripts

    /// Latin look-alikes of Cyrillic and Greek letters, for the fix of a mixed-script word.
    static let latinLookalikes: [UInt32: Character] = [
        0x0410: "A", 0x0412: "B", 0x0415: "E", 0x041A: "K", 0x041C: "M", 0x041D: "H", 0x041E: "O", 0x0420: "P",
        0x0421: "C", 0x0422: "T", 0x0425: "X", 0x0423: "Y", 0x0405: "S", 0x0406: "I", 0x0408: "J",
        0x0430: "a", 0x0435: "e", 0x043E: "o", 0x0440: "p", 0x0441: "c", 0x0443: "y", 0x0445: "x", 0x0456: "i",
        0x0458: "j", 0x0455: "s", 0x0501: "d", 0x04CF: "l",
        0x0391: "A", 0x0392: "B", 0x0395: "E", 0x0396: "Z", 0x0397: "H", 0x0399: "I", 0x039A: "K", 0x039C: "M",
        0x039D: "N", 0x039F: "O", 0x03A1: "P", 0x03A4: "T", 0x03A5: "Y", 0x03A7: "X", 0x03BF: "o", 0x03B9: "i",
    ]

    /// A letter of a word, for finding mixed-script words: combining accents count.
    @inline(__always)
    private static func isWordLetter(_ c: UInt32) -> Bool {
        c < 0x80 ? (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A : CharacterProperties.isAlphabetic(c) || (0x300...0x36F).contains(c)
    }

    /// A word that mixes Latin letters with Cyrillic or Greek ones ("Сouncil" with a
    /// Cyrillic С). The fix replaces the look-alikes when every one has a Latin twin and ICU's
    /// spoof checker agrees that the result looks the same, so the Latin reading is certain.
    private func confusables(_ document: Document, _ spoof: SpoofChecker?, _ findings: inout [RawFinding]) {
        let text = document.text
        // Only a word with a non-ASCII letter can mix scripts, so words are found from their
        // non-ASCII letters outward and ASCII text costs one comparison a unit.
        var unusual = UnusualCursor(document.unusualInText, in: text)
        var i = 0
        while i < text.count {
            if text[i] < 0x80 { i = unusual.next(from: i + 1, outside: 0...0x7F); continue }
            let (c0, len0) = text.scalar(at: i)
            guard Self.isWordLetter(c0) else { i += len0; continue }
            var start = i, end = i + len0
            while start > 0, Self.isWordLetter(text.scalar(before: start).value) { start -= text.scalar(before: start).length }
            while end < text.count, Self.isWordLetter(text.scalar(at: end).value) { end += text.scalar(at: end).length }
            i = end
            let word = start..<end
            var latin = false, other = false, fixable = true, foreign = 0
            var fixed = ""
            var k = word.lowerBound
            while k < word.upperBound {
                let (c, len) = text.scalar(at: k)
                let script = c < 0x80 ? CharacterProperties.latinScript : CharacterProperties.script(c)
                if script == CharacterProperties.latinScript { latin = true; fixed.unicodeScalars.append(Unicode.Scalar(c)!) }
                else if script == 8 || script == 14 {
                    other = true
                    foreign += 1
                    if let l = Self.latinLookalikes[c] { fixed.append(l) } else { fixable = false }
                } else if let u = Unicode.Scalar(c) { fixed.unicodeScalars.append(u) }
                k += len
            }
            guard latin && other else { continue }
            let was = text.string(word)
            if fixable, let spoof, !spoof.areConfusable(was, fixed) { fixable = false }
            // One stray letter is a slip; several may be a half-transliterated word
            // ("Mосkva"), whose reading a person must decide.
            findings.append(RawFinding(range: word, message: meta.message(match: was, replacement: fixable ? fixed : nil),
                                       replacement: fixable ? fix(fixed) : nil, applicability: foreign == 1 ? nil : .unsafe))
        }
    }

    /// Runs of letters in a script other than Latin, joined across spaces and punctuation.
    private func untranslatedScript(_ document: Document, _ findings: inout [RawFinding]) {
        let text = document.text
        var run: (range: Range<Int>, script: Int32)? = nil
        func flush() {
            guard let r = run else { return }
            let name = CharacterProperties.scriptName(r.script)
            findings.append(RawFinding(range: r.range, message: meta.message(match: text.string(r.range), replacement: name)))
            run = nil
        }
        var unusual = UnusualCursor(document.unusualInText, in: text)
        var i = 0
        while i < text.count {
            // Outside a run, ASCII can neither start nor end one.
            if run == nil, text[i] < 0x80 { i = unusual.next(from: i + 1, outside: 0...0x7F); continue }
            let (c, len) = text.scalar(at: i)
            defer { i += len }
            if c < 0x80 {
                // ASCII letters are Latin and end a run; the rest is common to all scripts.
                if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A { flush() }
                continue
            }
            let script = CharacterProperties.script(c)
            if script == CharacterProperties.commonScript || script == CharacterProperties.inheritedScript { continue }
            let letter = CharacterProperties.isAlphabetic(c)
            guard letter, script != CharacterProperties.latinScript else {
                if letter { flush() }
                continue
            }
            // Japanese mixes Han and kana in one run.
            let group = [17, 20, 22].contains(script) ? 17 : script
            if let r = run, r.script == group, !Self.hasLatinLetter(text, r.range.upperBound..<i) {
                run = (r.range.lowerBound..<i + len, group)
            } else {
                flush()
                run = (i..<i + len, group)
            }
        }
        flush()
    }

    private static func hasLatinLetter(_ text: UTF16Buffer, _ range: Range<Int>) -> Bool {
        var k = range.lowerBound
        while k < range.upperBound {
            let (c, len) = text.scalar(at: k)
            if CharacterProperties.isAlphabetic(c) { return true }
            k += len
        }
        return false
    }

    // MARK: Mojibake

    /// Windows-1252's bytes 0x80–0x9F by the character they show.
    static let cp1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// The byte a character stands for when UTF-8 was read as Windows-1252 or Latin-1.
    private static func byte(_ c: UInt32) -> UInt8? {
        if c < 0x80 { return nil }
        if c <= 0xFF { return UInt8(c) }
        return cp1252[c]
    }

    /// What text read as Windows-1252 usually was: Latin letters with accents, and
    /// punctuation, currency and symbols ("’", "€", "™"). Without this, correct text such as
    /// "Spaß«" (ß« is the UTF-8 of an N'Ko letter) would be "fixed".
    private static func plausibleOriginal(_ v: UInt32) -> Bool {
        (0xA0...0x24F).contains(v) || (0x2000...0x20CF).contains(v) || (0x2100...0x214F).contains(v)
    }

    /// Text such as "â€™" or "Ã©": characters whose Windows-1252 bytes form UTF-8. Only whole
    /// UTF-8 sequences count, so the fix ("’", "é") is exact.
    private func mojibake(_ document: Document, _ findings: inout [RawFinding]) {
        let text = document.text
        var unusual = UnusualCursor(document.unusualInText, in: text)
        var i = 0
        while i < text.count {
            // Mojibake starts with a character from Â to ô; skip everything else at once.
            if text[i] < 0x80 { i = unusual.next(from: i + 1, outside: 0...0x7F); continue }
            if text[i] < 0xC2 || text[i] > 0xF4 { i += 1; continue }
            var start = i, decoded: [UInt8] = [], end = i
            var k = i
            while k < text.count, let lead = Self.byte(UInt32(text[k])), (0xC2...0xF4).contains(lead) {
                let need = lead >= 0xF0 ? 3 : (lead >= 0xE0 ? 2 : 1)
                var bytes = [lead]
                var j = k + 1
                while bytes.count <= need, j < text.count, let b = Self.byte(UInt32(text[j])), (0x80...0xBF).contains(b) {
                    bytes.append(b)
                    j += 1
                    if bytes.count == need + 1 { break }
                }
                guard bytes.count == need + 1, let scalar = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first,
                      Self.plausibleOriginal(scalar.value) else { break }
                if decoded.isEmpty { start = k }
                decoded += bytes
                end = j
                k = j
            }
            if decoded.isEmpty {
                i += 1
                continue
            }
            let now = String(decoding: decoded, as: UTF8.self)
            findings.append(RawFinding(range: start..<end, message: meta.message(match: text.string(start..<end), replacement: now),
                                       replacement: fix(now)))
            i = end
        }
    }
}
