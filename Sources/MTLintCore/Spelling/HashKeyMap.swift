/// A map from 64-bit word hashes (`UnitHash`, which the tokenizer makes for ASCII words) to
/// small plain values: one probe per word token, and no String, no comparison of the word's
/// text. Two words of one run share a 64-bit hash with a chance of about one in 10^10,
/// which a spelling check can bear. The table lives in raw memory: a probe through an array
/// held by a class retained and released the array once per word, the costliest part of it.
final class HashKeyMap<Value: BitwiseCopyable>: @unchecked Sendable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var values: UnsafeMutablePointer<Value>
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        values = .allocate(capacity: size)
        mask = size - 1
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// The value for `hash` (never 0: `UnitHash` sets the low bit).
    @inline(__always)
    func value(_ hash: UInt64) -> Value? {
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let k = keys[s]
            if k == hash { return values[s] }
            if k == 0 { return nil }
            s = (s + 1) & mask
        }
    }

    func insert(_ hash: UInt64, _ value: Value) {
        if (count + 1) * 2 > mask + 1 { grow() }
        if place(hash, value) { count += 1 }
    }

    func removeAll() {
        keys.update(repeating: 0, count: mask + 1)
        count = 0
    }

    /// Whether `hash` was new.
    @discardableResult
    private func place(_ hash: UInt64, _ value: Value) -> Bool {
        var s = Int(truncatingIfNeeded: hash) & mask
        while keys[s] != 0 && keys[s] != hash { s = (s + 1) & mask }
        let new = keys[s] == 0
        keys[s] = hash
        (values + s).initialize(to: value)
        return new
    }

    private func grow() {
        let oldKeys = keys, oldValues = values, oldSize = mask + 1
        keys = .allocate(capacity: oldSize * 2)
        keys.initialize(repeating: 0, count: oldSize * 2)
        values = .allocate(capacity: oldSize * 2)
        mask = oldSize * 2 - 1
        for i in 0..<oldSize where oldKeys[i] != 0 { place(oldKeys[i], oldValues[i]) }
        oldKeys.deallocate()
        oldValues.deallocate()
    }
}
