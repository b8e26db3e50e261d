/// A pattern piece as the analysis sees it.
indirect enum Piece {
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
struct GiveUp: Error {}

/// What a class can match, bracketed: `sure` holds the ASCII characters that certainly belong
/// and `maybe` every scalar that might. Negation swaps the roles, so a shorthand whose exact
/// ASCII extent is uncertain (does ICU's `\s` include U+000B?) stays safe on both sides.
struct ClassBounds {
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
struct PatternParser {
    private let scalars: [UInt32]
    private let caseInsensitive: Bool
    private var at = 0
    private var depth = 0
    static let maxDepth = 64
    /// Whether some part of the pattern, lookarounds included, may match a line feed or a
    /// carriage return, or reads where the last match ended (`\G`): a pattern without one
    /// finds each match, and reads all it looks at, within one line.
    private(set) var mayCrossLines = false

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
    private mutating func single(_ bounds: ClassBounds) -> Piece {
        let p = bounds.maybe
        if p.contains(0x0A) || p.contains(0x0D) { mayCrossLines = true }
        if caseInsensitive && (p.hasASCIILetter || p.nonASCII != .none) { return .unknown }
        return .atom(p)
    }

    /// Everything but line ends; \v and \f are left in, which over-estimates safely.
    private static let dot: PrefilterPredicate = PrefilterPredicate.ascii("\n\r").complement

    private mutating func group() throws -> Piece {
        // Groups nest by recursion here and in the analysis; a pattern nested deeper than
        // any rule needs gets no prefilter rather than a deep stack.
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw GiveUp() }
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
            if e == Self.ascii("G") { mayCrossLines = true }
            return .empty
        case Self.ascii("R"):
            return .alternation([
                .sequence([single(.exact(.scalar(13))), single(.exact(.scalar(10)))]),
                single(Self.shorthand(Self.ascii("v"))!),
            ])
        case Self.ascii("X"):
            // A grapheme cluster may be CR LF.
            mayCrossLines = true
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
