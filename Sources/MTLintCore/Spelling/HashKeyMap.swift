/// A map from 64-bit word hashes (`UnitHash`, which the tokenizer makes for ASCII words) to
/// small values: one probe per word token, and no String, no comparison of the word's text.
/// Two words of one run share a 64-bit hash with a chance of about one in 10^10, which a
/// spelling check can bear.
struct HashKeyMap<Value>: @unchecked Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private(set) var count = 0

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
    }

    /// The value for `hash` (never 0: `UnitHash` sets the low bit).
    @inline(__always)
    func value(_ hash: UInt64) -> Value? {
        let mask = keys.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let k = keys[s]
            if k == hash { return values[s] }
            if k == 0 { return nil }
            s = (s + 1) & mask
        }
    }

    mutating func insert(_ hash: UInt64, _ value: Value) {
        if (count + 1) * 2 > keys.count { grow() }
        place(hash, value)
        count += 1
    }

    mutating func removeAll() {
        for i in keys.indices { keys[i] = 0; values[i] = nil }
        count = 0
    }

    private mutating func place(_ hash: UInt64, _ value: Value) {
        let mask = keys.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while keys[s] != 0 && keys[s] != hash { s = (s + 1) & mask }
        keys[s] = hash
        values[s] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        for i in oldKeys.indices where oldKeys[i] != 0 { place(oldKeys[i], oldValues[i]!) }
    }
}
