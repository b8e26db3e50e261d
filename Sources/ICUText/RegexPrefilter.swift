// A cheap necessary condition for an ICU regular expression to match. Most articles contain
// no match for most pattern rules, yet ICU has to walk every article to find that out. From
// the pattern text we derive "factors": short sequences of character predicates such that
// any text where ICU finds a match contains at least one of them. One pass over the article
// checks the factors of all rules, and ICU runs only where some factor occurs.
//
// The analysis must never claim "no match" wrongly, so it understands a practical subset of
// ICU's syntax and gives up (no prefilter: the regex always runs) on anything else.

// MARK: - Predicates

/// One character class, as far as prefiltering needs it: exact for ASCII, and for
/// non-ASCII either "none", "any", or a small explicit set of scalars.
public struct PrefilterPredicate: Sendable, Hashable, CustomStringConvertible {
    /// ASCII members, one bit per unit: 0–63 in `low`, 64–127 in `high`.
    var low: UInt64
    var high: UInt64
    var nonASCII: NonASCII

    /// Outside ASCII an over-estimate ("any") is always safe; small exact sets keep literals
    /// such as “ or U+FEFF selective.
    enum NonASCII: Sendable, Hashable {
        case none
        case any
        /// Sorted, non-empty, at most `maxListed`.
        case scalars([UInt32])
    }

    /// Beyond this many listed non-ASCII scalars a predicate says "any non-ASCII".
    static let maxListed = 16

    init(low: UInt64 = 0, high: UInt64 = 0, nonASCII: NonASCII = .none) {
        self.low = low
        self.high = high
        self.nonASCII = nonASCII
    }

    static let nothing = PrefilterPredicate()
    static let anything = PrefilterPredicate(low: ~0, high: ~0, nonASCII: .any)

    static func scalar(_ value: UInt32) -> PrefilterPredicate {
        var p = PrefilterPredicate.nothing
        p.insert(value)
        return p
    }

    /// The ASCII characters of `members`, and any non-ASCII scalar when `withNonASCII`.
    static func ascii(_ members: String, withNonASCII: Bool = false) -> PrefilterPredicate {
        var p = PrefilterPredicate(nonASCII: withNonASCII ? .any : .none)
        for u in members.utf8 { p.insert(UInt32(u)) }
        return p
    }

    static func asciiRange(_ lo: UInt8, _ hi: UInt8) -> PrefilterPredicate {
        var p = PrefilterPredicate.nothing
        p.insert(UInt32(lo)...UInt32(hi))
        return p
    }

    mutating func insert(_ value: UInt32) {
        insert(value...value)
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        var v = range.lowerBound
        while v <= range.upperBound && v < 128 {
            if v < 64 { low |= 1 << UInt64(v) } else { high |= 1 << UInt64(v - 64) }
            v += 1
        }
        guard range.upperBound >= 128 else { return }
        let first = Swift.max(range.lowerBound, 128)
        if range.upperBound - first >= UInt32(Self.maxListed) {
            nonASCII = .any
        } else {
            nonASCII = Self.union(nonASCII, .scalars(Array(first...range.upperBound)))
        }
    }

    @inline(__always)
    func containsASCII(_ unit: UInt32) -> Bool {
        unit < 64 ? (low >> UInt64(unit)) & 1 != 0 : (high >> UInt64(unit - 64)) & 1 != 0
    }

    /// Whether a text scalar (a lone surrogate counting as its own value) can stand here.
    public func contains(_ scalar: UInt32) -> Bool {
        if scalar < 128 { return containsASCII(scalar) }
        switch nonASCII {
        case .none: return false
        case .any: return true
        case .scalars(let list): return list.contains(scalar)
        }
    }

    var isEmpty: Bool { low == 0 && high == 0 && nonASCII == .none }

    /// A total order, for results that do not depend on hashing.
    static func precedes(_ p: PrefilterPredicate, _ q: PrefilterPredicate) -> Bool {
        if p.low != q.low { return p.low < q.low }
        if p.high != q.high { return p.high < q.high }
        switch (p.nonASCII, q.nonASCII) {
        case (.none, .none), (.any, .any): return false
        case (.none, _): return true
        case (_, .none): return false
        case (.any, _): return true
        case (_, .any): return false
        case (.scalars(let a), .scalars(let b)): return a.lexicographicallyPrecedes(b)
        }
    }

    var hasASCIILetter: Bool {
        let upper: UInt64 = 0x07FF_FFFE  // A–Z at bits 65–90
        let lower: UInt64 = 0x07FF_FFFE << 32  // a–z at bits 97–122
        return high & (upper | lower) != 0
    }

    func union(_ other: PrefilterPredicate) -> PrefilterPredicate {
        PrefilterPredicate(low: low | other.low, high: high | other.high, nonASCII: Self.union(nonASCII, other.nonASCII))
    }

    func intersection(_ other: PrefilterPredicate) -> PrefilterPredicate {
        let both: NonASCII
        switch (nonASCII, other.nonASCII) {
        case (.none, _), (_, .none): both = .none
        case (.any, let x), (let x, .any): both = x
        case (.scalars(let a), .scalars(let b)):
            let common = a.filter(b.contains)
            both = common.isEmpty ? .none : .scalars(common)
        }
        return PrefilterPredicate(low: low & other.low, high: high & other.high, nonASCII: both)
    }

    func isSubset(of other: PrefilterPredicate) -> Bool {
        guard low & ~other.low == 0, high & ~other.high == 0 else { return false }
        switch (nonASCII, other.nonASCII) {
        case (.none, _), (_, .any): return true
        case (_, .none), (.any, _): return false
        case (.scalars(let a), .scalars(let b)): return a.allSatisfy(b.contains)
        }
    }

    /// The ASCII characters not in this one, and any non-ASCII scalar: what a negated class
    /// can match when this predicate lists every ASCII member of the class.
    var complement: PrefilterPredicate {
        PrefilterPredicate(low: ~low, high: ~high, nonASCII: .any)
    }

    private static func union(_ a: NonASCII, _ b: NonASCII) -> NonASCII {
        switch (a, b) {
        case (.none, let x), (let x, .none): return x
        case (.any, _), (_, .any): return .any
        case (.scalars(let x), .scalars(let y)):
            let all = Array(Set(x + y)).sorted()
            return all.count > maxListed ? .any : .scalars(all)
        }
    }

    // MARK: Frequencies

    /// Chance that one character of English news prose is a member: it ranks candidate
    /// factor sets, so only the rough proportions matter.
    var probability: Double {
        var p = 0.0
        var bits = low
        while bits != 0 {
            p += Self.asciiProbability[bits.trailingZeroBitCount]
            bits &= bits - 1
        }
        bits = high
        while bits != 0 {
            p += Self.asciiProbability[64 + bits.trailingZeroBitCount]
            bits &= bits - 1
        }
        switch nonASCII {
        case .none: break
        case .any: p += Self.nonASCIIProbability
        case .scalars(let list): p += Swift.min(Self.nonASCIIProbability, Double(list.count) * 0.002)
        }
        return Swift.min(p, 1)
    }

