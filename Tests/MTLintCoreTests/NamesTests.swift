import ICUText
import TestSupport
import Testing
@testable import MTLintCore

/// The names rule on a small gazetteer of its own, so that these tests do not move with the
/// built-in one.
struct NamesTests {
    static let gazetteer = """
        # name\tshort\tvariants\troles\tcountry
        Antony Blinken\tBlinken\tTony Blinken\tUS Secretary of State|Secretary of State|Secretary\tUS
        Anthony Albanese\tAlbanese\t\tAustralian Prime Minister|Prime Minister\tAU
        Jens Stoltenberg\tStoltenberg\t\tNato Secretary General|Secretary General\tNATO
        Recep Tayyip Erdoğan\tErdoğan\t\tTurkish President|President\tTR
        António Guterres\tGuterres\t\tUN Secretary-General|Secretary-General\tUN
        Mark Rutte\tRutte\t\tDutch Prime Minister|Prime Minister\tNL
        Sergey Lavrov\tLavrov\tSergei Lavrov|Sergei\tRussian Foreign Minister|Foreign Minister\tRU
        Dmitry Peskov\tPeskov\tDmitri Peskov|Dmitri\tKremlin spokesman\tRU
        Volodymyr Zelensky\tZelensky\tVolodymyr Zelenskyy|Zelenskyy|Zelenskiy\tUkrainian President|President\tUA
        Joe Biden\tBiden\t\tUS President|President\tUS
        Emmanuel Macron\tMacron\t\tFrench President|President\tFR
        Donald Tusk\tTusk\t\tEuropean Council President|President\tPL
        Ursula von der Leyen\tvon der Leyen\t\tEuropean Commission President|President\tEU
        Olaf Scholz\tScholz\t\tGerman Chancellor|Chancellor\tDE
        Olaf Schulz\tSchulz\t\tMayor\tDE

        """

    static let rules: RuleSet = {
        let dir = TempDir()
        dir.write("people/pack.yml", "name: p\ndescription: d\n")
        dir.write("people/people.tsv", gazetteer)
        dir.write("people/name.yml", "kind: names\nseverity: error\nmessage: \"'{match}' looks like '{replacement}'\"\ngazetteer: people.tsv\n")
        dir.write("people/consistency.yml", "kind: name-consistency\nseverity: warning\nmessage: \"'{match}' is '{replacement}' elsewhere\"\ngazetteer: [people.tsv]\napplicability: unsafe\n")
        return try! RuleLoader.load(builtin: false, directories: [dir.path])
    }()

    func names(_ text: String) throws -> [Finding] { try lint(text, rules: Self.rules.filtered(only: ["people/name"], disable: [])) }

    /// The worker's cache of candidates answers as the index does, for every word and list of
    /// people asked (the same people in another order too), with and without near targets,
    /// asked twice: the second time from the cache.
    @Test func cachedCandidatesAreTheIndexs() throws {
        let rule = try #require(Self.rules.rules.compactMap { $0 as? NamesRule }.first)
        let index = rule.index
        let cache = NameLookupCache()
        let words = ["blincoln", "blinken", "stoltenburg", "erdogen", "scholtz", "schulz", "lavrof", "zelenksy", "nobody", "bidden"]
        let lists: [[Int]] = [[0], [3], [13, 14], [14, 13], [0, 1, 2], Array(index.people.indices), []]
        for _ in 0..<2 {
            for word in words {
                let hash = UnitHash.of(word.utf16)
                for people in lists {
                    for specific in [false, true] {
                        let near = specific ? cache.nearCandidates(hash: hash, folded: { word }, in: index) : nil
                        let cached = cache.candidates(hash: hash, people: people, near: near, folded: { word }, in: index)
                        let direct = index.candidates(word, near: [], people: people, maxDistance: NameIndex.candidateDistance, seed: near?.all ?? [])
                        #expect(cached.map(\.id) == direct.map(\.id) && cached.map(\.distance) == direct.map(\.distance), "\(word), \(people), \(specific)")
                    }
                }
            }
        }
    }

