import Foundation
import ICUText
import Testing
@testable import MTLintCore

/// The spelling pack: the Hunspell binding, the caches, the article's variety, what is
/// accepted, safe and unsafe fixes, and spans on text that is not ASCII.
@Suite(.serialized)
struct SpellingTests {
    let misspelled = try! only("spelling/misspelled")
    let variety = try! only("spelling/variety")

    func texts(_ findings: [Finding]) -> [String] { findings.map(\.text) }

    /// The built-in rule `id` with a fresh run-wide cache (to count Hunspell's calls), and
    /// optionally more words or a fixed variety.
    func fresh(_ id: String, verdicts: SpellingVerdicts, words: [String] = [], language: Variety? = nil) throws -> SpellingRule {
        let rule = try #require(builtinRules.rule(id) as? SpellingRule)
        let lexicon = rule.lexicon.using(verdicts).adding(AcceptedWords(words), language: language)
        return SpellingRule(meta: rule.meta, check: rule.check, lexicon: lexicon, dictionaries: rule.dictionaries)
    }

    // MARK: Hunspell

    @Test func hunspellBindingChecksAndSuggests() throws {
        let d = try #require(SpellingDictionaries.shared.both())
        #expect(d.us.check("receive") && d.gb.check("receive"))
        #expect(!d.us.check("recieve") && !d.gb.check("recieve"))
        #expect(d.gb.check("colour") && !d.us.check("colour"))
        #expect(d.us.check("color") && !d.gb.check("color"))
        // Typographic apostrophes, through the dictionaries' ICONV.
        #expect(d.gb.check("don\u{2019}t") && d.gb.check("don't"))
        #expect(d.gb.suggest("recieve").first == "receive")
        #expect(d.us.suggest("xqzjvv").isEmpty)
    }

    @Test func affixCopyKeepsLowercaseTriesAndDropsNgramsAndCompounds() {
        let aff = Data("SET UTF-8\nTRY esiaénrtSNRT'-\nCOMPOUNDRULE 1\nCOMPOUNDRULE n*1t\nREP 1\nREP a b\n".utf8)
        let out = String(decoding: HunspellDictionary.quickSuggestions(aff), as: UTF8.self)
        #expect(out.contains("TRY esianrt'\n"))
        #expect(out.hasSuffix("MAXNGRAMSUGS 0\n"))
        #expect(out.contains("REP a b"))
        #expect(!out.contains("COMPOUNDRULE"))
    }

    @Test func dictionariesOpenedTogetherAgreeWithEachOther() throws {
        // Debian's Hunspell 1.7 exports its case-table setup, so the two dictionaries open
        // at once without racing on the table (a leak and a half-filled table otherwise).
        #expect(HunspellDictionary.caseTableFilled)
        let names = ["en_GB", "en_US", "en_GB", "en_US"]
        let opened = Slots<HunspellDictionary?>(count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            opened.set(i, HunspellDictionary(directory: SpellingDictionaries.directory, name: names[i]))
        }
        let d = opened.values().compactMap { $0 }
        try #require(d.count == 4)
        let words = ["café", "naïve", "résumé", "colour", "color", "recieve", "zoë", "don't", "façade", "über", "señor", "ångström"]
        for w in words {
            #expect(d[0].check(w) == d[2].check(w), "en_GB: \(w)")
            #expect(d[1].check(w) == d[3].check(w), "en_US: \(w)")
        }
        #expect(d[0].check("colour") && !d[1].check("colour"))
    }

    @Test func theEditedAffixFileLivesInMemoryAndReadsBackWhole() throws {
        // Larger than a pipe's or a page's buffer, so that a short write would show.
        let text = Data((0..<20_000).map { "REP \($0) x\n" }.joined().utf8)
        let file = try #require(EditedAffixFile(text, name: "en_XX"))
        // Nothing in the temporary folder: a run that ends early leaves nothing behind.
        #expect(file.path.hasPrefix("/proc/self/fd/"))
        #expect(FileManager.default.contents(atPath: file.path) == text)
        // Read twice (Hunspell opens it more than once), each time from the start.
        #expect(FileManager.default.contents(atPath: file.path) == text)
        file.remove()
        #expect(!FileManager.default.isReadableFile(atPath: file.path) || FileManager.default.contents(atPath: file.path) != text)
    }

