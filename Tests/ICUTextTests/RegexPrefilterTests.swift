@testable import ICUText
import TestSupport
import Testing

/// The factors of `pattern` as strings of predicate descriptions, sorted.
private func factors(_ pattern: String, caseInsensitive: Bool = false) -> [String]? {
    RegexPrefilter(pattern: pattern, caseInsensitive: caseInsensitive)?.factors.map { $0.map(\.description).joined() }.sorted()
}

private func mayMatch(_ filter: RegexPrefilter, _ text: String) -> Bool {
    Array(text.utf16).withUnsafeBufferPointer { filter.mayMatch($0) }
}

private func icuFinds(_ regex: ICURegex, _ text: String) throws -> Bool {
    try icuFinds(regex, Array(text.utf16))
}

private func icuFinds(_ regex: ICURegex, _ units: [UInt16]) throws -> Bool {
    let matcher = try regex.matcher(timeLimit: 0)
    try matcher.reset(UTF16Buffer(units))
    return try matcher.next() != nil
}

/// The pattern rules that ship with mtlint (Rules/*/*.yml), all case-sensitive.
private let builtinPatterns = [
    #"\b[Oo]n the (?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th) \(local time\)"#,
    #"([.!?])(?<=\p{Ll}\p{Ll}[.!?])(?<!\.\p{L}{1,40}[.!?])(?=\p{Lu}\p{Ll})(?!\p{L}+\.\p{L})"#,
    #"  +(?<=[^\s.!?:] {2,200})(?=\S)"#,
    #"[ \t]+(?=[,;:!?.])(?:(?=(?:[,;!?]|\.(?!\.)(?! \.))(?![^\s\x{0B}\x{85}]))(?<=[\p{L}\p{N}\)”"][ \t]{1,40})|(?=:(?![^\s\x{0B}\x{85}]))(?<=\p{L}[ \t]{1,40}))"#,
    #"^(?:\A\x{FEFF})?([ \t]*(?:Newsletter|Advertisement|Skip to (?:main )?content|Share this (?:article|story|page|with (?:Facebook|Twitter|Email|WhatsApp|Messenger|LinkedIn))|Media playback is unsupported on your device|(?:Image|Photo|Picture|Video) (?:source|copyright|credit),?)[ \t]*(?:\r?\n(?=[ \t]*\r?\n)|(?:\r?\n)?\z))"#,
    #"\d{2,4}w, *https?://"#,
    #"^[ \t]*https?://\S+(?:[ \t]*[,;|][ \t]*|[ \t]+)https?://\S+(?:(?:[ \t]*[,;|][ \t]*|[ \t]+)https?://\S+)*[ \t]*$"#,
    #"</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][A-Za-z:-]*(?:="[^"\n]*")?)*\s*/?>|\s(?=[tsacwhld][a-z-]*=")(?:type|src|srcset|alt|class|style|width|height|href|sizes|loading|data-[a-z-]+)="[^"\n]*"(?:\s+[a-z-]+="[^"\n]*")*\s*/?>"#,
]

/// `spacing/space-before-punctuation` as it was before its "white space or a line end" became
/// a lookahead that reads no line break (so that it stays on its line).
private let formerSpaceBeforePunctuation =
    #"[ \t]+(?=[,;:!?.])(?:(?=(?:[,;!?]|\.(?!\.)(?! \.))(?:\s|$))(?<=[\p{L}\p{N}\)”"][ \t]{1,40})|(?=:(?:\s|$))(?<=\p{L}[ \t]{1,40}))"#

/// `residue/boilerplate-line` as it was before it started with `^` (which lets ICU try line
/// starts only) and kept the line in group 1.
private let formerBoilerplateLine =
    #"(?:^|(?<=\A\x{FEFF}))[ \t]*(?:Newsletter|Advertisement|Skip to (?:main )?content|Share this (?:article|story|page|with (?:Facebook|Twitter|Email|WhatsApp|Messenger|LinkedIn))|Media playback is unsupported on your device|(?:Image|Photo|Picture|Video) (?:source|copyright|credit),?)[ \t]*(?:\r?\n(?=[ \t]*\r?\n)|(?:\r?\n)?\z)"#

