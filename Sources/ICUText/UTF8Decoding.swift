import CUnitScan
/// A maximal ill-formed subsequence of the input (Unicode's "maximal subpart"), decoded as one
/// U+FFFD.
public struct InvalidSequence: Sendable, Equatable {
    public let utf16Index: Int
    public let byteOffset: Int
    public let byteLength: Int
}

/// UTF-8 bytes decoded to UTF-16, with the way back from any UTF-16 index to its byte offset.
/// Ill-formed bytes become U+FFFD (one per maximal subpart, as the Unicode standard and
/// WHATWG recommend), so the rest of a damaged file is still linted and its offsets still
/// point at the original bytes.
public struct DecodedText: Sendable {
    public let text: UTF16Buffer
    public let byteCount: Int
    public let invalid: [InvalidSequence]
    /// Byte offset of every `stride`-th UTF-16 index; a lookup walks at most stride-1 units.
    private let checkpoints: [Int]
    private static let strideShift = 6

    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        // UTF-16 never needs more units than UTF-8 has bytes.
        let capacity = Swift.max(n, 1)
        let out = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity)
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(n >> Self.strideShift + 1)
        var invalid: [InvalidSequence] = []
        let mask = (1 << Self.strideShift) - 1
        var i = 0
        var o = 0
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < n && bytes[k] >= lo && bytes[k] <= hi
        }
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                // A run of ASCII, widened sixteen bytes at a time; its checkpoints are at the
                // same distance in bytes as in units.
                let c = mt_widen_ascii(bytes.baseAddress! + i, n - i, out + o)
                var m = (o + mask) & ~mask
                while m < o + c {
                    checkpoints.append(i + (m - o))
                    m += mask + 1
                }
                o += c
                i += c
                continue
            }
            if o & mask == 0 { checkpoints.append(i) }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: need = 0
            }
            var valid = 0
            if need > 0 {
                if cont(i + 1, lo, hi) {
                    valid = 1
                    while valid < need, cont(i + 1 + valid) { valid += 1 }
                }
            }
            if need == 0 || valid < need {
                let length = need == 0 ? 1 : valid + 1
                invalid.append(InvalidSequence(utf16Index: o, byteOffset: i, byteLength: length))
                out[o] = 0xFFFD; o += 1; i += length
                continue
            }
            var scalar = UInt32(b0) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
            for k in 1...need { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
            i += need + 1
            if scalar >= 0x10000 {
                let v = scalar - 0x10000
                out[o] = UInt16(0xD800 + (v >> 10))
                // The low surrogate may land on a checkpoint; its offset is that of the byte
                // after the scalar, since the pair's four bytes are counted at the high unit.
                o += 1
                if o & mask == 0 { checkpoints.append(i) }
                out[o] = UInt16(0xDC00 + (v & 0x3FF))
                o += 1
            } else {
                out[o] = UInt16(scalar); o += 1
            }
        }
        if o & mask == 0 { checkpoints.append(i) }
        self.text = UTF16Buffer(adopting: out, count: o, capacity: capacity)
        self.byteCount = n
        self.invalid = invalid
        self.checkpoints = checkpoints
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { DecodedText(utf8: $0) }
    }

    /// Byte offset of the UTF-16 index `index` (0...text.count).
    public func byteOffset(ofUTF16 index: Int) -> Int {
        precondition(index >= 0 && index <= text.count)
        let cp = index >> Self.strideShift
        var offset = checkpoints[cp]
        var k = cp << Self.strideShift
        while k < index {
            offset += byteLength(at: k)
            k += 1
        }
        return offset
    }

    @inline(__always)
    private func byteLength(at k: Int) -> Int {
        let u = text[k]
        switch u {
        case 0..<0x80: return 1
        case 0x80..<0x800: return 2
        case 0xD800..<0xDC00:
            return k + 1 < text.count && text[k + 1] & 0xFC00 == 0xDC00 ? 4 : 3
        case 0xDC00..<0xE000: return k > 0 && text[k - 1] & 0xFC00 == 0xD800 ? 0 : 3
        case 0xFFFD: return invalidLength(at: k) ?? 3
        default: return 3
        }
    }

    private func invalidLength(at k: Int) -> Int? {
        var lo = 0, hi = invalid.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if invalid[mid].utf16Index < k { lo = mid + 1 } else { hi = mid }
        }
        return lo < invalid.count && invalid[lo].utf16Index == k ? invalid[lo].byteLength : nil
    }
}
