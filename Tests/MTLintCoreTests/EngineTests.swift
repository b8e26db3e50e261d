import ICUText
import TestSupport
import Testing
@testable import MTLintCore

struct EngineTests {
    @Test func wordCountsCountEveryWordThroughGrowthAndKeepItsFirstOccurrence() {
        var counts = WordCounts()
        var word = 0
        for i in 0..<1_000 {
            for _ in 0..<(i % 3 + 1) {
                counts.add(hash: UnitHash.of("w\(i)".utf16), word: word)
                word += 1
            }
        }
        #expect(counts.hashes.count == 1_000 && counts.entries.count == 1_000)
        #expect((0..<1_000).allSatisfy { counts.count(of: UnitHash.of("w\($0)".utf16)) == $0 % 3 + 1 })
        #expect(counts.count(of: UnitHash.of("absent".utf16)) == 0)
        // Each spelling keeps the index of its first word: w0 once, w1 twice, w2 three times.
        #expect(counts.entries.prefix(4).map(\.first) == [0, 1, 3, 6])
        counts.removeAll()
        #expect(counts.hashes.isEmpty && counts.count(of: UnitHash.of("w1".utf16)) == 0)
    }

    @Test func hashedGroupsHoldWhatADictionaryOfArraysHolds() {
        // Few hashes with many members, many with one, repeats of one pair, and members in
        // the order their pairs came.
        var rng = SplitMix64(state: 0x6A0)
        let pairs = (0..<20_000).map { _ in (hash: UnitHash.finish(rng.next() % 3_000), member: Int32(rng.next() % 500)) }
        var expected: [UInt64: [Int32]] = [:]
        for p in pairs { expected[p.hash, default: []].append(p.member) }
        let groups = HashedGroups(pairs)
        #expect(expected.allSatisfy { hash, members in groups[hash].map(Array.init) == members })
        #expect((0..<1_000).allSatisfy { k in groups[UnitHash.finish(10_000 + UInt64(k))] == nil })
        #expect(HashedGroups([])[1] == nil && HashedGroups()[1] == nil)
    }

    @Test func resultsComeInPathAndOffsetOrderWhateverTheOrderOfTheFiles() {
        func finding(_ path: String, _ offset: Int, _ rule: String = "r/x", severity: Severity = .warning, safe: Bool = false) -> Finding {
            let at = Position(offset: offset, line: 1, column: offset + 1, utf16Column: offset + 1)
            return Finding(path: path, rule: rule, severity: severity, message: "m", text: "t", start: at, end: at,
                           fix: safe ? Fix(replacement: "", applicability: .safe) : nil)
        }
        func report(_ path: String, _ findings: [Finding]) -> FileOutcome {
            .linted(FileReport(path: path, findings: findings, ruleErrors: []))
        }
        let a = [finding("a.txt", 3), finding("a.txt", 9, severity: .error, safe: true)]
        let b = [finding("b.txt", 1, "r/a"), finding("b.txt", 1, "r/b", severity: .info)]
        let inOrder = LintResult(outcomes: [report("a.txt", a), .skipped(path: "c.bin", reason: "binary"), report("b.txt", b)])
        let reversed = LintResult(outcomes: [report("b.txt", b), report("a.txt", a)])
        #expect(inOrder.findings == a + b && reversed.findings == a + b)
        #expect(inOrder.fileCount == 2)
        let summary = inOrder.summary
        #expect(summary == Summary(files: 2, findings: a + b))
        #expect((summary.findings, summary.errors, summary.warnings, summary.infos, summary.fixable) == (4, 1, 2, 1, 1))
    }

