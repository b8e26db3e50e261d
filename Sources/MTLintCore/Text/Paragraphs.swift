import ICUText

/// A word-break segment of the NFC text, as the tokenizer makes it.
public typealias Token = WordSegment

extension UnsafeBufferPointer<Token> {
    /// The next token after `i` that is not whitespace, if whitespace between them holds at
    /// most `maxLineBreaks` line breaks: for the loops that read the tokens unchecked.
    @inline(__always)
    func nextNonSpace(after i: Int, maxLineBreaks: Int = 1) -> Int? {
        var j = i + 1
        var breaks = 0
        while j < count, self[j].isSpaceValue != 0 {
            breaks += Int(self[j].breakCount)
            if breaks > maxLineBreaks { return nil }
            j += 1
        }
        return j < count ? j : nil
    }
}

/// A run of non-blank lines, with its tokens. Phrases and doubled words never cross a blank
/// line, so the engine tokenizes one paragraph at a time and memory stays bounded by the
/// longest paragraph rather than the file.
public struct Paragraph {
    public let range: Range<Int>
    public private(set) var tokens: [Token]
    /// At least as long as `tokens`; nil wherever `keyed` does not say otherwise.
    private var keys: [String?]
    /// The indices of `keys` that hold a String, so that handing the array on clears only those.
    private var keyed: [Int]
    /// `UnitHash` of each token's folded text, 0 until computed.
    private var hashes: [UInt64]
    private let text: UTF16Buffer
    /// Whether some word of letters may follow itself, past white space with at most one
    /// line break (`mt_repeat_state`): false when the tokenizer's hashes rule it out.
    public let mayRepeatWord: Bool

    /// A paragraph over `tokens`, with its per-token caches in the arrays of `buffers`.
    init(range: Range<Int>, tokens: [Token], text: UTF16Buffer, buffers: ParagraphBuffers, mayRepeatWord: Bool) {
        self.range = range
        self.mayRepeatWord = mayRepeatWord
        self.tokens = tokens
        (self.keys, self.keyed) = buffers.takeKeys(count: tokens.count)
        self.hashes = buffers.takeHashes(count: tokens.count)
        self.text = text
    }

    /// Hands the paragraph's arrays back for the next paragraph; the paragraph is empty after.
    mutating func recycle(into buffers: ParagraphBuffers) {
        for i in keyed { keys[i] = nil }
        keyed.removeAll(keepingCapacity: true)
        buffers.giveBack(tokens: &tokens, keys: &keys, keyed: &keyed, hashes: &hashes)
    }

    /// The hash of token `i`'s case-folded text: an ASCII token's from the tokenizer, any
    /// other's computed once; ASCII words never become a String on the way. Inlined, so that
    /// the passes over every token read the tokenizer's hash without a call.
    @inline(__always)
    public mutating func foldedHash(_ i: Int) -> UInt64 {
        let carried = tokens[i].foldedHash
        return carried != 0 ? carried : computedFoldedHash(i)
    }

    private mutating func computedFoldedHash(_ i: Int) -> UInt64 {
        if hashes[i] != 0 { return hashes[i] }
        let r = tokens[i].range
        let result = UnitHash.ofLowercasedASCII(text.base + r.lowerBound, count: r.count) ?? UnitHash.of(foldedKey(i).utf16)
        hashes[i] = result
        return result
    }

    /// The hash of token `i`'s text as written.
    public func rawHash(_ i: Int) -> UInt64 {
        let r = tokens[i].range
        return UnitHash.of(UnsafeBufferPointer(start: text.base + r.lowerBound, count: r.count))
    }

    /// Whether token `i`, case-folded, is `key` (folded UTF-16 units).
    public mutating func foldedEquals(_ i: Int, _ key: ArraySlice<UInt16>) -> Bool {
        let r = tokens[i].range
        if r.count == key.count {
            var k = key.startIndex
            var ascii = true
            for j in r {
                let u = text[j]
                if u >= 0x80 { ascii = false; break }
                if CaseMapping.lowercasedASCII(u) != key[k] { return false }
                k += 1
            }
            if ascii { return true }
        } else if !NameRuns.hasNonASCII(r, text) {
            return false
        }
        return foldedKey(i).utf16.elementsEqual(key)
    }

    /// Whether token `i` as written is `key`.
    public func rawEquals(_ i: Int, _ key: ArraySlice<UInt16>) -> Bool {
        let r = tokens[i].range
        return r.count == key.count && UnsafeBufferPointer(start: text.base + r.lowerBound, count: r.count).elementsEqual(key)
    }

    /// The case-folded text of token `i`, computed once.
    public mutating func foldedKey(_ i: Int) -> String {
        if let k = keys[i] { return k }
        let r = tokens[i].range
        let k = CaseMapping.fold(text.base + r.lowerBound, count: r.count)
        keys[i] = k
        keyed.append(i)
        return k
    }

    public func rawKey(_ i: Int) -> String { text.string(tokens[i].range) }

    /// The next token after `i` that is not whitespace, if whitespace between them holds at
    /// most `maxLineBreaks` line breaks.
    public func nextNonSpace(after i: Int, maxLineBreaks: Int = 1) -> Int? {
        tokens.withUnsafeBufferPointer { $0.nextNonSpace(after: i, maxLineBreaks: maxLineBreaks) }
    }

