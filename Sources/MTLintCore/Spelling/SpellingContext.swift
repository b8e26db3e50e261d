import Foundation
import ICUText

/// Where a word is not prose to spell-check, decided from the text around it. Asked only
/// of the few words the dictionaries lack, so it may look around freely.
struct SpellingContext {
    let text: UTF16Buffer
    /// Whether a lower-case word is known: in a dictionary of the article's variety, or
    /// accepted.
    let known: (String) -> Bool

    /// How far the looks around a word go, in UTF-16 units: a URL, a compound or a word is
    /// shorter, and a line of ten million characters must not be read once per word.
    static let reach = 256
    /// How far a code span's backticks are looked for on the word's line.
    static let codeReach = 2_000

    /// Whether the word at `range`, which the dictionary lacks, is to be left alone.
    /// Whether a lower-case word is in the curated list of misspellings: such a word is a
    /// slip wherever it stands, and beside another word it makes no foreign phrase.
    var isListedMisspelling: (String) -> Bool = { _ in false }

    func excuses(_ range: Range<Int>) -> Bool {
        if Self.hasCapital(range, text) || isInOtherText(range) { return true }
        if isListedMisspelling(SpellingLexicon.straightApostrophes(text.string(range))) { return false }
        return isNameParticle(range) || isHyphenatedNamePart(range) || isUnitAfterNumber(range) || isKnownCompoundPart(range)
            || isKnownFormation(text.string(range)) || isInForeignRun(range)
    }

    /// Whether a capital letter stands in the word ("iPhone", "eBay": names).
    static func hasCapital(_ range: Range<Int>, _ text: UTF16Buffer) -> Bool {
        for k in range {
            let u = text[k]
            if (u >= 0x41 && u <= 0x5A) || (u >= 0xC0 && CharacterProperties.isUppercase(UInt32(u))) { return true }
        }
        return false
    }

    /// Invisible characters and U+FFFD, which break a word in two for the tokenizer.
    @inline(__always)
    static func isBreaking(_ u: UInt16) -> Bool {
        u == 0xAD || (u >= 0x200B && u <= 0x200D) || u == 0x2060 || u == 0xFEFF || u == 0xFFFD
    }

    /// "£35 bn", "23 hrs": a short abbreviation after a number is a unit.
    func isUnitAfterNumber(_ range: Range<Int>) -> Bool {
        guard range.count <= 3, range.lowerBound >= 2, text[range.lowerBound - 1] == 0x20 else { return false }
        let u = text[range.lowerBound - 2]
        return u >= 0x30 && u <= 0x39
    }

    /// Prefixes that English joins to any word ("unreformable", "deregistration").
    static let prefixes = ["un", "re", "de", "dis", "non", "pre", "mis", "over", "under", "out", "anti", "co", "sub", "super",
                           "inter", "multi", "counter", "post", "semi", "mini", "micro", "mega", "ultra", "cyber", "eco", "euro",
                           "tele", "neuro", "bio", "geo", "hyper", "auto", "petro", "agri", "mono", "poly", "info", "techno"]
    /// Short words that start no closed compound: "thefirst" and "andthen" are missing spaces.
    static let notCompoundStarts: Set<String> = ["the", "and", "for", "was", "his", "her", "you", "not", "but", "are", "its",
                                                 "has", "had", "who", "she", "him", "our", "out", "can", "all", "any"]

    /// Words that dictionaries leave out because English makes them freely: a possessive
    /// of a known word, a prefix before a known word, or two known words closed up
    /// ("showbusiness", "carmaking"; each of three letters at least, and not "the", "and"…).
    /// A missing space between two short words ("inthe") is still reported.
    func isKnownFormation(_ word: String) -> Bool {
        let w = SpellingLexicon.straightApostrophes(word)
        if w.hasSuffix("'s") { return known(String(w.dropLast(2))) || isKnownFormation(String(w.dropLast(2))) }
        guard !w.contains("'") else { return false }
        let chars = Array(w)
        for p in Self.prefixes where w.hasPrefix(p) && chars.count - p.count >= 4 {
            if known(String(chars[p.count...])) { return true }
        }
        // Plurals and agent nouns of a known word ("wadis", "sentencers", "winless").
        for suffix in ["s", "es", "rs", "r", "ers", "er", "less", "ness", "ist", "ists", "ism"]
        where chars.count - suffix.count >= 3 && w.hasSuffix(suffix) {
            if known(String(chars[..<(chars.count - suffix.count)])) { return true }
        }
        guard chars.count >= 7 else { return false }
        for i in 3...(chars.count - 3) {
            let left = String(chars[..<i]), right = String(chars[i...])
            if i == 3, Self.notCompoundStarts.contains(left) { continue }
            if known(left), known(right) || (right.hasSuffix("s") && known(String(right.dropLast()))) { return true }
        }
        return false
    }