    @Test func misspelledSurnameAndGivenNameAndEveryLaterOccurrence() throws {
        let text = "US Secretary of State Anthony Blincoln said so.\n\nSecretary Blincoln left. Blincoln’s aides and Blincoln's car."
        let f = try names(text)
        #expect(f.map(\.text) == ["Anthony Blincoln", "Blincoln", "Blincoln", "Blincoln"])
        #expect(f.map { $0.fix?.replacement } == ["Antony Blinken", "Blinken", "Blinken", "Blinken"])
        #expect(f.allSatisfy { $0.fix?.applicability == .safe })
        #expect(f[0].message.contains("Antony Blinken, US Secretary of State"))
        #expect(f[0].message.contains("given name 'Anthony'"))
    }

    @Test func exactGivenNameAndTitleAllowTwoEdits() throws {
        let f = try names("Nato Secretary General Jens Stoltenburg spoke. Recep Tayyip Erdogen replied. The UN chief Antonio Guterez too.")
        #expect(f.map(\.text) == ["Stoltenburg", "Erdogen", "Guterez"])
        // An article without accents gets the name without accents, which is accepted too.
        #expect(f.map { $0.fix?.replacement } == ["Stoltenberg", "Erdogan", "Guterres"])
        #expect(try names("Recep Tayyip Erdoğen replied.").map { $0.fix?.replacement } == ["Erdoğan"])
    }

    @Test func correctNamesVariantsAndLookalikesAreNotFlagged() throws {
        let text = """
            Antonio Guterres met Sergey Lavrov, Sergei Lavrov and Dmitri Peskov. Zelenskyy and Volodymyr Zelenskiy spoke.
            Mark Ruffalo starred. Trumpet players marched. The Bidens and Macron's aides watched. President Bush left.
            President Busk arrived. Ursula von der Leyen spoke.
            """
        #expect(try names(text).isEmpty)
    }

    @Test func aWordWithoutEvidenceIsLeftAlone() throws {
        // "Blinkin" alone: no given name, no title, so it may be anyone or anything.
        #expect(try names("Blinkin said nothing.").isEmpty)
    }

    @Test func titleAloneAllowsOneEditOnALongName() throws {
        #expect(try names("Chancellor Scholtz spoke.").isEmpty, "a title many people share is not enough")
        #expect(try names("Home Secretary Charles Scholtz spoke.").isEmpty, "a given name of someone else's")
        let f = try names("German Chancellor Scholtz spoke.")
        #expect(f.map { $0.fix?.replacement } == ["Scholz"])
        #expect(f.first?.fix?.applicability == .unsafe)
    }

    @Test func equallyCloseNamesGiveNothing() throws {
        // "Olaf Scholtz": Scholz (1 edit) vs Schulz (2 edits) is not a tie, but "Olaf Schalz" is.
        #expect(try names("Olaf Schalz spoke.").isEmpty)
    }

    @Test func misspelledGivenNameBesideAnExactSurname() throws {
        let f = try names("US Secretary of State Anthony Blinken spoke.")
        #expect(f.map(\.text) == ["Anthony"])
        #expect(f.first?.fix?.replacement == "Antony")
        #expect(f.first?.fix?.applicability == .safe)
    }

    @Test func spansAreExactOnNonASCIIText() throws {
        let text = "👩‍👩‍👧 漢字 Cafe\u{301}: Turkish President Recep Tayyip Erdogen said so."
        let f = try #require(try names(text).first)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[f.start.offset..<f.end.offset], as: UTF8.self) == "Erdogen")
        #expect(f.start.column == 43)
    }

