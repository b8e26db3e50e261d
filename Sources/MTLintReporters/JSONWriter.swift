/// Writes JSON with keys in the order given, as the output contract fixes them. The text is
/// built as UTF-8 bytes: news text is full of curly quotes and dashes, and escaping scalar by
/// scalar into a String cost more than the rest of a finding's JSON together.
struct JSONWriter {
    private var sink = ByteSink()
    private var needsComma = [false]
    private let pretty: Bool
    /// Spaces per depth when pretty.
    private static let indentWidth = 2

    init(pretty: Bool = true) { self.pretty = pretty }

    /// A writer of items for an array at `depth` that another writer has open: its bytes go
    /// after that writer's, and that writer's `continuation(afterItems:)` after them.
    /// `continuing`: items stand before these.
    init(itemsAtDepth depth: Int, continuing: Bool, pretty: Bool = true) {
        self.init(pretty: pretty)
        needsComma = Array(repeating: true, count: depth) + [continuing]
    }

    /// What has been written.
    var bytes: [UInt8] { sink.bytes }

    /// What has been written, in place.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { sink.withUnsafeBytes(body) }

    var output: String { String(decoding: bytes, as: UTF8.self) }

    /// A line feed after the document.
    mutating func endLine() {
        sink.makeUnique()
        sink.append(0x0A)
    }

    /// A writer that goes on where this one stands, with no bytes of its own yet: for the
    /// rest of a document whose array open here got its items from writers made with
    /// `init(itemsAtDepth:continuing:)` (`afterItems`: whether they wrote any).
    func continuation(afterItems: Bool) -> JSONWriter {
        var next = self
        next.sink = ByteSink()
        if afterItems { next.needsComma[next.needsComma.count - 1] = true }
        return next
    }

    /// How deep the innermost open array or object is.
    var depth: Int { needsComma.count - 1 }

    private mutating func lineBreak() {
        guard pretty else { return }
        sink.append(0x0A)
        sink.append(0x20, count: (needsComma.count - 1) * Self.indentWidth)
    }

