import ICUText

/// How names are compared: folded to lower-case ASCII across scripts and accents, by
/// length-scaled Damerau-Levenshtein distance and by a phonetic key.
public enum NameFolding {
    /// ICU's transform to ASCII: any script to Latin, then accents and ligatures off.
    public static let transform = "Any-Latin; Latin-ASCII"

    /// Lower-case ASCII of a name token; non-ASCII text goes through `transliterator`.
    public static func fold(_ s: String, transliterator: Transliterator?) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        let latin = transliterator?.apply(s) ?? s
        return CaseMapping.fold(latin)
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

    /// A phonetic key for folded names: consonant classes with repeats collapsed and vowels
    /// dropped, after an initial vowel written as "a" ("zelensky" and "zelenskiy", "philips"
    /// and "filips" agree). Transliteration variants differ mostly in vowels, doubled letters
    /// and such spellings of one sound, which the key ignores.
    public static func phoneticKey(_ folded: String) -> String {
        let s = folded.unicodeScalars.filter { $0.value >= 0x61 && $0.value <= 0x7A }.map(Character.init)
        var key = ""
        var last: Character = "?"
        var i = 0
        while i < s.count {
            let c = s[i]
            let next: Character? = i + 1 < s.count ? s[i + 1] : nil
            var cls: Character
            switch c {
            case "b", "p": cls = next == "h" ? "f" : "p"
            case "f", "v", "w": cls = "f"
            case "c": cls = next == "h" ? "j" : "k"
            case "k", "q", "g": cls = "k"
            case "s": cls = next == "h" ? "j" : "s"
            case "z", "x": cls = "s"
            case "d", "t": cls = "t"
            case "l": cls = "l"
            case "m", "n": cls = "n"
            case "r": cls = "r"
            case "j": cls = "j"
            default: cls = i == 0 ? "a" : "_"
            }
            if next == "h", "pcs".contains(c) { i += 1 }
            if cls != "_" && cls != last { key.append(cls) }
            last = cls
            i += 1
        }
        return key
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
