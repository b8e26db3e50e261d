import ICUText

/// Capitalised words of an article grouped into runs ("US Secretary of State Antony
/// Blinken"), which is where names stand. Possessive endings are cut off each word, so that
/// "Blinken's" counts as "Blinken". A class: the names rules call its methods through their
/// stored reference many times an article, and each call on a struct kept in a class copied
/// it, retaining and releasing its eight arrays.
final class NameRuns {
    /// A capitalised word. Its folded spelling is kept as a hash: most words are looked up
    /// and counted, few are ever compared letter by letter, and those make their String
    /// then (`folded(_:_:)`).
    struct Word {
        /// NFC range of the word without a possessive ending.
        var range: Range<Int>
        /// `UnitHash` of the folded spelling.
        var hash: UInt64
        /// The folded spelling's length in UTF-8 bytes.
        var length: Int32
        /// Where the folded spelling is in `exoticSpellings` when it is not the text's ASCII
        /// lower case (a word with letters outside ASCII), else -1.
        var exotic: Int32
        var run: Int
    }

    struct Run {
        var words: Range<Int>
        /// Where the capitalised words among the four just before the run are in
        /// `contextHashes`: titles stand there.
        var contextRange: Range<Int>
    }

    private(set) var words: [Word] = []
    private(set) var runs: [Run] = []
    /// `UnitHash` of each folded capitalised word just before a run.
    private(set) var contextHashes: [UInt64] = []
    /// Folded spellings of the words that are not ASCII, transliterated once.
    private var exoticSpellings: [String] = []
    /// Every folded capitalised word in the article, with its count.
    private(set) var counts = WordCounts()

    static let particles: Set<String> = ["von", "der", "den", "de", "da", "di", "du", "dos", "del", "la", "le", "van", "bin", "ibn", "al", "el"]
    static let particleHashes: [UInt64] = particles.map { UnitHash.of($0.utf16) }
    static let contextSize = 4

    /// Whether the folded word of `length` bytes whose hash is `hash` is one of `particles`;
    /// every particle is three letters or fewer, which most words are not.
    @inline(__always)
    static func isParticle(length: Int, hash: UInt64) -> Bool {
        length <= 3 && particleHashes.contains(hash)
    }

    func contextHashes(of run: Run) -> ArraySlice<UInt64> { contextHashes[run.contextRange] }

    /// The folded spelling of word `k`.
    func folded(_ k: Int, _ text: UTF16Buffer) -> String {
        let w = words[k]
        if w.exotic >= 0 { return exoticSpellings[Int(w.exotic)] }
        return String(unsafeUninitializedCapacity: w.range.count) { out in
            var o = 0
            for i in w.range {
                out[o] = UInt8(truncatingIfNeeded: CaseMapping.lowercasedASCII(text[i]))
                o += 1
            }
            return o
        }
    }

    /// Appends the folded spelling of word `k` to `bytes`, as UTF-8.
    func appendFolded(_ k: Int, _ text: UTF16Buffer, to bytes: inout [UInt8]) {
        let w = words[k]
        if w.exotic >= 0 {
            bytes += exoticSpellings[Int(w.exotic)].utf8
            return
        }
        for i in w.range { bytes.append(UInt8(truncatingIfNeeded: CaseMapping.lowercasedASCII(text[i]))) }
    }

    /// Whether word `k` is letters only (`NameFolding.isWordLike` of its folded spelling).
    func isWordLike(_ k: Int, _ text: UTF16Buffer) -> Bool {
        let w = words[k]
        if w.exotic >= 0 { return NameFolding.isWordLike(exoticSpellings[Int(w.exotic)]) }
        for i in w.range where !((text[i] | 0x20) >= 0x61 && (text[i] | 0x20) <= 0x7A) { return false }
        return true
    }

    /// Runs with room for `capacity` words made ahead.
    init(capacity: Int = 128) {
        words.reserveCapacity(capacity)
        runs.reserveCapacity(capacity * 3 / 4)
    }

    func observe(_ paragraph: inout Paragraph, text: UTF16Buffer, transliterator: ASCIIFolder) {
        // One reference to the tokens for the whole loop (folding keys changes other arrays
        // of the paragraph), read without bounds checks.
        let tokens = paragraph.tokens
        tokens.withUnsafeBufferPointer { observe($0, &paragraph, text: text, transliterator: transliterator) }
    }