    /// A hashtag or handle, part of a URL, an e-mail address, a file or domain name, an
    /// HTML entity, a code span, or a word broken by an invisible or undecodable character
    /// (other packs' findings).
    func isInOtherText(_ range: Range<Int>) -> Bool {
        let before: UInt16? = range.lowerBound > 0 ? text[range.lowerBound - 1] : nil
        let after: UInt16? = range.upperBound < text.count ? text[range.upperBound] : nil
        if let b = before, [0x23, 0x40, 0x5F, 0x5C, 0x2F, 0x2E, 0x3B, 0x26, 0x200B, 0x200C, 0x200D, 0x2060, 0xAD, 0xFEFF, 0xFFFD].contains(b) { return true }
        if let a = after, [0x40, 0x5F, 0x5C, 0x2F, 0x28, 0x26, 0x3D, 0x200B, 0x200C, 0x200D, 0x2060, 0xAD, 0xFFFD].contains(a) { return true }
        // "br />": a tag's name before its closing slash.
        if after == 0x20, range.upperBound + 1 < text.count, text[range.upperBound + 1] == 0x2F { return true }
        // "example.com", "file.txt": a full stop joined to the next letters.
        if after == 0x2E, range.upperBound + 1 < text.count, isLetterOrDigit(text[range.upperBound + 1]) { return true }
        // The run of non-blank characters around the word: a URL or an e-mail address.
        var s = range.lowerBound, e = range.upperBound
        while s > 0, range.lowerBound - s < Self.reach, !isBlank(text[s - 1]) { s -= 1 }
        while e < text.count, e - range.upperBound < Self.reach, !isBlank(text[e]) { e += 1 }
        if contains([0x3A, 0x2F, 0x2F], in: s..<e) || contains([0x40], in: s..<e) || contains([0x77, 0x77, 0x77, 0x2E], in: s..<e) { return true }
        return isInCodeSpan(range)
    }

    /// "Banque du Caire", "David dal Maso": a lower-case word between two capitalised ones
    /// is part of a name.
    func isNameParticle(_ range: Range<Int>) -> Bool {
        guard let b = word(before: range), let a = word(after: range) else { return false }
        return isCapitalised(b) && isCapitalised(a)
    }

    /// "Kim Jong-chol", "Chung Hong-won": a lower-case part after a hyphen, joined to a
    /// capitalised part that follows a capitalised word, is part of a name (Korean given
    /// names are written so). At a sentence's start ("Post-electon") it is still checked.
    func isHyphenatedNamePart(_ range: Range<Int>) -> Bool {
        guard range.lowerBound >= 2, isHyphen(text[range.lowerBound - 1]) else { return false }
        let end = range.lowerBound - 1
        var s = end
        while s > 0, end - s < Self.reach, isLetter(text[s - 1]) { s -= 1 }
        guard s < end, isUppercase(text[s]), let family = word(before: s..<end) else { return false }
        return isCapitalised(family)
    }

    /// A part of a hyphenated compound ("sci-fi", "co-ordinated", "eight-year-olds") is
    /// checked with the compound: it passes when the compound, with or without its hyphens,
    /// is known, when the part is a short prefix or ending, or when it is a known word plus
    /// a plural "s".
    func isKnownCompoundPart(_ range: Range<Int>) -> Bool {
        let hyphenBefore = range.lowerBound >= 2 && isHyphen(text[range.lowerBound - 1]) && isLetter(text[range.lowerBound - 2])
        let hyphenAfter = range.upperBound + 1 < text.count && isHyphen(text[range.upperBound]) && isLetter(text[range.upperBound + 1])
        guard hyphenBefore || hyphenAfter else { return false }
        var part = SpellingLexicon.straightApostrophes(text.string(range))
        if part.hasSuffix("'s") { part.removeLast(2) }
        if part.count <= 3 { return true }
        if part.hasSuffix("s"), known(String(part.dropLast())) { return true }
        var s = range.lowerBound, e = range.upperBound
        while s > 0, range.lowerBound - s < Self.reach, isLetter(text[s - 1]) || (isHyphen(text[s - 1]) && s >= 2 && isLetter(text[s - 2])) { s -= 1 }
        while e < text.count, e - range.upperBound < Self.reach,
              isLetter(text[e]) || (isHyphen(text[e]) && e + 1 < text.count && isLetter(text[e + 1])) { e += 1 }
        let compound = text.string(s..<e).lowercased()
        return known(compound) || known(compound.replacingOccurrences(of: "-", with: ""))
    }