    /// A worker reuses its collectors from article to article: nothing of one article (a
    /// name spelled right, quotation marks, paragraph endings) may reach the next.
    @Test func aWorkerThatLintedOtherArticlesFindsWhatAFreshOneFinds() throws {
        // Paragraphs long enough to be body text, for the paragraph-ending check.
        let long = "The committee met on Monday morning to discuss the new budget for the coming year"
        let articles = [
            "US Secretary of State Antony Blinken met Turkish President Recep Tayyip Erdogan.\n\nBlinken said \"talks went well.\n",
            "Secretary of State Anthony Blincoln arrived.\n\nHe said: \u{201C}Fine.\u{201D}\n",
            "No names here at all, and no quotation marks.\n",
            "Kim Jong-chol met Kim Jong-chul. Kim Jong-chol said so, and Kim Jong-chol left.\n",
            String(repeating: "\(long).\n\n", count: 3) + "\(long)\n\n\(long).\n",
            String(repeating: "\(long).\n\n", count: 4) + "\(long)\n",
            "Boehner spoke on Monday. Later John Boener met them.\n",
            "We recieve the colour report, and the color of the seperate programme.\n",
            "The organisation travelled; the organization traveled.\n",
            "Later John Boener met them.\n",
            "US Secretary of State Antony Blinken met Turkish President Recep Tayyip Erdogan.\n\nBlinken said \"talks went well.\n",
        ]
        let linter = Linter(builtinRules)
        let shared = try Workspace()
        for (k, text) in (articles + articles.reversed()).enumerated() {
            let document = try Document(path: "a\(k).txt", text: text)
            let reused = linter.lint(document, workspace: shared).findings
            let fresh = linter.lint(document, workspace: try Workspace()).findings
            #expect(reused == fresh, "article \(k)")
        }
    }

    @Test func hashedMapsFindEveryKeyThroughGrowthAndAfterBeingEmptied() {
        var rng = SplitMix64(state: 11)
        let keys = (0..<5_000).map { _ in rng.next() | 1 }
        var map = HashedMap<Int>(capacity: 4)
        for (i, k) in keys.enumerated() { map.insert(k, value: i) }
        #expect(keys.enumerated().allSatisfy { map[$0.element] == $0.offset })
        #expect(map[2] == nil && map.count == keys.count)
        map.removeAll()
        #expect(map.count == 0 && keys.allSatisfy { map[$0] == nil })
        // The first value given for a hash is the one kept.
        let set = HashedSet(keys.prefix(100) + keys.prefix(10))
        #expect(keys.prefix(100).allSatisfy(set.contains) && !keys.suffix(100).contains(where: set.contains))
        #expect(HashedMap([(UInt64(5), "first"), (5, "second")])[5] == "first")
    }

    @Test func nameRunsSpellWordsAsNameFoldingDoesWithoutKeepingAString() throws {
        let t = ASCIIFolder()
        let text = "Mr Blinken\u{2019}s aide met O'Brien, Erdoğan and Jürgen Müller-Lüdenscheidt of the UN.\n"
        let doc = try Document(path: "a.txt", text: text)
        let runs = NameRuns()
        ParagraphSplitter(text: doc.text, words: try BreakIterator(.word)).forEach { runs.observe(&$0, text: doc.text, transliterator: t) }
        let raw = runs.words.map { doc.text.string($0.range) }
        #expect(raw == ["Mr", "Blinken", "O'Brien", "Erdoğan", "Jürgen", "Müller", "Lüdenscheidt", "UN"])
        for k in runs.words.indices {
            let expected = NameFolding.fold(raw[k], transliterator: t)
            var bytes: [UInt8] = []
            runs.appendFolded(k, doc.text, to: &bytes)
            #expect(runs.folded(k, doc.text) == expected && bytes == Array(expected.utf8))
            #expect(runs.words[k].hash == UnitHash.of(expected.utf16) && Int(runs.words[k].length) == expected.utf8.count)
            #expect(runs.isWordLike(k, doc.text) == NameFolding.isWordLike(expected))
            #expect(runs.counts.count(of: runs.words[k].hash) == 1)
        }
        #expect(runs.runs.map(\.words.count) == [2, 1, 1, 3, 1])
    }

