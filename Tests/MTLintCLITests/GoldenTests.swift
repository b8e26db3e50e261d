import Foundation
import Testing

/// Each Corpus article's findings against NAME.expected.json. Set MTLINT_UPDATE_GOLDENS=1 to
/// rewrite the expectations after a deliberate change, then review the diff.
struct GoldenTests {
    static let articles: [String] = {
        let corpus = repoRoot.appendingPathComponent("Corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { ($0.hasSuffix(".txt") || $0.hasSuffix(".md")) && !$0.contains(".fixed.") }.sorted()
    }()

    @Test func corpusHasArticles() {
        #expect(Self.articles.count >= 6)
    }

    @Test(arguments: articles)
    func corpusArticle(_ name: String) throws {
        let result = try mtlint(["--format", "json", "Corpus/" + name])
        #expect(result.status != 2, "\(result.stderr)")
        let stem = name.prefix(upTo: name.lastIndex(of: ".")!)
        let expectedURL = repoRoot.appendingPathComponent("Corpus/\(stem).expected.json")
        if ProcessInfo.processInfo.environment["MTLINT_UPDATE_GOLDENS"] == "1" {
            try Data(result.stdout.utf8).write(to: expectedURL)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(result.stdout == expected, "Corpus/\(name) differs from \(stem).expected.json; MTLINT_UPDATE_GOLDENS=1 rewrites it")
        #expect(result.stdout.contains("\"findings\": 0") == false, "every Corpus article carries faults")
    }

    /// NAME.fixed.EXT is the article after `--fix`; fixing it again changes nothing.
    @Test(arguments: articles)
    func corpusArticleFixed(_ name: String) throws {
        let dir = TempDir()
        let source = repoRoot.appendingPathComponent("Corpus/" + name)
        let copy = dir.write(name, [UInt8](try Data(contentsOf: source)))
        let first = try mtlint(["--fix", "--format", "json", name], in: dir.url)
        #expect(first.status != 2, "\(first.stderr)")
        let fixed = [UInt8](try Data(contentsOf: copy))
        let dot = name.lastIndex(of: ".")!
        let expectedURL = repoRoot.appendingPathComponent("Corpus/\(name[..<dot]).fixed\(name[dot...])")
        if ProcessInfo.processInfo.environment["MTLINT_UPDATE_GOLDENS"] == "1" {
            try Data(fixed).write(to: expectedURL)
        } else {
            #expect(fixed == [UInt8](try Data(contentsOf: expectedURL)), "Corpus/\(name) after --fix differs from \(expectedURL.lastPathComponent)")
        }
        _ = try mtlint(["--fix", "--format", "json", name], in: dir.url)
        #expect([UInt8](try Data(contentsOf: copy)) == fixed, "fixing Corpus/\(name) twice changed it again")
    }
}

/// The article this project exists for; read only when shared/ is beside the repository.
struct SeedTests {
    static let seed = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/seed/000_12a97b863d5565b3.txt")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seed.path)))
    func seedCalquesAreCaughtWithFixesAndExactSpans() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.seed))
        let result = try mtlint(["--format", "json", Self.seed.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let expected: [(String, String)] = [
            ("long-distance armistice", "ceasefire"), ("picture explanation", "Image caption"),
            ("photo source", "Image source"), ("video description", "Video caption"),
            ("presidential administrative office", "presidential administration"),
        ]
        for (text, fix) in expected {
            let f = try #require(findings.first { $0["text"] as? String == text }, "\(text) not found")
            #expect((f["fix"] as? [String: Any])?["replacement"] as? String == fix)
            let start = try #require((f["start"] as? [String: Any])?["offset"] as? Int)
            let end = try #require((f["end"] as? [String: Any])?["offset"] as? Int)
            #expect(String(decoding: bytes[start..<end], as: UTF8.self) == text)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seed.path)))
    func seedMisspelledNameIsFixedEverywhere() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.seed))
        let occurrences = String(decoding: bytes, as: UTF8.self).components(separatedBy: "Blincoln").count - 1
        let result = try mtlint(["--format", "json", "--only", "names", Self.seed.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == occurrences)
        let fixes = findings.map { ($0["text"] as? String, ($0["fix"] as? [String: Any])?["replacement"] as? String) }
        #expect(fixes.filter { $0 == ("Anthony Blincoln", "Antony Blinken") }.count == 2)
        #expect(fixes.filter { $0 == ("Blincoln", "Blinken") }.count == occurrences - 2)
        #expect(findings.allSatisfy { ($0["message"] as? String)?.contains("Antony Blinken, US Secretary of State") == true })
    }
}
