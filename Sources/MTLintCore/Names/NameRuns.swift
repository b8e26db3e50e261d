import ICUText

/// Capitalised words of an article grouped into runs ("US Secretary of State Antony
/// Blinken"), which is where names stand. Possessive endings are cut off each word, so that
/// "Blinken's" counts as "Blinken".
struct NameRuns {
    struct Word {
        /// NFC range of the word without a possessive ending.
        var range: Range<Int>
        var raw: String
        var folded: String
        var run: Int
    }

    struct Run {
        var words: Range<Int>
        /// Folded words just before the run (up to four), where titles stand.
        var context: [String]
    }

    private(set) var words: [Word] = []
    private(set) var runs: [Run] = []
    /// Every folded capitalised word in the article, with its count.
    private(set) var counts: [String: Int] = [:]

    static let particles: Set<String> = ["von", "der", "den", "de", "da", "di", "du", "dos", "del", "la", "le", "van", "bin", "ibn", "al", "el"]
    static let contextSize = 4

    mutating func observe(_ paragraph: inout Paragraph, text: UTF16Buffer, transliterator: Transliterator?) {
        var runStart: Int? = nil
        var recent: [String] = []
        var context: [String] = []
        func endRun() {
            if let s = runStart { runs.append(Run(words: s..<words.count, context: context)) }
            runStart = nil
        }
        for i in paragraph.tokens.indices {
            let token = paragraph.tokens[i]
            if token.isSpace {
                if token.lineBreaks > 0 || token.range.count > 1 { endRun() }
                continue
            }
            guard token.kind == .letters else {
                // A hyphen inside a name ("Kim Yo-jong") does not end the run.
                if runStart == nil || paragraph.rawKey(i) != "-" { endRun() }
                continue
            }
            let first = text.scalar(at: token.range.lowerBound).value
            if CharacterProperties.isUppercase(first) {
                let range = Self.withoutPossessive(token.range, text)
                let raw = text.string(range)
                // The phrase pass folded this token already; ASCII needs nothing more.
                let key = paragraph.foldedKey(i)
                let folded = key.utf8.allSatisfy({ $0 < 0x80 }) && range == token.range
                    ? key : NameFolding.fold(raw, transliterator: transliterator)
                if runStart == nil {
                    runStart = words.count
                    context = Array(recent.suffix(Self.contextSize))
                }
                words.append(Word(range: range, raw: raw, folded: folded, run: runs.count))
                counts[folded, default: 0] += 1
                recent.append(folded)
            } else {
                let key = paragraph.foldedKey(i)
                if runStart != nil, !Self.particles.contains(key) { endRun() }
                recent.append(key)
            }
            if recent.count > 16 { recent.removeFirst(recent.count - Self.contextSize) }
        }
        endRun()
    }

    /// "Blinken's", "Blinken’s" and "Saunders'" without the possessive.
    static func withoutPossessive(_ range: Range<Int>, _ text: UTF16Buffer) -> Range<Int> {
        let n = range.count
        if n > 3 {
            let a = text[range.upperBound - 2], s = text[range.upperBound - 1]
            if (a == 0x27 || a == 0x2019) && (s == 0x73 || s == 0x53) { return range.lowerBound..<range.upperBound - 2 }
        }
        if n > 2, text[range.upperBound - 1] == 0x27 || text[range.upperBound - 1] == 0x2019 {
            return range.lowerBound..<range.upperBound - 1
        }
        return range
    }

    func run(of word: Int) -> Run { runs[words[word].run] }
}
