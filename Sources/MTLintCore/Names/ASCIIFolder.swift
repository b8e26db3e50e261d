import Foundation
import ICUText

/// Names to ASCII as ICU's "Any-Latin; Latin-ASCII" makes them ("Erdoğan": "Erdogan",
/// "Зеленский": "Zelenskij"). Latin letters go through `LatinASCII`; anything else through
/// ICU's transform, opened on first need: opening it reads ICU's registry of transforms,
/// 150 million instructions, an eighth of a run's start-up, for gazetteers and articles
/// whose names are nearly all in Latin letters. Not thread-safe (neither is the transform):
/// one per worker, or per rule while it loads.
public final class ASCIIFolder {
    /// nil until first needed; then the transform, or nil inside when ICU cannot open it.
    private var icu: Transliterator?? = nil

    public init() {}

    /// `s` in ASCII where the transform can make it so; text it cannot transliterate, or
    /// all text when ICU is unavailable, stays as it is.
    public func apply(_ s: String) -> String {
        if let latin = LatinASCII.apply(s) { return latin }
        if icu == nil { icu = .some(try? Transliterator(NameFolding.transform)) }
        return icu!?.apply(s) ?? s
    }

    /// Whether ICU's transform was opened, for tests.
    var openedICU: Bool { icu != nil }
}

/// What ICU's "Latin-ASCII" makes of text in Latin letters, for the letters whose result does
/// not depend on their neighbours: ASCII stays; a precomposed letter whose canonical
/// decomposition is an ASCII letter and combining marks loses the marks ("ğ": "g"); a few
/// letters with no decomposition have their ASCII spelling here ("ł": "l", "ß": "ss"). Capital
/// ligatures are left to ICU, which writes "Æ" as "AE" or "Ae" by the letter after it. A test
/// holds every letter this knows to ICU's own result, alone and between others.
enum LatinASCII {
    /// nil when `s` has a character this does not know.
    static func apply(_ s: String) -> String? {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else if let ascii = table[scalar.value] {
                out += ascii
            } else {
                return nil
            }
        }
        return out
    }

    /// The letters known, by scalar value.
    static let table: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for v in range {
                guard let scalar = Unicode.Scalar(v), let ascii = decomposedLetter(scalar) else { continue }
                t[UInt32(v)] = ascii
            }
        }
        for (letter, ascii) in undecomposable { t[letter.unicodeScalars.first!.value] = ascii }
        return t
    }()

    /// Letters with no canonical decomposition, and marks within names, with their ASCII in
    /// "Latin-ASCII".
    static let undecomposable: [(String, String)] = [
        ("æ", "ae"), ("ß", "ss"), ("ð", "d"), ("Ð", "D"), ("ø", "o"), ("Ø", "O"), ("þ", "th"),
        ("đ", "d"), ("Đ", "D"), ("ħ", "h"), ("Ħ", "H"), ("ı", "i"), ("ĳ", "ij"), ("ĸ", "q"),
        ("ŀ", "l"), ("Ŀ", "L"), ("ł", "l"), ("Ł", "L"), ("ŋ", "n"), ("Ŋ", "N"), ("œ", "oe"),
        ("ŧ", "t"), ("Ŧ", "T"), ("ſ", "s"), ("ƀ", "b"), ("ƒ", "f"), ("ɨ", "i"), ("ʉ", "u"),
        // Apostrophes and hyphens inside names ("O’Brien").
        ("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{2010}", "-"), ("\u{2011}", "-"),
    ]

    /// The ASCII letter that `scalar` decomposes to with combining diacritics (U+0300 to
    /// U+036F) after it, if that is all it decomposes to.
    private static func decomposedLetter(_ scalar: Unicode.Scalar) -> String? {
        let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let first = parts.first, first.properties.isAlphabetic, first.isASCII, parts.count > 1,
              parts.dropFirst().allSatisfy({ (0x0300...0x036F).contains($0.value) }) else { return nil }
        return String(first)
    }
}