    @Test func theAffixCopyChecksWordsAsTheOriginalDoes() throws {
        let rule = try #require(builtinRules.rule("spelling/misspelled") as? SpellingRule)
        let words = rule.lexicon.pairs.flatMap { [$0.us, $0.gb] } + rule.lexicon.misspellings.flatMap { [$0.key, $0.value] }
            + ["receive", "don't", "minister's", "co-operate", "e-mail", "teh", "zorbleck", "café", "naïve"]
        for name in ["en_US", "en_GB"] {
            let original = try #require(HunspellDictionary(directory: SpellingDictionaries.directory, name: name, ngramSuggestions: true))
            let quick = try #require(HunspellDictionary(directory: SpellingDictionaries.directory, name: name))
            let differ = words.filter { original.check($0) != quick.check($0) }
            #expect(differ.isEmpty, "\(name): \(differ)")
        }
    }

    @Test func missingDictionariesAreARuleErrorNamingThePackages() throws {
        let rule = try #require(builtinRules.rule("spelling/misspelled") as? SpellingRule)
        let none = SpellingRule(meta: rule.meta, check: .misspelled, lexicon: rule.lexicon,
                                dictionaries: SpellingDictionaries(directory: "/nonexistent"))
        let report = Linter(RuleSet(packs: [], rules: [none])).lint(try Document(path: "a.txt", text: "A recieve.\n"), workspace: try Workspace())
        #expect(report.findings.isEmpty)
        #expect(report.ruleErrors.first?.message.contains("hunspell-en-gb") == true)
    }

    // MARK: Caches

    @Test func eachDistinctWordGoesToHunspellOncePerRun() throws {
        let verdicts = SpellingVerdicts()
        let rule = try fresh("spelling/misspelled", verdicts: verdicts)
        let linter = Linter(RuleSet(packs: [], rules: [rule]))
        let docs = (0..<40).map { i in
            try! Document(path: "d\(i).txt", text: "The zorbleck report and the zorbleck vote, fiscal talks. Item \(i).\n")
        }
        // Two workers, each with its own workspace and word cache, over the same words.
        let slots = Slots<Int>(count: docs.count)
        DispatchQueue.concurrentPerform(iterations: 2) { w in
            let workspace = try! Workspace()
            for i in stride(from: w, to: docs.count, by: 2) { slots.set(i, linter.lint(docs[i], workspace: workspace).findings.count) }
        }
        #expect(slots.values().allSatisfy { $0 == 2 })
        // "report", "and", "vote", "fiscal", "talks", "zorbleck" (and the words the
        // excuses look at for it): each once, however many files and workers saw them.
        let counts = verdicts.counts
        #expect(counts.checks <= 12, "\(counts)")
        // Suggestions for "zorbleck", from the British dictionary (no variety decided).
        #expect(counts.suggests == 1)
        let again = linter.lint(try Document(path: "x.txt", text: "zorbleck report\n"), workspace: try Workspace())
        #expect(again.findings.count == 1)
        #expect(verdicts.counts.checks == counts.checks && verdicts.counts.suggests == 1)
    }

    @Test func hashKeyMapFindsWhatItHolds() {
        let map = HashKeyMap<Int32>(capacity: 4)
        for i in 1...1000 { map.insert(UInt64(i) &* 0x9E37_79B9_7F4A_7C15 | 1, Int32(i)) }
        #expect(map.count == 1000)
        #expect((1...1000).allSatisfy { map.value(UInt64($0) &* 0x9E37_79B9_7F4A_7C15 | 1) == Int32($0) })
        #expect(map.value(3) == nil)
    }

    // MARK: Variety

    @Test func theMajorityDecidesTheVariety() throws {
        let gb = try lint("The colour and the honour of the travelled team; the color faded.\n", rules: variety)
        #expect(texts(gb) == ["color"])
        #expect(gb.first?.fix == Fix(replacement: "colour", applicability: .safe))
        #expect(gb.first?.message.contains("en-GB: 3 British spellings against 1") == true)
        let us = try lint("The color and the honor of the traveled team; the colour faded.\n", rules: variety)
        #expect(us.first?.fix?.replacement == "color")
    }