    private mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { sink.append($0) }
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { sink.append(0x2C) }
        needsComma[needsComma.count - 1] = true
        lineBreak()
    }

    private mutating func keyPrefix(_ key: String?) {
        guard needsComma.count > 1 else { return }
        separator()
        guard var key else { return }
        // Keys are this program's own words, plain ASCII copied as it is; any other key
        // goes through the escapes.
        let copied = key.withUTF8 { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) else { return false }
            sink.append(0x22)
            sink.append(utf8)
            sink.append(0x22)
            return true
        }
        if !copied { appendQuoted(key) }
        sink.append(0x3A)
        if pretty { sink.append(0x20) }
    }

    mutating func beginObject(_ key: String? = nil) { open(key, 0x7B) }
    mutating func beginArray(_ key: String? = nil) { open(key, 0x5B) }

    mutating func endObject() { close(0x7D) }
    mutating func endArray() { close(0x5D) }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        sink.makeUnique()
        keyPrefix(key)
        sink.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        sink.makeUnique()
        let hadItems = needsComma.removeLast()
        if hadItems { lineBreak() }
        sink.append(bracket)
    }

    mutating func value(_ key: String?, _ s: String) { sink.makeUnique(); keyPrefix(key); appendQuoted(s) }
    mutating func value(_ key: String?, _ i: Int) { sink.makeUnique(); keyPrefix(key); appendDecimal(i) }
    mutating func value(_ key: String?, _ b: Bool) { sink.makeUnique(); keyPrefix(key); append(b ? "true" : "false") }
    mutating func null(_ key: String?) { sink.makeUnique(); keyPrefix(key); append("null") }

    /// `i` in decimal, without making a String of it: four numbers a position, two positions
    /// a finding.
    private mutating func appendDecimal(_ i: Int) {
        if i < 0 { sink.append(0x2D) }
        var v = i.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var k = 20
            repeat {
                k -= 1
                digits[k] = 0x30 + UInt8(v % 10)
                v /= 10
            } while v > 0
            sink.append(UnsafeBufferPointer(rebasing: digits[k...]))
        }
    }

    /// A JSON string literal, appended: quotes, backslashes and control characters escaped,
    /// the rest as UTF-8, copied in whole runs. U+2028/9 are escaped too, for consumers that
    /// embed JSON in JavaScript, and so are C1 controls and bidi controls, so that JSON shown
    /// in a terminal or a log can neither drive it nor reorder its lines. Escapes keep every
    /// value as it is.
    private mutating func appendQuoted(_ s: String) {
        sink.append(0x22)
        Self.escape(s) { sink.append($0) }
        sink.append(0x22)
    }

    /// Hands `s`'s UTF-8 to `emit` in pieces, escapes in place of what must not stay raw.
    /// Beyond ASCII those are C1 controls (C2 80–9F), U+061C (D8 9C), U+200E/F (E2 80 8E/8F),
    /// U+2028–202E (E2 80 A8–AE) and U+2066–2069 (E2 81 A6–A9): `ControlCharacters`' escapes
    /// and U+2028/9, told apart by their bytes (a test holds the two to each other), since
    /// curly quotes and dashes share the lead byte E2 and are everywhere in news.
    private static func escape(_ s: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var s = s
        s.withUTF8 { utf8 in
            var run = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                let width: Int
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    width = 1
                } else if b == 0xC2, i + 1 < n, utf8[i + 1] <= 0x9F {
                    width = 2
                } else if b == 0xD8, i + 1 < n, utf8[i + 1] == 0x9C {
                    width = 2
                } else if b == 0xE2, i + 2 < n, Self.isEscapedE2(utf8[i + 1], utf8[i + 2]) {
                    width = 3
                } else {
                    i += 1
                    continue
                }
                if run < i { emit(UnsafeBufferPointer(rebasing: utf8[run..<i])) }
                Array(escaped(Self.scalar(utf8, at: i, width: width)).utf8).withUnsafeBufferPointer(emit)
                i += width
                run = i
            }
            if run < n { emit(UnsafeBufferPointer(rebasing: utf8[run..<n])) }
        }
    }

    @inline(__always)
    private static func isEscapedE2(_ second: UInt8, _ third: UInt8) -> Bool {
        second == 0x80 ? (third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE))
                       : second == 0x81 && third >= 0xA6 && third <= 0xA9
    }

    /// The scalar of the `width`-byte sequence at `i` of valid UTF-8 (a String's).
    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int, width: Int) -> UInt32 {
        let b = UInt32(utf8[i])
        switch width {
        case 1: return b
        case 2: return (b & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
        default: return (b & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
        }
    }

    private static func escaped(_ code: UInt32) -> String {
        switch code {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default:
            let hex = String(code, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}

/// Bytes written in place into memory of their own, grown by doubling. Appending a few bytes
/// to an Array goes through its generic path at about a hundred instructions a call, and a
/// finding's JSON is some seventy such appends. A copy of the sink (a writer copied) shares
/// the memory until `makeUnique()`, which every mutating entry of `JSONWriter` calls first,
/// so that the appends after it need not ask.
private struct ByteSink {
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 256)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    private var storage = Storage(capacity: 256)
    private(set) var count = 0

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: storage.base, count: count))
    }

    /// Memory this sink alone holds, before appends.
    @inline(__always)
    mutating func makeUnique() {
        if _slowPath(!isKnownUniquelyReferenced(&storage)) { regrow(0) }
    }

    /// Room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if _slowPath(count + n > storage.capacity) { regrow(n) }
    }

    private mutating func regrow(_ n: Int) {
        var capacity = storage.capacity
        while count + n > capacity { capacity *= 2 }
        let fresh = Storage(capacity: capacity)
        fresh.base.initialize(from: storage.base, count: count)
        storage = fresh
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage.base[count] = byte
        count += 1
    }

    mutating func append(_ byte: UInt8, count n: Int) {
        reserve(n)
        (storage.base + count).initialize(repeating: byte, count: n)
        count += n
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        reserve(bytes.count)
        (storage.base + count).initialize(from: from, count: bytes.count)
        count += bytes.count
    }
}
