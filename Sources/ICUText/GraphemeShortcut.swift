internal import CICUShim

/// Grapheme cluster boundaries that need no break iterator: between two BMP characters whose
/// Grapheme_Cluster_Break is Other, the rules always break (no rule before the last joins
/// them: extending marks, joiners, prepended marks, Hangul, regional indicators and line ends
/// all have other values). Accented letters, curly quotes and dashes are such characters, and
/// an ICU iterator's `following` cost some 2,800 instructions on news text for each one.
public enum GraphemeShortcut {
    /// One bit per BMP unit, surrogates cleared: 8 KB, made on first use.
    private static let table: [UInt64] = (0..<1024).map { word in
        var bits: UInt64 = 0
        for bit in 0..<64 {
            let u = UInt32(word * 64 + bit)
            if !(0xD800...0xDFFF).contains(u), cicu_grapheme_break_is_other(u) != 0 { bits |= 1 << UInt64(bit) }
        }
        return bits
    }

    /// Whether `u` is a character that stands alone beside another such one.
    @inline(__always)
    public static func standsAlone(_ u: UInt16) -> Bool {
        (table[Int(u >> 6)] >> UInt64(u & 63)) & 1 != 0
    }

    /// Whether a boundary lies before unit `i` of `text` (`count` units long) for certain;
    /// false means only that the iterator must be asked.
    @inline(__always)
    public static func isBoundary(_ text: UnsafePointer<UInt16>, _ i: Int, count: Int) -> Bool {
        i <= 0 || i >= count || (standsAlone(text[i - 1]) && standsAlone(text[i]))
    }
}
