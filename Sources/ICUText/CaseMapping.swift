internal import CICUShim

/// Full Unicode case folding and upper-casing (ß folds to "ss", so lengths can change).
public enum CaseMapping {
    /// An ASCII unit or byte in lower case (any other value as it is): case folding of ASCII,
    /// which the hot loops of tokens, names and hashes do without a call into ICU.
    @inlinable @inline(__always)
    public static func lowercasedASCII<T: FixedWidthInteger>(_ u: T) -> T {
        (u >= 0x41 && u <= 0x5A) ? u | 0x20 : u
    }

    /// The case fold of `count` units at `src`, as a String. ASCII takes a fast path.
    public static func fold(_ src: UnsafePointer<UInt16>, count: Int) -> String {
        var ascii = true
        for i in 0..<count where src[i] >= 0x80 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: count) { out in
                for i in 0..<count {
                    out[i] = lowercasedASCII(UInt8(src[i]))
                }
                return count
            }
        }
        return map(src, count: count, cicu_fold_case)
    }

    public static func fold(_ s: String) -> String {
        let units = Array(s.utf16)
        return units.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress else { return "" }
            return fold(p, count: buf.count)
        }
    }

    public static func uppercased(_ s: String) -> String {
        let units = Array(s.utf16)
        return units.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress else { return s }
            return map(p, count: buf.count, cicu_to_upper)
        }
    }

    private typealias Mapper = (UnsafeMutablePointer<UInt16>?, Int32, UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32

    private static func map(_ src: UnsafePointer<UInt16>, count: Int, _ mapper: Mapper) -> String {
        var capacity = count * 3 + 4
        while true {
            var status: Int32 = 0
            let buffer = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity)
            defer { buffer.deallocate() }
            let n = mapper(buffer, Int32(capacity), src, Int32(count), &status)
            if status == cicu_status_buffer_overflow() { capacity = Int(n) + 1; continue }
            if status > 0 {
                // Case mapping fails only on malformed arguments; the text unchanged is safe.
                return String(decoding: UnsafeBufferPointer(start: src, count: count), as: UTF16.self)
            }
            return String(decoding: UnsafeBufferPointer(start: buffer, count: Int(n)), as: UTF16.self)
        }
    }
}

/// Character properties that rules and reporters need.
public enum CharacterProperties {
    public static func isUppercase(_ scalar: UInt32) -> Bool { cicu_is_upper(scalar) != 0 }
    public static func isLowercase(_ scalar: UInt32) -> Bool { cicu_is_lower(scalar) != 0 }
    public static func isAlphabetic(_ scalar: UInt32) -> Bool { cicu_is_alphabetic(scalar) != 0 }
    public static func isWhitespace(_ scalar: UInt32) -> Bool { cicu_is_white_space(scalar) != 0 }

    /// ICU's script code of a scalar: 0 Common, 1 Inherited, 25 Latin, 8 Cyrillic, 14 Greek.
    public static func script(_ scalar: UInt32) -> Int32 { cicu_script(scalar) }

    public static func scriptName(_ script: Int32) -> String {
        guard let p = cicu_script_name(script) else { return "Unknown" }
        return String(cString: p)
    }

    public static let commonScript: Int32 = 0
    public static let inheritedScript: Int32 = 1
    public static let latinScript: Int32 = 25

    /// Terminal cells a grapheme takes: 2 for East Asian wide and full-width characters and
    /// for emoji shown as pictures, else 1.
    public static func displayWidth(ofGrapheme scalars: some Sequence<Unicode.Scalar>) -> Int {
        var first = true
        for s in scalars {
            if first {
                if cicu_is_wide(s.value) != 0 { return 2 }
                first = false
            } else if s.value == 0xFE0F {
                return 2
            }
        }
        return 1
    }
}