/// Every match of `regex` in `units` with a non-empty range, with its groups: from one search
/// of the whole text, or, given `lines`, from searches of the lines it says may match.
private func matches(_ regex: ICURegex, _ units: [UInt16], lines: PrefilterSet? = nil) throws -> [[Range<Int>?]] {
    let matcher = try regex.matcher(timeLimit: 0)
    try matcher.reset(UTF16Buffer(units))
    var out: [[Range<Int>?]] = []
    func collect() throws {
        while let m = try matcher.next() {
            if m[0]?.isEmpty == false { out.append(m) }
        }
    }
    guard let lines else {
        try collect()
        return out
    }
    try units.withUnsafeBufferPointer { p in
        try lines.linesThatMayMatch(in: p) { line in
            try matcher.restrict(to: line)
            try collect()
        }
    }
    return out
}

/// Text pieces that match, or nearly match, each built-in pattern, planted in random texts.
private let builtinSnippets: [[String]] = [
    ["on the 26th (local time)", "On the 3rd (local time)", "on the 31st (local time)", "on the 32nd (local time)", " (local time)"],
    ["weeks.The", "ab!Cd", "it?Yes", "U.S.Senate", "a.b.Cd", "éé.Éé", "xx.Ab.c"],
    ["a  b", "x   y", ".  A", "a \t b", "word  ", "  x"],
    ["word , next", "a ;", "x : y", "é\t. z", "1 !", ") ?", "” ,", "a ..", "a . b", "b :\n", "a .", "x :"],
    ["Newsletter\n\n", "\u{FEFF}Advertisement", "Skip to main content\r\n", "Share this with Email\n\n", "Image copyright,", "Video source\n \n", "Media playback is unsupported on your device"],
    ["300w, https://", "12w,http://", "9999w,   https://", "1w, http://"],
    ["http://a.b https://c", "https://x, http://y", "http://a | http://b http://c", " \thttp://x;http://y "],
    ["<br/>", "<a href=\"x\">", "</span>", " src=\"a.jpg\"/>", " data-x=\"1\" alt=\"\">", "<p\nclass=\"x\">", " type=\"image/webp\"/>"],
]

