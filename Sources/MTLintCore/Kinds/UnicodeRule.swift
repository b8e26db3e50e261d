import ICUText

/// Characters that do not belong in published text, one `check` per rule: invisible
/// characters, bidi controls, other control characters, U+FFFD, and sequences that are not
/// in NFC. Every finding covers whole characters of the original file.
struct UnicodeRule: Rule, RuleKind {
    static let name = "unicode"
    static let keys = ["check"]

    enum Check: String, CaseIterable {
        case invisible = "invisible"
        case bidiControls = "bidi-controls"
        case controlCharacters = "control-characters"
        case replacementCharacter = "replacement-character"
        case nonNFC = "non-nfc"
    }

    let meta: RuleMeta
    let check: Check

    static func canFix(_ c: RuleDecodingContext) -> Bool {
        guard c.meta.applicability != .displayOnly, let s = try? c.yaml.string("check", what: "rule"),
              let check = Check(rawValue: s) else { return false }
        return check != .replacementCharacter
    }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard let check: Check = try c.yaml.choice("check", what: "rule") else {
            throw RuleFileError(c.yaml.location, "a unicode rule needs 'check'; valid values: \(Check.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return UnicodeRule(meta: c.meta, check: check)
    }

    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {
        switch check {
        case .nonNFC: nonNFC(document, &findings)
        default: characters(document, &findings)
        }
    }

    private func fix(_ s: String) -> String? { meta.applicability == .displayOnly ? nil : s }

    /// Scans the original text, so that what is reported is what the file holds.
    private func characters(_ document: Document, _ findings: inout [RawFinding]) {
        let text = document.original
        let invalid = check == .replacementCharacter ? Set(document.decoded.invalid.map(\.utf16Index)) : []
        var i = 0
        while i < text.count {
            let (c, len) = text.scalar(at: i)
            defer { i += len }
            guard c >= 0x80 || c < 0x20 || c == 0x7F else { continue }
            switch check {
            case .invisible:
                guard let r = invisible(c, at: i, length: len, in: text, isStart: i == 0) else { continue }
                findings.append(RawFinding(range: r.range, message: meta.message(match: Self.name(of: c)),
                                           replacement: fix(r.replacement), coordinates: .original))
            case .bidiControls:
                guard (0x202A...0x202E).contains(c) || (0x2066...0x2069).contains(c) || c == 0x200E || c == 0x200F || c == 0x061C else { continue }
                findings.append(RawFinding(range: i..<i + len, message: meta.message(match: Self.name(of: c)),
                                           replacement: fix(""), coordinates: .original))
            case .controlCharacters:
                guard (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || (0x7F...0x9F).contains(c) else { continue }
                findings.append(RawFinding(range: i..<i + len, message: meta.message(match: Self.name(of: c)),
                                           replacement: fix(""), coordinates: .original))
            case .replacementCharacter:
                guard c == 0xFFFD, !invalid.contains(i) else { continue }
                findings.append(RawFinding(range: i..<i + len, message: meta.message(match: "U+FFFD"), coordinates: .original))
            case .nonNFC:
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
}
