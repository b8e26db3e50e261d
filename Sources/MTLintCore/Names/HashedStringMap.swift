import ICUText

/// A map from Strings whose `UnitHash` the caller already has (the tokenizer makes it for
/// every word) to values: an open-addressing table that compares a key's text only when the
/// hashes agree, where a Dictionary would hash every String once more.
struct HashedStringMap<Value> {
    private(set) var keys: [String] = []
    private(set) var values: [Value] = []
    private(set) var hashes: [UInt64] = []
    private var slots: [Int32]

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
    }

    var count: Int { keys.count }

    /// Where `key` (whose `UnitHash` is `hash`) is in `keys` and `values`, if present.
    func index(of key: String, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let e = Int(slots[s])
            if e < 0 { return nil }
            if hashes[e] == hash, keys[e] == key { return e }
            s = (s + 1) & mask
        }
    }

    subscript(key: String, hash: UInt64) -> Value? {
        index(of: key, hash: hash).map { values[$0] }
    }

    /// Adds `key`, which must be absent, and returns its index.
    @discardableResult
    mutating func insert(_ key: String, hash: UInt64, value: Value) -> Int {
        if (keys.count + 1) * 2 > slots.count { grow() }
        keys.append(key)
        values.append(value)
        hashes.append(hash)
        place(keys.count - 1)
        return keys.count - 1
    }

    mutating func update(at index: Int, _ change: (inout Value) -> Void) { change(&values[index]) }

    /// Empties the map, keeping its arrays' room; a table grown past `capacity` entries is
    /// made small again, so that one long article does not make every later one clear it.
    mutating func removeAll(capacity: Int = 64) {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        if slots.count > 4 * capacity {
            self = HashedStringMap(capacity: capacity)
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
        for e in keys.indices { place(e) }
    }
}