/// Patterns that exercise the analysis beyond the built-in ones, with what to plant.
private let trickyCases: [(pattern: String, caseInsensitive: Bool, snippets: [String])] = [
    ("a+b", false, ["aab", "ab", "b"]),
    ("ca+", false, ["caa", "c", "ca"]),
    ("x?yz", false, ["xyz", "yz"]),
    ("(?:foo|bar)baz", false, ["foobaz", "barbaz", "baz"]),
    ("[ \\t]+(?=[,;:])", false, [" ,", "\t;", ":"]),
    ("(?<=ab)cd", false, ["abcd", "cd", "bcd"]),
    ("ab(?=cd)", false, ["abcd", "ab"]),
    ("(?<![a-z])\\d{3}(?!\\d)", false, ["123", "a123", "1234"]),
    ("colou?r", true, ["COLOR", "colour", "CoLoUr"]),
    ("ss-\\d", true, ["ß-1", "SS-2", "ss-", "ſs-3"]),
    ("k\\.[0-9]", true, ["\u{212A}.5", "K.1", "k.2"]),
    ("straße", false, ["straße", "strasse"]),
    ("\\x{FEFF}\\p{Lu}", false, ["\u{FEFF}A", "\u{FEFF}É", "\u{FEFF}a"]),
    ("“[^”]{0,5}”", false, ["“ab”", "“”", "“abcdefg”"]),
    ("😀+\\s", false, ["😀😀 ", "😀\n", "a😀\t"]),
    ("[^\\s\\d]{2}\\.", false, ["ab.", "a1.", "é?."]),
    ("\\bthe\\b\\s+\\bthe\\b", false, ["the the", "the\nthe", "then the"]),
    ("(\\w+) \\1", false, ["go go", "a a", "ab b"]),
    ("(?<year>\\d{4})-(?<month>\\d\\d)", false, ["2024-01", "99-12"]),
    ("(?>ab|a)c", false, ["abc", "ac"]),
    ("a(?#comment)b", false, ["ab", "a b"]),
    ("x{2,3}+y", false, ["xxy", "xxxy", "xy"]),
    ("[\\p{L}&&[a-z]]", false, []),
    ("\\R\\R", false, ["\r\n\r\n", "\n\n", "\r\n"]),
    (".\\.\\w", false, ["a.b", "\n.b", ".é"]),
    ("(?:\\.|!){2,}[A-Z]", false, ["..A", "!.B", ".!"]),
    ("[\\s\\S]x", false, ["\nx", "ax"]),
    ("(?=[A-Z])[^a-z]{2}", false, ["AB", "A1", "aB"]),
    ("\\P{L}\\p{Lu}\\p{Ll}", false, [" Ab", "1Éa", "aBc"]),
    ("a|b\\d", false, ["a", "b1"]),
    ("(?:^|\\s)@\\w+", false, ["@bob", " @a", "x@y"]),
    ("\\$\\d+(?:\\.\\d\\d)?", false, ["$5", "$5.00", "$"]),
    ("[\\x{2018}\\x{2019}]s\\b", false, ["’s", "‘s", "'s"]),
    ("(?<=\\p{L})-(?=\\p{L})", false, ["a-b", "é-ß", "1-2"]),
    ("\\.{3}|…", false, ["...", "…", ".."]),
    ("\\t+$", false, ["a\t\n", "\t"]),
    ("[Ff]ig\\. ?\\d", false, ["Fig. 1", "fig.2"]),
    ("\\h+\\v", false, [" \n", "\t\r", "\u{00A0}\u{2028}"]),
    ("[\\w-]+@[\\w-]+\\.com", false, ["a@b.com", "x-y@z-w.com"]),
    ("q[^u]", true, ["qa", "QI", "qu"]),
    ("(?:ab){2}c", false, ["ababc", "abc", "abababc"]),
    ("(?:a|bc)+d", false, ["ad", "bcd", "abcad", "d"]),
    ("(?<=\\d)(?=\\d)", false, ["12", "1a2"]),
    ("(?<=[.!?] )[a-z]", false, [". a", "! b", ".a"]),
    ("(?<=(?:Mr|Dr)\\.) [A-Z]", false, ["Mr. Smith", "Dr. X", "Mrs. Y"]),
    ("x(?=y|zz)", false, ["xy", "xzz", "xz"]),
    ("(?:^|\\n)#{1,3} \\S", false, ["# a", "\n## b", "#### c"]),
    ("\\b[A-Z]{2,}\\b", false, ["NATO", "UK", "A"]),
    ("[“\"][^”\"]*$", false, ["“open", "\"x", "“x”"]),
    ("\\s+[,.]", false, [" ,", "\t.", "\u{00A0},", "\u{2028}."]),
    ("([a-z])\\1{2}", false, ["aaa", "bbb", "ab"]),
    ("\\w+’\\w", false, ["it’s", "don’t", "it's"]),
    ("İstanbul", false, ["İstanbul", "Istanbul"]),
    ("\\bss\\b", true, ["ß", "SS", "ss", "ſſ", "ẞ"]),
    ("\\x{212A}m", false, ["\u{212A}m", "Km"]),
    ("[\\x{1F600}-\\x{1F64F}]{2}", false, ["😀😀", "😀", "😀a😀"]),
    ("\\.\\X", false, [".a", ".e\u{301}", ".😀"]),
    ("(?:\\r?\\n){3,}", false, ["\n\n\n", "\r\n\r\n\r\n", "\n\r\n\n"]),
]

private let plainEnglish = """
    The government announced on Tuesday that it would raise interest rates by a quarter of a point.
    Officials said the decision followed months of debate within the central bank's committee.
    Shares in European markets fell sharply after the announcement, with banks leading the decline.
    The minister told reporters in Brussels that the measures were necessary to curb inflation.
    Critics argued that the move would hurt small businesses and households already under pressure.
    Opposition leaders called for an urgent debate in parliament before the end of the month.
    Analysts expect further increases later this year if prices continue to rise at the current pace.
    The central bank's governor said she was confident that inflation would return to its target.
    Protesters gathered outside the ministry on Wednesday, chanting slogans and waving banners.
    Police said the demonstration was peaceful and that no arrests had been made.
    The company reported a profit of 3.2 billion dollars for the first quarter, up from a year earlier.
    Its chief executive, who took over in January, said demand had recovered faster than expected.
    Heavy rain caused flooding in several northern towns, forcing hundreds of families from their homes.
    Emergency services worked through the night to rescue people trapped in cars and houses.
    The prime minister visited the area on Thursday and promised that help would arrive quickly.
    Scientists warned that such extreme weather events were likely to become more frequent.
    The football club confirmed that its manager had signed a new three-year contract.
    Fans celebrated in the streets after the team won the league title for the first time in a decade.
    The museum will reopen next month after a two-year renovation costing millions of pounds.
    Visitors will be able to see paintings that have not been on display for more than a century.
    Negotiations between the two countries resumed in Geneva after a pause of several weeks.
    Diplomats said progress had been made, although major differences remained on key issues.
    The hospital said the patient was in a stable condition and was expected to make a full recovery.
    Doctors praised the quick response of the bystanders who performed first aid at the scene.
    Election officials said turnout was higher than in any vote since the country became independent.
    Results are expected to be announced late on Sunday or early on Monday morning.
    """

