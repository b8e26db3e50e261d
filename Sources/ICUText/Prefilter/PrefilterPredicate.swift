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