    /// Two unknown lower-case words within two words of each other are foreign text
    /// ("joie de vivre", "auf Wiedersehen"), not two slips.
    func isInForeignRun(_ range: Range<Int>) -> Bool {
        var r = range
        for _ in 0..<2 {
            guard let b = word(before: r) else { break }
            if isUnknownLowercase(b) { return true }
            r = b
        }
        r = range
        for _ in 0..<2 {
            guard let a = word(after: r) else { break }
            if isUnknownLowercase(a) { return true }
            r = a
        }
        return false
    }

    private func isUnknownLowercase(_ r: Range<Int>) -> Bool {
        let first = text[r.lowerBound]
        guard first >= 0x61 && first <= 0x7A || first >= 0xC0 && !isUppercase(first), r.count >= 2 else { return false }
        let w = text.string(r)
        let key = SpellingLexicon.straightApostrophes(w)
        return SpellingLexicon.isLatinLowercaseWord(w) && !known(key) && !isListedMisspelling(key)
    }

    /// The word just before `range`, across one space at most (not across punctuation).
    func word(before range: Range<Int>) -> Range<Int>? {
        var k = range.lowerBound
        if k > 0, text[k - 1] == 0x20 { k -= 1 } else { return nil }
        let e = k
        while k > 0, e - k < Self.reach, isLetter(text[k - 1]) { k -= 1 }
        return k < e ? k..<e : nil
    }

    func word(after range: Range<Int>) -> Range<Int>? {
        var k = range.upperBound
        if k < text.count, text[k] == 0x20 { k += 1 } else { return nil }
        let s = k
        while k < text.count, k - s < Self.reach, isLetter(text[k]) { k += 1 }
        return s < k ? s..<k : nil
    }

    private func isCapitalised(_ r: Range<Int>) -> Bool { isUppercase(text[r.lowerBound]) }

    private func isUppercase(_ u: UInt16) -> Bool {
        (u >= 0x41 && u <= 0x5A) || (u >= 0xC0 && CharacterProperties.isUppercase(UInt32(u)))
    }

    /// Whether the units `needle` occur in `range` of the text.
    private func contains(_ needle: [UInt16], in range: Range<Int>) -> Bool {
        guard range.count >= needle.count else { return false }
        var i = range.lowerBound
        while i + needle.count <= range.upperBound {
            var k = 0
            while k < needle.count, text[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
            i += 1
        }
        return false
    }

    /// Inside `code` on its line, in any file (Markdown's are skipped by the engine too).
    private func isInCodeSpan(_ range: Range<Int>) -> Bool {
        var ticksBefore = 0
        var k = range.lowerBound - 1
        while k >= 0, range.lowerBound - k <= Self.codeReach, text[k] != 0x0A, text[k] != 0x0D {
            if text[k] == 0x60 { ticksBefore += 1 }
            k -= 1
        }
        guard ticksBefore % 2 == 1 else { return false }
        k = range.upperBound
        while k < text.count, k - range.upperBound < Self.codeReach, text[k] != 0x0A, text[k] != 0x0D {
            if text[k] == 0x60 { return true }
            k += 1
        }
        return false
    }

    private func isBlank(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0xA0 }
    private func isHyphen(_ u: UInt16) -> Bool { u == 0x2D || u == 0x2010 || u == 0x2011 }

    /// Letters and apostrophes inside words; UTF-16 units of letters outside the BMP count
    /// as letters too (surrogates), which only widens a word seen from outside.
    private func isLetter(_ u: UInt16) -> Bool {
        if u < 0x80 { return (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x27 }
        return u == 0x2019 || (u >= 0xD800 && u <= 0xDFFF) || CharacterProperties.isAlphabetic(UInt32(u))
    }

    private func isLetterOrDigit(_ u: UInt16) -> Bool {
        (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A)
    }
}
