import ICUText
import Testing

/// Every match of `pattern` in `text`, each as the whole match and its groups.
private func matches(_ pattern: String, in text: String, options: ICURegex.Options = []) throws -> [[Range<Int>?]] {
    let matcher = try ICURegex(pattern, options: options).matcher()
    try matcher.reset(UTF16Buffer(text))
    var result: [[Range<Int>?]] = []
    while let m = try matcher.next() { result.append(m) }
    return result
}

@Suite("ICU regular expressions")
struct RegexTests {
    @Test func groupsInUTF16UnitsAfterNonBMPText() throws {
        // 😀 is two units, so "ab@cd" starts at 3, not 2.
        let m = try matches(#"(\w+)@(\w+)"#, in: "😀 ab@cd 𝒳 x@y")
        #expect(m == [[3..<8, 3..<5, 6..<8], [12..<15, 12..<13, 14..<15]])
    }

    @Test func groupCount() throws {
        let re = try ICURegex(#"(a)(?:b)(c(d))"#)
        #expect(re.groupCount == 3)
        #expect(re.pattern == #"(a)(?:b)(c(d))"#)
        #expect(try re.matcher().groupCount == 3)
    }

    @Test func groupThatDidNotTakePartIsNil() throws {
        #expect(try matches("(a)|(b)", in: "ba") == [[0..<1, nil, 0..<1], [1..<2, 1..<2, nil]])
    }

    @Test func noMatch() throws {
        #expect(try matches("z+", in: "abc").isEmpty)
        #expect(try matches("a", in: "").isEmpty)
    }

    @Test func caseInsensitiveOption() throws {
        #expect(try matches("hello", in: "Hello HELLO").map { $0[0] } == [])
        #expect(try matches("hello", in: "Hello HELLO", options: .caseInsensitive).map { $0[0] } == [0..<5, 6..<11])
        #expect(try matches("σ", in: "ΣΑΣ", options: .caseInsensitive).map { $0[0] } == [0..<1, 2..<3])
    }

    @Test func multilineCaret() throws {
        let text = "a\nb\nb"
        #expect(try matches("^b", in: text).isEmpty)
        #expect(try matches("^b", in: text, options: .multiline).map { $0[0] } == [2..<3, 4..<5])
        #expect(try matches("a$", in: text, options: .multiline).map { $0[0] } == [0..<1])
    }

    @Test func bothOptions() throws {
        let m = try matches("^B", in: "a\nb", options: [.caseInsensitive, .multiline])
        #expect(m.map { $0[0] } == [2..<3])
    }

    @Test func matcherCanBeResetToNewText() throws {
        let matcher = try ICURegex("[0-9]+").matcher()
        try matcher.reset(UTF16Buffer("a12b"))
        #expect(try matcher.next()?[0] == 1..<3)
        #expect(try matcher.next() == nil)
        try matcher.reset(UTF16Buffer("7"))
        #expect(try matcher.next()?[0] == 0..<1)
    }

    @Test func matchersOfOneRegexAreIndependent() throws {
        let re = try ICURegex("x")
        let one = try re.matcher(), two = try re.matcher()
        try one.reset(UTF16Buffer("xx"))
        try two.reset(UTF16Buffer("-x"))
        #expect(try one.next()?[0] == 0..<1)
        #expect(try two.next()?[0] == 1..<2)
        #expect(try one.next()?[0] == 1..<2)
        #expect(try two.next() == nil)
    }

    @Test func syntaxErrorThrowsWithICUName() throws {
        let error = #expect(throws: ICURegex.SyntaxError.self) { try ICURegex("(abc") }
        #expect(error?.name == "U_REGEX_MISMATCHED_PAREN")
    }

    @Test(arguments: [
        ("[a", "U_REGEX_MISSING_CLOSE_BRACKET"),
        ("a{2,1}", "U_REGEX_MAX_LT_MIN"),
        ("*a", "U_REGEX_RULE_SYNTAX"),
        (#"\"#, "U_REGEX_BAD_ESCAPE_SEQUENCE"),
        ("(?<n>a)(?<n>b)", "U_REGEX_INVALID_CAPTURE_GROUP_NAME"),
    ])
    func invalidPatternsThrow(pattern: String, name: String) throws {
        let error = #expect(throws: ICURegex.SyntaxError.self) { try ICURegex(pattern) }
        #expect(error?.name == name)
    }

    @Test func syntaxErrorPositionIsWhereICUStopped() throws {
        // ICU reports the point where it gave up: for an unclosed group, the end of the line.
        let oneLine = #expect(throws: ICURegex.SyntaxError.self) { try ICURegex("(abc") }
        #expect(oneLine?.line == 1)
        #expect(oneLine?.offset == 4)
        let twoLines = #expect(throws: ICURegex.SyntaxError.self) { try ICURegex("a\n(b") }
        #expect(twoLines?.line == 2)
        #expect(twoLines?.offset == 2)
    }

    @Test func catastrophicPatternTimesOut() throws {
        let matcher = try ICURegex("(a+)+b").matcher(timeLimit: 1)
        try matcher.reset(UTF16Buffer(String(repeating: "a", count: 40)))
        let error = #expect(throws: ICUError.self) { try matcher.next() }
        #expect(error?.isTimeout == true)
        #expect(error?.name == "U_REGEX_TIME_OUT")
    }

    /// One search walks the whole of a long text that holds no match; the limit grows with
    /// the text (here from one step to 151), so that walk is not taken for a catastrophic
    /// pattern, while a catastrophic pattern on a short text still stops at one step (above).
    @Test func timeLimitGrowsWithTheText() throws {
        let matcher = try ICURegex("(?<=\\p{Ll}{2}[.!?])(?=\\p{Lu}\\p{Ll})").matcher(timeLimit: 1)
        try matcher.reset(UTF16Buffer(String(repeating: "no match here, ", count: 20_000)))
        #expect(try matcher.next() == nil)
    }

    @Test func timeLimitDoesNotStopOrdinaryMatches() throws {
        let matcher = try ICURegex("(a+)+b").matcher(timeLimit: 1)
        try matcher.reset(UTF16Buffer(String(repeating: "a", count: 40) + "b"))
        #expect(try matcher.next()?[0] == 0..<41)
    }
}
