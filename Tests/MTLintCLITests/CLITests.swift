import Foundation
import Testing

@Suite(.serialized)
struct CLITests {
    @Test func textOutputAndExitCodeOne() throws {
        let dir = TempDir()
        dir.write("a.txt", "They met in in Seoul.\n")
        let r = try mtlint(["a.txt"], in: dir.url)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("a.txt:1:10: error: 'in in' repeats a word [general/doubled-words]\n"))
        #expect(r.stderr.isEmpty)
    }

    @Test func cleanFileExitsZero() throws {
        let dir = TempDir()
        dir.write("a.md", "All is well.\n")
        let r = try mtlint([".", "--format", "json"], in: dir.url)
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"files\": 1"))
    }

    @Test func failLevelDecidesTheExitCode() throws {
        let dir = TempDir()
        dir.write("a.txt", "They arrived on the 26th (local time).\n")
        #expect(try mtlint(["a.txt"], in: dir.url).status == 0)
        #expect(try mtlint(["a.txt", "--fail-level", "info"], in: dir.url).status == 1)
    }

    @Test func missingPathIsAnErrorButOthersAreLinted() throws {
        let dir = TempDir()
        dir.write("a.txt", "the the\n")
        let r = try mtlint(["nope.txt", "a.txt", "--format", "json"], in: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("nope.txt: error: no such file or folder"))
        #expect(r.stdout.contains("\"rule\": \"general/doubled-words\""))
    }

    @Test func binaryFileIsSkippedWithANotice() throws {
        let dir = TempDir()
        dir.write("b.txt", [0x61, 0x00, 0x62])
        let r = try mtlint(["b.txt"], in: dir.url)
        #expect(r.status == 0)
        #expect(r.stderr.contains("b.txt: notice: binary file (NUL byte at offset 1)"))
    }

    @Test func foldersRecurseIntoArticleFilesOnly() throws {
        let dir = TempDir()
        dir.write("x/a.txt", "the the\n")
        dir.write("x/y/b.markdown", "in in\n")
        dir.write("x/c.json", "the the\n")
        dir.write("x/.hidden/d.md", "to to\n")
        let r = try mtlint(["x", "--format", "json"], in: dir.url)
        #expect(r.stdout.contains("\"path\": \"x/a.txt\""))
        #expect(r.stdout.contains("\"path\": \"x/y/b.markdown\""))
        #expect(!r.stdout.contains("c.json"))
        #expect(!r.stdout.contains(".hidden"))
        #expect(r.stdout.contains("\"files\": 2"))
    }

    @Test func stdinIsLintedUnderItsName() throws {
        let r = try mtlint(["-", "--stdin-filename", "story.md", "--format", "json"], stdin: Array("and and\n".utf8))
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"path\": \"story.md\""))
    }

    @Test func outputIsTheSameWithOneJobOrMany() throws {
        let dir = TempDir()
        for i in 0..<40 { dir.write("f\(i).txt", String(repeating: "the the long-distance armistice. ", count: i + 1)) }
        let one = try mtlint([".", "--format", "json", "--jobs", "1"], in: dir.url)
        let many = try mtlint([".", "--format", "json", "--jobs", "8"], in: dir.url)
        #expect(one.stdout == many.stdout)
        #expect(one.stdout.contains("\"files\": 40"))
    }

    @Test func usageErrorsExitTwo() throws {
        let r = try mtlint(["--format", "yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("yaml"))
        #expect(try mtlint(["--jobs", "0", "x"]).status == 2)
        #expect(try mtlint(["--only", "no/such-rule", "x"]).status == 2)
    }

    @Test func rulesAndExplain() throws {
        let rules = try mtlint(["rules", "--format", "json"])
        #expect(rules.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(rules.stdout.utf8)) as? [[String: Any]])
        #expect(array.contains { $0["id"] as? String == "terms-ko/caption-labels" })
        let explain = try mtlint(["explain", "terms-ko/calques"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("long-distance armistice"))
        #expect(try mtlint(["explain", "no/such"]).status == 2)
    }

    @Test func checkRulesValidatesAUsersPack() throws {
        let dir = TempDir()
        dir.write("p/pack.yml", "name: p\ndescription: d\n")
        dir.write("p/r.yml", "kind: existence\nseverity: info\nmessage: m\ntokens: [truce]\nexamples:\n  - bad: a truce\n  - good: a ceasefire\n")
        let ok = try mtlint(["check-rules", "p"], in: dir.url)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "1 rules, 2 examples, 0 failures\n")
        dir.write("p/r.yml", "kind: existence\nseverity: info\nmessage: m\ntokens: [truce]\nexamples:\n  - bad: a ceasefire\n  - good: a truce\n")
        let failing = try mtlint(["check-rules", "p"], in: dir.url)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("p/r.yml:6:5: error: [p/r]"))
        dir.write("p/r.yml", "kind: existence\nseverity: loud\nmessage: m\ntokens: [truce]\n")
        let broken = try mtlint(["check-rules", "p"], in: dir.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("p/r.yml:2:11: error: invalid severity 'loud'; valid values: info, warning, error"))
    }

    @Test func userRulesWithABadFileExitTwo() throws {
        let dir = TempDir()
        dir.write("p/pack.yml", "name: p\ndescription: d\n")
        dir.write("p/r.yml", "kind: pattern\nseverity: info\nmessage: m\npattern: '[a'\n")
        dir.write("a.txt", "text\n")
        let r = try mtlint(["--rules", "p", "a.txt"], in: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("p/r.yml:4:10: error: bad ICU regular expression"))
    }

    @Test func namesFileAddsPeople() throws {
        let dir = TempDir()
        dir.write("people.csv", "Kaja Vellamo,Vellamo,,Estonian Climate Envoy|Climate Envoy,EE\n")
        dir.write("a.txt", "Estonian Climate Envoy Kaja Vellammo spoke.\n")
        let without = try mtlint(["--only", "names", "--format", "json", "a.txt"], in: dir.url)
        #expect(without.stdout.contains("\"findings\": 0"))
        let with = try mtlint(["--names", "people.csv", "--only", "names", "--format", "json", "a.txt"], in: dir.url)
        #expect(with.stdout.contains("\"replacement\": \"Vellamo\""), "\(with.stdout)")
        dir.write("bad.tsv", "Kaja Vellamo\tSmith\n")
        let bad = try mtlint(["--names", "bad.tsv", "a.txt"], in: dir.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.tsv:1:1: error: the short form 'Smith' is not part of the name 'Kaja Vellamo'"))
    }

    @Test func explainShowsTheNamesEvidence() throws {
        let r = try mtlint(["explain", "names/misspelled-name"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("given name"))
        #expect(r.stdout.contains("title"))
    }

    @Test func builtinPacksWorkFromAnyFolder() throws {
        let dir = TempDir()
        dir.write("a.txt", "picture explanation,\n")
        let r = try mtlint(["--format", "json", "a.txt"], in: dir.url)
        #expect(r.stdout.contains("\"replacement\": \"Image caption\""))
    }
}
