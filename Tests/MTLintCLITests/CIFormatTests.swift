import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The CI formats: github annotations that article text cannot subvert, and XML that parses.
@Suite(.serialized)
struct CIFormatTests {
    /// A dangling fragment whose text carries an escaped newline and a command, a raw newline
    /// before another command, and an ANSI colour escape.
    static let hostile = "Intro.\n\nacting %0A::error::x \u{1B}[31mred\n::warning y,\" he said.\n"

    @Test func githubOutputCannotBeInjected() throws {
        let dir = TempDir()
        dir.write("evil.txt", Self.hostile)
        let r = try mtlint(["--format", "github", "--only", "fragment/dangling-quote", "evil.txt"], in: dir.url)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "one finding, one command: \(r.stdout)")
        let line = try #require(lines.first)
        // The span runs over the raw newline, so no columns: the toolkit forbids endColumn
        // on a span over several lines.
        #expect(line.hasPrefix("::error file=evil.txt,line=3,endLine=4,title="))
        #expect(line.contains("title=mtlint fragment/dangling-quote::"))
        #expect(line.contains("%250A::error::x"), "the article's %0A is escaped, not decoded")
        #expect(line.contains("%0A::warning"), "the raw newline is escaped")
        #expect(!r.stdout.utf8.contains(0x1B), "no raw escape byte")
    }

    @Test func textOutputHasNoRawEscapes() throws {
        let dir = TempDir()
        dir.write("evil.txt", Self.hostile)
        let r = try mtlint(["--only", "fragment/dangling-quote", "evil.txt"], in: dir.url)
        #expect(!r.stdout.utf8.contains(0x1B))
        #expect(r.stdout.contains("\\u{1B}[31m"))
        #expect(!r.stdout.contains("\n::warning"), "a finding's text cannot start a line of its own")
    }

    @Test func githubIsTheDefaultInActions() throws {
        let dir = TempDir()
        dir.write("a.txt", "the the end\n")
        let r = try mtlint(["a.txt"], in: dir.url, environment: ["GITHUB_ACTIONS": "true"])
        #expect(r.stdout.hasPrefix("::error file=a.txt,line=1,col=1,endLine=1,endColumn=8,title=mtlint general/doubled-words::"))
        let explicit = try mtlint(["--format", "text", "a.txt"], in: dir.url, environment: ["GITHUB_ACTIONS": "true"])
        #expect(explicit.stdout.hasPrefix("a.txt:1:1: error:"))
    }

    @Test func checkstyleAndJUnitAreWellFormedXML() throws {
        let dir = TempDir()
        dir.write("a&b.txt", "the the <end> \"quoted\" & \u{1}\n")
        for format in ["checkstyle", "junit"] {
            let r = try mtlint(["--format", format, "a&b.txt"], in: dir.url)
            let parser = XMLParser(data: Data(r.stdout.utf8))
            #expect(parser.parse(), "\(format): \(parser.parserError.map { "\($0)" } ?? "") \(r.stdout)")
            #expect(r.stdout.contains("a&amp;b.txt"))
        }
    }

    @Test func sarifHasRegionsFixesAndStableFingerprints() throws {
        let dir = TempDir()
        dir.write("a.txt", "They met in in Seoul.\n")
        let first = try mtlint(["--format", "sarif", "a.txt"], in: dir.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let result = try #require((run["results"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "general/doubled-words" })
        let region = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 1 && region["startColumn"] as? Int == 10 && region["endColumn"] as? Int == 15)
        #expect(region["byteOffset"] as? Int == 9 && region["byteLength"] as? Int == 5)
        let fixes = try #require(result["fixes"] as? [[String: Any]])
        let replacement = try #require(((fixes.first?["artifactChanges"] as? [[String: Any]])?.first?["replacements"] as? [[String: Any]])?.first)
        #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == "in")
        let fingerprint = (result["partialFingerprints"] as? [String: Any])?["mtlint/v1"] as? String
        // Lines added above do not change the fingerprint.
        dir.write("a.txt", "A new first line.\n\nThey met in in Seoul.\n")
        let second = try mtlint(["--format", "sarif", "a.txt"], in: dir.url)
        #expect(second.stdout.contains("\"mtlint/v1\": \"\(fingerprint ?? "-")\""))
    }
}

/// Hostile articles, under hostile file names, through every output format with every pack:
/// no raw control, escape or bidi character reaches a terminal or a CI log, each github
/// line is one command of mtlint's own, and JSON, SARIF and XML parse.
struct HostileArticleTests {
    static let articles: [(name: String, bytes: [UInt8])] = [
        ("evil\u{1B}[31m,name:%0A.txt", Array("Headline \u{1B}]8;;https://evil.example\u{7}click\u{1B}]8;;\u{7} \u{1B}[31mred\u{1B}[0m the the\n".utf8)),
        ("new\nline.txt", Array("::error file=x::pwned %0A::add-mask::secret\r\n\r\n\u{9B}31m C1 \u{85} and the the \u{202E}evil\u{202C} \u{2066}x\u{2069}.\n".utf8)),
        ("bidi\u{202E}txt.md", Array("# Title\n\nacting %0D%0A::warning::x,\" he said. \u{7}\u{8}\u{7F} the the\n".utf8)),
        ("invalid.txt", [0x54, 0x68, 0x65, 0x20, 0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0xC0, 0xAF, 0x20, 0x74, 0x68, 0x65, 0x20, 0x74, 0x68, 0x65, 0x0A]),
    ]

    /// Characters that must never appear raw in text meant for a terminal or a log.
    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    @Test(arguments: ["text", "github", "json", "sarif", "checkstyle", "junit"])
    func hostileArticlesStayInert(_ format: String) throws {
        let dir = TempDir()
        for a in Self.articles { dir.write(a.name, a.bytes) }
        let r = try mtlint(["--format", format] + Self.articles.map(\.name), in: dir.url)
        #expect(r.status == 1, "\(r.stderr)")
        let raw = r.stdout.unicodeScalars.filter(Self.forbidden)
        #expect(raw.isEmpty, "\(format): raw \(raw.map { String($0.value, radix: 16) })")
        #expect(!r.stderr.unicodeScalars.contains(where: Self.forbidden), "stderr: \(r.stderr.debugDescription)")
        switch format {
        case "github":
            let lines = r.stdout.split(separator: "\n")
            #expect(!lines.isEmpty)
            // A command starts only at a line's start: each line is one of mtlint's, whatever
            // "::" its message holds.
            for line in lines {
                #expect(line.hasPrefix("::error file=") || line.hasPrefix("::warning file=") || line.hasPrefix("::notice file="), "\(line)")
                #expect(line.contains(",title=mtlint "), "\(line)")
            }
        case "json", "sarif":
            #expect((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) != nil, "\(format) does not parse")
        case "checkstyle", "junit":
            let parser = XMLParser(data: Data(r.stdout.utf8))
            #expect(parser.parse(), "\(format): \(parser.parserError.map { "\($0)" } ?? "")")
        default:
            #expect(r.stdout.contains("\\u{1B}"), "the escape is shown, escaped")
        }
    }
}