    @Test func cyrillicSpellingFoldsToLatin() throws {
        // Any-Latin; Latin-ASCII makes "Зеленский" comparable with "Zelensky".
        #expect(NameFolding.fold("Зеленский", transliterator: ASCIIFolder()) == "zelenskij")
        #expect(NameFolding.fold("Erdoğan", transliterator: ASCIIFolder()) == "erdogan")
    }

    @Test func latinLettersFoldToASCIIAsICUsTransformDoes() throws {
        let icu = try Transliterator(NameFolding.transform)
        let letters = LatinASCII.table.keys.sorted().map { String(Unicode.Scalar($0)!) }
        #expect(letters.count > 400)
        for c in letters {
            for text in [c, "x\(c)y", "X\(c)Y", "\(c)a", "\(c)A", "A\(c)", c + c] {
                #expect(LatinASCII.apply(text) == icu.apply(text), "\(text) (U+\(String(c.unicodeScalars.first!.value, radix: 16)))")
            }
        }
        // Whole names of known letters, as the gazetteer and articles have them.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let name = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                Bool.random(using: &rng) ? letters.randomElement(using: &rng)! : String("aBz'-. ".randomElement(using: &rng)!)
            }.joined()
            #expect(LatinASCII.apply(name) == icu.apply(name), "\(name)")
        }
        // What the table does not know goes to ICU: decomposed accents, capital ligatures
        // (ICU writes "Æ" as "AE" or "Ae" by the letter after it), other scripts.
        for text in ["e\u{301}", "Æsir", "ÆSIR", "Œuvre", "Зеленский", "東京", "👩‍💻"] { #expect(LatinASCII.apply(text) == nil, "\(text)") }
        let folder = ASCIIFolder()
        #expect(folder.apply("Kılıçdaroğlu, Müller, Łódź, Ørsted") == "Kilicdaroglu, Muller, Lodz, Orsted")
        #expect(!folder.openedICU)
        #expect(folder.apply("Зеленский") == "Zelenskij" && folder.apply("Æsir") == icu.apply("Æsir"))
        #expect(folder.openedICU)
    }

    @Test func distanceAndPhoneticKey() {
        #expect(NameFolding.distance("blincoln", "blinken") == 3)
        #expect(NameFolding.distance("zelenksy", "zelensky") == 1)
        #expect(NameFolding.distance("abc", "abcdef", limit: 2) == 3)
        #expect(NameFolding.phoneticKey("zelensky") == NameFolding.phoneticKey("zelenskiy"))
        #expect(NameFolding.phoneticKey("philips") == NameFolding.phoneticKey("filips"))
        // Keys pinned from the Character-based version that the byte-based one replaced.
        let pinned = ["zelensky": "slnsk", "philips": "flps", "achterberg": "ajtrprk", "shoigu": "jk", "erdogan": "artkn",
                      "xi": "s", "blinken": "plnkn", "aaron": "arn", "schwarz": "sjfrs", "ukhh": "ak", "stephen": "stfn", "ph": "f",
                      "": "", "é-ã": ""]
        for (word, key) in pinned { #expect(NameFolding.phoneticKey(word) == key, "\(word)") }
    }

    /// Byte counts for ASCII spellings, characters for the rest: the answers agree.
    @Test func namesThatDifferByAnEnding() {
        let pairs: [(String, String, Bool)] = [
            ("williams", "williamson", true), ("korea", "korean", true), ("airline", "airlines", true), ("kim", "kimes", true),
            ("blinken", "blincoln", false), ("erdogan", "erdogen", false), ("smith", "smith", false), ("an", "anna", false),
            ("zoë", "zoës", true), ("josé", "josés", true), ("josé", "jose", false), ("", "s", true), ("niño", "niñez", false),
        ]
        for (a, b, expected) in pairs {
            #expect(NamesCollector.differByEnding(a, b) == expected, "\(a), \(b)")
            #expect(NamesCollector.differByEnding(b, a) == expected, "\(b), \(a)")
        }
    }

    @Test func commonGivenNamesAreFoldedAsArticleWordsAre() throws {
        // "José" in the list must match "Jose" and "José" in an article, both folded to "jose".
        let dir = TempDir()
        dir.write("people/pack.yml", "name: p\ndescription: d\n")
        dir.write("people/people.tsv", Self.gazetteer)
        dir.write("people/common.tsv", "# given names\r\nJosé\r\nJohn\r\nZoë\n")
        dir.write("people/name.yml", "kind: names\nseverity: error\nmessage: m\ngazetteer: people.tsv\ncommon_given_names: common.tsv\n")
        let set = try RuleLoader.load(builtin: false, directories: [dir.path])
        let rule = try #require(set.rules.first as? NamesRule)
        #expect(rule.commonGivenNames == ["jose", "john", "zoe"])
    }

    @Test func consistencyReportsTheMinoritySpelling() throws {
        let only = try Self.rules.filtered(only: ["people/consistency"], disable: [])
        let f = try lint("Coach Hamid Karimov spoke. Hamid Karimov smiled. Later Hamid Karimof left.", rules: only)
        #expect(f.map(\.text) == ["Karimof"])
        #expect(f.first?.fix == Fix(replacement: "Karimov", applicability: .unsafe))
        #expect(try lint("Anna Petrova met Ivan Petrov. Ivan Petrov left.", rules: only).isEmpty)
        // A spelling that follows no other word of its run shares no given name, and pairs
        // with nothing; one that follows the same given name does, accented or not (folded,
        // "Wałczakowski" is "Walczakowski", the same spelling).
        #expect(try lint("Hamid Karimov spoke. Hamid Karimov smiled. Karimof left.", rules: only).isEmpty)
        let accented = try lint("Coach Jürgen Wałczakowski spoke. Jürgen Walczakowski smiled. Jürgen Walczakowsky left.", rules: only)
        #expect(accented.map(\.text) == ["Walczakowsky"])
    }
}

