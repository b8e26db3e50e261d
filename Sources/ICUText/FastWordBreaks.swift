/// Word segments of Latin text, the same segments and kinds that ICU's word-break rules give
/// (a differential test holds them to it), without ICU's rule-driven iterator, which costs
/// more per unit than the rest of the tokenizer together. It knows ASCII, Latin-1, Latin
/// Extended-A and the typographic quotes and dashes of news copy; at any other character it
/// gives up, and the caller asks ICU.
public enum FastWordBreaks {
    /// Word_Break values (UAX #29) as ICU's rules use them; `unsupported` for characters this
    /// segmenter leaves to ICU.
    enum Class: UInt8 {
        case unsupported, other, cr, lf, newline, letter, numeric, midNumLet, midNum, extendNumLet, space
    }

    /// Typographic punctuation beyond Latin-1 that news copy is full of: ‘ ’ “ ” – — … €,
    /// and U+200B, the zero-width space that scraped and machine-translated text carries.
    static let extraScalars: [UInt16] = [0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x20AC, 0x200B]

    static func asciiClass(_ u: Int) -> Class {
        switch u {
        case 0x0D: .cr
        case 0x0A: .lf
        case 0x0B, 0x0C: .newline
        // ICU 72 gives "@" the letters' class.
        case 0x40...0x5A, 0x61...0x7A: .letter
        case 0x30...0x39: .numeric
        case 0x2E, 0x27: .midNumLet
        case 0x2C, 0x3B: .midNum
        case 0x5F: .extendNumLet
        case 0x20: .space
        default: .other
        }
    }

    /// Characters below this have their class at their own index in `classes`: ASCII,
    /// Latin-1 and Latin Extended-A, the accented letters that NFC makes of Central and
    /// Eastern European names ("Wałęsa", "Erdoğan").
    static let directLimit: UInt16 = 0x180

    /// Classes of U+0000–U+017F, then of `extraScalars`. ASCII is written out; the rest is
    /// read off ICU itself on first use (how it segments a few probes around the character,
    /// compared with ASCII characters of each class), so the table follows the ICU in use and
    /// anything that behaves like no ASCII class is left to ICU.
    static let classes: [Class] = {
        var table = (0..<128).map(asciiClass)
        guard let probe = try? ClassProbe() else {
            return table + Array(repeating: .unsupported, count: Int(directLimit) - 128 + extraScalars.count)
        }
        for u in 0x80..<directLimit { table.append(probe.classify(u)) }
        for u in extraScalars { table.append(probe.classify(u)) }
        return table
    }()

    /// Calls `body` with each segment of `range` in `text`, its kind, and for words and
    /// numbers in ASCII the `UnitHash` of their lower-cased text (0 for the rest), made in the
    /// same pass. Returns false, having stopped somewhere, at a character it does not know;
    /// the caller then segments the range with ICU instead.
    @inline(__always)
    public static func forEach(_ text: UnsafePointer<UInt16>, _ range: Range<Int>, _ body: (Range<Int>, SegmentKind, UInt64) -> Void) -> Bool {
        // Local copies: a static read in the loop would check its lazy initialisation each time.
        classes.withUnsafeBufferPointer { table in
            segments(text, range, table, extraScalars, body)
        }
    }

