import ICUText

/// One pass over an article's words for both spelling rules (`Workspace.articleState`): the
/// variety forms and their counts, and the words one dictionary lacks. Two rules reading
/// every token apart cost twice the pass.
final class SpellingPass: ArticleState {
    private(set) var counts = (us: 0, gb: 0)
    private(set) var varietyWords: [(range: Range<Int>, word: SpellingLexicon.WordClass)] = []
    private(set) var candidates: [(range: Range<Int>, word: SpellingLexicon.WordClass)] = []
    private var observedUpTo = -1
    /// The forms of the variety pairs, by hash.
    let varietyHashes: HashKeyMap<Int32>
    /// The misspelled rule's cache, when that rule runs on the article; without it the pass
    /// only counts the variety.
    var cache: SpellingWorkerCache? = nil

    /// One bit per hash bucket of the variety forms: most words are none, and the filter
    /// answers that from the processor's first-level cache.
    let varietyFilter: HashBits

    init(varietyHashes: HashKeyMap<Int32>, varietyFilter: HashBits) {
        self.varietyHashes = varietyHashes
        self.varietyFilter = varietyFilter
    }

    func reset(for document: Document) {
        counts = (0, 0)
        varietyWords.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        observedUpTo = -1
        cache = nil
    }

    /// The pass of the spelling rules whose variety pairs come from the lexicon's source,
    /// for this article. A misspelled rule with another cache (another lexicon) gets a pass
    /// of its own.
    static func of(_ document: Document, in workspace: Workspace, lexicon: SpellingLexicon,
                   cache: SpellingWorkerCache?) -> SpellingPass {
        let shared = workspace.articleState(lexicon.passKey, for: document) { SpellingPass(varietyHashes: lexicon.varietyHashes, varietyFilter: lexicon.varietyFilter) }
        guard let cache else { return shared }
        if shared.cache == nil || shared.cache === cache {
            shared.cache = cache
            return shared
        }
        let own = SpellingPass(varietyHashes: lexicon.varietyHashes, varietyFilter: lexicon.varietyFilter)
        own.cache = cache
        return own
    }

    /// Reads a paragraph once, however many rules pass it on.
    func observe(_ paragraph: inout Paragraph, text: UTF16Buffer) {
        guard paragraph.range.lowerBound > observedUpTo else { return }
        observedUpTo = paragraph.range.lowerBound
        // Local copies for the loop: a class's stored properties are checked for exclusive
        // access at every use.
        var counts = self.counts
        var varietyWords = self.varietyWords, candidates = self.candidates
        self.varietyWords = []
        self.candidates = []
        defer {
            self.counts = counts
            self.varietyWords = varietyWords
            self.candidates = candidates
        }
        let base = text.base
        let n = text.count
        let tokens = paragraph.tokens
        let varietyHashes = self.varietyHashes
        let varietyFilter = self.varietyFilter
        let cache = self.cache
        let hot = cache?.hotTable
        let letters = SegmentKind.letters.rawValue
        // The tokens unchecked: bounds checks and a kind made from its raw value at every
        // token had cost a sixth of the pass.
        withExtendedLifetime(cache) { tokens.withUnsafeBufferPointer { tokens in
            for t in tokens where t.kindValue == letters {
                let r = t.range
                let first = base[r.lowerBound]
                // Most words fail here: capitalised (the names check's), or a single letter. No
                // English word has more than 45 letters; longer runs are not prose, and each check
                // of one would cost time in its length.
                guard r.count >= 2, r.count <= SpellingLexicon.maxWordLength else { continue }
                if first < 0x80 {
                    guard first >= 0x61 && first <= 0x7A else { continue }
                } else if first < 0xC0 {
                    continue
                }
                // A word broken by an invisible or undecodable character ("infor\u{200B}mation")
                // is the unicode pack's finding, and such fragments are the costliest words to
                // ask Hunspell about (it tries them as compounds).
                if r.lowerBound > 0, base[r.lowerBound - 1] >= 0xAD, SpellingContext.isBreaking(base[r.lowerBound - 1]) { continue }
                if r.upperBound < n, base[r.upperBound] >= 0xAD, SpellingContext.isBreaking(base[r.upperBound]) { continue }
                // The tokenizer hashed every ASCII word, lower-cased, on its way; other words are
                // hashed here as written. The key is then the lower-cased word, so "iPhone" is
                // looked up as "iphone", and is let go at the end for its capital.
                var hash = t.foldedHash
                if hash == 0 {
                    hash = UnitHash.of(UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
                }
                if varietyFilter.mayContain(hash), let code = varietyHashes.value(hash) {
                    guard !SpellingContext.hasCapital(r, text) else { continue }
                    let variety: Variety = code & 1 == 0 ? .us : .gb
                    if variety == .us { counts.us += 1 } else { counts.gb += 1 }
                    let flag = variety == .us ? SpellingLexicon.WordClass.usFormFlag : SpellingLexicon.WordClass.gbFormFlag
                    varietyWords.append((r, SpellingLexicon.WordClass(flags: flag, pair: code >> 1)))
                    continue
                }
                // Words that only one dictionary has are no evidence of the variety: en_US alone
                // has "tiebreak", "anymore" and "hometown".
                guard let hot else { continue }
                // The direct-mapped table first, read here: most words end at this probe.
                let slot = hot.slot(hash)
                let c = slot.pointee.key == hash ? slot.pointee.value : cache!.wordClass(missedIn: slot, text, r, hash: hash)
                if c.mayBeMisspelled { candidates.append((r, c)) }
            }
        } }
    }
}
