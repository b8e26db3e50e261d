import CUnitScan

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

    /// `classes` as the C loop reads them: the class's raw value, with 0x80 for White_Space.
    static let cTable: [UInt8] = {
        let whiteSpace = (0..<directLimit).map { CharacterProperties.isWhitespace(UInt32($0)) }
            + extraScalars.map { CharacterProperties.isWhitespace(UInt32($0)) }
        return zip(classes, whiteSpace).map { $0.rawValue | ($1 ? 0x80 : 0) }
    }()

    /// Segments the C loop writes at a time.
    static let batch = 256

    /// Appends each segment of `range` in `text` to `segments`. Returns false, having stopped
    /// somewhere, at a character it does not know; the caller then segments the range with
    /// ICU instead. `tables` is `Tables.shared`, held by the caller: reading a lazy static
    /// checks its initialisation, which costs more than segmenting a short paragraph.
    ///
    /// `mayRepeatWord` tells whether a word of letters may follow itself in the range (see
    /// `mt_repeat_state`): false lets the check for doubled words pass over it. It means
    /// something only when the segments are all made (the call returns true).
    public static func segments(_ text: UnsafePointer<UInt16>, _ range: Range<Int>, tables: Tables,
                                into segments: inout [WordSegment], mayRepeatWord: inout Bool) -> Bool {
        var repeats = mt_repeat_state()
        defer { mayRepeatWord = repeats.may_repeat != 0 }
        return tables.table.withUnsafeBufferPointer { table in
            tables.extras.withUnsafeBufferPointer { extras in
                withUnsafeTemporaryAllocation(of: WordSegment.self, capacity: batch) { buffer in
                    var i = range.lowerBound
                    while i < range.upperBound {
                        var next = 0
                        var unknown: Int32 = 0
                        let count = mt_word_segments(text, i, range.upperBound, table.baseAddress, directLimit,
                                                     extras.baseAddress, extras.count, buffer.baseAddress, batch, &next, &unknown,
                                                     &repeats)
                        // Plain data: appended as one copy.
                        segments.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
                        if unknown != 0 { return false }
                        i = next
                    }
                    return true
                }
            }
        }
    }

    /// The tables, made once per process and handed around by reference.
    public final class Tables: Sendable {
        public static let shared = Tables()
        let table: [UInt8]
        let extras: [UInt16]

        private init() {
            table = FastWordBreaks.cTable
            extras = FastWordBreaks.extraScalars
        }
    }
}

/// A word-break segment of the NFC text. It is the C segmenter's struct, so that segments
/// go from it to the tokenizer's arrays as one copy; these properties read its fields.
public typealias WordSegment = mt_segment

extension WordSegment {
    /// `initial`: the first unit of the segment's text, from which a word of letters gets its
    /// `initialValue`.
    public init(range: Range<Int>, kind: SegmentKind, isSpace: Bool, lineBreaks: Int, initial: UInt16, foldedHash: UInt64 = 0) {
        // The C segmenter's own rule, so that ICU's segments are marked as its are.
        let initialValue = kind == .letters ? mt_initial_of(initial) : 0
        self.init(start: range.lowerBound, end: range.upperBound, foldedHash: foldedHash, breakCount: UInt32(clamping: lineBreaks),
                  kindValue: kind.rawValue, isSpaceValue: isSpace ? 1 : 0, initialValue: initialValue)
    }

    @inline(__always) public var range: Range<Int> { Range(uncheckedBounds: (start, end)) }
    /// What the segment is; `kindValue` only ever holds a `SegmentKind`.
    @inline(__always) public var kind: SegmentKind { SegmentKind(rawValue: kindValue) ?? .other }
    /// White space only (never a word, number or punctuation).
    @inline(__always) public var isSpace: Bool { isSpaceValue != 0 }
    /// Line breaks inside a white-space segment (a CR LF pair counts once).
    @inline(__always) public var lineBreaks: Int { Int(breakCount) }
    @inline(__always) public var isWord: Bool { kindValue != SegmentKind.other.rawValue }
    /// A word of letters whose first unit is A–Z.
    @inline(__always) public var startsWithASCIICapital: Bool { initialValue == UInt8(MT_INITIAL_ASCII_UPPER) }
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
