internal import CICUShim

/// An ICU transform such as "Any-Latin; Latin-ASCII". Not thread-safe: one per worker.
public final class Transliterator {
    private let handle: OpaquePointer
    public let id: String

    public init(_ id: String) throws(ICUError) {
        var status: Int32 = 0
        let units = Array(id.utf16)
        let t = units.withUnsafeBufferPointer { cicu_translit_open($0.baseAddress, Int32($0.count), &status) }
        guard let t, status <= 0 else {
            if let t { cicu_translit_close(t) }
            throw ICUError(status)
        }
        self.handle = t
        self.id = id
    }

    deinit { cicu_translit_close(handle) }

    public func apply(_ s: String) -> String {
        var units = Array(s.utf16)
        var capacity = Swift.max(units.count * 4, 16)
        while true {
            var buffer = units + Array(repeating: 0, count: capacity - units.count)
            var length = Int32(units.count)
            var status: Int32 = 0
            let needed = buffer.withUnsafeMutableBufferPointer {
                cicu_translit_apply(handle, $0.baseAddress, &length, Int32(capacity), &status)
            }
            if needed > 0 { capacity = Int(needed) + 16; continue }
            // A failed transform leaves the text as it was, which is the safe reading.
            guard status <= 0 else { return s }
            buffer.removeSubrange(Int(length)...)
            units = buffer
            return String(decoding: units, as: UTF16.self)
        }
    }
}
