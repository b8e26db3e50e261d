import ICUText

/// Capitalised words of an article grouped into runs ("US Secretary of State Antony
/// Blinken"), which is where names stand. Possessive endings are cut off each word, so that
/// "Blinken's" counts as "Blinken".
struct NameRuns {
    struct Word {
        /// NFC range of the word without a possessive ending.
        var range: Range<Int>
        var folded: String
        /// `UnitHash` of `folded`.
        var hash: UInt64
        var run: Int
    }

    struct Run {
        var words: Range<Int>
        /// Where the capitalised words among the four just before the run are in
        /// `contextWords`: titles stand there.
        var contextRange: Range<Int>
    }

    private(set) var words: [Word] = []
    private(set) var runs: [Run] = []
    private(set) var contextWords: [String] = []
    /// `UnitHash` of each of `contextWords`.
    private(set) var contextHashes: [UInt64] = []
    /// Every folded capitalised word in the article, with its count.
    private(set) var counts = WordCounts()

    static let particles: Set<String> = ["von", "der", "den", "de", "da", "di", "du", "dos", "del", "la", "le", "van", "bin", "ibn", "al", "el"]
    static let contextSize = 4

    /// Whether `folded` is one of `particles`; every particle is three letters or fewer,
    /// which most words are not.
    @inline(__always)
    static func isParticle(_ folded: String) -> Bool {
        folded.utf8.count <= 3 && particles.contains(folded)
    }

    func context(of run: Run) -> ArraySlice<String> { contextWords[run.contextRange] }
    func contextHashes(of run: Run) -> ArraySlice<UInt64> { contextHashes[run.contextRange] }

    /// Runs with room for `capacity` words made ahead.
    init(capacity: Int = 128) {
        words.reserveCapacity(capacity)
        runs.reserveCapacity(capacity * 3 / 4)
    }

    /// Runs of nothing that share no storage with an article's: a placeholder that costs no
    /// copy when those grow.
    static var none: NameRuns { NameRuns(capacity: 0) }

    mutating func observe(_ paragraph: inout Paragraph, text: UTF16Buffer, transliterator: Transliterator?) {
        var runStart = -1
        var contextStart = contextWords.count
        var contextLength = 0
        // One reference to the tokens for the whole loop; folding keys changes other arrays.
        let tokens = paragraph.tokens
        let base = text.base
        let n = tokens.count
        var i = 0
        while i < n {
            if runStart < 0 {
                // Outside a run only a capitalised word matters, and most words are not one.
                i = tokens.withUnsafeBufferPointer { Self.nextCapitalised($0, from: i, text) }
                guard i < n else { break }
            }
            let token = tokens[i]
            i += 1
            if token.isSpace {
                if runStart >= 0, token.lineBreaks > 0 || token.range.count > 1 { endRun(&runStart, contextStart, contextLength) }
                continue
            }
            let u = base[token.range.lowerBound]
            guard token.kind == .letters else {
                // A hyphen inside a name ("Kim Yo-jong") does not end the run.
                if runStart >= 0, token.range.count != 1 || u != 0x2D { endRun(&runStart, contextStart, contextLength) }
                continue
            }
            let k = i - 1
            if Self.isCapitalised(token, text) {
                let range = Self.withoutPossessive(token.range, text)
                // The phrase pass folded this token already; ASCII needs nothing more.
                let key = paragraph.foldedKey(k)
                let folded = range == token.range && !Self.hasNonASCII(token.range, text)
                    ? key : NameFolding.fold(text.string(range), transliterator: transliterator)
                if runStart < 0 {
                    runStart = words.count
                    contextStart = contextWords.count
                    // Titles before a run are capitalised ("Turkish", "UN", "Nato"); lower-case
                    // words there ("who", "us") are ordinary words, not titles. The context is
                    // the last few words before the run, capitalised or not.
                    var first = k, found = 0
                    while first > 0 && found < Self.contextSize {
                        first -= 1
                        if tokens[first].kind == .letters { found += 1 }
                    }
                    for j in first..<k where tokens[j].kind == .letters {
                        let c = base[tokens[j].range.lowerBound]
                        if c >= 0x41 && c <= 0x5A {
                            contextWords.append(paragraph.foldedKey(j))
                            contextHashes.append(paragraph.foldedHash(j))
                        }
                    }
                    contextLength = contextWords.count - contextStart
                }
                let hash = folded == key ? paragraph.foldedHash(k) : UnitHash.of(folded.utf16)
                words.append(Word(range: range, folded: folded, hash: hash, run: runs.count))
                counts.add(folded, hash: hash)
            } else if runStart >= 0, token.range.count > 3 || !Self.isParticle(paragraph.foldedKey(k)) {
                endRun(&runStart, contextStart, contextLength)
            }
        }
        if runStart >= 0 { endRun(&runStart, contextStart, contextLength) }
    }

    /// The first capitalised word at or after `from`, or the end.
    private static func nextCapitalised(_ tokens: UnsafeBufferPointer<Token>, from: Int, _ text: UTF16Buffer) -> Int {
        let base = text.base
        var i = from
        while i < tokens.count {
            let t = tokens[i]
            if t.kindValue == SegmentKind.letters.rawValue {
                let u = base[t.start]
                if u < 0x80 ? (u >= 0x41 && u <= 0x5A) : isCapitalised(t, text) { return i }
            }
            i += 1
        }
        return i
    }

    /// A word that starts with a capital letter.
    @inline(__always)
    private static func isCapitalised(_ token: Token, _ text: UTF16Buffer) -> Bool {
        guard token.kind == .letters else { return false }
        let u = text[token.range.lowerBound]
        return u < 0x80 ? (u >= 0x41 && u <= 0x5A) : CharacterProperties.isUppercase(text.scalar(at: token.range.lowerBound).value)
    }

    private mutating func endRun(_ runStart: inout Int, _ contextStart: Int, _ contextLength: Int) {
        runs.append(Run(words: runStart..<words.count, contextRange: contextStart..<contextStart + contextLength))
        runStart = -1
    }

    @inline(__always)
    static func hasNonASCII(_ range: Range<Int>, _ text: UTF16Buffer) -> Bool {
        for k in range where text[k] >= 0x80 { return true }
        return false
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

    /// No runs, the room kept for the next article.
    mutating func removeAll() {
        words.removeAll(keepingCapacity: true)
        runs.removeAll(keepingCapacity: true)
        contextWords.removeAll(keepingCapacity: true)
        contextHashes.removeAll(keepingCapacity: true)
        counts.removeAll()
    }
}

/// One article's name runs, gathered once for every rule that needs them.
final class SharedNameRuns: ArticleState {
    private(set) var runs = NameRuns()
    private var observedUpTo = -1

    func reset(for document: Document) {
        runs.removeAll()
        observedUpTo = -1
    }

    static func of(_ document: Document, in workspace: Workspace) -> SharedNameRuns {
        workspace.articleState("names.runs", for: document) { SharedNameRuns() }
    }

    /// Adds a paragraph once, however many rules pass it on.
    func observe(_ paragraph: inout Paragraph, text: UTF16Buffer, transliterator: Transliterator?) {
        guard paragraph.range.lowerBound > observedUpTo else { return }
        observedUpTo = paragraph.range.lowerBound
        runs.observe(&paragraph, text: text, transliterator: transliterator)
    }
}
