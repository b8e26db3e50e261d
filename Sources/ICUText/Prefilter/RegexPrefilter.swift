// A cheap necessary condition for an ICU regular expression to match. Most articles contain
// no match for most pattern rules, yet ICU has to walk every article to find that out. From
// the pattern text we derive "factors": short sequences of character predicates such that
// any text where ICU finds a match contains at least one of them. One pass over the article
// checks the factors of all rules, and ICU runs only where some factor occurs.
//
// The analysis must never claim "no match" wrongly, so it understands a practical subset of
// ICU's syntax and gives up (no prefilter: the regex always runs) on anything else.

/// A necessary condition for an ICU regular expression (compiled with UREGEX_MULTILINE) to
/// find a match: the text contains one of a few short factors. Lets a caller skip the regex
/// over texts that cannot match.
public struct RegexPrefilter: Sendable, CustomStringConvertible {
    /// The alternatives (any one must occur), for tests and diagnostics.
    public let factors: [[PrefilterPredicate]]
    /// Whether every match, with all that its lookarounds read, lies within one line (no
    /// line feed or carriage return in it): a match then needs a factor in its own line, and
    /// a search may skip the lines that hold none.
    public let staysOnLine: Bool

    /// nil when the pattern cannot be analysed safely or yields no useful factor.
    public init?(pattern: String, caseInsensitive: Bool) {
        var parser = PatternParser(pattern, caseInsensitive: caseInsensitive)
        guard let piece = try? parser.parse(), let factors = Analysis.factors(of: piece) else { return nil }
        self.factors = factors
        staysOnLine = !parser.mayCrossLines
    }

    /// Single-text check (tests, simple callers). Kept apart from `PrefilterSet`'s scanner on
    /// purpose, so that tests can check each against the other and against ICU.
    public func mayMatch(_ text: UnsafeBufferPointer<UInt16>) -> Bool {
        for start in text.indices {
            for factor in factors where Self.occurs(factor, in: text, at: start) { return true }
        }
        return false
    }

    private static func occurs(_ factor: [PrefilterPredicate], in text: UnsafeBufferPointer<UInt16>, at start: Int) -> Bool {
        var i = start
        for p in factor {
            guard i < text.count else { return false }
            let (scalar, length) = ScalarReader.scalar(text.baseAddress!, at: i, count: text.count)
            guard p.contains(scalar) else { return false }
            i += length
        }
        return true
    }

    /// Each factor in double quotes, alternatives separated by " | ".
    public var description: String {
        factors.map { "\"" + $0.map(\.description).joined() + "\"" }.joined(separator: " | ")
    }
}
