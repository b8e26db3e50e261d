import Testing
@testable import MTLintCore

/// The fragment, unicode, residue, spacing and spelling packs beyond their rule-file examples: spans
/// on the original bytes, and the contexts that must stay quiet.
struct StructureAndUnicodeTests {
    @Test func nonNFCIsReportedByWordOnTheOriginalBytes() throws {
        let text = "漢字 Gerhard Schro\u{308}der and Jose\u{301}."
        let f = try lint(text, rules: only("unicode/non-nfc"))
        #expect(f.map(\.text) == ["Schro\u{308}der", "Jose\u{301}"])
        #expect(f.map { $0.fix?.replacement } == ["Schröder", "José"])
        let bytes = Array(text.utf8)
        #expect(f.allSatisfy { String(decoding: bytes[$0.start.offset..<$0.end.offset], as: UTF8.self) == $0.text })
        #expect(f.first?.start.column == 12)
    }

    @Test func invisibleCharactersKeepWhatScriptsAndEmojiNeed() throws {
        let rules = try only("unicode/invisible")
        #expect(try lint("👨‍👩‍👧 می‌خواهم नमस्‍ते", rules: rules).isEmpty)
        let f = try lint("\u{FEFF}start is fine, mi\u{200B}d is not", rules: rules)
        #expect(f.map(\.start.offset) == [20])
        #expect(f.first?.message.contains("U+200B zero width space") == true)
    }

    @Test func bidiAndControlCharactersAreNamed() throws {
        let f = try lint("a\u{202E}b\u{1B}c", rules: only("unicode"))
        #expect(f.map(\.rule) == ["unicode/bidi-controls", "unicode/control-characters"])
        #expect(f.first?.fix?.applicability == .unsafe)
    }

    @Test func replacementCharacterFromInvalidBytesIsLeftToInvalidUTF8() throws {
        var bytes = Array("bad ".utf8)
        bytes.append(0xFF)
        bytes += Array(" and \u{FFFD} literal".utf8)
        let f = try lint(bytes, rules: only("unicode"))
        #expect(f.map(\.rule) == ["unicode/invalid-utf8", "unicode/replacement-character"])
    }

    @Test func danglingQuoteNeedsNoOpenQuotation() throws {
        let rules = try only("fragment/dangling-quote")
        let seedLike = "“There is no question,” Jane Doe said. acting,” he said.\r\n\r\n“Now,” she added."
        let f = try lint(seedLike, rules: rules)
        #expect(f.map(\.text) == ["acting,” he said."])
        // The tail of a quotation that is still open is part of it.
        #expect(try lint("“We are, as ever, acting,” he said.", rules: rules).isEmpty)
        #expect(try lint("\"It was, frankly, bad,\" she said.", rules: rules).isEmpty)
    }

    @Test func residueLinesAreDeletedWhole() throws {
        let text = "Newsletter\n\nTitle\n\nimg/1.jpg 240w, https://x.example/2.jpg 480w\" type=\"image/jpeg\"/>\n\nBody.\n"
        let linter = Linter(try only("residue"))
        let outcome = try FixApplier.fixUntilStable(path: "x", bytes: Array(text.utf8), linter: linter, workspace: Workspace(), level: .safe)
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "\nTitle\n\n\nBody.\n")
    }

    @Test func confusablesMojibakeAndScripts() throws {
        let c = try lint("The \u{0421}ouncil and M\u{043E}\u{0441}kva", rules: only("unicode/confusables"))
        #expect(c.map { $0.fix?.applicability } == [.safe, .unsafe])
        let m = try lint("cafÃ© and Â£5 but not Ça", rules: only("unicode/mojibake"))
        #expect(m.map(\.text) == ["Ã©", "Â£"])
        #expect(m.map { $0.fix?.replacement } == ["é", "£"])
        let u = try lint("Yoon (윤석열) and 東京 and Καλημέρα", rules: only("unicode/untranslated-script"))
        #expect(u.map(\.message) == ["untranslated Hangul text '윤석열'", "untranslated Han text '東京'", "untranslated Greek text 'Καλημέρα'"])
    }

    @Test func markupIsResidueInPlainTextOnly() throws {
        let rules = try only("residue/html-markup")
        #expect(try lint("Line<br/>break", rules: rules, path: "a.txt").count == 1)
        #expect(try lint("Line<br/>break", rules: rules, path: "a.md").isEmpty)
        #expect(try lint("Line<br/>break", rules: rules, path: "notes/README").count == 1)
    }

    @Test func spellingSpansAreOnTheOriginalBytes() throws {
        // Decomposed accents, an emoji ZWJ sequence, CJK and right-to-left text before the
        // word, CRLF line ends and a BOM: the span is still exactly the word's bytes.
        let text = "\u{FEFF}Jose\u{301} 👨‍👩‍👧 東京 עברית\r\n\r\nThe colour, the honour, the color; we recieve it.\r\n"
        let f = try lint(text, rules: only("spelling"))
        #expect(f.map(\.text) == ["color", "recieve"])
        let bytes = Array(text.utf8)
        #expect(f.allSatisfy { String(decoding: bytes[$0.start.offset..<$0.end.offset], as: UTF8.self) == $0.text })
        #expect(f.map(\.start.line) == [3, 3])
        #expect(f.map(\.start.column) == [29, 39])
        #expect(f.map { $0.fix?.replacement } == ["colour", "receive"])
    }

    @Test func spacingFixesAreSafeAndLocal() throws {
        let text = "Output fell , and  prices rose.Then weeks passed ."
        let linter = Linter(try only("spacing"))
        let outcome = try FixApplier.fixUntilStable(path: "x", bytes: Array(text.utf8), linter: linter, workspace: Workspace(), level: .safe)
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "Output fell, and prices rose. Then weeks passed.")
    }
}
