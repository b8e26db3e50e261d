import ICUText

/// Sentences broken by bad segmentation. `dangling-quote`: the tail of a quotation left
/// behind as a sentence of its own (`acting," he said.`): it starts in lower case, ends in a
/// closing quote and an attribution, and no quotation is open where it starts.
/// `lowercase-start`: a sentence after a full stop that starts in lower case, where the
/// word before the stop is no abbreviation and the word after is no name like "iPhone".
/// `missing-terminal`: a body paragraph (twelve words or more, after the first one that
/// ends properly, not the last paragraph, no heading or list item) that ends without terminal punctuation in an article whose other body
/// paragraphs have it.
struct FragmentRule: Rule, RuleKind {
    static let name = "fragment"
    static let keys = ["check"]

    enum Check: String, CaseIterable {
        case danglingQuote = "dangling-quote"
        case lowercaseStart = "lowercase-start"
        case missingTerminal = "missing-terminal"
    }

    /// Abbreviations a full stop can end without ending the sentence.
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "no", "nos", "p", "pp", "vol", "ch", "fig", "al",
        "co", "corp", "inc", "ltd", "llc", "plc", "bros",
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "rev", "gov", "sen", "rep",
        "a.m", "p.m", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    static let speechVerbs: Set<String> = [
        "said", "says", "added", "adds", "told", "tells", "asked", "asks", "explained", "noted", "stressed", "warned",
        "insisted", "continued", "wrote", "argued", "replied", "declared", "stated", "claimed", "concluded", "admitted",
    ]
    static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i", "you"]

    let meta: RuleMeta
    let check: Check

    static func canFix(_ c: RuleDecodingContext) -> Bool {
        guard c.meta.applicability != .displayOnly, let s = try? c.yaml.string("check", what: "rule") else { return false }
        return s == Check.lowercaseStart.rawValue || s == Check.missingTerminal.rawValue
    }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard let check: Check = try c.yaml.choice("check", what: "rule") else {
            throw RuleFileError(c.yaml.location, "a fragment rule needs 'check'; valid values: \(Check.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return FragmentRule(meta: c.meta, check: check)
    }

    var collects: Bool { true }

    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        check == .missingTerminal ? TerminalPunctuationCollector(rule: self, text: document.text) : nil
    }

    var checksParagraphs: Bool { check != .missingTerminal }

    func check(paragraph: inout Paragraph, document: Document, into findings: inout [RawFinding]) {
        guard check != .missingTerminal else { return }
        let text = document.text
        let range = paragraph.range
        var open = false        // a quotation is open here
        var sentenceStart = true
        var i = range.lowerBound
        while i < range.upperBound {
            // Inside a sentence only quotation marks and sentence ends change anything: skip
            // everything else at once.
            if !sentenceStart {
                i = UnitScan.first(in: text.base, i..<range.upperBound, 0x22, 0x21, 0x2E, 0x3F, 0x201C, 0x201D)
                if i == range.upperBound { break }
            }
            let u = text[i]
            if sentenceStart, Self.isLowercaseLetter(u), !open {
                switch check {
                case .danglingQuote:
                    if let end = danglingTail(from: i, in: text, limit: range.upperBound) {
                        findings.append(RawFinding(range: i..<end, message: meta.message(match: text.string(i..<end))))
                        i = end
                        continue
                    }
                case .missingTerminal:
                    break
                case .lowercaseStart:
                    if afterFullStop(i, in: text, from: range.lowerBound), let end = lowercaseWord(at: i, in: text, limit: range.upperBound),
                       danglingTail(from: i, in: text, limit: range.upperBound) == nil {
                        let word = text.string(i..<end)
                        let capitalised = CaseMapping.uppercased(String(word.prefix(1))) + word.dropFirst()
                        findings.append(RawFinding(range: i..<end, message: meta.message(match: word, replacement: capitalised),
                                                   replacement: meta.applicability == .displayOnly ? nil : capitalised))
                    }
                }
            }
            switch u {
            case 0x201C: open = true
            case 0x201D: open = false
            case 0x22: open.toggle()
            default: break
            }
            if u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0xFEFF {
                // Whitespace keeps a sentence start pending.
            } else if u == 0x2E || u == 0x21 || u == 0x3F {
                sentenceStart = Self.endsSentence(at: i, in: text, limit: range.upperBound)
            } else if (u == 0x201D || u == 0x22 || u == 0x2019) && sentenceStart {
                // A closing quote after a full stop: the next sentence still starts after it.
            } else {
                sentenceStart = false
            }
            i += 1
        }
    }

