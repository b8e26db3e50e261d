/// A map from 64-bit word hashes (`UnitHash`, which the tokenizer makes for ASCII words) to
/// small plain values: one probe per word token, and no String, no comparison of the word's
/// text. Two words of one run share a 64-bit hash with a chance of about one in 10^10,
/// which a spelling check can bear. The table lives in raw memory, each key beside its
/// value: a probe through an array held by a class retained and released the array once per
/// word, and keys and values apart cost two cache misses a word instead of one.
final class HashKeyMap<Value: BitwiseCopyable>: @unchecked Sendable {
    private struct Slot {
        var key: UInt64
        var value: Value
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Self.allocate(size)
        mask = size - 1
    }

    private static func allocate(_ size: Int) -> UnsafeMutablePointer<Slot> {
        let p = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        // Only the keys need a value: a slot's value is read only where its key is set.
        UnsafeMutableRawPointer(p).initializeMemory(as: UInt8.self, repeating: 0, count: size * MemoryLayout<Slot>.stride)
        return p
    }

    deinit { slots.deallocate() }

    /// The value for `hash` (never 0: `UnitHash` sets the low bit).
    @inline(__always)
    func value(_ hash: UInt64) -> Value? {
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let k = slots[s].key
            if k == hash { return slots[s].value }
            if k == 0 { return nil }
            s = (s + 1) & mask
        }
    }

    func insert(_ hash: UInt64, _ value: Value) {
        if (count + 1) * 2 > mask + 1 { grow() }
        if place(hash, value) { count += 1 }
    }

    func removeAll() {
        for i in 0...mask { slots[i].key = 0 }
        count = 0
    }

    /// Whether `hash` was new.
    @discardableResult
    private func place(_ hash: UInt64, _ value: Value) -> Bool {
        var s = Int(truncatingIfNeeded: hash) & mask
        while slots[s].key != 0 && slots[s].key != hash { s = (s + 1) & mask }
        let new = slots[s].key == 0
        slots[s] = Slot(key: hash, value: value)
        return new
    }

    private func grow() {
        let old = slots, oldSize = mask + 1
        slots = Self.allocate(oldSize * 2)
        mask = oldSize * 2 - 1
        for i in 0..<oldSize where old[i].key != 0 { place(old[i].key, old[i].value) }
        old.deallocate()
    }
}