    static let nonASCIIProbability = 0.02

    private static let asciiProbability: [Double] = {
        var p = [Double](repeating: 0.00002, count: 128)
        let letters: [(Character, Double)] = [
            ("e", 12.7), ("t", 9.1), ("a", 8.2), ("o", 7.5), ("i", 7.0), ("n", 6.7), ("s", 6.3),
            ("h", 6.1), ("r", 6.0), ("d", 4.3), ("l", 4.0), ("c", 2.8), ("u", 2.8), ("m", 2.4),
            ("w", 2.4), ("f", 2.2), ("g", 2.0), ("y", 2.0), ("p", 1.9), ("b", 1.5), ("v", 1.0),
            ("k", 0.8), ("j", 0.15), ("x", 0.15), ("q", 0.1), ("z", 0.07),
        ]
        for (letter, percent) in letters {
            let lower = Int(letter.asciiValue!)
            p[lower] = 0.6 * percent / 100
            p[lower - 32] = 0.04 * percent / 100
        }
        for digit in 48...57 { p[digit] = 0.001 }
        let others: [(Character, Double)] = [
            (" ", 0.16), (".", 0.01), (",", 0.01), ("\n", 0.004), ("\r", 0.002), ("'", 0.002),
            ("\"", 0.002), ("-", 0.002), ("(", 0.0005), (")", 0.0005), (":", 0.0008),
            (";", 0.0002), ("?", 0.0003), ("!", 0.0003), ("/", 0.0002), ("&", 0.0001),
            ("%", 0.0001), ("$", 0.0001), ("\t", 0.00005),
        ]
        for (c, q) in others { p[Int(c.asciiValue!)] = q }
        return p
    }()

    // MARK: Description

    /// Regex-like: a bare character, or a bracket class where "…" stands for any non-ASCII
    /// scalar; `[^…]` lists the ASCII characters left out and admits any non-ASCII one.
    public var description: String {
        let members = (0..<UInt32(128)).filter(containsASCII)
        if members.count == 1, nonASCII == .none { return Self.bare(members[0]) }
        if members.isEmpty, case .scalars(let list) = nonASCII, list.count == 1 { return Self.bare(list[0]) }
        if members.count == 128, nonASCII == .any { return "[^]" }
        if members.count > 64, nonASCII == .any {
            return "[^" + Self.ranges((0..<UInt32(128)).filter { !containsASCII($0) }) + "]"
        }
        var out = "[" + Self.ranges(members)
        switch nonASCII {
        case .none: break
        case .any: out += "…"
        case .scalars(let list): out += list.map(Self.inClass).joined()
        }
        return out + "]"
    }

    private static func ranges(_ members: [UInt32]) -> String {
        var out = ""
        var i = 0
        while i < members.count {
            var j = i
            while j + 1 < members.count && members[j + 1] == members[j] + 1 { j += 1 }
            if j - i >= 2 {
                out += inClass(members[i]) + "-" + inClass(members[j])
            } else {
                for k in i...j { out += inClass(members[k]) }
            }
            i = j + 1
        }
        return out
    }

    private static func bare(_ v: UInt32) -> String {
        switch v {
        case 0x5C: return "\\\\"
        case 0x5B: return "\\["
        default: return escaped(v)
        }
    }

    private static func inClass(_ v: UInt32) -> String {
        switch v {
        case 0x5C, 0x5D, 0x5B, 0x5E, 0x2D: return "\\" + String(UnicodeScalar(UInt8(v)))
        default: return escaped(v)
        }
    }

    private static func escaped(_ v: UInt32) -> String {
        switch v {
        case 9: return "\\t"
        case 10: return "\\n"
        case 13: return "\\r"
        case 0..<32, 127, 0xD800...0xDFFF: return "\\x{" + String(v, radix: 16, uppercase: true) + "}"
        default:
            guard let s = Unicode.Scalar(v) else { return "\\x{" + String(v, radix: 16, uppercase: true) + "}" }
            if v >= 128, s.properties.generalCategory == .format || s.properties.generalCategory == .spaceSeparator {
                return "\\x{" + String(v, radix: 16, uppercase: true) + "}"
            }
            return String(s)
        }
    }
}

// MARK: - Pattern syntax

/// A pattern piece as the analysis sees it.
private indirect enum Piece {
    /// Consumes nothing and tells nothing usable: anchors, word boundaries, negative lookarounds.
    case empty
    /// Exactly one scalar.
    case atom(PrefilterPredicate)
    /// Any text of any length: back-references, case-folded letters, grapheme clusters.
    case unknown
    case sequence([Piece])
    case alternation([Piece])
    case repetition(Piece, min: Int, max: Int?)
    case lookahead(Piece)
    case lookbehind(Piece)
}

/// The pattern uses syntax that the analysis does not model.
private struct GiveUp: Error {}

/// What a class can match, bracketed: `sure` holds the ASCII characters that certainly belong
/// and `maybe` every scalar that might. Negation swaps the roles, so a shorthand whose exact
/// ASCII extent is uncertain (does ICU's `\s` include U+000B?) stays safe on both sides.
private struct ClassBounds {
    var sure: PrefilterPredicate
    var maybe: PrefilterPredicate

    static let empty = ClassBounds(sure: .nothing, maybe: .nothing)
    static let unknown = ClassBounds(sure: .nothing, maybe: .anything)

    static func exact(_ p: PrefilterPredicate) -> ClassBounds {
        ClassBounds(sure: PrefilterPredicate(low: p.low, high: p.high), maybe: p)
    }

    var negated: ClassBounds {
        let sureOut = maybe.complement
        return ClassBounds(sure: PrefilterPredicate(low: sureOut.low, high: sureOut.high), maybe: sure.complement)
    }

    func union(_ other: ClassBounds) -> ClassBounds {
        ClassBounds(sure: sure.union(other.sure), maybe: maybe.union(other.maybe))
    }
}

/// Reads the practical subset of ICU regular-expression syntax that the analysis models.
private struct PatternParser {
    private let scalars: [UInt32]
    private let caseInsensitive: Bool
    private var at = 0

    init(_ pattern: String, caseInsensitive: Bool) {
        self.scalars = pattern.unicodeScalars.map(\.value)
        self.caseInsensitive = caseInsensitive
    }

    mutating func parse() throws -> Piece {
        let piece = try alternation()
        guard at == scalars.count else { throw GiveUp() }  // a stray ')'
        return piece
    }

    private func peek(_ ahead: Int = 0) -> UInt32? {
        at + ahead < scalars.count ? scalars[at + ahead] : nil
    }

    private mutating func next() throws -> UInt32 {
        guard at < scalars.count else { throw GiveUp() }
        defer { at += 1 }
        return scalars[at]
    }