    /// Whether the sentence at `i` follows a full stop ending a word that is no abbreviation,
    /// and no ellipsis.
    private func afterFullStop(_ i: Int, in text: UTF16Buffer, from lower: Int) -> Bool {
        var j = i - 1
        while j >= lower, text[j] == 0x20 { j -= 1 }
        guard j > lower, text[j] == 0x2E, text[j - 1] != 0x2E else { return false }
        var k = j
        while k > lower, text[k - 1] != 0x20, text[k - 1] != 0x0A, text[k - 1] != 0x28, text[k - 1] != 0x22, text[k - 1] != 0x201C { k -= 1 }
        let word = CaseMapping.fold(text.string(k..<j))
        if word.count <= 1 || Self.abbreviations.contains(word) { return false }
        // "U.S." and "a.m.": a dotted abbreviation.
        if word.contains(".") { return false }
        return word.unicodeScalars.allSatisfy { CharacterProperties.isAlphabetic($0.value) }
    }

    /// The end of the word at `i` when it is all lower case ("iPhone" and "eBay" are names).
    private func lowercaseWord(at i: Int, in text: UTF16Buffer, limit: Int) -> Int? {
        var end = i
        while end < limit, CharacterProperties.isAlphabetic(UInt32(text[end])) {
            if !Self.isLowercaseLetter(text[end]) { return nil }
            end += 1
        }
        return end > i ? end : nil
    }

    /// A full stop followed by whitespace ends a sentence; "3.5" and "U.S." do not.
    private static func endsSentence(at i: Int, in text: UTF16Buffer, limit: Int) -> Bool {
        var j = i + 1
        while j < limit, text[j] == 0x201D || text[j] == 0x22 || text[j] == 0x2019 { j += 1 }
        return j >= limit || text[j] == 0x20 || text[j] == 0x0A || text[j] == 0x0D
    }

    private static func isLowercaseLetter(_ u: UInt16) -> Bool {
        u < 0x80 ? (u >= 0x61 && u <= 0x7A) : CharacterProperties.isLowercase(UInt32(u))
    }

    /// Where a dangling quotation tail that starts at `start` ends (after its attribution's
    /// full stop), or nil. The first word must be all lower case ("iPhone" is a name).
    private func danglingTail(from start: Int, in text: UTF16Buffer, limit: Int) -> Int? {
        var i = start
        while i < limit, CharacterProperties.isAlphabetic(UInt32(text[i])) {
            if text[i] < 0x80, text[i] >= 0x41, text[i] <= 0x5A { return nil }
            i += 1
        }
        // The closing quote, in the same sentence: right after , . ! ? and before a space.
        while i < limit {
            let u = text[i]
            if u == 0x201C { return nil }
            if (u == 0x201D || u == 0x22), i > start, [0x2C, 0x2E, 0x21, 0x3F].contains(text[i - 1]),
               i + 1 < limit, text[i + 1] == 0x20 {
                return attributionEnd(from: i + 2, in: text, limit: limit)
            }
            if (u == 0x2E || u == 0x21 || u == 0x3F), Self.endsSentence(at: i, in: text, limit: limit) { return nil }
            i += 1
        }
        return nil
    }

