import Foundation
import Testing

/// Markdown that is not prose, suppression comments and baselines hide exactly what they name.
@Suite(.serialized)
struct MarkdownAndBaselineTests {
    func findings(_ r: RunResult) throws -> [(String, Int, Int)] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return (object["findings"] as? [[String: Any]] ?? []).map {
            ($0["text"] as? String ?? "", ($0["start"] as? [String: Any])?["line"] as? Int ?? 0,
             ($0["start"] as? [String: Any])?["column"] as? Int ?? 0)
        }
    }

    @Test func markdownCodeURLsTargetsCommentsAndFrontMatterAreNotLinted() throws {
        let dir = TempDir()
        dir.write("a.md", """
            ---
            title: the the front matter
            ---
            # A heading with the the doubled

            - a list item with in in it
            > a quote with to to it

            Text with `the the` code, a [link and and text](https://example.com/of of) and https://x.example/on-on for for.

            ```
            the the in a fence
            ```

                the the indented code

            | a table | with by by |
            <!-- the the in a comment -->

            """)
        let r = try mtlint(["--only", "general", "--format", "json", "a.md"], in: dir.url)
        let found = try findings(r).map(\.0)
        #expect(found == ["the the", "in in", "to to", "and and", "for for", "by by"])
        let positions = try findings(r).map { "\($0.1):\($0.2)" }
        #expect(positions.first == "4:18")
        // The same text as .txt is all prose.
        dir.write("a.txt", "Text with `the the` code.\n")
        #expect(try findings(try mtlint(["--only", "general", "--format", "json", "a.txt"], in: dir.url)).count == 1)
    }

    @Test func aCommentOverSeveralLinesHidesAllOfThemWhateverItHolds() throws {
        let dir = TempDir()
        // The `code` on the comment's second line is a skip inside the comment's skip.
        dir.write("a.md", "Start. <!-- a note\nwith `code` and the the\nand in in -->\nAfter of of.\n")
        let r = try mtlint(["--only", "general", "--format", "json", "a.md"], in: dir.url)
        #expect(try findings(r).map(\.0) == ["of of"])
    }

    @Test func suppressionCommentsHideExactlyWhatTheyName() throws {
        let dir = TempDir()
        dir.write("a.md", """
            <!-- mtlint-disable-next-line general/doubled-words -->
            Hidden the the here.
            Shown to to here.
            <!-- mtlint-disable general -->
            Hidden and and here, but the long-distance armistice is shown.
            <!-- mtlint-enable general -->
            Shown for for here.
            <!-- mtlint-disable -->
            Hidden in in here, and the long-distance armistice too.

            """)
        let r = try mtlint(["--only", "general", "--only", "terms-ko/calques", "--format", "json", "a.md"], in: dir.url)
        #expect(try findings(r).map(\.0) == ["to to", "long-distance armistice", "for for"])
    }

    @Test func aBaselineHidesItsFindingsAndReportsStaleOnes() throws {
        let dir = TempDir()
        dir.write("a.txt", "the the one.\n\nin in two.\n")
        let write = try mtlint(["--write-baseline", "base.json", "a.txt"], in: dir.url)
        #expect(write.status == 0)
        #expect(write.stderr.contains("baseline written with 2 findings"))
        // Lines shift, one finding goes, one comes.
        dir.write("a.txt", "A new first line.\n\nthe the one.\n\nand and three.\n")
        let r = try mtlint(["--baseline", "base.json", "--format", "json", "a.txt"], in: dir.url)
        #expect(try findings(r).map(\.0) == ["and and"])
        #expect(r.stderr.contains("a.txt: notice: stale baseline entry: general/doubled-words 'in in' no longer occurs"))
        #expect(r.status == 1)
        dir.write("junk.json", "{}")
        #expect(try mtlint(["--baseline", "junk.json", "a.txt"], in: dir.url).status == 2)
        // A run over other files says nothing of a.txt's entries.
        dir.write("b.txt", "Clean.\n")
        let other = try mtlint(["--baseline", "base.json", "b.txt"], in: dir.url)
        #expect(other.status == 0)
        #expect(!other.stderr.contains("stale"), "\(other.stderr)")
    }
}

/// Shards, lists of files and merging.
@Suite(.serialized)
struct ShardAndMergeTests {
    @Test func shardsCoverEveryFileOnceAndMergeBack() throws {
        let dir = TempDir()
        for i in 0..<12 { dir.write("f\(i).txt", "the the \(i)\n") }
        var parts: [String] = []
        var seen: [String] = []
        for k in 1...3 {
            let r = try mtlint(["--shard", "\(k)/3", "--format", "json", "."], in: dir.url)
            dir.write("part\(k).json", r.stdout)
            parts.append("part\(k).json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            seen += (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        }
        #expect(seen.sorted() == (0..<12).map { "./f\($0).txt" }.sorted())
        let merged = try mtlint(["merge"] + parts, in: dir.url)
        let whole = try mtlint(["--format", "json", "."], in: dir.url)
        #expect(merged.stdout == whole.stdout)
        #expect(try mtlint(["--shard", "4/3", "."], in: dir.url).status == 2)
    }

    @Test func filesFromReadsAListOfPaths() throws {
        let dir = TempDir()
        dir.write("a.txt", "the the\n")
        dir.write("b.txt", "in in\n")
        dir.write("list.txt", "a.txt\n\nb.txt\n")
        let r = try mtlint(["--files-from", "list.txt", "--format", "json"], in: dir.url)
        #expect(r.stdout.contains("\"files\": 2"))
        let piped = try mtlint(["--files-from", "-", "--format", "json"], in: dir.url, stdin: Array("b.txt\n".utf8))
        #expect(piped.stdout.contains("\"files\": 1"))
        // No changed files: nothing is linted, not the whole folder.
        let empty = try mtlint(["--files-from", "-", "--format", "json"], in: dir.url, stdin: [])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("\"files\": 0"))
    }

    @Test func optionsThatCannotGoTogetherAreRefused() throws {
        let dir = TempDir()
        dir.write("a.txt", "the the\n")
        for args in [["--fix", "--diff"], ["--fix", "--baseline", "b.json"], ["--diff", "--write-baseline", "b.json"],
                     ["--files-from", "-", "-"]] {
            let r = try mtlint(args + ["a.txt"], in: dir.url)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("cannot be used together") || r.stderr.contains("apply to linting") || r.stderr.contains("both want stdin"))
        }
        #expect(try String(contentsOf: dir.url.appendingPathComponent("a.txt"), encoding: .utf8) == "the the\n")
    }
}