struct GazetteerReaderTests {
    @Test func tsvCsvAndYAML() throws {
        let tsv = try GazetteerReader.read("Olaf Scholz\tScholz\tOlaf Scholtz?\tChancellor|German Chancellor\tDE\n", file: "g.tsv", format: .tsv)
        #expect(tsv.first?.roles == ["Chancellor", "German Chancellor"])
        let csv = try GazetteerReader.read("\"Lula, Luiz\",Lula,,\"President, Brazil\",BR\n", file: "g.csv", format: .csv)
        #expect(csv.first?.name == "Lula, Luiz")
        #expect(csv.first?.roles == ["President, Brazil"])
        let yaml = try GazetteerReader.read("- name: Olaf Scholz\n  roles: [Chancellor]\n", file: "g.yml", format: .yaml)
        #expect(yaml.first?.short == "Scholz")
    }

    @Test func windowsLineEndsAndNonASCIIFields() throws {
        // "\r\n" is one Character in Swift: split by Character, such a file was one line.
        let tsv = try GazetteerReader.read("Olaf Scholz\tScholz\t\tChancellor\tDE\r\n# note\r\nRecep Tayyip Erdoğan\tErdoğan\tErdogan|Erdoğan\tTurkish President\tTR\r\n",
                                           file: "g.tsv", format: .tsv)
        #expect(tsv.map(\.name) == ["Olaf Scholz", "Recep Tayyip Erdoğan"])
        #expect(tsv.last?.variants == ["Erdogan", "Erdoğan"])
        #expect(tsv.last?.location.line == 3)
        #expect(tsv.first?.country == "DE")
        let csv = try GazetteerReader.read("\"Lula, Luiz\",Lula,,President,BR\r\nOlaf Scholz,Scholz,,Chancellor,DE\r\n", file: "g.csv", format: .csv)
        #expect(csv.map(\.short) == ["Lula", "Scholz"])
        #expect(csv.last?.country == "DE")
    }