    /// After the closing quote: a pronoun, a short noun phrase ("a spokesman") or up to four
    /// capitalised words, then a verb of speech, then the rest of the sentence to its full stop.
    private func attributionEnd(from start: Int, in text: UTF16Buffer, limit: Int) -> Int? {
        var end = start
        while end < limit, text[end] != 0x2E, text[end] != 0x21, text[end] != 0x3F, end - start < 120 { end += 1 }
        // Stopped by the length cap inside a sentence: no attribution to end the finding at.
        guard end == limit || [0x2E, 0x21, 0x3F].contains(text[end]) else { return nil }
        let words = text.string(start..<Swift.min(end, limit)).split(separator: " ").map(String.init)
        guard words.count >= 2 else { return nil }
        var k = 0
        if Self.pronouns.contains(words[0].lowercased()) {
            k = 1
        } else if ["a", "an", "the", "his", "her", "their"].contains(words[0].lowercased()) {
            // "a spokesman said", "the minister added": the verb follows within a few words.
            k = 1
            while k < words.count, k < 4, !Self.speechVerbs.contains(words[k].lowercased()) { k += 1 }
        } else {
            while k < words.count, k < 4, let f = words[k].unicodeScalars.first, CharacterProperties.isUppercase(f.value) { k += 1 }
            guard k > 0 else { return nil }
        }
        guard k < words.count, Self.speechVerbs.contains(words[k].lowercased()) else { return nil }
        return Swift.min(end + 1, limit)
    }
}

/// Body paragraphs and whether each ends a sentence, for `missing-terminal`.
final class TerminalPunctuationCollector: ArticleCollector {
    let rule: FragmentRule
    private(set) var text: UTF16Buffer
    private var bodies: [(last: Range<Int>, isWord: Bool, terminated: Bool)] = []
    /// Paragraphs before the first body paragraph that ends properly are headline, kicker
    /// or site furniture, not body text.
    private var inBody = false
    private var lastParagraphEnd = -1

    /// Marks that end a body paragraph: sentence ends, closing quotes and brackets.
    static let terminal: Set<UInt16> = [0x2E, 0x21, 0x3F, 0x2026, 0x22, 0x201D, 0x27, 0x2019, 0x29, 0x5D, 0x3A, 0x3B]
    static let minimumWords = 12
    static let majority = 0.6

    init(rule: FragmentRule, text: UTF16Buffer) {
        self.rule = rule
        self.text = text
    }

    func reuse(for document: Document, workspace: Workspace) -> Bool {
        text = document.text
        bodies.removeAll(keepingCapacity: true)
        inBody = false
        lastParagraphEnd = -1
        return true
    }

    func observe(_ paragraph: inout Paragraph) {
        if let last = paragraph.tokens.last(where: { !$0.isSpace }) { lastParagraphEnd = last.range.upperBound }
        let tokens = paragraph.tokens
        var words = 0
        for t in tokens where t.isWord {
            words += 1
            if words == Self.minimumWords { break }
        }
        guard words >= Self.minimumWords,
              let firstIndex = tokens.firstIndex(where: { !$0.isSpace }),
              let lastIndex = tokens.lastIndex(where: { !$0.isSpace }) else { return }
        // Headings, list items, quotes and tables are not body text.
        let first = text[tokens[firstIndex].range.lowerBound]
        if [0x23, 0x2D, 0x2A, 0x2B, 0x3E, 0x7C].contains(first) { return }
        if tokens[firstIndex].kind == .number, firstIndex + 1 < tokens.count,
           [0x2E, 0x29].contains(text[tokens[firstIndex + 1].range.lowerBound]) { return }
        let last = tokens[lastIndex]
        let end = text[last.range.upperBound - 1]
        // A line that ends in markup is residue's to report.
        if end == 0x3E { return }
        let terminated = Self.terminal.contains(end)
        if !inBody { guard terminated else { return }; inBody = true }
        bodies.append((last.range, last.isWord, terminated))
    }

    func finish(into findings: inout [RawFinding]) {
        // The last paragraph is often a byline or a credit line, which needs no stop.
        if let last = bodies.last, last.last.upperBound == lastParagraphEnd { bodies.removeLast() }
        let terminated = bodies.filter(\.terminated).count
        guard bodies.count >= 3, Double(terminated) >= Self.majority * Double(bodies.count) else { return }
        for body in bodies where !body.terminated {
            let word = text.string(body.last)
            let fixed = body.isWord && rule.meta.applicability != .displayOnly ? word + "." : nil
            findings.append(RawFinding(range: body.last, message: rule.meta.message(match: word, replacement: fixed),
                                       replacement: fixed, applicability: .unsafe))
        }
    }
}
