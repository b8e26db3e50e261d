import Foundation
import Testing

/// The glossaries of CHANGELOG.md's examples, end to end through the CLI.
struct GlossaryTests {
    /// The first fenced block of `language` in CHANGELOG.md, without its indentation.
    static func changelogExample(_ language: String) throws -> String {
        let changelog = try String(contentsOf: repoRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let lines = changelog.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "```\(language)" })
        let end = try #require(lines[(start + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == "```" })
        let indent = lines[start].prefix { $0 == " " }.count
        return lines[(start + 1)..<end].map { String($0.dropFirst(indent)) }.joined(separator: "\n") + "\n"
    }

    static let article = "Both sides kept the long-distance armistice. A truce is not always a ceasefire.\n"

    @Test func tsvFromTheChangelog() throws {
        let dir = TempDir()
        dir.write("team.tsv", try Self.changelogExample("tsv"))
        dir.write("a.txt", Self.article)
        let r = try mtlint(["--glossary", "team.tsv", "--only", "glossary", "--format", "json", "a.txt"], in: dir.url)
        #expect(r.status == 1, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["text"] as? String } == ["long-distance armistice", "truce"])
        #expect(findings.allSatisfy { $0["rule"] as? String == "glossary/team" })
        #expect(findings.map { ($0["fix"] as? [String: Any])?["replacement"] as? String } == ["ceasefire", "ceasefire"])
        #expect((findings[1]["message"] as? String)?.contains("House style since 2024") == true)
    }

    @Test func tbxFromTheChangelog() throws {
        let dir = TempDir()
        dir.write("team.tbx", try Self.changelogExample("xml"))
        dir.write("a.txt", Self.article)
        let r = try mtlint(["--glossary", "team.tbx", "--only", "glossary", "--format", "json", "a.txt"], in: dir.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        // The deprecated term always; the admitted one because "ceasefire" is used too.
        #expect(findings.map { $0["text"] as? String } == ["long-distance armistice", "truce"])
        #expect(findings.map { ($0["fix"] as? [String: Any])?["applicability"] as? String } == ["safe", "unsafe"])
        // Without the preferred term in the article, an admitted one is fine.
        dir.write("b.txt", "A truce held.\n")
        let quiet = try mtlint(["--glossary", "team.tbx", "--only", "glossary", "b.txt"], in: dir.url)
        #expect(quiet.status == 0, "\(quiet.stdout)")
    }

    @Test func badGlossariesNameFileAndLine() throws {
        let dir = TempDir()
        dir.write("a.txt", "text\n")
        dir.write("bad.tsv", "# comment\ntruce\tceasefire\nlonely\n")
        let tsv = try mtlint(["--glossary", "bad.tsv", "a.txt"], in: dir.url)
        #expect(tsv.status == 2)
        #expect(tsv.stderr.contains("bad.tsv:3:1: error: 1 column; a glossary line is wrong, right and an optional note"))
        dir.write("bad.tbx", "<martif>\n<text><body>\n<termEntry>\n</body></text></martif>\n")
        let tbx = try mtlint(["--glossary", "bad.tbx", "a.txt"], in: dir.url)
        #expect(tbx.status == 2)
        #expect(tbx.stderr.contains("bad.tbx:4:"))
        #expect(tbx.stderr.contains("invalid TBX"))
    }
}
