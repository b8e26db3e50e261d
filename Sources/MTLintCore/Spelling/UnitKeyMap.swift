import ICUText

/// A map from words, given as UTF-16 units in the text with their `UnitHash`, to small
/// values: the keys' units live in one pool, and a lookup compares units straight from the
/// text, so that no String is made for a word already seen.
struct UnitKeyMap<Value> {
    private var pool: [UInt16] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    private(set) var values: [Value] = []
    private var slots: [Int32]

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
    }

    var count: Int { values.count }

    /// The index of the key `units[0..<count]` (whose hash is `hash`), if present.
    @inline(__always)
    func index(_ units: UnsafePointer<UInt16>, count: Int, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if hashes[e] == hash, Int(lengths[e]) == count, equal(e, units, count) { return e }
            s = (s + 1) & mask
        }
    }

    @inline(__always)
    private func equal(_ e: Int, _ units: UnsafePointer<UInt16>, _ count: Int) -> Bool {
        let start = Int(starts[e])
        for k in 0..<count where pool[start + k] != units[k] { return false }
        return true
    }

    /// Adds the key, which must be absent, and returns its index.
    @discardableResult
    mutating func insert(_ units: UnsafePointer<UInt16>, count: Int, hash: UInt64, value: Value) -> Int {
        if (values.count + 1) * 2 > slots.count { grow() }
        starts.append(Int32(pool.count))
        lengths.append(Int32(count))
        pool.append(contentsOf: UnsafeBufferPointer(start: units, count: count))
        hashes.append(hash)
        values.append(value)
        place(values.count - 1)
        return values.count - 1
    }

    mutating func removeAll() {
        pool.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for s in slots.indices { slots[s] = -1 }
    }

    private mutating func place(_ e: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hashes[e]) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(e)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for e in values.indices { place(e) }
    }
}
