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
    }
}