    @Test func aTieOrNoEvidenceReportsNoVarietyAndAcceptsEitherDictionary() throws {
        #expect(try lint("The color of the flag and the colour of the coat.\n", rules: variety).isEmpty)
        #expect(try lint("Nothing here is marked either way.\n", rules: variety).isEmpty)
        // "lacklustre" is British only, "anymore" American only: with no variety both pass.
        #expect(try lint("A lacklustre year, and nobody minds anymore.\n", rules: misspelled).isEmpty)
    }

    @Test func theConfiguredVarietyOverridesTheArticle() throws {
        let verdicts = SpellingVerdicts()
        let text = "The colour, the honour and the centre of a lacklustre year.\n"
        let us = Linter(RuleSet(packs: [], rules: [try fresh("spelling/variety", verdicts: verdicts, language: .us),
                                                   try fresh("spelling/misspelled", verdicts: verdicts, language: .us)]))
        let f = us.lint(try Document(path: "a.txt", text: text), workspace: try Workspace()).findings
        #expect(texts(f) == ["colour", "honour", "centre", "lacklustre"])
        #expect(f.map { $0.fix?.replacement } == ["color", "honor", "center", "lackluster"])
        #expect(f.first?.message.contains("en-US by configuration") == true)
        // The configuration's key reaches the rules.
        let dir = TempDir()
        let path = dir.write(".mtlint.yml", "language: en-US\n")
        let configured = try Config.load(path: path).apply(to: variety)
        #expect(texts(try lint(text, rules: configured)) == ["colour", "honour", "centre"])
    }

    @Test func ambiguousPairsAreNotInTheList() throws {
        let rule = try #require(builtinRules.rule("spelling/variety") as? SpellingRule)
        let forms = rule.lexicon.varietyForms
        for word in ["program", "programme", "check", "cheque", "tire", "tyre", "meter", "metre", "practice", "license", "disk", "gray"] {
            #expect(forms[word] == nil, "\(word)")
        }
        #expect(forms["colour"]?.variety == .gb && forms["organize"]?.variety == .us && forms["travelled"]?.variety == .gb)
    }

    // MARK: The data files

    @Test func curatedMisspellingsAreWrongInBothDictionariesAndTheirFixesRight() throws {
        let d = try #require(SpellingDictionaries.shared.both())
        let rule = try #require(builtinRules.rule("spelling/misspelled") as? SpellingRule)
        #expect(rule.lexicon.misspellings.count >= 150)
        for (wrong, right) in rule.lexicon.misspellings {
            #expect(!d.us.check(wrong) && !d.gb.check(wrong), "\(wrong)")
            for part in right.split(separator: " ") {
                #expect(d.us.check(String(part)) && d.gb.check(String(part)), "\(wrong) → \(right)")
            }
        }
    }

    @Test func varietyPairsAreEachInTheirOwnDictionary() throws {
        let d = try #require(SpellingDictionaries.shared.both())
        let rule = try #require(builtinRules.rule("spelling/variety") as? SpellingRule)
        #expect(rule.lexicon.pairs.count >= 900)
        for (us, gb) in rule.lexicon.pairs {
            #expect(d.us.check(us) && d.gb.check(gb) && !d.us.check(gb), "\(us)/\(gb)")
        }
    }