    private mutating func expect(_ c: Character) throws {
        guard try next() == c.unicodeScalars.first!.value else { throw GiveUp() }
    }

    private static func ascii(_ c: Character) -> UInt32 { UInt32(c.asciiValue!) }

    private static func isLetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
    private static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    // MARK: Structure

    private mutating func alternation() throws -> Piece {
        var branches = [try sequence()]
        while peek() == Self.ascii("|") {
            at += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws -> Piece {
        var items: [Piece] = []
        while let c = peek(), c != Self.ascii("|"), c != Self.ascii(")") {
            let piece = try atom()
            items.append(try quantified(piece))
        }
        return .sequence(items)
    }

    private mutating func quantified(_ piece: Piece) throws -> Piece {
        guard let (min, max) = try quantifier() else { return piece }
        // Lazy and possessive forms match a subset of what the greedy form matches.
        if peek() == Self.ascii("?") || peek() == Self.ascii("+") { at += 1 }
        if let c = peek(), "*+?{".unicodeScalars.contains(where: { $0.value == c }) { throw GiveUp() }
        return .repetition(piece, min: min, max: max)
    }

    private mutating func quantifier() throws -> (Int, Int?)? {
        switch peek() {
        case Self.ascii("*"): at += 1; return (0, nil)
        case Self.ascii("+"): at += 1; return (1, nil)
        case Self.ascii("?"): at += 1; return (0, 1)
        case Self.ascii("{"):
            at += 1
            let min = try number()
            var max: Int? = min
            if peek() == Self.ascii(",") {
                at += 1
                max = peek() == Self.ascii("}") ? nil : try number()
            }
            try expect("}")
            if let max, max < min { throw GiveUp() }
            return (min, max)
        default: return nil
        }
    }

    private mutating func number() throws -> Int {
        var n = 0
        var digits = 0
        while let c = peek(), Self.isDigit(c) {
            n = n * 10 + Int(c - 0x30)
            digits += 1
            at += 1
            guard n <= 1_000_000 else { throw GiveUp() }
        }
        guard digits > 0 else { throw GiveUp() }
        return n
    }

    private mutating func atom() throws -> Piece {
        let c = try next()
        switch c {
        case Self.ascii("("): return try group()
        case Self.ascii("["): return single(try bracketClass())
        case Self.ascii("."): return single(.exact(Self.dot))
        case Self.ascii("^"), Self.ascii("$"): return .empty
        case Self.ascii("\\"): return try escape()
        case Self.ascii("*"), Self.ascii("+"), Self.ascii("?"), Self.ascii("{"): throw GiveUp()
        default: return single(.exact(.scalar(c)))
        }
    }

    /// One scalar of the class, unless case folding is on and the class holds a letter or any
    /// non-ASCII scalar: full case folding lets `ss` match `ß`, `k` match U+212A and a
    /// ligature match several letters, so such a piece may span any number of scalars.
    private func single(_ bounds: ClassBounds) -> Piece {
        let p = bounds.maybe
        if caseInsensitive && (p.hasASCIILetter || p.nonASCII != .none) { return .unknown }
        return .atom(p)
    }

    /// Everything but line ends; \v and \f are left in, which over-estimates safely.
    private static let dot: PrefilterPredicate = PrefilterPredicate.ascii("\n\r").complement

    private mutating func group() throws -> Piece {
        guard peek() == Self.ascii("?") else { return try closed(try alternation()) }
        at += 1
        let kind = try next()
        switch kind {
        case Self.ascii(":"), Self.ascii(">"):
            return try closed(try alternation())
        case Self.ascii("="):
            return .lookahead(try closed(try alternation()))
        case Self.ascii("!"):
            _ = try closed(try alternation())
            return .empty
        case Self.ascii("<"):
            let what = try next()
            if what == Self.ascii("=") { return .lookbehind(try closed(try alternation())) }
            if what == Self.ascii("!") {
                _ = try closed(try alternation())
                return .empty
            }
            // A named group: (?<name>...).
            guard Self.isLetter(what) else { throw GiveUp() }
            while let c = peek(), Self.isLetter(c) || Self.isDigit(c) { at += 1 }
            try expect(">")
            return try closed(try alternation())
        case Self.ascii("#"):
            while try next() != Self.ascii(")") {}
            return .empty
        default:
            // Inline flags, (?x), (?i:...) and the like change how the rest reads.
            throw GiveUp()
        }
    }

    private mutating func closed(_ piece: Piece) throws -> Piece {
        try expect(")")
        return piece
    }

    // MARK: Escapes

    private mutating func escape() throws -> Piece {
        let e = try next()
        switch e {
        case Self.ascii("b"), Self.ascii("B"), Self.ascii("A"), Self.ascii("z"), Self.ascii("Z"), Self.ascii("G"):
            return .empty
        case Self.ascii("R"):
            return .alternation([
                .sequence([single(.exact(.scalar(13))), single(.exact(.scalar(10)))]),
                single(Self.shorthand(Self.ascii("v"))!),
            ])
        case Self.ascii("X"):
            return .unknown
        case Self.ascii("p"), Self.ascii("P"):
            return single(try property(negated: e == Self.ascii("P")))
        case Self.ascii("k"):
            try expect("<")
            while try next() != Self.ascii(">") {}
            return .unknown
        case 0x31...0x39:
            while let c = peek(), Self.isDigit(c) { at += 1 }
            return .unknown
        default:
            if let bounds = Self.shorthand(e) { return single(bounds) }
            return single(.exact(.scalar(try literalEscape(e))))
        }
    }

    /// The scalar that an escape of a single character stands for.
    private mutating func literalEscape(_ e: UInt32) throws -> UInt32 {
        let value: UInt32
        switch e {
        case Self.ascii("t"): value = 9
        case Self.ascii("n"): value = 10
        case Self.ascii("r"): value = 13
        case Self.ascii("f"): value = 12
        case Self.ascii("e"): value = 27
        case Self.ascii("a"): value = 7
        case Self.ascii("x"):
            if peek() == Self.ascii("{") {
                at += 1
                value = try hex(1...6)
                try expect("}")
            } else {
                value = try hex(2...2)
            }
        case Self.ascii("u"): value = try hex(4...4)
        case Self.ascii("U"): value = try hex(8...8)
        default:
            // \N{...}, \Q, \E, \cX, octal and unknown letters.
            guard !Self.isLetter(e) && !Self.isDigit(e) else { throw GiveUp() }
            value = e
        }
        // ICU compares literal strings unit by unit, so a surrogate in the pattern could meet
        // half a pair in the text.
        guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { throw GiveUp() }
        return value
    }

    private mutating func hex(_ digits: ClosedRange<Int>) throws -> UInt32 {
        var value: UInt32 = 0
        var count = 0
        while count < digits.upperBound, let c = peek(), let d = Self.hexDigit(c) {
            value = value << 4 | d
            count += 1
            at += 1
        }
        guard digits.contains(count) else { throw GiveUp() }
        return value
    }

    private static func hexDigit(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// `\d \s \w \h \v` and their negations. ICU's exact ASCII members are certain except for
    /// U+000B in `\s`, which is put on both sides.
    private static func shorthand(_ e: UInt32) -> ClassBounds? {
        let lower = e | 0x20
        let bounds: ClassBounds
        switch lower {
        case ascii("d"): bounds = .exact(.ascii("0123456789", withNonASCII: true))
        case ascii("w"):
            bounds = .exact(PrefilterPredicate.ascii("_", withNonASCII: true)
                .union(.asciiRange(0x30, 0x39)).union(.asciiRange(0x41, 0x5A)).union(.asciiRange(0x61, 0x7A)))
        case ascii("s"):
            bounds = ClassBounds(sure: .ascii("\t\n\u{0C}\r "), maybe: .ascii("\t\n\u{0B}\u{0C}\r ", withNonASCII: true))
        case ascii("h"): bounds = .exact(.ascii("\t ", withNonASCII: true))
        case ascii("v"): bounds = .exact(.ascii("\n\u{0B}\u{0C}\r", withNonASCII: true))
        default: return nil
        }
        return e == lower ? bounds : bounds.negated
    }

    /// `\p{...}`, `\P{...}` and `\pL`; a property we do not know may match anything.
    private mutating func property(negated: Bool) throws -> ClassBounds {
        var name = ""
        if peek() == Self.ascii("{") {
            at += 1
            while true {
                let c = try next()
                if c == Self.ascii("}") { break }
                guard let s = Unicode.Scalar(c) else { throw GiveUp() }
                name.unicodeScalars.append(s)
            }
        } else {
            let c = try next()
            guard Self.isLetter(c) else { throw GiveUp() }
            name = String(UnicodeScalar(UInt8(c)))
        }
        var key = String(name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
        for prefix in ["gc=", "generalcategory="] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
        guard !key.hasPrefix("^"), let members = Self.properties[key] else {
            if key.hasPrefix("^") { throw GiveUp() }
            return .unknown
        }
        let bounds = ClassBounds.exact(members)
        return negated ? bounds.negated : bounds
    }

    /// ASCII members of the Unicode properties that patterns commonly use; non-ASCII members
    /// are "any", except for ASCII itself.
    private static let properties: [String: PrefilterPredicate] = {
        let letters = PrefilterPredicate.asciiRange(0x41, 0x5A).union(.asciiRange(0x61, 0x7A))
        let nonASCIIOnly = PrefilterPredicate(nonASCII: .any)
        func with(_ s: String) -> PrefilterPredicate { .ascii(s, withNonASCII: true) }
        var table: [String: PrefilterPredicate] = [:]
        func add(_ names: [String], _ p: PrefilterPredicate) { for n in names { table[n] = p } }
        add(["l", "letter", "l&", "lc", "casedletter", "alphabetic", "alpha"], letters.union(nonASCIIOnly))
        add(["ll", "lowercaseletter", "lowercase", "lower"], PrefilterPredicate.asciiRange(0x61, 0x7A).union(nonASCIIOnly))
        add(["lu", "uppercaseletter", "uppercase", "upper"], PrefilterPredicate.asciiRange(0x41, 0x5A).union(nonASCIIOnly))
        add(["lt", "titlecaseletter", "lm", "modifierletter", "lo", "otherletter",
             "m", "mark", "combiningmark", "mn", "nonspacingmark", "mc", "spacingmark", "me", "enclosingmark",
             "nl", "letternumber", "no", "othernumber", "pi", "initialpunctuation", "pf", "finalpunctuation",
             "so", "othersymbol", "zl", "lineseparator", "zp", "paragraphseparator",
             "cf", "format", "co", "privateuse", "cs", "surrogate", "cn", "unassigned"], nonASCIIOnly)
        add(["n", "number", "nd", "decimalnumber"], with("0123456789"))
        add(["p", "punctuation"], with("!\"#%&'()*,-./:;?@[\\]_{}"))
        add(["pc", "connectorpunctuation"], with("_"))
        add(["pd", "dashpunctuation"], with("-"))
        add(["ps", "openpunctuation"], with("([{"))
        add(["pe", "closepunctuation"], with(")]}"))
        add(["po", "otherpunctuation"], with("!\"#%&'*,./:;?@\\"))
        add(["s", "symbol"], with("$+<=>^`|~"))
        add(["sm", "mathsymbol"], with("+<=>|~"))
        add(["sc", "currencysymbol"], with("$"))
        add(["sk", "modifiersymbol"], with("^`"))
        add(["z", "separator", "zs", "spaceseparator"], with(" "))
        add(["c", "other", "cc", "control"], PrefilterPredicate.asciiRange(0, 31).union(.scalar(127)).union(nonASCIIOnly))
        add(["whitespace", "wspace"], with("\t\n\u{0B}\u{0C}\r "))
        add(["any"], .anything)
        add(["ascii"], PrefilterPredicate(low: ~0, high: ~0))
        return table
    }()

    // MARK: Bracket classes

    /// `[...]` with ranges, escapes and properties; nested sets, set operations, POSIX
    /// classes and UnicodeSet's `$ { } ^` specials are not modelled.
    private mutating func bracketClass() throws -> ClassBounds {
        var negated = false
        if peek() == Self.ascii("^") {
            negated = true
            at += 1
        }
        var bounds = ClassBounds.empty
        var first = true
        while true {
            let c = try next()
            let value: UInt32
            switch c {
            case Self.ascii("]"):
                guard !first else { throw GiveUp() }
                return negated ? bounds.negated : bounds
            case Self.ascii("["), Self.ascii("$"), Self.ascii("{"), Self.ascii("}"), Self.ascii("^"):
                throw GiveUp()
            case Self.ascii("&"):
                guard peek() != Self.ascii("&") else { throw GiveUp() }
                value = c
            case Self.ascii("-"):
                guard peek() != Self.ascii("-"), first || peek() == Self.ascii("]") else { throw GiveUp() }
                value = c
            case Self.ascii("\\"):
                let e = try next()
                let set: ClassBounds?
                if e == Self.ascii("p") || e == Self.ascii("P") {
                    set = try property(negated: e == Self.ascii("P"))
                } else {
                    set = Self.shorthand(e)
                }
                if let set {
                    bounds = bounds.union(set)
                    first = false
                    if peek() == Self.ascii("-"), peek(1) != Self.ascii("]") { throw GiveUp() }
                    continue
                }
                value = try literalEscape(e)
            default:
                value = c
            }
            var range = value...value
            if peek() == Self.ascii("-"), let after = peek(1), after != Self.ascii("]") {
                at += 1
                let end = try rangeEnd()
                guard value <= end else { throw GiveUp() }
                range = value...end
            }
            var members = PrefilterPredicate.nothing
            members.insert(range)
            bounds = bounds.union(.exact(members))
            first = false
        }
    }

    private mutating func rangeEnd() throws -> UInt32 {
        let c = try next()
        if c == Self.ascii("\\") {
            let e = try next()
            guard Self.shorthand(e) == nil, e != Self.ascii("p"), e != Self.ascii("P") else { throw GiveUp() }
            return try literalEscape(e)
        }
        guard !"[]-&${}^".unicodeScalars.contains(where: { $0.value == c }) else { throw GiveUp() }
        return c
    }
}

// MARK: - Factor sets

private typealias Factor = [PrefilterPredicate]

/// Where a set of factors sits relative to a piece's match; it decides which shortenings and
/// simplifications keep the set true.
private enum Anchor {
    /// The matched text is one of the factors, entirely.
    case whole
    /// The text from the start of the match on begins with one of them.
    case start
    /// The text up to the end of the match ends with one of them.
    case end
    /// The text contains one of them somewhere.
    case anywhere
}

/// Operations on sets of factors, each set meaning "one of these occurs" (an empty factor in
/// a set other than `.whole` therefore means "nothing is known").
private enum FactorSets {
    static let maxLength = 8
    static let maxCount = 32
    /// Largest pairwise product computed before giving up on a combination.
    static let maxPairs = 256
    static let unknown: [Factor] = [[]]
    /// Weight of how often a factor's rarest predicate holds: the scanner verifies a factor
    /// wherever that one does, which costs about 1/10,000 of running a regex over an article.
    static let scanWeight = 1e-4

    static func probability(_ f: Factor) -> Double {
        f.reduce(1.0) { $0 * $1.probability }
    }

    static func cost(_ f: Factor) -> Double {
        f.isEmpty ? .infinity : probability(f) + scanWeight * f.map(\.probability).min()!
    }

    static func cost(_ set: [Factor]) -> Double {
        set.isEmpty ? .infinity : set.reduce(0.0) { $0 + cost($1) }
    }

    /// The cheapest useful set among the candidates, nil when none is useful.
    static func cheapest(_ candidates: [[Factor]?]) -> [Factor]? {
        var best: [Factor]?
        var bestCost = Double.infinity
        for case let c? in candidates {
            let k = cost(c)
            if k < bestCost {
                best = c
                bestCost = k
            }
        }
        return best
    }

    /// Each factor of `a` followed by each of `b`.
    static func concatenations(_ a: [Factor], _ b: [Factor]) -> [Factor]? {
        guard a.count * b.count <= maxPairs else { return nil }
        var out: [Factor] = []
        out.reserveCapacity(a.count * b.count)
        for x in a { for y in b { out.append(x + y) } }
        return out
    }

    /// Two descriptions of the same stretch of text, aligned at its start or end: a text that
    /// satisfies one factor of each satisfies their predicate-wise intersection. Pairs that
    /// cannot both hold are dropped.
    static func overlaps(_ a: [Factor], _ b: [Factor], _ anchor: Anchor) -> [Factor]? {
        guard a.count * b.count <= maxPairs else { return nil }
        var out: [Factor] = []
        for x in a {
            partners: for y in b {
                let (long, short) = x.count >= y.count ? (x, y) : (y, x)
                var z = long
                let offset = anchor == .start ? 0 : long.count - short.count
                for i in short.indices {
                    let p = z[offset + i].intersection(short[i])
                    if p.isEmpty { continue partners }
                    z[offset + i] = p
                }
                out.append(z)
            }
        }
        // Nothing left means the piece cannot match; keeping the inputs is the safe reading.
        return out.isEmpty ? nil : out
    }

    /// The better of two true descriptions of one place, or of their combination.
    static func combined(_ a: [Factor], _ b: [Factor], _ anchor: Anchor) -> [Factor] {
        let both = overlaps(a, b, anchor).map { fit($0, anchor) }
        return cheapest([both, a, b]) ?? unknown
    }

    /// Within the length and count limits; nil when an exact set does not fit.
    static func fitWhole(_ set: [Factor]) -> [Factor]? {
        let n = normalized(set, .whole)
        return n.count <= maxCount && n.allSatisfy({ $0.count <= maxLength }) ? n : nil
    }

    /// Within the length and count limits, shortening factors (never the other way) until it
    /// fits: a part of a factor that must occur also occurs.
    static func fit(_ set: [Factor], _ anchor: Anchor) -> [Factor] {
        precondition(anchor != .whole)
        if set.isEmpty || set.contains(where: \.isEmpty) { return unknown }
        var n = normalized(set.map { trimmed($0, to: maxLength, anchor) }, anchor)
        while n.count > maxCount {
            // Factors of one predicate all merge into one, so this ends at length 1.
            let length = n.map(\.count).max()! - 1
            guard length > 0 else { return unknown }
            n = normalized(n.map { trimmed($0, to: length, anchor) }, anchor)
        }
        return n
    }

    static func trimmed(_ f: Factor, to length: Int, _ anchor: Anchor) -> Factor {
        guard f.count > length else { return f }
        switch anchor {
        case .whole: preconditionFailure("exact factors are never shortened")
        case .start: return Array(f.prefix(length))
        case .end: return Array(f.suffix(length))
        case .anywhere:
            var best = Array(f[0..<length])
            var bestCost = cost(best)
            for i in 1...(f.count - length) {
                let w = Array(f[i..<(i + length)])
                let c = cost(w)
                if c < bestCost {
                    best = w
                    bestCost = c
                }
            }
            return best
        }
    }

    /// Duplicates removed, factors that differ in one predicate merged into one (which is
    /// the same condition), and factors that imply another one of the set dropped. Ordered
    /// so that the result never depends on hashing.
    static func normalized(_ set: [Factor], _ anchor: Anchor) -> [Factor] {
        var items = set.sorted(by: precedes)
        var merging = true
        while merging {
            merging = false
            // Factors equal but at position k share a key; equal ones merge at k = 0.
            for k in 0..<(items.map(\.count).max() ?? 0) {
                var slots: [Factor: Int] = [:]
                var kept: [Factor] = []
                kept.reserveCapacity(items.count)
                for f in items {
                    guard f.count > k else {
                        if !(f.isEmpty && kept.contains([])) { kept.append(f) }
                        continue
                    }
                    var key = f
                    key.remove(at: k)
                    if let slot = slots[key] {
                        kept[slot][k] = kept[slot][k].union(f[k])
                        merging = true
                    } else {
                        slots[key] = kept.count
                        kept.append(f)
                    }
                }
                items = kept
            }
        }
        if items.count > 1 {
            items = items.filter { t in !items.contains { s in s != t && implies(t, s, anchor) } }
        }
        return items.sorted(by: precedes)
    }

    /// A total order on factors, for results that do not depend on hashing.
    private static func precedes(_ a: Factor, _ b: Factor) -> Bool {
        if a.count != b.count { return a.count < b.count }
        for (p, q) in zip(a, b) where p != q { return PrefilterPredicate.precedes(p, q) }
        return false
    }

    /// Whether every text where `t` holds (at its anchor) also has `s` there.
    static func implies(_ t: Factor, _ s: Factor, _ anchor: Anchor) -> Bool {
        guard s.count <= t.count else { return false }
        let offsets: ClosedRange<Int>
        switch anchor {
        case .whole:
            guard s.count == t.count else { return false }
            offsets = 0...0
        case .start: offsets = 0...0
        case .end: offsets = (t.count - s.count)...(t.count - s.count)
        case .anywhere: offsets = 0...(t.count - s.count)
        }
        for o in offsets where s.indices.allSatisfy({ t[o + $0].isSubset(of: s[$0]) }) {
            return true
        }
        return false
    }
}

// MARK: - Analysis

/// What is known about the text around any match of a piece. Every set is true of every
/// match; "before" and "after" come from lookarounds and describe the text just outside it.
private struct PieceInfo {
    /// The matched text is one of these (nil: unknown or too many).
    var whole: [Factor]?
    var start: [Factor]
    var end: [Factor]
    var before: [Factor]
    var after: [Factor]
    /// The cheapest known set that the text must contain.
    var anywhere: [Factor]?

    var isZeroWidth: Bool { whole == [[]] }

    static let empty = PieceInfo(whole: [[]], start: FactorSets.unknown, end: FactorSets.unknown,
                                 before: FactorSets.unknown, after: FactorSets.unknown, anywhere: nil)
    static let unknown = PieceInfo(whole: nil, start: FactorSets.unknown, end: FactorSets.unknown,
                                   before: FactorSets.unknown, after: FactorSets.unknown, anywhere: nil)

    /// A piece known only by its exact set.
    init(whole: [Factor]) {
        self.init(whole: whole, start: FactorSets.fit(whole, .start), end: FactorSets.fit(whole, .end),
                  before: FactorSets.unknown, after: FactorSets.unknown, anywhere: nil)
        settleAnywhere()
    }

    init(whole: [Factor]?, start: [Factor], end: [Factor], before: [Factor], after: [Factor], anywhere: [Factor]?) {
        self.whole = whole
        self.start = start
        self.end = end
        self.before = before
        self.after = after
        self.anywhere = anywhere
    }

    /// Every other set is also something the text contains; keep the cheapest, along with
    /// `more` candidates.
    mutating func settleAnywhere(_ more: [[Factor]?] = []) {
        var candidates: [[Factor]?] = more + [anywhere, start, end, before, after].map { $0.map { FactorSets.fit($0, .anywhere) } }
        if let whole { candidates.append(FactorSets.fit(whole, .anywhere)) }
        anywhere = FactorSets.cheapest(candidates)
    }
}

private enum Analysis {
    static func info(_ piece: Piece) -> PieceInfo {
        switch piece {
        case .empty: return .empty
        case .unknown: return .unknown
        case .atom(let p): return PieceInfo(whole: [[p]])
        case .sequence(let items): return items.map(info).reduce(.empty, then)
        case .alternation(let branches):
            // So many alternatives cannot share 32 selective factors; not worth the time.
            guard branches.count <= maxBranches else { return .unknown }
            return either(branches.map(info))
        case .repetition(let piece, let min, let max): return repeated(info(piece), min: min, max: max)
        case .lookahead(let piece):
            let y = info(piece)
            var r = PieceInfo(whole: [[]], start: y.start, end: FactorSets.unknown, before: FactorSets.unknown,
                              after: y.start, anywhere: nil)
            r.settleAnywhere([y.anywhere])
            return r
        case .lookbehind(let piece):
            let y = info(piece)
            var r = PieceInfo(whole: [[]], start: FactorSets.unknown, end: y.end, before: y.end,
                              after: FactorSets.unknown, anywhere: nil)
            r.settleAnywhere([y.anywhere])
            return r
        }
    }

    /// `x` immediately followed by `y`.
    static func then(_ x: PieceInfo, _ y: PieceInfo) -> PieceInfo {
        // The text on each side of the boundary, as both pieces (and their lookarounds) see it.
        let left = FactorSets.combined(x.end, y.before, .end)
        let right = FactorSets.combined(y.start, x.after, .start)
        var whole: [Factor]?
        if let a = x.whole, let b = y.whole, let c = FactorSets.concatenations(a, b) {
            whole = FactorSets.fitWhole(c)
        }
        var start = x.start
        if let a = x.whole, let c = FactorSets.concatenations(a, right) {
            start = FactorSets.combined(start, FactorSets.fit(c, .start), .start)
        }
        var end = y.end
        if let b = y.whole, let c = FactorSets.concatenations(left, b) {
            end = FactorSets.combined(end, FactorSets.fit(c, .end), .end)
        }
        let before = x.isZeroWidth ? FactorSets.combined(x.before, y.before, .end) : x.before
        let after = y.isZeroWidth ? FactorSets.combined(x.after, y.after, .start) : y.after
        let across = FactorSets.concatenations(left, right).map { FactorSets.fit($0, .anywhere) }
        var r = PieceInfo(whole: whole, start: start, end: end, before: before, after: after, anywhere: nil)
        r.settleAnywhere([x.anywhere, y.anywhere, across])
        return r
    }

    static func either(_ branches: [PieceInfo]) -> PieceInfo {
        func union(_ part: (PieceInfo) -> [Factor], _ anchor: Anchor) -> [Factor] {
            FactorSets.fit(branches.flatMap(part), anchor)
        }
        var whole: [Factor]?
        if branches.allSatisfy({ $0.whole != nil }) { whole = FactorSets.fitWhole(branches.flatMap { $0.whole! }) }
        var anywhere: [Factor]?
        if branches.allSatisfy({ $0.anywhere != nil }) {
            anywhere = FactorSets.fit(branches.flatMap { $0.anywhere! }, .anywhere)
        }
        var r = PieceInfo(whole: whole, start: union(\.start, .start), end: union(\.end, .end),
                          before: union(\.before, .end), after: union(\.after, .start), anywhere: nil)
        r.settleAnywhere([anywhere])
        return r
    }

    static let maxBranches = 4 * FactorSets.maxCount

    /// Most copies spelled out; more only lengthen factors past the limit.
    static let maxCopies = 16

    static func repeated(_ x: PieceInfo, min: Int, max: Int?) -> PieceInfo {
        // Repeating a lookaround asserts nothing new, and ICU treats such loops specially.
        if x.isZeroWidth || max == 0 { return .empty }
        let whole = wholeOfRepetition(x, min: min, max: max)
        if min == 0 {
            guard let whole else { return .unknown }
            return PieceInfo(whole: whole)
        }
        let copies = Swift.min(min, maxCopies)
        let open = max.map { $0 > min } ?? true || min > copies
        if !open { return Array(repeating: x, count: copies).reduce(.empty, then) }
        // X{n,m} is X^n then more copies, and also more copies then X^n: the first tells how
        // a match starts, the second how it ends (so a+b holds "ab" and ca+ holds "ca").
        let leading = (Array(repeating: x, count: copies) + [.unknown]).reduce(.empty, then)
        let trailing = ([.unknown] + Array(repeating: x, count: copies)).reduce(.empty, then)
        var r = PieceInfo(whole: whole, start: leading.start, end: trailing.end, before: x.before,
                          after: x.after, anywhere: nil)
        if let whole {
            r.start = FactorSets.combined(r.start, FactorSets.fit(whole, .start), .start)
            r.end = FactorSets.combined(r.end, FactorSets.fit(whole, .end), .end)
        }
        r.settleAnywhere([leading.anywhere, trailing.anywhere])
        return r
    }

    /// The exact set of X{min,max} for a short, bounded repetition of an exact piece.
    private static func wholeOfRepetition(_ x: PieceInfo, min: Int, max: Int?) -> [Factor]? {
        guard let w = x.whole, let max, max <= FactorSets.maxLength else { return nil }
        var power: [Factor] = [[]]
        var all: [Factor] = []
        for i in 0...max {
            if i >= min { all += power }
            if i < max {
                guard let c = FactorSets.concatenations(power, w), let p = FactorSets.fitWhole(c) else { return nil }
                power = p
            }
        }
        return FactorSets.fitWhole(all)
    }

    /// The final choice: the cheapest set that the text must contain.
    static func factors(of piece: Piece) -> [Factor]? {
        var root = info(piece)
        root.settleAnywhere()
        guard let best = root.anywhere, FactorSets.cost(best) < .infinity else { return nil }
        // A set that holds at every tenth position of ordinary prose would pass every article.
        guard best.reduce(0.0, { $0 + FactorSets.probability($1) }) <= 0.1 else { return nil }
        return best
    }
}

// MARK: - Public API

/// A necessary condition for an ICU regular expression (compiled with UREGEX_MULTILINE) to
/// find a match: the text contains one of a few short factors. Lets a caller skip the regex
/// over texts that cannot match.
public struct RegexPrefilter: Sendable, CustomStringConvertible {
    /// The alternatives (any one must occur), for tests and diagnostics.
    public let factors: [[PrefilterPredicate]]

    /// nil when the pattern cannot be analysed safely or yields no useful factor.
    public init?(pattern: String, caseInsensitive: Bool) {
        var parser = PatternParser(pattern, caseInsensitive: caseInsensitive)
        guard let piece = try? parser.parse(), let factors = Analysis.factors(of: piece) else { return nil }
        self.factors = factors
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

private enum ScalarReader {
    /// The scalar at `i` and its length in units; a lone surrogate reads as itself, as ICU
    /// reads it.
    @inline(__always)
    static func scalar(_ base: UnsafePointer<UInt16>, at i: Int, count: Int) -> (UInt32, Int) {
        let u = base[i]
        if u & 0xFC00 == 0xD800, i + 1 < count {
            let l = base[i + 1]
            if l & 0xFC00 == 0xDC00 {
                return (0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(l) - 0xDC00), 2)
            }
        }
        return (UInt32(u), 1)
    }

    /// The scalar that ends just before `i`.
    @inline(__always)
    static func scalar(_ base: UnsafePointer<UInt16>, before i: Int) -> (UInt32, Int) {
        let u = base[i - 1]
        if u & 0xFC00 == 0xDC00, i >= 2 {
            let h = base[i - 2]
            if h & 0xFC00 == 0xD800 {
                return (0x10000 + ((UInt32(h) - 0xD800) << 10) + (UInt32(u) - 0xDC00), 2)
            }
        }
        return (UInt32(u), 1)
    }
}

/// Many prefilters checked in one pass over a text.
public struct PrefilterSet: Sendable {
    private let tables: ScanTables

    public init(_ filters: [RegexPrefilter?]) {
        tables = ScanTables(filters)
    }

    /// result[i] = whether filter i's regex may match in text (true for nil filters).
    /// `result` is resized to filters.count; reuse it across calls to avoid allocation.
    public func scan(_ text: UnsafeBufferPointer<UInt16>, into result: inout [Bool]) {
        if result.count != tables.filterCount {
            result = [Bool](repeating: false, count: tables.filterCount)
        }
        result.withUnsafeMutableBufferPointer { tables.scan(text, $0) }
    }
}

/// A predicate laid out for the scanner: listed non-ASCII scalars live in a shared array.
private struct CompiledPredicate {
    var low: UInt64
    var high: UInt64
    /// 0: no non-ASCII scalar, 1: any, 2: the listed ones.
    var nonASCIIKind: UInt8
    var listStart: Int32
    var listCount: Int32
}

/// Where a factor's predicates are and which one the scanner looks for first.
private struct CompiledFactor {
    var first: Int32
    var end: Int32
    /// Index (into the predicates) of the rarest predicate: the scanner verifies the factor
    /// only where that one holds, reading backwards and forwards from there.
    var anchor: Int32
    var filter: Int32
}

/// The scanner's tables in raw memory: the hot loop then runs without bounds checks or
/// reference counting. Immutable after init.
private final class ScanTables: @unchecked Sendable {
    let filterCount: Int
    let activeCount: Int
    /// Per filter: true for nil filters, whose regex always runs.
    let alwaysTrue: UnsafeMutableBufferPointer<Bool>
    let predicates: UnsafeMutableBufferPointer<CompiledPredicate>
    let listed: UnsafeMutableBufferPointer<UInt32>
    let factors: UnsafeMutableBufferPointer<CompiledFactor>
    /// Per ASCII unit u, the factors whose anchor admits u:
    /// byUnit[unitOffsets[u]..<unitOffsets[u + 1]].
    let unitOffsets: UnsafeMutableBufferPointer<Int32>
    let byUnit: UnsafeMutableBufferPointer<Int32>
    /// The factors whose anchor admits some non-ASCII scalar.
    let nonASCII: UnsafeMutableBufferPointer<Int32>
    /// Per ASCII unit u, what may follow it in any factor anchored on u (nothing when no
    /// factor is): most hits of a common anchor such as a space die on the next unit.
    let followers: UnsafeMutableBufferPointer<Follower>

    /// A set of units: ASCII ones as bits, every non-ASCII unit (and the end of the text)
    /// as one flag.
    struct Follower {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var other = false

        mutating func admit(_ p: PrefilterPredicate?) {
            guard let p else {
                self = Follower(low: ~0, high: ~0, other: true)
                return
            }
            low |= p.low
            high |= p.high
            if p.nonASCII != .none { other = true }
        }

        @inline(__always)
        func admits(_ u: UInt16) -> Bool {
            let bits = u < 64 ? low : high
            let ascii = (bits &>> UInt64(u & 63)) & 1 != 0
            return u < 128 ? ascii : other
        }
    }

    init(_ filters: [RegexPrefilter?]) {
        var predicates: [CompiledPredicate] = []
        var listed: [UInt32] = []
        var factors: [CompiledFactor] = []
        var byUnit = [[Int32]](repeating: [], count: 128)
        var nonASCII: [Int32] = []
        var followers = [Follower](repeating: Follower(), count: 128)
        var active = 0
        for (index, filter) in filters.enumerated() {
            guard let filter else { continue }
            active += 1
            for factor in filter.factors {
                let id = Int32(factors.count)
                let first = predicates.count
                for p in factor {
                    var c = CompiledPredicate(low: p.low, high: p.high, nonASCIIKind: 0, listStart: 0, listCount: 0)
                    switch p.nonASCII {
                    case .none: break
                    case .any: c.nonASCIIKind = 1
                    case .scalars(let list):
                        c.nonASCIIKind = 2
                        c.listStart = Int32(listed.count)
                        c.listCount = Int32(list.count)
                        listed += list
                    }
                    predicates.append(c)
                }
                let rarest = factor.indices.min { factor[$0].probability < factor[$1].probability }!
                factors.append(CompiledFactor(first: Int32(first), end: Int32(predicates.count),
                                              anchor: Int32(first + rarest), filter: Int32(index)))
                let next = rarest + 1 < factor.count ? factor[rarest + 1] : nil
                for u in 0..<UInt32(128) where factor[rarest].containsASCII(u) {
                    byUnit[Int(u)].append(id)
                    followers[Int(u)].admit(next)
                }
                if factor[rarest].nonASCII != .none { nonASCII.append(id) }
            }
        }
        var offsets: [Int32] = [0]
        for list in byUnit { offsets.append(offsets.last! + Int32(list.count)) }
        filterCount = filters.count
        activeCount = active
        alwaysTrue = Self.copy(filters.map { $0 == nil })
        self.predicates = Self.copy(predicates)
        self.listed = Self.copy(listed)
        self.factors = Self.copy(factors)
        unitOffsets = Self.copy(offsets)
        self.byUnit = Self.copy(byUnit.flatMap { $0 })
        self.nonASCII = Self.copy(nonASCII)
        self.followers = Self.copy(followers)
    }

    deinit {
        alwaysTrue.deallocate()
        predicates.deallocate()
        listed.deallocate()
        factors.deallocate()
        unitOffsets.deallocate()
        byUnit.deallocate()
        nonASCII.deallocate()
        followers.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(array.count, 1))
        _ = buffer.initialize(fromContentsOf: array)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
    }

    func scan(_ text: UnsafeBufferPointer<UInt16>, _ done: UnsafeMutableBufferPointer<Bool>) {
        for i in 0..<filterCount { done[i] = alwaysTrue[i] }
        var remaining = activeCount
        guard remaining > 0, let base = text.baseAddress else { return }
        let count = text.count
        let follow = followers.baseAddress!
        let checksNonASCII = !nonASCII.isEmpty
        // Every unit is tried, low surrogates included: a superset of the places where a
        // factor can sit.
        var i = 0
        while i < count {
            let u = base[i]
            if u < 128 {
                // Branch-free up to the one rare branch: a unit that anchors no factor has an
                // empty follower set.
                let next = i + 1 < count ? base[i + 1] : 0xFFFF
                if follow[Int(u)].admits(next) {
                    let lower = Int(unitOffsets[Int(u)]), upper = Int(unitOffsets[Int(u) + 1])
                    if check(byUnit, lower, upper, base, count, i, UInt32(u), 1, false, done, &remaining) { return }
                }
            } else if checksNonASCII {
                let (scalar, length) = ScalarReader.scalar(base, at: i, count: count)
                // In the middle of a pair only a factor can start: no reading from further
                // left splits a pair.
                let midPair = u & 0xFC00 == 0xDC00 && i > 0 && base[i - 1] & 0xFC00 == 0xD800
                if check(nonASCII, 0, nonASCII.count, base, count, i, scalar, length, midPair, done, &remaining) { return }
            }
            i += 1
        }
    }

    /// Verifies the listed factors around an anchor scalar at `at` (only those anchored on
    /// their first predicate when `startsOnly`); true once every filter is satisfied.
    @inline(never)
    private func check(_ list: UnsafeMutableBufferPointer<Int32>, _ lower: Int, _ upper: Int,
                       _ base: UnsafePointer<UInt16>, _ count: Int, _ at: Int, _ scalar: UInt32, _ length: Int,
                       _ startsOnly: Bool, _ done: UnsafeMutableBufferPointer<Bool>, _ remaining: inout Int) -> Bool {
        for k in lower..<upper {
            let f = factors[Int(list[k])]
            let filter = Int(f.filter)
            if done[filter] { continue }
            let anchor = Int(f.anchor)
            guard !startsOnly || anchor == Int(f.first),
                  contains(anchor, scalar),
                  matchesBackwards(Int(f.first), anchor, base, at),
                  matchesForwards(anchor + 1, Int(f.end), base, at + length, count)
            else { continue }
            done[filter] = true
            remaining -= 1
            if remaining == 0 { return true }
        }
        return false
    }

    @inline(__always)
    private func contains(_ predicate: Int, _ scalar: UInt32) -> Bool {
        let p = predicates[predicate]
        if scalar < 64 { return (p.low &>> UInt64(scalar)) & 1 != 0 }
        if scalar < 128 { return (p.high &>> UInt64(scalar - 64)) & 1 != 0 }
        switch p.nonASCIIKind {
        case 0: return false
        case 1: return true
        default:
            for k in Int(p.listStart)..<Int(p.listStart + p.listCount) where listed[k] == scalar { return true }
            return false
        }
    }

    /// Predicates first..<end hold scalar by scalar from `start` on.
    @inline(__always)
    private func matchesForwards(_ first: Int, _ end: Int, _ base: UnsafePointer<UInt16>, _ start: Int, _ count: Int) -> Bool {
        var i = start
        var p = first
        while p < end {
            guard i < count else { return false }
            let (scalar, length) = ScalarReader.scalar(base, at: i, count: count)
            guard contains(p, scalar) else { return false }
            i += length
            p += 1
        }
        return true
    }

    /// Predicates first..<end hold scalar by scalar up to `end` of the text, read backwards.
    /// The anchor starts a scalar (see `scan`), so reading backwards cuts the text into the
    /// same scalars as reading forwards would.
    @inline(__always)
    private func matchesBackwards(_ first: Int, _ end: Int, _ base: UnsafePointer<UInt16>, _ stop: Int) -> Bool {
        var i = stop
        var p = end - 1
        while p >= first {
            guard i > 0 else { return false }
            let (scalar, length) = ScalarReader.scalar(base, before: i)
            guard contains(p, scalar) else { return false }
            i -= length
            p -= 1
        }
        return true
    }
}
