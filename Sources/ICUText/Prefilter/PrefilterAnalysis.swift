/// What is known about the text around any match of a piece. Every set is true of every
/// match; "before" and "after" come from lookarounds and describe the text just outside it.
struct PieceInfo {
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

enum Analysis {
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
        FitMemo.$current.withValue(FitMemo()) { chosen(info(piece)) }
    }

    private static func chosen(_ info: PieceInfo) -> [Factor]? {
        var root = info
        root.settleAnywhere()
        guard let best = root.anywhere, FactorSets.cost(best) < .infinity else { return nil }
        // A set that holds at every tenth position of ordinary prose would pass every article.
        guard best.reduce(0.0, { $0 + FactorSets.probability($1) }) <= 0.1 else { return nil }
        return best
    }
}
