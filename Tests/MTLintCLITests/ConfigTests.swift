import Foundation
import Testing

/// `.mtlint.yml`: found upward, strict, and applied per file.
@Suite(.serialized)
struct ConfigTests {
    func rules(_ r: RunResult) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return (object["findings"] as? [[String: Any]] ?? []).compactMap { f in
            (f["path"] as? String).map { "\($0) \(f["rule"] as? String ?? "") \(f["severity"] as? String ?? "")" }
        }
    }

    @Test func theNearestConfigAppliesToEachFile() throws {
        let dir = TempDir()
        dir.write("top.txt", "the the. The long-distance armistice held.\n")
        dir.write("desk/.mtlint.yml", "packs:\n  terms-ko: off\nrules:\n  general/doubled-words: info\n")
        dir.write("desk/story.txt", "the the. The long-distance armistice held.\n")
        let r = try mtlint(["--format", "json", "--only", "general", "--only", "terms-ko", "."], in: dir.url)
        #expect(try rules(r) == [
            "./desk/story.txt general/doubled-words info",
            "./top.txt general/doubled-words error",
            "./top.txt terms-ko/calques warning",
        ])
        let none = try mtlint(["--format", "json", "--no-config", "--only", "terms-ko", "desk/story.txt"], in: dir.url)
        #expect(try rules(none) == ["desk/story.txt terms-ko/calques warning"])
    }

    @Test func includeAndExcludeApplyToFilesFoundInFolders() throws {
        let dir = TempDir()
        dir.write(".mtlint.yml", "include: [\"articles/**\"]\nexclude: [\"articles/drafts/**\"]\n")
        dir.write("articles/a.txt", "the the\n")
        dir.write("articles/drafts/b.txt", "the the\n")
        dir.write("notes.txt", "the the\n")
        let r = try mtlint(["--format", "json", "--only", "general", "."], in: dir.url)
        #expect(try rules(r) == ["./articles/a.txt general/doubled-words error"])
        // A file named on the command line is linted whatever the globs say.
        let named = try mtlint(["--format", "json", "--only", "general", "notes.txt"], in: dir.url)
        #expect(try rules(named) == ["notes.txt general/doubled-words error"])
    }

    @Test func failLevelAndExtraFilesComeFromTheConfig() throws {
        let dir = TempDir()
        dir.write(".mtlint.yml", "fail_level: error\nglossaries: [team.tsv]\n")
        dir.write("team.tsv", "truce\tceasefire\n")
        dir.write("a.txt", "A truce held.\n")
        let r = try mtlint(["--format", "json", "a.txt"], in: dir.url)
        #expect(try rules(r).contains("a.txt glossary/team warning"))
        #expect(r.status == 0, "a warning is below the configured fail level")
        #expect(try mtlint(["--fail-level", "warning", "a.txt"], in: dir.url).status == 1)
    }

    @Test func strictErrorsNameTheFileAndTheValidKeys() throws {
        let dir = TempDir()
        dir.write("a.txt", "text\n")
        dir.write(".mtlint.yml", "fail-level: error\n")
        let r = try mtlint(["a.txt"], in: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains(".mtlint.yml:1:1: error: unknown key 'fail-level' in the configuration; valid keys: language, fail_level, packs, rules"))
        dir.write(".mtlint.yml", "rules:\n  spacing/double-space: loud\n")
        let bad = try mtlint(["a.txt"], in: dir.url)
        #expect(bad.stderr.contains("invalid setting 'loud' for 'spacing/double-space'; valid values: error, warning, info, off"))
        dir.write(".mtlint.yml", "packs:\n  no-such-pack: off\n")
        #expect(try mtlint(["a.txt"], in: dir.url).stderr.contains("no pack 'no-such-pack' to turn off"))
    }

    @Test func languageSelectsThePacksWrittenForIt() throws {
        let dir = TempDir()
        dir.write("us/pack.yml", "name: US house style\ndescription: en-US spellings\nlanguage: en-US\n")
        dir.write("us/colour.yml", """
            kind: existence
            severity: warning
            message: "'{match}' is the British spelling"
            tokens: [colour]
            examples:
              - bad: "The colour faded."
              - good: "The color faded."

            """)
        dir.write("a.txt", "The the colour faded.\n")
        func found(_ language: String) throws -> [String] {
            dir.write(".mtlint.yml", "language: \(language)\nrule_folders: [us]\n")
            return try rules(mtlint(["--format", "json", "--only", "us", "--only", "general", "a.txt"], in: dir.url))
        }
        #expect(try found("en-GB") == ["a.txt general/doubled-words error"], "an en-US pack is not for en-GB articles")
        #expect(try found("en-US") == ["a.txt general/doubled-words error", "a.txt us/colour warning"])
        #expect(try found("en") == ["a.txt general/doubled-words error", "a.txt us/colour warning"])
        #expect(try found("fr") == [], "English packs do not check French articles")
        dir.write(".mtlint.yml", "language: english\n")
        #expect(try mtlint(["a.txt"], in: dir.url).stderr.contains(".mtlint.yml:1:11: error: invalid language 'english'"))
    }

    @Test func initWritesAStarterThatLoads() throws {
        let dir = TempDir()
        let r = try mtlint(["init"], in: dir.url)
        #expect(r.status == 0)
        let text = try String(contentsOf: dir.url.appendingPathComponent(".mtlint.yml"), encoding: .utf8)
        #expect(text.contains("# fail_level: warning"))
        dir.write("a.txt", "the the\n")
        #expect(try mtlint(["a.txt"], in: dir.url).status == 1)
        #expect(try mtlint(["init"], in: dir.url).status == 2, "an existing file is not overwritten")
    }
}
