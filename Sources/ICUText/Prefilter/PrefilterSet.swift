import CUnitScan

/// Many prefilters checked in one pass over a text.
public struct PrefilterSet: Sendable {
    private let tables: ScanTables

    public init(_ filters: [RegexPrefilter?]) {
        tables = ScanTables(filters)
    }

    /// The classes of units the scan passes over eight at a time (`MT_NEVER_…`), and the one
    /// unit after which a space can anchor a factor (0 for none): for tests.
    var passesOver: (never: UInt32, spaceBefore: UInt16) { (tables.never, tables.spaceBefore) }

    /// result[i] = whether filter i's regex may match in text (true for nil filters).
    /// `result` is resized to filters.count; reuse it across calls to avoid allocation.
    public func scan(_ text: UnsafeBufferPointer<UInt16>, into result: inout [Bool]) {
        if result.count != tables.filterCount {
            result = [Bool](repeating: false, count: tables.filterCount)
        }
        result.withUnsafeMutableBufferPointer { tables.scan(text, $0) }
    }

    /// Calls `body` with each line of `text` (a run of units between line feeds and carriage
    /// returns) where some filter's regex may match, in order. Meant for filters that
    /// `staysOnLine`: each of their matches, with all its lookarounds read, lies in one line,
    /// and needs a factor there.
    public func linesThatMayMatch<E: Error>(in text: UnsafeBufferPointer<UInt16>, _ body: (Range<Int>) throws(E) -> Void) throws(E) {
        guard let base = text.baseAddress else { return }
        var result: [Bool] = []
        var start = 0
        while start < text.count {
            let end = UnitScan.first(in: base, start..<text.count, 0x0A, 0x0D, 0x0A, 0x0D, 0x0A, 0x0D)
            if end > start {
                scan(UnsafeBufferPointer(start: base + start, count: end - start), into: &result)
                if result.contains(true) { try body(start..<end) }
            }
            start = end + 1
        }
    }
}

/// A predicate laid out for the scanner: listed non-ASCII scalars live in a shared array.
struct CompiledPredicate {
    var low: UInt64
    var high: UInt64
    /// 0: no non-ASCII scalar, 1: any, 2: the listed ones.
    var nonASCIIKind: UInt8
    var listStart: Int32
    var listCount: Int32
}

/// Where a factor's predicates are and which one the scanner looks for first.
struct CompiledFactor {
    var first: Int32
    var end: Int32
    /// Index (into the predicates) of the rarest predicate: the scanner verifies the factor
    /// only where that one holds, reading backwards and forwards from there.
    var anchor: Int32
    var filter: Int32
}

/// The scanner's tables in raw memory: the hot loop then runs without bounds checks or
/// reference counting. Immutable after init.
/// A set of units: ASCII ones as bits, every non-ASCII unit (and the end of the text) as
/// one flag. The C scan reads it.
typealias Follower = mt_follower

extension Follower {
    /// Lets the scan stop at the unit where a factor is anchored with `next` after the
    /// anchor and `before` before it (nil: the anchor ends or starts the factor, and any
    /// unit may stand there).
    mutating func admit(next: PrefilterPredicate?, before: PrefilterPredicate?) {
        Self.admit(next, &low, &high, &other)
        Self.admit(before, &before_low, &before_high, &before_other)
    }

    private static func admit(_ p: PrefilterPredicate?, _ low: inout UInt64, _ high: inout UInt64, _ other: inout UInt8) {
        guard let p else {
            (low, high, other) = (~0, ~0, 1)
            return
        }
        low |= p.low
        high |= p.high
        if p.nonASCII != .none { other = 1 }
    }
}

final class ScanTables: @unchecked Sendable {
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
    /// Classes of units that anchor no factor (`MT_NEVER_…`), which the C scan passes over
    /// eight at a time.
    let never: UInt32
    /// The one unit after which a space may anchor a factor ("  "), or 0: a space before any
    /// other unit is passed over too.
    let spaceBefore: UInt16
    /// The ASCII units that anchor a factor, as the sixteen-unit scan reads them
    /// (`mt_prefilter_rows`): it passes over the others, capitals and punctuation included.
    let anchorRows: UnsafeMutableBufferPointer<UInt8>

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
                let before = rarest > 0 ? factor[rarest - 1] : nil
                for u in 0..<UInt32(128) where factor[rarest].containsASCII(u) {
                    byUnit[Int(u)].append(id)
                    followers[Int(u)].admit(next: next, before: before)
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
        never = Self.neverAnchors(followers)
        let space = followers[0x20]
        spaceBefore = never & UInt32(MT_NEVER_SPACE) == 0 && space.other == 0 && space.high == 0 && space.low.nonzeroBitCount == 1
            ? UInt16(space.low.trailingZeroBitCount) : 0
        anchorRows = .allocate(capacity: 16)
        mt_prefilter_rows(self.followers.baseAddress!, spaceBefore, anchorRows.baseAddress!)
    }

    /// The classes none of whose units has a follower: no factor is anchored on them.
    static func neverAnchors(_ followers: [Follower]) -> UInt32 {
        func none(_ units: ClosedRange<Int>) -> Bool {
            units.allSatisfy { followers[$0].low == 0 && followers[$0].high == 0 && followers[$0].other == 0 }
        }
        var never: UInt32 = 0
        if none(0x61...0x7A) { never |= UInt32(MT_NEVER_LOWER) }
        if none(0x41...0x5A) { never |= UInt32(MT_NEVER_UPPER) }
        if none(0x30...0x39) { never |= UInt32(MT_NEVER_DIGIT) }
        if none(0x20...0x20) { never |= UInt32(MT_NEVER_SPACE) }
        return never
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
        anchorRows.deallocate()
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
            // The C scan skips units that anchor no factor, or whose next unit no factor
            // anchored on them admits: most hits of a common anchor such as a space die there.
            i = mt_prefilter_next(base, i, count, follow, checksNonASCII ? 1 : 0, never, spaceBefore, anchorRows.baseAddress)
            guard i < count else { break }
            let u = base[i]
            if u < 128 {
                let lower = Int(unitOffsets[Int(u)]), upper = Int(unitOffsets[Int(u) + 1])
                if check(byUnit, lower, upper, base, count, i, UInt32(u), 1, false, done, &remaining) { return }
            } else {
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