    @inline(__always)
    private static func segments(_ text: UnsafePointer<UInt16>, _ range: Range<Int>, _ table: UnsafeBufferPointer<Class>,
                                 _ extras: [UInt16], _ body: (Range<Int>, SegmentKind, UInt64) -> Void) -> Bool {
        var i = range.lowerBound
        let n = range.upperBound
        @inline(__always) func cls(_ k: Int) -> Class {
            let u = text[k]
            if u < directLimit { return table[Int(u)] }
            if let e = extras.firstIndex(of: u) { return table[Int(directLimit) + e] }
            return .unsupported
        }
        @inline(__always) func lower(_ u: UInt16) -> UInt16 { (u >= 0x41 && u <= 0x5A) ? u | 0x20 : u }
        // "@" is among ICU's letters too (see `asciiClass`); the tight loop leaves it to `cls`.
        @inline(__always) func isASCIILetter(_ u: UInt16) -> Bool { u < 0x80 && (u | 0x20) &- 0x61 < 26 }
        while i < n {
            let start = i
            let first = cls(i)
            switch first {
            case .unsupported:
                return false
            case .cr:
                i += (i + 1 < n && cls(i + 1) == .lf) ? 2 : 1
                body(start..<i, .other, 0)
            case .space:
                i += 1
                while i < n, cls(i) == .space { i += 1 }
                body(start..<i, .other, 0)
            case .letter, .numeric, .extendNumLet:
                // `c` is the class of the word's last character so far, `previous` that of
                // the one before it (or of the middle character that joined it).
                var c = first
                var previous: Class? = nil
                // Only ASCII folds by lower-casing; other words get their hash from the fold.
                var ascii = text[i] < 0x80
                var hash = UnitHash.add(UnitHash.seed, lower(text[i]))
                while true {
                    var k = i + 1
                    guard k < n else { i = k; break }
                    if c == .letter, isASCIILetter(text[k]) {
                        // Inside a word of ASCII letters, which is most of any text: a tight
                        // loop, the classes being known.
                        repeat {
                            hash = UnitHash.add(hash, text[k] | 0x20)
                            k += 1
                        } while k < n && isASCIILetter(text[k])
                        previous = .letter
                        i = k - 1
                        continue
                    }
                    let next = cls(k)
                    if next == .letter || next == .numeric || next == .extendNumLet {
                        previous = c
                        c = next
                        ascii = ascii && text[k] < 0x80
                        hash = UnitHash.add(hash, lower(text[k]))
                        i = k
                        continue
                    }
                    if next == .unsupported { return false }
                    // A middle character joins two letters ("can't", "e.g") or two digits ("3,5").
                    // (ICU's letters-only middles, such as "·", are left to ICU.)
                    if k + 1 < n {
                        let after = cls(k + 1)
                        if after == .unsupported { return false }
                        if (c == .letter && after == .letter && next == .midNumLet)
                            || (c == .numeric && after == .numeric && (next == .midNum || next == .midNumLet)) {
                            previous = next
                            c = after
                            ascii = ascii && text[k] < 0x80 && text[k + 1] < 0x80
                            hash = UnitHash.add(UnitHash.add(hash, text[k]), lower(text[k + 1]))
                            i = k + 1
                            continue
                        }
                    }
                    i = k
                    break
                }
                // ICU's kind is that of the rule that joined the last character: after a letter
                // or a joiner a joiner keeps "letters", after a digit "number"; a lone joiner
                // is no word.
                let kind: SegmentKind
                switch c {
                case .letter: kind = .letters
                case .numeric: kind = .number
                default: kind = previous == nil ? .other : previous == .numeric ? .number : .letters
                }
                body(start..<i, kind, ascii ? UnitHash.finish(hash) : 0)
            default:
                i += 1
                body(start..<i, .other, 0)
            }
        }
        return true
    }
}

/// Reads a character's word-break class off ICU: how ICU segments a few strings around it,
/// compared with how it segments them around an ASCII character of each class.
private struct ClassProbe {
    let words: BreakIterator
    private var known: [(signature: [String], cls: FastWordBreaks.Class)] = []

    init() throws(ICUError) {
        words = try BreakIterator(.word)
        for (u, cls) in [(0x61, FastWordBreaks.Class.letter), (0x31, .numeric), (0x2E, .midNumLet), (0x2C, .midNum),
                         (0x5F, .extendNumLet), (0x20, .space), (0x23, .other)] {
            known.append((signature(UInt16(u)), cls))
        }
    }

    func classify(_ u: UInt16) -> FastWordBreaks.Class {
        let s = signature(u)
        return known.first { $0.signature == s }?.cls ?? .unsupported
    }

    /// Boundaries and kinds of ICU's segments of probe strings with `u` in several places.
    private func signature(_ u: UInt16) -> [String] {
        let a: UInt16 = 0x61, b: UInt16 = 0x62, one: UInt16 = 0x31, two: UInt16 = 0x32, space: UInt16 = 0x20
        let probes: [[UInt16]] = [[a, b, u, a, b], [u, a, b], [one, two, u, one, two], [a, b, u], [u, u], [u],
                                  [u, one], [one, u], [space, u, space], [u, space, u], [a, u, one], [one, u, a]]
        return probes.map { units in
            let text = UTF16Buffer(units)
            words.setText(text)
            var out = ""
            var start = words.first()
            while let end = words.next() {
                out += "\(start)-\(end):\(words.segmentKind.rawValue) "
                start = end
            }
            return out
        }
    }
}
