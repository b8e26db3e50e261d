internal import CICUShim

/// What a word-break segment holds, from ICU's rule status.
public enum SegmentKind: UInt8, Sendable {
    /// Spaces, punctuation and symbols.
    case other
    case number
    case letters
    /// CJK ideographs and kana: ICU 72 gives kana runs the ideograph status too.
    case ideographs
}

/// One ICU break iterator. It is not thread-safe and it points into the text it was given,
/// so each worker owns its own and the text must outlive the iteration.
public final class BreakIterator {
    public enum Unit: Sendable { case grapheme, word, sentence }

    private let iterator: OpaquePointer
    private var offset = 0
    private var textEnd = 0
    /// ICU reads the text through a raw pointer; holding the buffer keeps that pointer valid.
    private var text: UTF16Buffer?

    public init(_ unit: Unit, locale: String = "en") throws(ICUError) {
        let kind: Int32
        switch unit {
        case .grapheme: kind = 0
        case .word: kind = 1
        case .sentence: kind = 3
        }
        var status: Int32 = 0
        let it = locale.withCString { cicu_break_open(kind, $0, &status) }
        guard let it, status <= 0 else {
            if let it { cicu_break_close(it) }
            throw ICUError(status)
        }
        self.iterator = it
    }

    deinit { cicu_break_close(iterator) }

    /// Iterates `range` of `text`; boundaries come back as indices into the whole text.
    public func setText(_ text: UTF16Buffer, range: Range<Int>) {
        self.text = text
        var status: Int32 = 0
        cicu_break_set_text(iterator, text.base + range.lowerBound, Int32(range.count), &status)
        offset = range.lowerBound
        textEnd = range.upperBound
    }

    public func setText(_ text: UTF16Buffer) { setText(text, range: 0..<text.count) }

    public func first() -> Int { Int(cicu_break_first(iterator)) + offset }

    /// The next boundary, or nil at the end.
    public func next() -> Int? {
        let b = cicu_break_next(iterator)
        return b < 0 ? nil : Int(b) + offset
    }

    /// The first boundary after `index`, or nil.
    public func following(_ index: Int) -> Int? {
        let b = cicu_break_following(iterator, Int32(index - offset))
        return b < 0 ? nil : Int(b) + offset
    }

    /// The last boundary before `index`, or nil.
    public func preceding(_ index: Int) -> Int? {
        let b = cicu_break_preceding(iterator, Int32(index - offset))
        return b < 0 ? nil : Int(b) + offset
    }

    public func isBoundary(_ index: Int) -> Bool {
        cicu_break_is_boundary(iterator, Int32(index - offset)) != 0
    }

    /// The kind of the segment that ends at the boundary last returned (word iterators only).
    public var segmentKind: SegmentKind {
        let status = cicu_break_rule_status(iterator)
        switch status {
        case 100..<200: return .number
        case 200..<300: return .letters
        case 300..<500: return .ideographs
        default: return .other
        }
    }

    /// Snaps `range` outward to the nearest boundaries (grapheme iterators, for spans).
    public func widen(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        if lower > offset, lower < textEnd, !isBoundary(lower) { lower = preceding(lower) ?? offset }
        if upper > offset, upper < textEnd, !isBoundary(upper) { upper = following(upper) ?? textEnd }
        return lower..<Swift.max(lower, upper)
    }
}