/// Random texts that mix the pattern's own characters, both cases of ASCII letters, digits,
/// white space, punctuation and non-ASCII scalars that case folding treats specially, with
/// pattern-like snippets planted (and mutated) so that matches and near misses are common.
/// Now and then a lone surrogate goes in too, which ICU reads as a scalar of its own.
private func randomTexts(pattern: String, snippets: [String], count: Int, seed: UInt64) -> [[UInt16]] {
    var random = SplitMix64(state: seed)
    let own = Array(Set(pattern.unicodeScalars.map(Character.init))).sorted()
    let ascii = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    let spaces: [Character] = [" ", " ", " ", "\t", "\n", "\r", "\r\n"]
    let punctuation = Array(".,;:!?-'\"()<>=/|@$&")
    let nonASCII: [Character] = ["é", "É", "ß", "ẞ", "“", "”", "’", "\u{FEFF}", "\u{212A}", "\u{017F}", "😀", "中", "\u{00A0}", "\u{2028}", "ﬀ", "İ"]
    var texts: [[UInt16]] = []
    for _ in 0..<count {
        let length = random.below(61)
        // A third of the texts get no snippet, so that near misses are common as well.
        let plants = random.below(3)
        var text = ""
        while text.unicodeScalars.count < length {
            switch random.below(8 + plants) {
            case 0, 1, 2: if !own.isEmpty { text.append(random.pick(own)) }
            case 3, 4: text.append(random.pick(ascii))
            case 5: text.append(random.pick(spaces))
            case 6: text.append(random.pick(punctuation))
            case 7: text.append(random.pick(nonASCII))
            default:
                guard !snippets.isEmpty else { continue }
                var snippet = Array(random.pick(snippets).unicodeScalars)
                // Sometimes damage the snippet by one scalar, for near misses.
                if random.below(3) == 0, !snippet.isEmpty {
                    let at = random.below(snippet.count)
                    switch random.below(3) {
                    case 0: snippet.remove(at: at)
                    case 1: snippet[at] = random.pick(Array("aZ 1.\u{00E9}\n".unicodeScalars))
                    default: snippet.insert(random.pick(Array("aZ 1.\u{00E9}\n".unicodeScalars)), at: at)
                    }
                }
                text.unicodeScalars.append(contentsOf: snippet)
            }
        }
        var units = Array(text.utf16)
        if random.below(20) == 0 {
            units.insert(random.pick([0xD83D, 0xDE00, 0xDFFF]), at: random.below(units.count + 1))
        }
        texts.append(units)
    }
    return texts
}

@Suite("Regex prefilter")
struct RegexPrefilterTests {
    // MARK: Factors of small patterns

    @Test func literal() {
        #expect(factors("abc") == ["abc"])
    }

    @Test func plusExtendsBothNeighbours() {
        #expect(factors("a+b") == ["ab"])
        #expect(factors("ca+") == ["ca"])
    }

    @Test func optionalAtomContributesNothing() {
        #expect(factors("x?yz") == ["yz"])
    }

    @Test func alternationIsAUnionOfBranches() {
        #expect(factors("(?:foo|bar)baz") == ["barbaz", "foobaz"])
        // A branch without a factor leaves the alternation without one.
        #expect(factors("(?:foo|x*)") == nil)
    }

    @Test func lookaheadExtendsTheRunBeforeIt() {
        #expect(factors(#"[ \t]+(?=[,;:])"#) == [#"[\t ][,:;]"#])
    }

    @Test func lookbehindExtendsTheRunAfterIt() {
        #expect(factors("(?<=ab)cd") == ["abcd"])
    }

    @Test func zeroWidthAssertionsKeepAdjacency() {
        #expect(factors(#"a\bb"#) == ["ab"])
        #expect(factors(#"x(?!y)z"#) == ["xz"])
    }

    @Test func caseInsensitiveLettersAreUnknown() {
        // Only what case folding cannot reach survives ("-", ": ", the ASCII digits), and
        // ": [0-9]" is the rarest run of it.
        #expect(factors("foo-bar: [0-9]+", caseInsensitive: true) == [": [0-9]"])
        #expect(factors("foo-bar: [0-9]+", caseInsensitive: false) == ["foo-bar:"])
        #expect(factors("hello", caseInsensitive: true) == nil)
        #expect(factors(#"\s\d"#, caseInsensitive: true) == nil)
        #expect(factors("abc") != nil)
    }

