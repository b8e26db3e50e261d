internal import CICUShim

/// Text in NFC, with the way back to the text it was made from.
///
/// Most input is already NFC: ICU's quick check proves that without copying, and the
/// normalized text is then the original buffer itself. Otherwise only the segments that fail
/// the quick check are normalized, each from one normalization boundary to the next, and each
/// is recorded; between segments the two texts differ by a constant shift.
public struct NFCText: Sendable {
    public let text: UTF16Buffer
    /// Changed segments in order: normalized range and the original range it came from.
    private let segments: [Segment]

    struct Segment: Sendable {
        let norm: Range<Int>
        let orig: Range<Int>
    }

    public var isIdentity: Bool { segments.isEmpty }

    /// Whether the text holds only characters below U+0300 and the punctuation of news copy
    /// (U+200B, U+2010–U+2027, U+20AC): none of them decomposes, combines or has a combining
    /// class under NFC, so such text is NFC as it stands. Checked eight units at a time,
    /// where ICU's quick check takes a unit at a time.
    static func isPlainlyNFC(_ base: UnsafePointer<UInt16>, _ n: Int) -> Bool {
        var i = 0
        while true {
            i = UnitScan.first(in: base, i..<n, outside: 0...0x2FF)
            if i == n { return true }
            let u = base[i]
            guard u == 0x200B || (0x2010...0x2027).contains(u) || u == 0x20AC else { return false }
            i += 1
        }
    }

    /// The segments that normalization went through, as (NFC range, original range). A
    /// segment can come out unchanged when the quick check could not decide.
    public var normalizedSegments: [(nfc: Range<Int>, original: Range<Int>)] { segments.map { ($0.norm, $0.orig) } }

    public init(normalizing source: UTF16Buffer) throws(ICUError) {
        var status: Int32 = 0
        guard let nfc = cicu_nfc(&status) else { throw ICUError(status) }
        try check(status)
        let n = source.count
        let base = source.base
        if Self.isPlainlyNFC(base, n) {
            self.text = source
            self.segments = []
            return
        }
        let yes = Int(cicu_span_quick_check_yes(nfc, base, Int32(n), &status))
        try check(status)
        if yes == n {
            self.text = source
            self.segments = []
            return
        }
        var out = GrowableUTF16(capacity: n + n / 8 + 16)
        var segments: [Segment] = []
        out.append(base, count: yes)
        var pos = yes
        while pos < n {
            // A segment runs to the next character that starts a new normalization unit.
            var end = pos + source.scalar(at: pos).length
            while end < n {
                let (c, len) = source.scalar(at: end)
                if cicu_has_boundary_before(nfc, c) != 0 { break }
                end += len
            }
            let outStart = out.count
            try out.appendNormalized(nfc, base + pos, count: end - pos)
            segments.append(Segment(norm: outStart..<out.count, orig: pos..<end))
            pos = end
            if pos < n {
                let span = Int(cicu_span_quick_check_yes(nfc, base + pos, Int32(n - pos), &status))
                try check(status)
                out.append(base + pos, count: span)
                pos += span
            }
        }
        self.text = out.finish()
        self.segments = segments
    }

    /// The original range that a normalized range came from. A bound inside a normalized
    /// segment widens to cover the whole segment, so the result never splits what was merged.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        if segments.isEmpty { return range }
        let lower = mapLower(range.lowerBound)
        let upper = range.isEmpty ? lower : mapUpper(range.upperBound)
        return lower..<Swift.max(lower, upper)
    }

    /// Index of the last segment whose normalized start is <= k, or -1.
    private func segmentIndex(atOrBefore k: Int) -> Int {
        var lo = 0, hi = segments.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if segments[mid].norm.lowerBound <= k { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    private func mapLower(_ k: Int) -> Int {
        let i = segmentIndex(atOrBefore: k)
        if i < 0 { return k }
        let s = segments[i]
        if k < s.norm.upperBound { return s.orig.lowerBound }
        return s.orig.upperBound + (k - s.norm.upperBound)
    }

    private func mapUpper(_ k: Int) -> Int {
        // An exclusive end maps through the unit before it.
        let i = segmentIndex(atOrBefore: k - 1)
        if i < 0 { return k }
        let s = segments[i]
        if k - 1 < s.norm.upperBound { return s.orig.upperBound }
        return s.orig.upperBound + (k - s.norm.upperBound)
    }
}

/// A UTF-16 buffer that grows while normalization output is appended to it.
struct GrowableUTF16 {
    private var base: UnsafeMutablePointer<UInt16>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        self.base = .allocate(capacity: self.capacity)
    }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = Swift.max(capacity * 2, count + extra)
        let bigger = UnsafeMutablePointer<UInt16>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    mutating func append(_ src: UnsafePointer<UInt16>, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).update(from: src, count: n)
        count += n
    }

    mutating func appendNormalized(_ nfc: UnsafeRawPointer, _ src: UnsafePointer<UInt16>, count n: Int) throws(ICUError) {
        // NFC of a segment is rarely longer than 3x its input (the standard's bound).
        reserve(n * 3 + 4)
        var status: Int32 = 0
        let written = cicu_normalize(nfc, src, Int32(n), base + count, Int32(capacity - count), &status)
        try check(status)
        count += Int(written)
    }

    /// Hands the storage to a buffer; this value must not be used afterwards.
    func finish() -> UTF16Buffer {
        UTF16Buffer(adopting: base, count: count, capacity: capacity)
    }
}