    /// Whether only horizontal whitespace (or a BOM) stands between the line's start and
    /// token `i`.
    public func isAtLineStart(_ i: Int) -> Bool {
        var k = tokens[i].range.lowerBound
        while k > range.lowerBound {
            let u = text[k - 1]
            if u == 0x0A || u == 0x0D { return true }
            if u != 0x20 && u != 0x09 && u != 0xFEFF { return false }
            k -= 1
        }
        return true
    }
}

/// Splits NFC text into paragraphs and tokens: the fast segmenter where it knows every
/// character (it gives ICU's tokens), else ICU's word-break iterator.
struct ParagraphSplitter {
    let text: UTF16Buffer
    let words: BreakIterator
    var buffers = ParagraphBuffers()
    /// The text's `UnitScan.unusual` indices, if made: where its line ends are.
    var unusual: [Int32]? = nil
    let fastTables = FastWordBreaks.Tables.shared

    /// Calls `body` with each paragraph in order.
    func forEach(_ body: (inout Paragraph) throws -> Void) rethrows {
        let n = text.count
        let base = text.base
        var breaks = UnusualCursor(unusual, in: text)
        var lineStart = 0
        var paraStart: Int? = nil
        var paraEnd = 0
        while lineStart < n {
            // A line is blank when only spaces, tabs or a BOM stand before its end.
            var first = lineStart
            while first < n, base[first] == 0x20 || base[first] == 0x09 || base[first] == 0xFEFF { first += 1 }
            let end = first < n && base[first] != 0x0A && base[first] != 0x0D ? breaks.nextLineBreak(from: first) : first
            let blank = end == first
            var next = end
            if next < n { next += (base[next] == 0x0D && next + 1 < n && base[next + 1] == 0x0A) ? 2 : 1 }
            if blank {
                if let s = paraStart {
                    var p = paragraph(s..<paraEnd)
                    try body(&p)
                    p.recycle(into: buffers)
                    paraStart = nil
                }
            } else {
                if paraStart == nil { paraStart = lineStart }
                paraEnd = end
            }
            lineStart = next
        }
        if let s = paraStart {
            var p = paragraph(s..<paraEnd)
            try body(&p)
            p.recycle(into: buffers)
        }
    }

    private func paragraph(_ range: Range<Int>) -> Paragraph {
        var tokens = buffers.takeTokens()
        var mayRepeatWord = false
        if !FastWordBreaks.segments(text.base, range, tables: fastTables, into: &tokens, mayRepeatWord: &mayRepeatWord) {
            // A character the fast segmenter does not know: ICU segments the whole paragraph.
            mayRepeatWord = true
            tokens.removeAll(keepingCapacity: true)
            words.setText(text, range: range)
            var start = words.first()
            while let end = words.next() {
                tokens.append(token(start..<end, words.segmentKind))
                start = end
            }
        }
        return Paragraph(range: range, tokens: tokens, text: text, buffers: buffers, mayRepeatWord: mayRepeatWord)
    }

    @inline(__always)
    private func token(_ range: Range<Int>, _ kind: SegmentKind) -> Token {
        var isSpace = false
        var breaks = 0
        if kind == .other {
            isSpace = true
            var k = range.lowerBound
            while k < range.upperBound {
                let (c, len) = text.scalar(at: k)
                if c == 0x0A || c == 0x0D {
                    if !(c == 0x0A && k > range.lowerBound && text[k - 1] == 0x0D) { breaks += 1 }
                } else if c < 0x80 ? !(c == 0x20 || (0x09...0x0D).contains(c)) : !CharacterProperties.isWhitespace(c) {
                    // ASCII's White_Space (tab to carriage return, space) needs no call to ICU.
                    isSpace = false
                    break
                }
                k += len
            }
        }
        return Token(range: range, kind: kind, isSpace: isSpace, lineBreaks: breaks, initial: text[range.lowerBound])
    }
}

/// The arrays of a worker's paragraphs, handed from one paragraph to the next: tokenizing
/// then allocates only for a paragraph longer than any before it.
final class ParagraphBuffers {
    private var tokens: [Token] = []
    /// All nil: a paragraph clears what it set before it hands the array back.
    private var keys: [String?] = []
    private var keyed: [Int] = []
    private var hashes: [UInt64] = []

    func takeTokens() -> [Token] {
        var out: [Token] = []
        swap(&out, &tokens)
        out.removeAll(keepingCapacity: true)
        return out
    }

    func takeKeys(count: Int) -> ([String?], keyed: [Int]) {
        var out: [String?] = []
        var outKeyed: [Int] = []
        swap(&out, &keys)
        swap(&outKeyed, &keyed)
        if out.count < count { out.append(contentsOf: repeatElement(nil, count: count - out.count)) }
        return (out, outKeyed)
    }

    func takeHashes(count: Int) -> [UInt64] {
        var out: [UInt64] = []
        swap(&out, &hashes)
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: count))
        return out
    }

    func giveBack(tokens: inout [Token], keys: inout [String?], keyed: inout [Int], hashes: inout [UInt64]) {
        swap(&self.tokens, &tokens)
        swap(&self.keys, &keys)
        swap(&self.keyed, &keyed)
        swap(&self.hashes, &hashes)
    }
}