    @Test func documentRulesAloneFindWhatTheyFindAmongEveryPack() throws {
        // A linter of document rules only skips paragraphs and words altogether.
        let text = "\u{FEFF}Newsletter\n\nThe talks<br/> went on.\u{200B} Caf\u{E9} and cafe\u{301}  were shut .\r\n"
            + "https://a.example/x https://b.example/y\n\n\u{05E9}\u{05DC}\u{05D5}\u{05DD} 👩‍💻 東京 Anthony Blincoln said.\n"
        let all = try lint(text)
        for pack in ["residue", "unicode", "spacing"] {
            let alone = try lint(text, rules: only(pack))
            #expect(!alone.isEmpty, "\(pack)")
            #expect(alone == all.filter { $0.rule.hasPrefix(pack + "/") }, "\(pack)")
        }
    }

    @Test func dataFilesAreCutIntoLinesAndFieldsAsASplitOfTheirBytesCutsThem() throws {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["\n", "\r", "\r\n", "\t", "a", "é", "e\u{301}", "|", "👩‍💻", "東京", "שלום"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...20, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            for separator: UInt8 in [0x0A, 0x09, 0x7C] {
                let split = Array(text.utf8).split(separator: separator, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                #expect(text.pieces(cutAt: separator) == split, "\(text.debugDescription)")
            }
            let lines = text.numberedLines()
            #expect(lines.map(\.number) == Array(1...lines.count))
            #expect(lines.map(\.text).joined(separator: "\n") == text.pieces(cutAt: 0x0A).map { $0.hasSuffix("\r") ? String($0.utf8.dropLast())! : $0 }.joined(separator: "\n"))
        }
        // CRLF, comments, lines of blanks, accents, a missing final line feed; line numbers count every line.
        let text = "# team terms\r\nlong-distance armistice\tceasefire\tHouse style\r\n \t \n\nnai\u{308}ve\tnaive\nPekin\tBeijing"
        let concepts = try GlossaryReader.readDelimited(text, file: "t.tsv", csv: false)
        #expect(concepts.map(\.deprecated) == [["long-distance armistice"], ["nai\u{308}ve"], ["Pekin"]])
        #expect(concepts.map(\.preferred) == [["ceasefire"], ["naive"], ["Beijing"]])
        #expect(concepts.map(\.note) == ["House style", nil, nil])
        #expect(concepts.map(\.location.line) == [2, 5, 6])
        #expect(throws: RuleFileError.self) { try GlossaryReader.readDelimited("a\tb\nlonely\n", file: "t.tsv", csv: false) }
    }

    @Test func glossaryConsistencyTermsShareThePhrasePassWithoutCompetingForText() throws {
        let at = SourceLocation(file: "g.tsv", line: 1, column: 1)
        let concept = GlossaryConcept(preferred: ["ceasefire"], admitted: ["truce"], deprecated: ["long truce"], note: nil, location: at)
        let rule = try GlossaryRule(file: "team.tbx", concepts: [concept])
        #expect(rule.observedPhrases.count == 2)
        let linter = Linter(RuleSet(packs: [], rules: [rule]))
        // "long truce" is deprecated; its "truce" is also the admitted term, which counts
        // because the article uses the preferred "ceasefire" too.
        let doc = try Document(path: "a.txt", text: "A long truce held. The ceasefire held too.\n")
        let found = linter.lint(doc, workspace: try Workspace()).findings.map(\.text)
        #expect(found == ["long truce", "truce"])
        let alone = try Document(path: "b.txt", text: "A truce held.\n")
        #expect(linter.lint(alone, workspace: try Workspace()).findings.isEmpty)
    }

    @Test func hashBitsNeverDenyAMemberAndRarelyAdmitAStranger() {
        var rng = SplitMix64(state: 7)
        let members = (0..<10_000).map { _ in UnitHash.finish(rng.next()) }
        let bits = HashBits(members)
        #expect(members.allSatisfy(bits.mayContain))
        let strangers = (0..<100_000).map { _ in UnitHash.finish(rng.next()) }
        let admitted = strangers.filter(bits.mayContain).count
        // Two bits in sixteen per member: about 1.5% of strangers get a "maybe".
        #expect(admitted < 3_000)
        #expect(HashBits([]).mayContain(members[0]) == false)
    }

    @Test func paragraphsGetICUsTokensWhereverTheirNonASCIITextIs() throws {
        // Non-ASCII on a paragraph's later line, on its first, in a blank line between, or nowhere.
        let text = UTF16Buffer("Plain words, it's 3.5\nthen café and 😀 here\n \u{FEFF}\n\nrésumé first\nplain after\n\nall ASCII: e.g. U.S.\n")
        let words = try BreakIterator(.word)
        var seen = 0
        ParagraphSplitter(text: text, words: try BreakIterator(.word)).forEach { paragraph in
            words.setText(text, range: paragraph.range)
            var expected: [String] = []
            var start = words.first()
            while let end = words.next() {
                expected.append("\(start)..<\(end) \(words.segmentKind)")
                start = end
            }
            #expect(paragraph.tokens.map { "\($0.range) \($0.kind)" } == expected)
            seen += 1
        }
        #expect(seen == 3)
    }

    /// Line starts and paragraphs found through the shared list of unusual units are those
    /// found by scanning: LF, CR, CRLF, blank lines of spaces, tabs or a BOM, text beyond
    /// ASCII, and a list over its limit (nil), which falls back to the scan.
    @Test func linesAndParagraphsFromTheUnusualListAreThoseOfTheScan() throws {
        var rng = SplitMix64(state: 21)
        let pieces = ["word ", "é", "\n", "\r", "\r\n", "\n\n", " \t\n", "\u{FEFF}", "😀", "Зеленский ", "a.b ", "\u{7F}", "  "]
        let words = try BreakIterator(.word)
        for _ in 0..<400 {
            let string = (0..<rng.below(40)).map { _ in rng.pick(pieces) }.joined()
            let text = UTF16Buffer(string)
            let unusual = UnitScan.unusual(in: text, limit: rng.below(3) == 0 ? rng.below(3) : 10_000)
            #expect(LineIndex(text, unusual: unusual).starts == LineIndex(text).starts, "\(string.debugDescription)")
            func paragraphs(_ list: [Int32]?) -> [String] {
                var out: [String] = []
                ParagraphSplitter(text: text, words: words, unusual: list).forEach { out.append("\($0.range) \($0.tokens.count)") }
                return out
            }
            #expect(paragraphs(unusual) == paragraphs(nil), "\(string.debugDescription)")
        }
    }

    /// The byte look for a comment agrees with a plain search of the units (what it replaced),
    /// at the ends of a file, after another "<", and beside text beyond ASCII.
    @Test func commentsAreFoundInTheBytesAsAPlainSearchFindsThem() {
        func plain(_ s: String) -> Bool {
            let u = Array(s.utf16), needle = Array("<!--".utf16)
            return u.count >= 4 && (0...(u.count - 4)).contains { Array(u[$0..<$0 + 4]) == needle }
        }
        var cases = ["", "<", "<!-", "<!--", "a<!--", "<!-- x", "<<!--", "<!-x<!--", "<!-x", "é<!--é", "<\u{338}!--", "<!--\u{301}", "x<!--\n"]
        var rng = SplitMix64(state: 31)
        let pieces = ["<", "!", "-", "a", "é", " ", "<!--", "\u{301}"]
        for _ in 0..<2_000 { cases.append((0..<rng.below(12)).map { _ in rng.pick(pieces) }.joined()) }
        for s in cases {
            #expect(Markup.containsComment(Array(s.utf8)) == plain(s), "\(s.debugDescription)")
        }
    }

    @Test func theFirstNULByteIsFoundWhereverItIs() {
        var rng = SplitMix64(state: 41)
        for _ in 0..<2_000 {
            let bytes = (0..<rng.below(70)).map { _ in rng.below(40) == 0 ? UInt8(0) : UInt8(1 + rng.below(255)) }
            #expect(Document.firstNUL(bytes) == bytes.firstIndex(of: 0), "\(bytes)")
        }
        #expect(Document.firstNUL([]) == nil)
    }

    @Test func fileTypesComeFromTheLastExtensionOfTheName() {
        let cases = ["a.txt": "txt", "dir/Story.MD": "md", "x.tar.markdown": "markdown", "folder.d/notes": "txt",
                     "plain": "txt", "ünïcode/é.Txt": "txt", "trailing.": "", "x.TXT": "txt", "x.Ünï": "ünï"]
        for (path, type) in cases { #expect(RuleMeta.fileType(of: path) == type, "\(path)") }
    }

    @Test func messagesFillTheirPlaceholdersOnceEach() {
        var meta = RuleMeta.placeholder(id: "p/r", severity: .warning)
        meta.message = "'{match}' reads {replacement}; {other} {match}"
        #expect(meta.message(match: "a{replacement}", replacement: "b") == "'a{replacement}' reads b; {other} a{replacement}")
        #expect(meta.message(match: "x") == "'x' reads {replacement}; {other} x")
        meta.message = "no placeholder {"
        #expect(meta.message(match: "x", replacement: "y") == "no placeholder {")
        // Any text around them, and in them: accents, a family emoji, a broken brace at the end.
        meta.message = "«{match}» → {replacement}{{match}}{replac"
        #expect(meta.message(match: "Zürich 👨‍👩‍👧", replacement: "e\u{301}") == "«Zürich 👨‍👩‍👧» → e\u{301}{Zürich 👨‍👩‍👧}{replac")
    }

    @Test func aFindingCanLowerItsRulesApplicabilityButNotRaiseIt() {
        #expect(Applicability.safe.weaker(.unsafe) == .unsafe)
        #expect(Applicability.unsafe.weaker(.safe) == .unsafe)
        #expect(Applicability.safe.weaker(.displayOnly) == .displayOnly)
        #expect(Applicability.safe.weaker(.safe) == .safe)
    }

    @Test func capitalisationFollowsTheMatch() throws {
        let fixes = try lint("Long-distance armistice. LONG-DISTANCE ARMISTICE. a long-distance armistice.", rules: only("terms-ko/calques"))
            .map { $0.fix?.replacement }
        #expect(fixes == ["Ceasefire", "CEASEFIRE", "ceasefire"])
    }

    @Test func phrasesMatchOnNFCAndCaseFoldedText() throws {
        // "Ａ" full-width would not fold to "a"; decomposed and case-varied text does match.
        let text = "The PICTURE Explanation was wrong; the picture explanation was too."
        let findings = try lint(text, rules: only("terms-ko/caption-calques"))
        #expect(findings.map(\.text) == ["PICTURE Explanation", "picture explanation"])
        #expect(findings.map { $0.fix?.replacement } == ["Caption", "caption"])
    }

    @Test func phrasesAreWordBounded() throws {
        #expect(try lint("the long-distance armistices", rules: only("terms-ko/calques")).isEmpty)
        #expect(try lint("thelong-distance armistice", rules: only("terms-ko/calques")).isEmpty)
    }

    @Test func phraseMatchesAcrossOneLineBreakButNotAParagraph() throws {
        #expect(try lint("a long-distance\narmistice", rules: only("terms-ko/calques")).count == 1)
        #expect(try lint("a long-distance\n\narmistice", rules: only("terms-ko/calques")).isEmpty)
    }

    @Test func spanMapsBackThroughNormalization() throws {
        // Decomposed accents before the phrase shift NFC offsets; spans must be in the original.
        let text = "Cafe\u{301} Cafe\u{301}: the the end"
        let f = try #require(try lint(text, rules: only("general/doubled-words")).first)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[f.start.offset..<f.end.offset], as: UTF8.self) == "the the")
        // "Café Café: " is 11 graphemes in 13 UTF-16 units.
        #expect(f.start.column == 12)
        #expect(f.start.utf16Column == 14)
    }

    @Test func invalidUTF8IsReportedAndTheRestIsLinted() throws {
        var bytes = Array("ok ".utf8)
        bytes += [0xE2, 0x82]
        bytes += Array(" the the end".utf8)
        let findings = try lint(bytes)
        #expect(findings.map(\.rule) == ["unicode/invalid-utf8", "general/doubled-words"])
        let bad = findings[0]
        #expect(bad.start.offset == 3 && bad.end.offset == 5)
        #expect(bad.message.contains("0xE2 0x82"))
        let doubled = findings[1]
        #expect(doubled.start.offset == 6 && doubled.end.offset == 13)
        // "ok ", one U+FFFD for the two bad bytes, a space.
        #expect(doubled.start.column == 6)
    }

    @Test func emptyFileHasNoFindings() throws {
        #expect(try lint("").isEmpty)
    }

    @Test func nulBytesMakeABinaryFile() {
        #expect(throws: DocumentError.binary(nulOffset: 2)) { try Document(path: "b", bytes: [0x41, 0x42, 0, 0x43]) }
    }

    @Test func repetitionKeepsAllowedDoublesAndNames() throws {
        #expect(try lint("It had had no effect. Bora Bora is far far away.", rules: only("general/doubled-words")).isEmpty)
        let runs = try lint("in in in Seoul", rules: only("general/doubled-words"))
        #expect(runs.map(\.text) == ["in in in"])
        #expect(runs.first?.fix?.replacement == "in")
    }

    @Test func contextGuardsRestrictWhereAPhraseCounts() throws {
        let labels = try only("terms-ko/caption-labels")
        #expect(try lint("photo source, AP", rules: labels).count == 1)
        #expect(try lint("The photo source, AP said", rules: labels).isEmpty)
        #expect(try lint("photo source AP", rules: labels).isEmpty)
    }

    @Test func patternRulesAreSkippedWhereTheirPrefilterFindsNothing() throws {
        let dir = TempDir()
        dir.write("p/pack.yml", "name: p\ndescription: d\n")
        dir.write("p/slow.yml", "kind: pattern\nseverity: info\nmessage: m\npattern: '(a+)+b'\n")
        let set = try RuleLoader.load(builtin: false, directories: [dir.path])
        #expect(set.rules.first?.prefilter?.description.contains("ab") == true)
        // Without "ab" the matcher never runs, so it cannot hit its time limit.
        let doc = try Document(path: "x", text: String(repeating: "a", count: 60))
        let report = Linter(set).lint(doc, workspace: try Workspace())
        #expect(report.ruleErrors.isEmpty && report.findings.isEmpty)
        let hit = try Document(path: "x", text: "x aab")
        #expect(Linter(set).lint(hit, workspace: try Workspace()).findings.map(\.text) == ["aab"])
    }

    @Test func patternRulesReportTimeoutsAsRuleErrors() throws {
        let dir = TempDir()
        dir.write("p/pack.yml", "name: p\ndescription: d\n")
        dir.write("p/slow.yml", "kind: pattern\nseverity: info\nmessage: m\npattern: '(a+)+b'\n")
        let set = try RuleLoader.load(builtin: false, directories: [dir.path])
        // "ab" at the end passes the prefilter; the run of a's before it makes ICU backtrack.
        let doc = try Document(path: "x", text: String(repeating: "a", count: 60) + "c ab")
        let report = Linter(set).lint(doc, workspace: try Workspace())
        #expect(report.ruleErrors.map(\.rule) == ["p/slow"])
        #expect(report.ruleErrors.first?.message.contains("time limit") == true)
    }

    @Test func findingsAreSortedByOffsetThenRule() throws {
        let findings = try lint("the the long-distance armistice and and x")
        #expect(findings.map(\.start.offset) == findings.map(\.start.offset).sorted())
    }
}

struct FixApplierTests {
    func finding(_ range: Range<Int>, _ replacement: String, _ a: Applicability = .safe, rule: String = "r") -> Finding {
        let p = { (o: Int) in Position(offset: o, line: 1, column: o + 1, utf16Column: o + 1) }
        return Finding(path: "x", rule: rule, severity: .warning, message: "", text: "", start: p(range.lowerBound),
                       end: p(range.upperBound), fix: Fix(replacement: replacement, applicability: a))
    }

    @Test func adjacentFixesBothApplyAndOverlapsAreSkipped() {
        let bytes = Array("abcdef".utf8)
        let (out, taken) = FixApplier.apply([finding(0..<2, "X"), finding(2..<4, "Y"), finding(3..<5, "Z")], to: bytes, level: .safe)
        #expect(String(decoding: out, as: UTF8.self) == "XYef")
        #expect(taken.count == 2)
    }

    @Test func unsafeFixesNeedTheUnsafeLevel() {
        let bytes = Array("abc".utf8)
        #expect(FixApplier.apply([finding(0..<1, "Z", .unsafe)], to: bytes, level: .safe).applied.isEmpty)
        #expect(FixApplier.apply([finding(0..<1, "Z", .unsafe)], to: bytes, level: .unsafe).applied.count == 1)
        #expect(FixApplier.apply([finding(0..<1, "Z", .displayOnly)], to: bytes, level: .unsafe).applied.isEmpty)
    }

    @Test func fixingTwiceEqualsFixingOnce() throws {
        let text = "\u{FEFF}photo source, AP\r\nThe the long-distance armistice held in in Seoul.\r\n"
        let linter = Linter(builtinRules)
        let ws = try Workspace()
        let once = try FixApplier.fixUntilStable(path: "x", bytes: Array(text.utf8), linter: linter, workspace: ws, level: .safe)
        let twice = try FixApplier.fixUntilStable(path: "x", bytes: once.bytes, linter: linter, workspace: ws, level: .safe)
        #expect(String(decoding: once.bytes, as: UTF8.self) == "\u{FEFF}Image source, AP\r\nThe ceasefire held in Seoul.\r\n")
        #expect(twice.bytes == once.bytes)
        #expect(twice.applied == 0)
        #expect(once.nonConverging.isEmpty)
    }

    /// A rule whose replacement makes a new match of it never settles: its fixes are withheld
    /// (and named), the other rules' fixes still apply, and fixing twice equals fixing once.
    @Test func aFixThatMakesNewMatchesIsWithheldAndTheRestStillApply() throws {
        let grows = "kind: pattern\nseverity: warning\nmessage: \"{match}\"\napplicability: safe\npattern: 'ab'\nreplacement: 'aab'\n"
        let shrinks = "kind: pattern\nseverity: warning\nmessage: \"{match}\"\napplicability: safe\npattern: 'qq'\nreplacement: 'q'\n"
        let set = try RuleLoader.load(texts: ["t/pack.yml": "name: t\ndescription: Test rules.\n", "t/grows.yml": grows, "t/shrinks.yml": shrinks])
        let linter = Linter(set)
        let ws = try Workspace()
        let once = try FixApplier.fixUntilStable(path: "x", bytes: Array("ab qqqq ab\n".utf8), linter: linter, workspace: ws, level: .safe)
        #expect(String(decoding: once.bytes, as: UTF8.self) == "ab q ab\n")
        #expect(once.nonConverging == ["t/grows"])
        let twice = try FixApplier.fixUntilStable(path: "x", bytes: once.bytes, linter: linter, workspace: ws, level: .safe)
        #expect(twice.bytes == once.bytes)
        #expect(twice.nonConverging == ["t/grows"])
    }

    /// A replacement holding many new matches grows the text geometrically: the rule is
    /// withheld once the text passes the ceiling, long before ten passes would exhaust memory.
    @Test func aFixThatExplodesTheTextIsWithheldAtTheCeiling() throws {
        let replacement = Array(repeating: "ab", count: 100).joined(separator: " ")
        let explodes = "kind: pattern\nseverity: warning\nmessage: \"{match}\"\napplicability: safe\npattern: 'ab'\nreplacement: '\(replacement)'\n"
        let set = try RuleLoader.load(texts: ["t/pack.yml": "name: t\ndescription: Test rules.\n", "t/explodes.yml": explodes])
        let once = try FixApplier.fixUntilStable(path: "x", bytes: Array("ab\n".utf8), linter: Linter(set), workspace: try Workspace(), level: .safe)
        #expect(String(decoding: once.bytes, as: UTF8.self) == "ab\n")
        #expect(once.nonConverging == ["t/explodes"])
    }
}
