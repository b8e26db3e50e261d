import Foundation
import Testing

/// The spelling pack's options end to end: `--accept FILE` and the configuration's `accept`.
struct SpellingCLITests {
    func texts(_ r: RunResult) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    }

    @Test func acceptFilesAddWords() throws {
        let dir = TempDir()
        dir.write("a.txt", "The flurbish plan and the snorkelry vote; we recieve it.\n")
        dir.write("words.txt", "# house words\nflurbish\nsnorkelry\n")
        let plain = try mtlint(["--only", "spelling", "--format", "json", "a.txt"], in: dir.url)
        #expect(try texts(plain) == ["flurbish", "snorkelry", "recieve"])
        let accepted = try mtlint(["--accept", "words.txt", "--only", "spelling", "--format", "json", "a.txt"], in: dir.url)
        #expect(accepted.status == 1, "\(accepted.stderr)")
        #expect(try texts(accepted) == ["recieve"])
    }

    @Test func aMissingAcceptFileIsAnInputError() throws {
        let dir = TempDir()
        dir.write("a.txt", "Fine.\n")
        let r = try mtlint(["--accept", "nowhere/words.txt", "a.txt"], in: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("nowhere/words.txt"), "\(r.stderr)")
        #expect(r.stderr.contains("cannot read the accept list"), "\(r.stderr)")
        dir.write("bad.txt", "fine\ntwo words\n")
        let bad = try mtlint(["--accept", "bad.txt", "a.txt"], in: dir.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.txt:2:1: error: 'two words' is not a word"), "\(bad.stderr)")
    }

    @Test func theConfigurationAcceptsWordsAndFiles() throws {
        let dir = TempDir()
        dir.write("desk/.mtlint.yml", "language: en-US\naccept: [flurbish, house.txt]\n")
        dir.write("desk/house.txt", "snorkelry\n")
        dir.write("desk/a.txt", "The flurbish plan, the snorkelry vote and the colour of it.\n")
        let r = try mtlint(["--only", "spelling", "--format", "json", "desk/a.txt"], in: dir.url)
        #expect(try texts(r) == ["colour"], "\(r.stderr)")
        dir.write("desk/.mtlint.yml", "accept: [\"not a word\"]\n")
        let bad = try mtlint(["--only", "spelling", "desk/a.txt"], in: dir.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(".mtlint.yml:1:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("invalid 'accept' item 'not a word'"), "\(bad.stderr)")
    }
}
