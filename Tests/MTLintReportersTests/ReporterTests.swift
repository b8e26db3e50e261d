import Foundation
import Testing
import MTLintCore
@testable import MTLintReporters

struct ReporterTests {
    func findings(_ text: String, only: [String] = ["general", "terms-ko"]) throws -> [Finding] {
        let set = try RuleLoader.load().filtered(only: only, disable: [])
        return Linter(set).lint(try Document(path: "a\"b.txt", text: text), workspace: try Workspace(), excerpts: true).findings
    }

    @Test func jsonFollowsTheContractKeyOrder() throws {
        let fs = try findings("They kept the long-distance armistice.")
        let json = JSONReporter().render(fs, summary: Summary(files: 1, findings: fs))
        let keys = ["\"version\"", "\"tool\"", "\"summary\"", "\"files\"", "\"findings\"", "\"errors\"", "\"warnings\"",
                    "\"infos\"", "\"fixable\"", "\"path\"", "\"rule\"", "\"severity\"", "\"message\"", "\"text\"",
                    "\"start\"", "\"offset\"", "\"line\"", "\"column\"", "\"utf16Column\"", "\"end\"", "\"fix\"",
                    "\"replacement\"", "\"applicability\""]
        var cursor = json.startIndex
        for k in keys {
            let r = try #require(json.range(of: k, range: cursor..<json.endIndex), "\(k) out of order")
            cursor = r.upperBound
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let f = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(f["path"] as? String == "a\"b.txt")
        #expect(f["text"] as? String == "long-distance armistice")
        #expect((f["start"] as? [String: Any])?["offset"] as? Int == 14)
        #expect((f["fix"] as? [String: Any])?["applicability"] as? String == "safe")
    }

    @Test func jsonEscapesControlCharacters() {
        // Escapes between runs copied whole; a dash shares U+2028's first two bytes and stays.
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.value("k", "a\u{1}b\"\\\n\t\u{8}\u{C}\r\u{7F}\u{2028}—\u{2029}é")
        w.endObject()
        #expect(w.output == #"{"k":"a\u0001b\"\\\n\t\b\f\r\u007f\u2028—\u2029é"}"#)
    }

    @Test func jsonWritesNumbersAndKeysAsJSONSerializationReadsThem() throws {
        // Numbers are written digit by digit and plain keys copied: both must still parse,
        // with Int's extremes, zero and a key that does need escapes.
        let numbers = [0, 7, -1, 10, 99, 100, 65_535, 1_000_000_007, Int.max, Int.min]
        var w = JSONWriter(pretty: false)
        w.beginObject()
        for (k, n) in numbers.enumerated() { w.value("n\(k)", n) }
        w.value("a \"key\"\n", 1)
        w.endObject()
        #expect(w.output.hasPrefix(#"{"n0":0,"n1":7,"n2":-1,"n3":10,"#))
        #expect(w.output.hasSuffix(#""n8":9223372036854775807,"n9":-9223372036854775808,"a \"key\"\n":1}"#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(w.output.utf8)) as? [String: Any])
        for (k, n) in numbers.enumerated() where n != Int.min { #expect((parsed["n\(k)"] as? NSNumber)?.intValue == n) }
        #expect((parsed["a \"key\"\n"] as? NSNumber)?.intValue == 1)
    }

    /// Pretty output indents two spaces a depth, deeper than the line breaks kept ready too.
    @Test func jsonIndentsEveryDepth() throws {
        var w = JSONWriter()
        w.beginObject()
        for d in 0..<40 { w.beginArray(d == 0 ? "d0" : nil) }
        w.value(nil, 1)
        for _ in 0..<40 { w.endArray() }
        w.endObject()
        let lines = w.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 83)
        for (k, line) in lines.enumerated() {
            let depth = k <= 41 ? k : 82 - k
            #expect(line.prefix { $0 == " " }.count == 2 * depth, "line \(k): \(line)")
        }
        #expect(lines[1] == "  \"d0\": [")
        #expect(lines[41] == String(repeating: " ", count: 82) + "1")
        #expect(try JSONSerialization.jsonObject(with: Data(w.output.utf8)) is [String: Any])
    }

    /// A copied writer writes on its own: its bytes live apart from the original's once
    /// either writes, as an array's would.
    @Test func jsonWriterCopiesWriteApart() {
        var a = JSONWriter(pretty: false)
        a.beginArray()
        a.value(nil, 1)
        var b = a
        b.value(nil, 2)
        a.value(nil, 3)
        for k in 0..<200 { b.value(nil, String(repeating: "x", count: k)) }
        a.endArray()
        #expect(a.output == "[1,3]")
        #expect(b.output.hasPrefix("[1,2,\"\",\"x\",\"xx\","))
        #expect(b.bytes.count == 5 + 200 * 3 + (0..<200).reduce(0, +) - 1)
    }

    @Test func jsonEscapesC1AndBidiControlsKeepingTheValue() throws {
        // Neighbours that share the lead bytes (C2, D8, E2) stay as they are.
        let value = "x\u{85}\u{9B}31m\u{A0}£ \u{61C}\u{61B} \u{200E}\u{200F}\u{200D} \u{202A}\u{202E}\u{202F} \u{2066}\u{2069}\u{2070}€"
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.value("k", value)
        w.endObject()
        #expect(w.output == #"{"k":"x\u0085\u009b31m\#u{A0}£ \u061c\#u{61B} \u200e\u200f\#u{200D} \u202a\u202e\#u{202F} \u2066\u2069\#u{2070}€"}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(w.output.utf8)) as? [String: String])
        #expect(parsed["k"] == value)
    }

    /// Every scalar beyond ASCII is escaped exactly when the terminal escapes would show it
    /// escaped, or it is U+2028/9.
    @Test func jsonEscapesExactlyTheCharactersThatNeedIt() {
        for v in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v), v % 7 == 0 || v < 0x3000 else { continue }
            var w = JSONWriter(pretty: false)
            w.beginArray()
            w.value(nil, String(Character(scalar)))
            w.endArray()
            let escaped = w.output.hasPrefix("[\"\\u")
            #expect(escaped == (ControlCharacters.needsEscape(v) || v == 0x2028 || v == 0x2029), "U+\(String(v, radix: 16))")
        }
    }

    @Test func emptyRunIsValidJSONWithNullFixes() throws {
        let json = JSONReporter().render([], summary: Summary(files: 0, findings: []))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func textShowsLocationCaretUnderWideTextAndFix() throws {
        let fs = try findings("漢字 👩‍👩‍👧 the the end")
        let out = TextReporter(color: false).render(fs, summary: Summary(files: 1, findings: fs))
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "a\"b.txt:1:6: error: 'the the' repeats a word [general/doubled-words]")
        #expect(lines[1] == "    漢字 👩‍👩‍👧 the the end")
        // 漢字 is 4 cells, the family emoji 2, two spaces: the caret starts at cell 8.
        #expect(lines[2] == "    " + String(repeating: " ", count: 8) + "^^^^^^^")
        #expect(lines[3] == "    fix (safe): 'the'")
        #expect(lines.last(where: { !$0.isEmpty }) == "1 finding (1 error) in 1 file; 1 fixable with --fix")
    }

    @Test func everyOutputEscapesWhatTheUnicodeRulesReport() throws {
        // An isolate, a mark, ESC and a C1 control: the rules' list is the outputs' list.
        let hostile = "\u{2067}\u{200F}\u{1B}[31m\u{85}"
        for v in hostile.unicodeScalars.map(\.value) where v != 0x5B && v != 0x33 && v != 0x31 && v != 0x6D {
            #expect(ControlCharacters.needsEscape(v))
        }
        let shown = "\\u{2067}\\u{200F}\\u{1B}[31m\\u{85}"
        #expect(Sanitize.controls(hostile) == shown)
        #expect(XMLText.escape(hostile) == shown)
        // The excerpt under a finding too.
        let fs = try findings("the the " + hostile)
        let out = TextReporter(color: false).render(fs, summary: Summary(files: 1, findings: fs))
        #expect(out.contains("the the " + shown))
        let raw: Set<UInt32> = [0x1B, 0x2067, 0x200F, 0x85]
        #expect(!out.unicodeScalars.contains { raw.contains($0.value) })
    }

    @Test func textEscapesControlAndBidiCharacters() throws {
        let fs = try findings("\u{202E}x\tthe the")
        let out = TextReporter(color: false).render(fs, summary: Summary(files: 1, findings: fs))
        #expect(out.contains("    \\u{202E}x\\tthe the\n"))
        #expect(!out.contains("\u{202E}"))
        #expect(out.contains("\n    " + String(repeating: " ", count: 11) + "^^^^^^^\n"))
    }

    @Test func longLinesShowAWindowAroundTheSpan() throws {
        let text = String(repeating: "one two ", count: 1000) + "the the " + String(repeating: "three four ", count: 1000)
        let f = try #require(try findings(text).first)
        let e = try #require(f.excerpt)
        #expect(e.line.hasPrefix("…") && e.line.hasSuffix("…"))
        #expect(e.line.count < 260)
        let chars = Array(e.line)
        #expect(String(chars[e.caretColumn..<e.caretColumn + e.caretWidth]) == "the the")
        #expect(e.caretWidth == 7)
    }

    @Test func colourOnlyWhenAsked() throws {
        let fs = try findings("the the")
        #expect(!TextReporter(color: false).render(fs, summary: Summary(files: 1, findings: fs)).contains("\u{1B}["))
        #expect(TextReporter(color: true).render(fs, summary: Summary(files: 1, findings: fs)).contains("\u{1B}["))
    }

    @Test func rulesCatalogListsEveryRule() throws {
        let set = try RuleLoader.load()
        let json = RuleCatalog.json(set)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(array.count == set.rules.count)
        let doubled = try #require(array.first { $0["id"] as? String == "general/doubled-words" })
        #expect(doubled["kind"] as? String == "repetition")
        #expect(doubled["fixable"] as? Bool == true)
        #expect(doubled["pack"] as? String == "general")
        #expect(RuleCatalog.explain(try #require(set.rule("terms-ko/calques")), pack: nil).contains("bad:   Both sides agreed"))
    }
}

