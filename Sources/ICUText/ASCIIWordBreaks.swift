/// Word segments of ASCII text, the same segments and kinds that ICU's word-break rules
/// give (a differential test holds them to it), without ICU. Most paragraphs of English
/// copy are ASCII, and ICU's rule-driven iterator costs more per unit than the rest of the
/// tokenizer together.
public enum ASCIIWordBreaks {
    /// Word_Break values of the ASCII characters (UAX #29), as ICU's rules use them.
    enum Class: UInt8 {
        case other, cr, lf, newline, letter, numeric, midNumLet, midLetter, midNum, singleQuote, extendNumLet, space
    }

    static let classes: [Class] = (0..<128).map { (u: Int) -> Class in
        switch u {
        case 0x0D: .cr
        case 0x0A: .lf
        case 0x0B, 0x0C: .newline
        // ICU 72 gives "@" the letters' class.
        case 0x40...0x5A, 0x61...0x7A: .letter
        case 0x30...0x39: .numeric
        case 0x2E: .midNumLet
        case 0x27: .singleQuote
        case 0x2C, 0x3B: .midNum
        case 0x5F: .extendNumLet
        case 0x20: .space
        default: .other
        }
    }

    /// Calls `body` with each segment of `range` in `text` (all ASCII), its kind, and for
    /// words and numbers the `UnitHash` of their lower-cased text (0 for the rest), made in
    /// the same pass.
    @inline(__always)
    public static func forEach(_ text: UnsafePointer<UInt16>, _ range: Range<Int>, _ body: (Range<Int>, SegmentKind, UInt64) -> Void) {
        var i = range.lowerBound
        let n = range.upperBound
        // A local copy: a static read in the loop would check its lazy initialisation each time.
        let table = classes
        @inline(__always) func cls(_ k: Int) -> Class { table[Int(text[k])] }
        @inline(__always) func lower(_ u: UInt16) -> UInt16 { (u >= 0x41 && u <= 0x5A) ? u | 0x20 : u }
        while i < n {
            let start = i
            switch cls(i) {
            case .cr:
                i += (i + 1 < n && cls(i + 1) == .lf) ? 2 : 1
                body(start..<i, .other, 0)
            case .space:
                i += 1
                while i < n, cls(i) == .space { i += 1 }
                body(start..<i, .other, 0)
            case .letter, .numeric, .extendNumLet:
                // ICU's kind is that of the rule that joined the last character: after a letter
                // or a joiner a joiner keeps "letters", after a digit "number"; a lone joiner
                // is no word.
                var kind: SegmentKind = .other
                var previous: Class? = nil
                var hash = UnitHash.add(UnitHash.seed, lower(text[i]))
                while true {
                    let c = cls(i)
                    switch c {
                    case .letter: kind = .letters
                    case .numeric: kind = .number
                    default: kind = previous == nil ? .other : previous == .numeric ? .number : .letters
                    }
                    let k = i + 1
                    guard k < n else { i = k; break }
                    let next = cls(k)
                    if next == .letter || next == .numeric || next == .extendNumLet {
                        previous = c
                        hash = UnitHash.add(hash, lower(text[k]))
                        i = k
                        continue
                    }
                    // A middle character joins two letters ("can't", "e.g") or two digits ("3,5").
                    if k + 1 < n {
                        let after = cls(k + 1)
                        if (c == .letter && after == .letter && (next == .midLetter || next == .midNumLet || next == .singleQuote))
                            || (c == .numeric && after == .numeric && (next == .midNum || next == .midNumLet || next == .singleQuote)) {
                            previous = next
                            hash = UnitHash.add(UnitHash.add(hash, text[k]), lower(text[k + 1]))
                            i = k + 1
                            continue
                        }
                    }
                    i = k
                    break
                }
                body(start..<i, kind, UnitHash.finish(hash))
            default:
                i += 1
                body(start..<i, .other, 0)
            }
        }
    }
}