    private func observe(_ tokens: UnsafeBufferPointer<Token>, _ paragraph: inout Paragraph, text: UTF16Buffer, transliterator: ASCIIFolder) {
        var runStart = -1
        var contextStart = contextHashes.count
        var contextLength = 0
        let base = text.base
        let n = tokens.count
        var i = 0
        while i < n {
            if runStart < 0 {
                // Outside a run only a capitalised word matters, and most words are not one.
                i = Self.nextCapitalised(tokens, from: i, text)
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
                let hash: UInt64
                var length = range.count, exotic: Int32 = -1
                if token.foldedHash != 0 || !Self.hasNonASCII(range, text) {
                    // The tokenizer hashed the whole word already when it is ASCII (the hash
                    // says so without a look at its letters); a possessive cut off needs a
                    // hash of its own.
                    hash = range == token.range ? paragraph.foldedHash(k)
                        : UnitHash.ofLowercasedASCII(text.base + range.lowerBound, count: range.count)!
                } else {
                    let folded = NameFolding.fold(text.string(range), transliterator: transliterator)
                    hash = UnitHash.of(folded.utf16)
                    length = folded.utf8.count
                    exotic = Int32(exoticSpellings.count)
                    exoticSpellings.append(folded)
                }
                if runStart < 0 {
                    runStart = words.count
                    contextStart = contextHashes.count
                    // Titles before a run are capitalised ("Turkish", "UN", "Nato"); lower-case
                    // words there ("who", "us") are ordinary words, not titles. The context is
                    // the last few words before the run, capitalised or not.
                    var first = k, found = 0
                    while first > 0 && found < Self.contextSize {
                        first -= 1
                        if tokens[first].kind == .letters { found += 1 }
                    }
                    for j in first..<k where tokens[j].startsWithASCIICapital { contextHashes.append(paragraph.foldedHash(j)) }
                    contextLength = contextHashes.count - contextStart
                }
                counts.add(hash: hash, word: words.count)
                words.append(Word(range: range, hash: hash, length: Int32(length), exotic: exotic, run: runs.count))
            } else if runStart >= 0, token.range.count > 3 || !Self.isParticle(length: token.range.count, hash: paragraph.foldedHash(k)) {
                endRun(&runStart, contextStart, contextLength)
            }
        }
        if runStart >= 0 { endRun(&runStart, contextStart, contextLength) }
    }

    /// The first capitalised word at or after `from`, or the end. The segmenter marks words
    /// by their first unit, so the text is read only for words that begin beyond ASCII.
    private static func nextCapitalised(_ tokens: UnsafeBufferPointer<Token>, from: Int, _ text: UTF16Buffer) -> Int {
        var i = from
        while i < tokens.count {
            let t = tokens[i]
            if t.initialValue != 0, t.startsWithASCIICapital || isCapitalised(t, text) { return i }
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

    private func endRun(_ runStart: inout Int, _ contextStart: Int, _ contextLength: Int) {
        runs.append(Run(words: runStart..<words.count, contextRange: contextStart..<contextStart + contextLength))
        runStart = -1
    }

    @inline(__always)
    static func hasNonASCII(_ range: Range<Int>, _ text: UTF16Buffer) -> Bool {
        for k in range where text[k] >= 0x80 { return true }
        return false
    }

    /// "Blinken's", "Blinken’s" and "Saunders'" without the possessive.
    @inline(__always)
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
    func removeAll() {
        words.removeAll(keepingCapacity: true)
        runs.removeAll(keepingCapacity: true)
        contextHashes.removeAll(keepingCapacity: true)
        exoticSpellings.removeAll(keepingCapacity: true)
        counts.removeAll()
    }
}

/// One article's name runs, gathered once for every rule that needs them.
final class SharedNameRuns: ArticleState {
    /// The worker's runs, emptied for each article: the collectors hold this one object.
    let runs = NameRuns()
    private var observedUpTo = -1

    func reset(for document: Document) {
        runs.removeAll()
        observedUpTo = -1
    }

    static func of(_ document: Document, in workspace: Workspace) -> SharedNameRuns {
        workspace.articleState("names.runs", for: document) { SharedNameRuns() }
    }

    /// Adds a paragraph once, however many rules pass it on.
    func observe(_ paragraph: inout Paragraph, text: UTF16Buffer, transliterator: ASCIIFolder) {
        guard paragraph.range.lowerBound > observedUpTo else { return }
        observedUpTo = paragraph.range.lowerBound
        runs.observe(&paragraph, text: text, transliterator: transliterator)
    }
}