/// The escaping helpers themselves, on every character they treat specially.
struct EscapingTests {
    @Test func xmlEscapesMarkupAndShowsForbiddenCharacters() {
        #expect(XMLText.escape("<a & \"b\" 'c'>\n\u{1}\u{FFFE}\u{202E}é") == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;&#10;\\u{1}\\u{FFFE}\\u{202E}é")
    }

    @Test func githubEscapesAsTheToolkitAndHidesControls() {
        #expect(GitHubReporter.escapeProperty("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A")
        #expect(GitHubReporter.escapeData("50% ::x\n\u{1B}[31m") == "50%25 ::x%0A%1B[31m")
    }
}

struct SARIFURITests {
    @Test func pathsBecomeURIReferences() {
        #expect(SARIFReporter.artifactURI("./news/a b#1.md") == "news/a%20b%231.md")
        #expect(SARIFReporter.artifactURI("/srv/x?.txt") == "file:///srv/x%3F.txt")
        #expect(SARIFReporter.artifactURI("Corpus/été.txt") == "Corpus/%C3%A9t%C3%A9.txt")
    }
}

extension ReporterTests {
    @Test func jsonWrittenInChunksOnEveryCoreEqualsJSONWrittenInOneGo() throws {
        // Findings with text that needs escaping and text that does not, across several chunks.
        let one = try findings("They kept the long-distance armistice.\tA \"quoted\" picture explanation \u{2028}here.\n")
        #expect(!one.isEmpty)
        var many: [Finding] = []
        for i in 0..<4_321 {
            var f = one[i % one.count]
            f.path = "dir/file\(i / 7).txt"
            many.append(f)
        }
        let chunked = JSONReporter().render(many, summary: Summary(files: 1, findings: many))
        var w = JSONWriter()
        w.beginObject()
        w.beginArray("findings")
        for f in many { JSONReporter.write(f, to: &w) }
        w.endArray()
        w.endObject()
        let body = w.output.dropFirst(1).dropLast(1)   // the array with its key, without the braces
        #expect(chunked.contains(body))
        let parsed = try JSONSerialization.jsonObject(with: Data(chunked.utf8)) as? [String: Any]
        let items = parsed?["findings"] as? [[String: Any]]
        #expect(items?.count == many.count)
        #expect(items?.map { $0["path"] as? String } == many.map(\.path))
        // Handed out in pieces (head, the chunks, tail), never put together as a whole.
        var pieces: [[UInt8]] = []
        JSONReporter().write(many, summary: Summary(files: 1, findings: many), rules: []) { pieces.append(Array($0)) }
        let chunks = (many.count + JSONReporter.chunkSize - 1) / JSONReporter.chunkSize
        #expect(chunks > 2 && pieces.count == chunks + 2 && pieces.joined().elementsEqual(chunked.utf8))
        // With no findings, the same document as the one-go writer's.
        var none: [UInt8] = []
        JSONReporter().write([], summary: Summary(files: 0, findings: []), rules: []) { none += $0 }
        #expect(String(decoding: none, as: UTF8.self).hasSuffix("\"findings\": []\n}\n"))
    }
}