    @Test func badDataLinesNameTheirFileAndLine() {
        let f = RuleLoader.SourceFile(pack: "p", name: "v.tsv", displayPath: "p/v.tsv", text: "# c\ncolor\tcolour\noops\n")
        #expect(throws: RuleFileError(file: "p/v.tsv", line: 3, "a line is two different words separated by a tab")) {
            try SpellingData.pairs(f)
        }
    }

    // MARK: What is accepted

    @Test func curatedAndSingleSuggestionFixesAreSafeOthersUnsafe() throws {
        let f = try lint("They did not recieve it. The vote was postponned. Talks were anouncing nothing.\n", rules: misspelled)
        #expect(texts(f) == ["recieve", "postponned", "anouncing"])
        #expect(f.map { $0.fix } == [Fix(replacement: "receive", applicability: .safe),
                                     Fix(replacement: "postponed", applicability: .safe),
                                     Fix(replacement: "announcing", applicability: .unsafe)])
        #expect(f[2].message.contains("'announcing' or 'enouncing'"))
        // Capitalised words are the names check's.
        #expect(try lint("Recieve and Zorbleck.\n", rules: misspelled).isEmpty)
    }

    @Test func gazetteerGlossaryAndUserWordsAreAccepted() throws {
        // The built-in gazetteer: "blinken" and "zelensky" are no dictionary words.
        #expect(try lint("the blinken doctrine and the zelensky plan\n", rules: misspelled).isEmpty)
        // A user's gazetteer, a glossary and an accept list.
        let dir = TempDir()
        let names = dir.write("people.tsv", "Piet Zwaanbergh\tZwaanbergh\t\tMinister\tNL\n")
        let glossary = dir.write("team.tsv", "long truce\tkwartelstilte\n")
        let accept = dir.write("words.txt", "# house words\nflurbish\n\nsnorkelry  # trailing comment\n")
        let text = "fans of zwaanbergh, the kwartelstilte, a flurbish and some snorkelry\n"
        #expect(texts(try lint(text, rules: misspelled)) == ["zwaanbergh", "kwartelstilte", "flurbish", "snorkelry"])
        let loaded = try RuleLoader.load(nameFiles: [names], glossaries: [glossary], acceptFiles: [accept]).filtered(only: ["spelling"], disable: [])
        #expect(try lint(text, rules: loaded).isEmpty)
        // The configuration's words and files.
        let configPath = dir.write(".mtlint.yml", "accept: [zwaanbergh, kwartelstilte, words.txt]\n")
        let config = try Config.load(path: configPath)
        #expect(config.acceptWords == ["zwaanbergh", "kwartelstilte"])
        #expect(config.acceptFiles == [dir.path + "/words.txt"])
        let withConfig = try config.apply(to: try RuleLoader.load(acceptFiles: config.acceptFiles).filtered(only: ["spelling"], disable: []))
        #expect(try lint(text, rules: withConfig).isEmpty)
        // Accepted words match in any normalization form: the article's text is NFC.
        let accented = "the zorble\u{301} and the zorbl\u{E9}ed\n"
        #expect(try lint(accented, rules: misspelled).count == 2)
        let decomposedWords = RuleSet(packs: [], rules: [try fresh("spelling/misspelled", verdicts: SpellingVerdicts(), words: ["Zorble\u{301}", "zorble\u{301}ed"])])
        #expect(try lint(accented, rules: decomposedWords).isEmpty)
    }

    @Test func aBadAcceptValueInTheConfigurationIsAnError() throws {
        let dir = TempDir()
        for (yaml, expected) in [("accept: [\"two words\"]\n", "invalid 'accept' item 'two words'"),
                                 ("accept: {a: b}\n", "accept"),
                                 ("accept: [\"42\"]\n", "invalid 'accept' item '42'")] {
            let path = dir.write(".mtlint.yml", yaml)
            #expect {
                try Config.load(path: path)
            } throws: { error in
                "\(error)".contains(expected) && "\(error)".contains(".mtlint.yml:1:")
            }
        }
        #expect(throws: RuleFileError.self) { try AcceptList.parse("fine\nnot fine\n", file: "w.txt") }
    }

    @Test func numbersURLsAddressesHashtagsAndCodeAreNotChecked() throws {
        let text = """
            Write to desk@exampel.org or see https://exampel.org/recieve and www.exampel.org/recieve today.
            Tagged #recieve and @recieve, 3rd and 5bn and 42nd, the `recieve` call, and file.recieve here.
            A word broken by an invisible character: infor\u{200B}mation.

            """
        #expect(try lint(text, rules: misspelled).isEmpty)
        let markdown = """
            Intro with a `recieve` span and a [link](https://exampel.org/recieve).

            ```
            recieve inside a fence
            ```

                recieve in indented code

            """
        #expect(try lint(markdown, rules: misspelled, path: "a.md").isEmpty)
        // The same words in prose are reported.
        #expect(try lint("We recieve it.\n", rules: misspelled, path: "a.md").count == 1)
    }

    @Test func otherScriptsAndNamePartsAreNotEnglishMisspellings() throws {
        let text = "москва и 東京, עברית, ελληνικά, the Banque du Caire and Rio de Janeiro, joie de vivre.\n"
        #expect(try lint(text, rules: misspelled).isEmpty)
    }

    @Test func compoundsAndFormationsPassPartByPart() throws {
        let text = "A sci-fi film, co-ordinated by eight-year-olds, a showbusiness smartcard, unreformable sentencers.\n"
        #expect(try lint(text, rules: misspelled).isEmpty)
        // A part that is a misspelling is still one.
        #expect(texts(try lint("A well-recieved plan.\n", rules: misspelled)) == ["recieved"])
    }

    @Test func anotherRulesFindingOverTheSameTextIsNotRepeated() throws {
        // "recieve recieve": the doubled word is reported, and its fix leaves one word that
        // the next pass of --fix corrects.
        let f = try lint("They recieve recieve it.\n")
        #expect(f.map(\.rule) == ["general/doubled-words"])
        let outcome = try FixApplier.fixUntilStable(path: "x.txt", bytes: Array("They recieve recieve it.\n".utf8),
                                                    linter: Linter(builtinRules), workspace: Workspace(), level: .safe)
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "They receive it.\n")
    }

    // MARK: Fixes and spans

    @Test func fixingTwiceEqualsFixingOnceAndTouchesNothingElse() throws {
        let text = "\u{FEFF}Cafe\u{301} 👩‍👩‍👧‍👦 漢字: they did not recieve the colour, the honour or the color.\r\nעברית: teh reciept.\r\n"
        let linter = Linter(try only("spelling"))
        for level in [FixApplier.Level.safe, .unsafe] {
            let once = try FixApplier.fixUntilStable(path: "x.txt", bytes: Array(text.utf8), linter: linter, workspace: Workspace(), level: level)
            let twice = try FixApplier.fixUntilStable(path: "x.txt", bytes: once.bytes, linter: linter, workspace: Workspace(), level: level)
            #expect(once.bytes == twice.bytes)
            #expect(String(decoding: once.bytes, as: UTF8.self)
                == "\u{FEFF}Cafe\u{301} 👩‍👩‍👧‍👦 漢字: they did not receive the colour, the honour or the colour.\r\nעברית: the receipt.\r\n")
        }
    }

    @Test func spansAreTheOriginalBytesOnNonASCIIText() throws {
        let text = "\u{FEFF}Cafe\u{301} and 👩‍👩‍👧‍👦 met in 東京 (עברית, العربية).\r\nThey did not recieve the cafe\u{301}\u{301} report.\r\n"
        let bytes = Array(text.utf8)
        let f = try lint(bytes, rules: only("spelling"))
        #expect(texts(f) == ["recieve"])
        let span = try #require(f.first)
        #expect(String(decoding: bytes[span.start.offset..<span.end.offset], as: UTF8.self) == "recieve")
        #expect(span.start.line == 2 && span.start.column == 14 && span.start.utf16Column == 14)
    }

    @Test func acceptListsTakeEachWordOfANameLowerCasedWithItsPossessiveStem() {
        #expect(SpellingLexicon.acceptKeys("Osama bin Laden") == ["osama", "bin", "laden"])
        #expect(SpellingLexicon.acceptKeys("O\u{2019}Brien's Jean-Luc\u{2010}Picard/Riker, Müller") == ["o'brien's", "o'brien", "jean", "luc", "picard", "riker", "müller"])
        #expect(SpellingLexicon.acceptKeys("  -,/ 's") == ["'s"])
        #expect(SpellingLexicon.acceptKeys("") == [])
        // The quick path for ASCII gives what the general one gives.
        func quick(_ s: String) -> [String] {
            var out: [String] = []
            SpellingLexicon.forEachAcceptKey(s) { out.append($0) }
            return out
        }
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "B", "'", "s", "S", " ", "-", "/", ",", "x", "O'Brien's", "'s", "ü", "\u{2019}", "\u{2010}", "e\u{301}"]
        for _ in 0..<2_000 {
            let s = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(quick(s) == SpellingLexicon.acceptKeys(s), "\(s)")
        }
    }

    @Test func hyphenatedKoreanGivenNamesAreNamesAndASentencesFirstCompoundIsStillChecked() throws {
        let rules = try only("spelling/misspelled")
        #expect(try lint("Kim Jong-chol met Chung Hong-won and Kim Yo-jong.\n", rules: rules).isEmpty)
        #expect(try lint("Post-electon talks began.\n", rules: rules).map(\.text) == ["electon"])
    }
}