    @Test func badLinesNameFileAndLine() {
        #expect(throws: RuleFileError(file: "g.tsv", line: 3, column: 1, "the short form 'Schulz' is not part of the name 'Olaf Scholz'")) {
            try GazetteerReader.read("# comment\nA B\tB\nOlaf Scholz\tSchulz\n", file: "g.tsv", format: .tsv)
        }
        #expect(throws: RuleFileError.self) { try GazetteerReader.read("a\tb\tc\td\te\tf\n", file: "g.tsv", format: .tsv) }
        #expect(throws: RuleFileError.self) { try GazetteerReader.read("\"open,x\n", file: "g.csv", format: .csv) }
        #expect(throws: RuleFileError.self) { try GazetteerReader.read("- name: X\n  age: 3\n", file: "g.yml", format: .yaml) }
    }
}

/// The hashed deletions of the name index against Strings made by deleting characters.
struct DeletionHashesTests {
    /// Every String made by deleting up to `n` characters of `s`, `s` included.
    static func deletedStrings(_ s: String, upTo n: Int) -> Set<String> {
        var out: Set<String> = [s]
        var level: Set<String> = [s]
        for _ in 0..<n {
            var next: Set<String> = []
            for w in level where w.count > 1 {
                let c = Array(w)
                for i in c.indices { var d = c; d.remove(at: i); next.insert(String(d)) }
            }
            out.formUnion(next)
            level = next
        }
        return out
    }

    @Test func hashesEveryDeletionOnce() {
        var rng = SplitMix64(state: 31)
        // Doubled letters, accents (composed and not) and a CJK character beside ASCII.
        let alphabet: [Character] = ["a", "b", "l", "l", "e", "é", "e\u{301}", "ğ", "山", "z"]
        for _ in 0..<300 {
            let word = String((0..<(1 + rng.below(11))).map { _ in rng.pick(alphabet) })
            for n in 0...2 {
                let hashes = DeletionHashes.of(word, upTo: n)
                let expected = Set(Self.deletedStrings(word, upTo: n).map { DeletionHashes.of($0, upTo: 0)[0] })
                #expect(hashes.count == expected.count, "\(word) up to \(n)")
                #expect(Set(hashes) == expected, "\(word) up to \(n)")
            }
        }
    }

    @Test func asciiAndAccentedSpellingsMeetWhereTheyAgree() {
        // Deleting the one accented letter leaves an ASCII spelling, which must hash alike.
        let accented = Set(DeletionHashes.of("erdoğan", upTo: 1))
        #expect(accented.contains(DeletionHashes.of("erdoan", upTo: 0)[0]))
        #expect(!accented.contains(DeletionHashes.of("erdogan", upTo: 0)[0]))
        #expect(Set(DeletionHashes.of("blinken", upTo: 1)).isDisjoint(with: DeletionHashes.of("stoltenberg", upTo: 1)))
    }
}

/// The distance with its cheap lower bound against a plain optimal-string-alignment table.
struct NameDistanceTests {
    static func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func boundedDistanceAgreesWithTheFullTable() {
        var rng = SplitMix64(state: 2024)
        // Few letters, so that near words are common; bytes beyond a-z share the bound's counts.
        let alphabet: [UInt8] = Array("abcdeo".utf8) + [0x7B, 0xC3, 0xA9]
        for _ in 0..<5_000 {
            let a = (0..<rng.below(9)).map { _ in rng.pick(alphabet) }
            let b = (0..<rng.below(9)).map { _ in rng.pick(alphabet) }
            let expected = Self.reference(a, b)
            let bound = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in NameFolding.bagDistance(x, y) } }
            #expect(bound <= expected)
            for limit in 0...4 {
                let d = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in NameFolding.distance(x, y, limit: limit) } }
                if expected <= limit {
                    #expect(d == expected, "\(a) \(b) limit \(limit)")
                } else {
                    #expect(d > limit, "\(a) \(b) limit \(limit)")
                }
            }
        }
    }
}

