import Glibc
import ICUText

/// Why a file is not linted as text.
public enum DocumentError: Error, Sendable, Equatable {
    /// A NUL byte marks binary data; such files are skipped and never rewritten.
    case binary(nulOffset: Int)
}

/// One input file: its original bytes, their UTF-16 decoding and the NFC text that rules
/// match on. Ranges that rules report are in NFC units; `originalRange` maps them back.
public final class Document: @unchecked Sendable {
    public let path: String
    public let bytes: [UInt8]
    public let decoded: DecodedText
    public let nfc: NFCText
    public let hasBOM: Bool
    public private(set) lazy var lines = LineIndex(decoded.text, unusual: unusualInOriginal)
    /// Where `original` and `text` hold units outside printable ASCII (`UnitScan.unusual`),
    /// found once for the unicode rules, the line index and the paragraph splitter, which
    /// each scanned the whole article: nine scans of an English article became one (two when
    /// it is not in NFC).
    private(set) lazy var unusualInOriginal = UnitScan.unusual(in: original, limit: Self.unusualLimit(original))
    private(set) lazy var unusualInText = text === original ? unusualInOriginal : UnitScan.unusual(in: text, limit: Self.unusualLimit(text))

    /// At most one index in eight units, so that the list stays a fraction of the text's own
    /// memory: a text mostly outside ASCII (Cyrillic, CJK) has none, and its passes scan.
    private static func unusualLimit(_ buffer: UTF16Buffer) -> Int { buffer.count / 8 + 64 }

    public init(path: String, bytes: [UInt8]) throws {
        if let nul = Self.firstNUL(bytes) { throw DocumentError.binary(nulOffset: nul) }
        self.path = path
        self.bytes = bytes
        self.decoded = DecodedText(bytes)
        self.nfc = try NFCText(normalizing: decoded.text)
        self.hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The offset of the first NUL byte, found with the C library's `memchr`, which reads
    /// many bytes at a time (`firstIndex(of:)` went byte by byte over every file).
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return UnsafeRawPointer(hit) - base
        }
    }

    public convenience init(path: String, text: String) throws {
        try self.init(path: path, bytes: Array(text.utf8))
    }

    /// The text as read, in UTF-16.
    public var original: UTF16Buffer { decoded.text }
    /// The NFC text that rules match on.
    public var text: UTF16Buffer { nfc.text }

    public func originalRange(_ nfcRange: Range<Int>) -> Range<Int> { nfc.originalRange(nfcRange) }

    public func byteOffset(ofOriginal index: Int) -> Int { decoded.byteOffset(ofUTF16: index) }

    /// The original bytes of a byte range, decoded; ill-formed bytes read as U+FFFD.
    public func string(bytes range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}

/// Where each line of a UTF-16 text starts. LF, CRLF and lone CR each end a line.
public struct LineIndex: Sendable {
    public let starts: [Int]
    public let count: Int

    /// `unusual`: the text's `UnitScan.unusual` indices, if made.
    init(_ text: UTF16Buffer, unusual: [Int32]? = nil) {
        var starts = [0]
        let n = text.count
        var breaks = UnusualCursor(unusual, in: text)
        var i = 0
        while i < n {
            // Lines are long next to their ends: skip to the next CR or LF.
            i = breaks.nextLineBreak(from: i)
            guard i < n else { break }
            let u = text[i]
            if u == 0x0A {
                starts.append(i + 1)
            } else if u == 0x0D {
                if i + 1 < n, text[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.starts = starts
        self.count = n
    }

    /// 0-based line that holds UTF-16 index `i`.
    public func line(containing i: Int) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= i { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// The line's range without its terminator.
    public func contentRange(ofLine line: Int, in text: UTF16Buffer) -> Range<Int> {
        let start = starts[line]
        var end = line + 1 < starts.count ? starts[line + 1] : count
        while end > start, text[end - 1] == 0x0A || text[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }
}
