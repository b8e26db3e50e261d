import ICUText

/// A map from 64-bit word hashes (`UnitHash`, which the tokenizer makes for every word and
/// which is mixed already) to values: an open-addressing table with no String in it. Two
/// different words with one hash would be one entry here: for the 200,000 words a worker
/// keeps at most, about one chance in 400 million, and it could only make a name finding
/// wrong, never a span. Values of any type (arrays, classes); `HashKeyMap` is its raw-memory
/// sibling for plain values probed once per token.
struct HashedMap<Value> {
    private(set) var hashes: [UInt64] = []
    private(set) var values: [Value] = []
    private var slots: [Int32]

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
    }

    var count: Int { hashes.count }

    /// Where `hash` is in `hashes` and `values`, if present.
    @inline(__always)
    func index(of hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if hashes[e] == hash { return e }
            s = (s + 1) & mask
        }
    }

    subscript(hash: UInt64) -> Value? {
        index(of: hash).map { values[$0] }
    }

    /// Adds `hash`, which must be absent, and returns its index.
    @discardableResult
    mutating func insert(_ hash: UInt64, value: Value) -> Int {
        if (hashes.count + 1) * 2 > slots.count { grow() }
        values.append(value)
        hashes.append(hash)
        place(hashes.count - 1)
        return hashes.count - 1
    }

    mutating func update(at index: Int, _ change: (inout Value) -> Void) { change(&values[index]) }

    /// Empties the map, keeping its arrays' room; a table grown past `capacity` entries is
    /// made small again, so that one long article does not make every later one clear it.
    mutating func removeAll(capacity: Int = 64) {
        values.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        if slots.count > 4 * capacity {
            self = HashedMap(capacity: capacity)
        } else {
            for s in slots.indices { slots[s] = -1 }
        }
    }

    private mutating func place(_ e: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hashes[e]) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for e in hashes.indices { place(e) }
    }
}

extension HashedMap: Sendable where Value: Sendable {}

extension HashedMap {
    /// A map of `pairs`, the first value kept for a hash given twice.
    init(_ pairs: some Sequence<(UInt64, Value)>) {
        self.init()
        for (h, v) in pairs where index(of: h) == nil { insert(h, value: v) }
    }
}

/// A set of 64-bit word hashes, kept as `HashedMap` keeps them: cheaper to ask than a
/// `Set<UInt64>`, which hashes each hash again.
struct HashedSet: Sendable {
    private var map: HashedMap<Bool>

    init(_ hashes: some Sequence<UInt64>) {
        map = HashedMap(hashes.map { ($0, true) })
    }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool { map.index(of: hash) != nil }

    var isEmpty: Bool { map.count == 0 }
}

/// Lists of numbers by 64-bit hash, made once from pairs: every list in one array, each in
/// the order its pairs came, behind a `HashedMap` of the lists' lengths. A dictionary of
/// arrays made an array for each of the names index's tens of thousands of deletion hashes
/// at every start.
struct HashedGroups: Sendable {
    private var lengths = HashedMap<Int32>()
    /// Where the list of `lengths`' entry `e` starts in `members`, then where it ends.
    private var starts: [Int32] = [0]
    private var members: [Int32] = []

    init(_ pairs: [(hash: UInt64, member: Int32)]) {
        // Room for every pair a hash of its own: the table never grows while it fills.
        lengths = HashedMap(capacity: pairs.count)
        for p in pairs {
            if let e = lengths.index(of: p.hash) { lengths.update(at: e) { $0 += 1 } } else { lengths.insert(p.hash, value: 1) }
        }
        starts.reserveCapacity(lengths.count + 1)
        for n in lengths.values { starts.append(starts[starts.count - 1] + n) }
        var next = starts
        members = [Int32](repeating: 0, count: Int(starts[starts.count - 1]))
        for p in pairs {
            let e = lengths.index(of: p.hash)!
            members[Int(next[e])] = p.member
            next[e] += 1
        }
    }

    init() {}

    subscript(hash: UInt64) -> ArraySlice<Int32>? {
        guard let e = lengths.index(of: hash) else { return nil }
        return members[Int(starts[e])..<Int(starts[e + 1])]
    }
}