    @Test func nonASCIILiteralsStayExact() {
        let filter = RegexPrefilter(pattern: #"\x{FEFF}x"#, caseInsensitive: false)
        #expect(filter?.factors.count == 1)
        #expect(filter?.factors.first?.first?.contains(0xFEFF) == true)
        #expect(filter?.factors.first?.first?.contains(0xFEFE) == false)
    }

    @Test func shorthandClassesAreExactForASCII() throws {
        let digits = try #require(RegexPrefilter(pattern: #"\d\d\d"#, caseInsensitive: false)?.factors.first?.first)
        #expect(digits.contains(0x35) && !digits.contains(0x61) && digits.contains(0x0663))
        let nonSpace = try #require(RegexPrefilter(pattern: #"=\S"#, caseInsensitive: false)?.factors.first?.last)
        #expect(!nonSpace.contains(0x20) && !nonSpace.contains(0x0A) && nonSpace.contains(0x61))
    }

    @Test(arguments: [
        #"\Qa.b\E"#, "(?i)abc", "(?x)a b", "a(?-i)b", "(?i:ab)c", "(?s)a.b", "(?w)\\bab",
        "[[a-z]--[aeiou]]x", "[a-z&&[^q]]x", "[[:alpha:]]x", #"\N{DIGIT ONE}x"#, #"\cAx"#, "a{,3}x",
    ])
    func unsupportedSyntaxGivesUp(pattern: String) {
        #expect(RegexPrefilter(pattern: pattern, caseInsensitive: false) == nil)
    }

    @Test func deeplyNestedGroupsGiveUpInsteadOfRecursingOn() {
        let shallow = String(repeating: "(", count: 60) + "abc" + String(repeating: ")", count: 60)
        #expect(factors(shallow) == ["abc"])
        let deep = String(repeating: "(?:", count: 10_000) + "abc" + String(repeating: ")", count: 10_000)
        #expect(RegexPrefilter(pattern: deep, caseInsensitive: false) == nil)
    }

    @Test func patternsWithoutUsefulFactorsGiveNil() {
        #expect(factors("x*") == nil)
        #expect(factors(".") == nil)
        #expect(factors(#"\s"#) == nil)
        #expect(factors(#"(a)\1"#) == ["a"])
    }

    // MARK: Built-in patterns

    @Test func builtinPatternsGetUsefulFactors() throws {
        for pattern in builtinPatterns {
            let filter = try #require(RegexPrefilter(pattern: pattern, caseInsensitive: false), "\(pattern)")
            print("prefilter \(filter)  ⇐  \(pattern.prefix(60))")
            // No bare white space or letter class: every factor needs something rarer.
            for factor in filter.factors {
                let text = factor.map(\.description).joined()
                #expect(!["[\\t-\\r …]", "[\\t-\\r ]", "[\\t ]", " "].contains(text), "\(pattern): \(text)")
            }
        }
        // "…" is any non-ASCII scalar; [^...] leaves out the ASCII characters listed.
        let expected: [[String]] = [
            ["(local t"],
            ["[a-z…][a-z…][!.?][A-Z…][a-z…]"],
            [#"[^\t\n\x{C}\r !.:?]  "#],
            [#"[\t ][!,.:;?]"#],
            ["Advertis", "Image ", "Media pl", "Newslett", "Photo ", "Picture ", "Share th", "Skip to ", "Video "],
            ["http://", "https://"],
            [#"http://[^\t\n\x{C}\r ]"#, "https://"],
            ["</[A-Za-z]", "<[A-Za-z]", #"[\-a-z]=""#],
        ]
        for (pattern, chosen) in zip(builtinPatterns, expected) {
            #expect(factors(pattern) == chosen)
        }
    }

    @Test func builtinPatternsRejectPlainProse() throws {
        let sentences = plainEnglish.split(separator: "\n").map(String.init)
        for pattern in builtinPatterns {
            let filter = try #require(RegexPrefilter(pattern: pattern, caseInsensitive: false))
            let regex = try ICURegex(pattern, options: [.multiline])
            var rejected = 0
            for sentence in sentences {
                let may = mayMatch(filter, sentence)
                if try icuFinds(regex, sentence) { #expect(may, "\(pattern) in \(sentence)") }
                if !may { rejected += 1 }
            }
            #expect(rejected * 10 >= sentences.count * 9, "\(pattern) rejects only \(rejected) of \(sentences.count)")
            // The paragraph as a whole (one article) too.
            #expect(!mayMatch(filter, plainEnglish), "\(pattern) passes the plain paragraph")
        }
    }

    // MARK: Agreement with ICU

    /// The property that matters: whenever ICU finds a match, both the single-filter check
    /// and the set scanner say "may match".
    @Test func neverRejectsATextThatICUMatches() throws {
        var cases = zip(builtinPatterns, builtinSnippets).map { (pattern: $0, caseInsensitive: false, snippets: $1) }
        cases += trickyCases
        var checked = 0, matched = 0, filtered = 0
        let filters = cases.map { RegexPrefilter(pattern: $0.pattern, caseInsensitive: $0.caseInsensitive) }
        let set = PrefilterSet(filters)
        var result: [Bool] = []
        for (index, c) in cases.enumerated() {
            guard let filter = filters[index] else { continue }
            var options: ICURegex.Options = [.multiline]
            if c.caseInsensitive { options.insert(.caseInsensitive) }
            let regex = try ICURegex(c.pattern, options: options)
            var found = 0
            for units in randomTexts(pattern: c.pattern, snippets: c.snippets, count: 2000, seed: UInt64(index + 1)) {
                let text = String(decoding: units, as: UTF16.self)
                let single = units.withUnsafeBufferPointer { filter.mayMatch($0) }
                units.withUnsafeBufferPointer { set.scan($0, into: &result) }
                #expect(result.count == cases.count)
                #expect(single == result[index], "\(c.pattern): mayMatch and PrefilterSet disagree on \(text.debugDescription)")
                if try icuFinds(regex, units) {
                    found += 1
                    #expect(single && result[index], "\(c.pattern) (\(filter)) rejects \(text.debugDescription)")
                } else if !single {
                    filtered += 1
                }
                // Filters without an analysis always pass.
                for (j, f) in filters.enumerated() where f == nil { #expect(result[j]) }
                checked += 1
            }
            matched += found
            print("\(c.pattern)  ⇒  \(filter)  (ICU matches \(found) of 2000 random texts)")
            if !c.snippets.isEmpty { #expect(found >= 20, "\(c.pattern): only \(found) random texts match") }
        }
        print("checked \(checked) random texts against ICU: \(matched) matched, \(filtered) rejected by prefilters")
    }

    /// Each filter alone gives the scanner other classes to pass over than the whole set
    /// does (a filter anchored on letters none, one anchored on punctuation all of them): the
    /// scan agrees with the unit-by-unit check either way.
    @Test func eachFilterAloneAgreesWithTheUnitByUnitCheck() throws {
        var cases = zip(builtinPatterns, builtinSnippets).map { (pattern: $0, caseInsensitive: false, snippets: $1) }
        cases += trickyCases
        var result: [Bool] = []
        for (index, c) in cases.enumerated() {
            guard let filter = RegexPrefilter(pattern: c.pattern, caseInsensitive: c.caseInsensitive) else { continue }
            let set = PrefilterSet([filter])
            for units in randomTexts(pattern: c.pattern, snippets: c.snippets, count: 300, seed: UInt64(index + 101)) {
                units.withUnsafeBufferPointer { set.scan($0, into: &result) }
                let single = units.withUnsafeBufferPointer { filter.mayMatch($0) }
                #expect(result == [single], "\(c.pattern) on \(String(decoding: units, as: UTF16.self).debugDescription)")
            }
        }
    }

    /// The built-in set anchors nothing on lower-case letters, digits or a lone space (its
    /// boilerplate words are anchored on their capitals), so most prose is passed over eight
    /// units at a time; a factor at any offset, the text's last units included, is still found.
    @Test func plainProseIsPassedOverAndFactorsAtEveryOffsetAreFound() throws {
        let builtin = PrefilterSet(builtinPatterns.map { RegexPrefilter(pattern: $0, caseInsensitive: false) })
        #expect(builtin.passesOver.never == 1 | 4 && builtin.passesOver.spaceBefore == 0x20)
        let doubleSpace = try #require(RegexPrefilter(pattern: "x  y", caseInsensitive: false))
        let set = PrefilterSet([doubleSpace])
        #expect(set.passesOver.spaceBefore == 0x20 || set.passesOver.never & 8 != 0)
        var result: [Bool] = []
        for length in 4...40 {
            for at in 0...(length - 4) {
                var units = Array(String(repeating: "ab c", count: length).utf16.prefix(length))
                units.replaceSubrange(at..<at + 4, with: Array("x  y".utf16))
                units.withUnsafeBufferPointer { set.scan($0, into: &result) }
                #expect(result == [true], "x  y at \(at) of \(length)")
                units[at + 2] = 0x7A
                units.withUnsafeBufferPointer { set.scan($0, into: &result) }
                #expect(result == [units.withUnsafeBufferPointer { doubleSpace.mayMatch($0) }], "x z y at \(at) of \(length)")
            }
        }
    }

    /// Which patterns keep every match, with what it reads, within a line: no part of them
    /// may match a line feed or a carriage return, and `\G` reads where the last match ended.
    @Test func patternsThatStayOnTheirLine() throws {
        let builtin = try builtinPatterns.map { try #require(RegexPrefilter(pattern: $0, caseInsensitive: false)).staysOnLine }
        #expect(builtin == [true, true, true, true, false, true, true, false])
        let cases: [(String, Bool, Bool)] = [
            (#"ab\.c"#, false, true), (#"a\sb"#, false, false), (#"a\hb"#, false, true), (#"a\vb"#, false, false),
            (#"a.b"#, false, true), (#"a[^x]b"#, false, false), (#"a[^x\n\r]b"#, false, true), (#"a\Rb"#, false, false),
            (#"ab\X"#, false, false), (#"\Gab"#, false, false), (#"ab(?=\s)"#, false, false), (#"(?<=\n)ab"#, false, false),
            (#"ab(?!\S)"#, false, true), (#"ab(?![^\s\x{0B}\x{85}])"#, false, true), (#"^ab$"#, false, true),
            (#"\Aab\z"#, false, true), (#"\d\d:\d\d"#, true, true), (#"#\d\s\d"#, true, false), (#"a\p{L}b"#, false, true), (#"a\p{Zl}b"#, false, true),
            (#"a\P{L}b"#, false, false), (#"a\x{0A}b"#, false, false), (#"a\rb"#, false, false), (#"a\x{2028}b"#, false, true),
        ]
        for (pattern, caseInsensitive, expected) in cases {
            let filter = try #require(RegexPrefilter(pattern: pattern, caseInsensitive: caseInsensitive), "\(pattern)")
            #expect(filter.staysOnLine == expected, "\(pattern)")
        }
    }

    /// The property line searches rest on: for a pattern that stays on its line, searching
    /// only the lines that hold a factor finds every match that searching the whole text
    /// finds, groups included. Texts mix line feeds, CR LF, lone CRs and the line ends ICU
    /// knows beyond them (VT, FF, NEL, U+2028/9), and matches sit at every edge of a line:
    /// `^`, `$`, `\A`, `\z`, `\b` and lookarounds read past it.
    @Test func searchingLinesThatHoldAFactorFindsWhatAWholeSearchFinds() throws {
        var cases = zip(builtinPatterns, builtinSnippets).map { (pattern: $0, caseInsensitive: false, snippets: $1) }
        cases += trickyCases
        cases += [
            (#"^\w+$"#, false, ["ab", "\nab\n", "ab\r\n"]), (#"\A\w{2}"#, false, ["ab"]), (#"\w{2}\z"#, false, ["ab"]),
            (#"(?<=^ )x\w"#, false, [" xa", "\n xb"]), (#"x\w(?=$)"#, false, ["xa\n", "xb"]), (#"\bx\w\b"#, false, ["xa", " xb "]),
            (#"(?<=\A\x{FEFF})\w\w"#, false, ["\u{FEFF}ab"]), (#"[a-z]+(?=[.,](?!\S))"#, false, ["ab.\n", "cd, ", "ef."]),
            (#"(?<![^\s])q\w"#, false, ["\nqa", " qb", "xqc"]), (#"a\x{2028}b"#, false, ["a\u{2028}b"]), (#"\p{L}\x{85}\p{L}"#, false, ["a\u{85}b"]),
        ]
        var compared = 0, found = 0
        for (index, c) in cases.enumerated() {
            guard let filter = RegexPrefilter(pattern: c.pattern, caseInsensitive: c.caseInsensitive), filter.staysOnLine else { continue }
            var options: ICURegex.Options = [.multiline]
            if c.caseInsensitive { options.insert(.caseInsensitive) }
            let regex = try ICURegex(c.pattern, options: options)
            let lines = PrefilterSet([filter])
            var random = SplitMix64(state: UInt64(index + 501))
            for var units in randomTexts(pattern: c.pattern, snippets: c.snippets, count: 600, seed: UInt64(index + 301)) {
                for _ in 0..<random.below(3) {
                    units.insert(random.pick([0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029]), at: random.below(units.count + 1))
                }
                let whole = try matches(regex, units)
                let byLine = try matches(regex, units, lines: lines)
                #expect(byLine == whole, "\(c.pattern) on \(String(decoding: units, as: UTF16.self).debugDescription)")
                compared += 1
                found += whole.count
            }
        }
        print("compared \(compared) texts by line and whole: \(found) matches")
        #expect(compared >= 20 * 600 && found >= 2_000)
    }

    /// The built-in pattern's group 1 is what its former form matched, a byte-order mark at
    /// the start included or not.
    @Test func boilerplateLineFindsWhatItsFormerFormFound() throws {
        let now = try ICURegex(builtinPatterns[4], options: [.multiline])
        let before = try ICURegex(formerBoilerplateLine, options: [.multiline])
        var random = SplitMix64(state: 79)
        var found = 0, afterMark = 0
        for var units in randomTexts(pattern: formerBoilerplateLine, snippets: builtinSnippets[4], count: 3_000, seed: 80) {
            if random.below(4) == 0 { units.insert(0xFEFF, at: 0) }
            if random.below(4) == 0 { units.insert(0xFEFF, at: random.below(units.count + 1)) }
            let expected = try matches(before, units)
            #expect(try matches(now, units).map { [$0[1]] } == expected, "\(String(decoding: units, as: UTF16.self).debugDescription)")
            found += expected.count
            if units.first == 0xFEFF, expected.first?[0]?.lowerBound == 1 { afterMark += 1 }
        }
        #expect(found >= 200 && afterMark >= 10, "\(found) matches, \(afterMark) after a mark")
    }

    /// The built-in pattern's line form finds what its former form found.
    @Test func spaceBeforePunctuationFindsWhatItsFormerFormFound() throws {
        let now = try ICURegex(builtinPatterns[3], options: [.multiline])
        let before = try ICURegex(formerSpaceBeforePunctuation, options: [.multiline])
        var random = SplitMix64(state: 77)
        var found = 0
        for var units in randomTexts(pattern: formerSpaceBeforePunctuation, snippets: builtinSnippets[3], count: 3_000, seed: 78) {
            for _ in 0..<random.below(3) {
                units.insert(random.pick([0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029, 0x20, 0x2E]), at: random.below(units.count + 1))
            }
            let expected = try matches(before, units)
            #expect(try matches(now, units) == expected, "\(String(decoding: units, as: UTF16.self).debugDescription)")
            found += expected.count
        }
        #expect(found >= 300)
    }

    @Test func loneSurrogatesAndPairs() throws {
        let filter = try #require(RegexPrefilter(pattern: "😀x", caseInsensitive: false))
        let set = PrefilterSet([filter, nil])
        var result: [Bool] = []
        let cases: [([UInt16], Bool)] = [
            ([0xD83D, 0xDE00, 0x78], true),
            ([0xD83D, 0x78], false),
            ([0xD83D, 0xD83D, 0xDE00, 0x78], true),
            ([0xDE00, 0x78], false),
            ([0x61, 0xD83D, 0xDE00], false),
        ]
        for (units, expected) in cases {
            units.withUnsafeBufferPointer { set.scan($0, into: &result) }
            #expect(result == [expected, true])
            #expect(units.withUnsafeBufferPointer { filter.mayMatch($0) } == expected)
        }
    }

    @Test func setStopsCheckingSatisfiedFiltersAndReusesResult() throws {
        let a = try #require(RegexPrefilter(pattern: "abc", caseInsensitive: false))
        let b = try #require(RegexPrefilter(pattern: "xyz", caseInsensitive: false))
        let set = PrefilterSet([a, nil, b, a])
        var result = [Bool](repeating: true, count: 7)
        Array("..abc..abc".utf16).withUnsafeBufferPointer { set.scan($0, into: &result) }
        #expect(result == [true, true, false, true])
        Array("xyz".utf16).withUnsafeBufferPointer { set.scan($0, into: &result) }
        #expect(result == [false, true, true, false])
        [UInt16]().withUnsafeBufferPointer { set.scan($0, into: &result) }
        #expect(result == [false, true, false, false])
        let none = PrefilterSet([])
        Array("abc".utf16).withUnsafeBufferPointer { none.scan($0, into: &result) }
        #expect(result == [])
    }
}
