import ICUText

/// How names are compared: folded to lower-case ASCII across scripts and accents, by
/// length-scaled Damerau-Levenshtein distance and by a phonetic key.
public enum NameFolding {
    /// ICU's transform to ASCII: any script to Latin, then accents and ligatures off.
    public static let transform = "Any-Latin; Latin-ASCII"

    /// Lower-case ASCII of a name token; non-ASCII text goes through `transliterator`.
    public static func fold(_ s: String, transliterator: ASCIIFolder) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return CaseMapping.fold(transliterator.apply(s))
    }

    /// Letters only: a-z, or any non-ASCII (folding leaves letters of other scripts as they
    /// are when ICU cannot transliterate them).
    static func isWordLike(_ folded: String) -> Bool {
        folded.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 >= 0x80 }
    }

    /// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions)
    /// over UTF-8 bytes of folded names, giving up once it must exceed `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in distance(x, y, limit: limit) } }
    }

    static func distance(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        if limit < x.count + y.count && bagDistance(x, y) > limit { return limit + 1 }
        let width = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: width * 3) { rows in
            var prev2 = 0, prev = width, cur = width * 2
            for j in 0...y.count { rows[prev + j] = j }
            for i in 1...x.count {
                rows[cur] = i
                var rowMin = i
                for j in 1...y.count {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    var v = Swift.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost)
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { v = Swift.min(v, rows[prev2 + j - 2] + 1) }
                    rows[cur + j] = v
                    rowMin = Swift.min(rowMin, v)
                }
                if rowMin > limit { return limit + 1 }
                (prev2, prev, cur) = (prev, cur, prev2)
            }
            return rows[prev + y.count]
        }
    }

    /// A lower bound of the distance, for far less work: the letters one word has and the
    /// other lacks, counted both ways, the larger count (an edit changes each count by one at
    /// most, and a transposition neither). Bytes are counted by their low five bits, which
    /// keeps a-z apart; others sharing a count only make the bound lower. Most names compared
    /// with a word are far from it, and this turns them away before the full table.
    static func bagDistance(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: Int16.self, capacity: 32) { counts in
            counts.initialize(repeating: 0)
            for b in x { counts[Int(b & 31)] += 1 }
            for b in y { counts[Int(b & 31)] -= 1 }
            var surplus = 0, deficit = 0
            for c in counts { if c > 0 { surplus += Int(c) } else { deficit -= Int(c) } }
            return Swift.max(surplus, deficit)
        }
    }

    /// A phonetic key for folded names: consonant classes with repeats collapsed and vowels
    /// dropped, after an initial vowel written as "a" ("zelensky" and "zelenskiy", "philips"
    /// and "filips" agree). Transliteration variants differ mostly in vowels, doubled letters
    /// and such spellings of one sound, which the key ignores.
    public static func phoneticKey(_ folded: String) -> String {
        // Bytes, not Characters: asked for every gazetteer token at start-up and for words
        // near names while linting.
        let s = folded.utf8.filter { $0 >= 0x61 && $0 <= 0x7A }
        var key: [UInt8] = []
        key.reserveCapacity(s.count)
        var last: UInt8 = 0x3F  // "?"
        var i = 0
        let h: UInt8 = 0x68
        while i < s.count {
            let c = s[i]
            let next: UInt8 = i + 1 < s.count ? s[i + 1] : 0
            var cls: UInt8
            switch c {
            case 0x62, 0x70: cls = next == h ? 0x66 : 0x70              // b p: "ph" is f
            case 0x66, 0x76, 0x77: cls = 0x66                           // f v w
            case 0x63: cls = next == h ? 0x6A : 0x6B                    // c: "ch" is j
            case 0x6B, 0x71, 0x67: cls = 0x6B                           // k q g
            case 0x73: cls = next == h ? 0x6A : 0x73                    // s: "sh" is j
            case 0x7A, 0x78: cls = 0x73                                 // z x
            case 0x64, 0x74: cls = 0x74                                 // d t
            case 0x6C: cls = 0x6C                                       // l
            case 0x6D, 0x6E: cls = 0x6E                                 // m n
            case 0x72: cls = 0x72                                       // r
            case 0x6A: cls = 0x6A                                       // j
            default: cls = i == 0 ? 0x61 : 0x5F                         // a initial vowel, _ otherwise
            }
            if next == h, c == 0x70 || c == 0x63 || c == 0x73 { i += 1 }
            if cls != 0x5F && cls != last { key.append(cls) }
            last = cls
            i += 1
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Tokens of a name as the word-break iterator splits text: letters only, in order.
    static func tokens(of name: String, words: BreakIterator) -> [String] {
        let buffer = UTF16Buffer(name)
        words.setText(buffer)
        var out: [String] = []
        var start = words.first()
        while let end = words.next() {
            if words.segmentKind == .letters || words.segmentKind == .ideographs { out.append(buffer.string(start..<end)) }
            start = end
        }
        return out
    }
}
