/// Predicates that a matching text holds one after another, one character each.
typealias Factor = [PrefilterPredicate]

/// Where a set of factors sits relative to a piece's match; it decides which shortenings and
/// simplifications keep the set true.
enum Anchor {
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
enum FactorSets {
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
        // The same sets come back again and again as pieces combine (the boilerplate pattern
        // asked for 4,295 fits of 805 sets): each is worked out once per analysis.
        let memo = FitMemo.current
        let key = memo.map { _ in FitMemo.Key(set: set, anchor: anchor) }
        if let memo, let key, let known = memo.fitted[key] { return known }
        var n = normalized(set.map { trimmed($0, to: maxLength, anchor) }, anchor)
        while n.count > maxCount {
            // Factors of one predicate all merge into one, so this ends at length 1.
            let length = n.map(\.count).max()! - 1
            guard length > 0 else {
                n = unknown
                break
            }
            n = normalized(n.map { trimmed($0, to: length, anchor) }, anchor)
        }
        if let memo, let key { memo.fitted[key] = n }
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

/// The sets `FactorSets.fit` has fitted during one pattern's analysis (`Analysis.factors`),
/// which sets it as `current` for its thread. Used by that thread only, hence unchecked.
final class FitMemo: @unchecked Sendable {
    struct Key: Hashable {
        let set: [Factor]
        let anchor: Anchor
    }

    var fitted: [Key: [Factor]] = [:]

    @TaskLocal static var current: FitMemo?
}
