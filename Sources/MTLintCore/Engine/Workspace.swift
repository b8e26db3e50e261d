import ICUText

/// The ICU objects one worker thread needs: break iterators and regex matchers are not
/// thread-safe and costly to open, so each worker opens them once and reuses them.
public final class Workspace {
    public let words: BreakIterator
    public let graphemes: BreakIterator
    /// Paragraph arrays reused from one document to the next.
    let paragraphBuffers = ParagraphBuffers()
    /// The folder of the worker's last file, open for the next.
    let openFolder = OpenFolder()
    private var matchers: [ObjectIdentifier: ICURegex.Matcher] = [:]
    /// Folds names to ASCII across scripts ("Erdoğan", "Зеленский"), opened on first use.
    public let toASCII = ASCIIFolder()
    /// ICU's spoof checker, opened on first use.
    public private(set) lazy var spoofChecker: SpoofChecker? = try? SpoofChecker()
    /// Memory that a rule keeps across the documents of this worker, by rule id.
    public var ruleCaches: [String: AnyObject] = [:]
    /// State that several rules share while they read one article, by key; kept from one
    /// article to the next and reset, so that its arrays keep their room. A few keys, looked
    /// through in turn: hashing a key cost more for each small file.
    private var articleStates: [(key: String, state: any ArticleState)] = []
    /// Which rules' prefilters may match in the current document, reused for the next.
    var prefilterHits: [Bool] = []
    /// The array rules write their findings to, handed from one document to the next.
    private var scratchFindings: [RawFinding] = []

    func takeScratchFindings() -> [RawFinding] {
        var out: [RawFinding] = []
        swap(&out, &scratchFindings)
        return out
    }

    func giveBack(scratchFindings found: inout [RawFinding]) {
        found.removeAll(keepingCapacity: true)
        swap(&found, &scratchFindings)
    }

    /// The collectors the worker's last linter made, by rule index, for the next article
    /// (`ArticleCollector.reuse`); the linter is held, so that its identity stays its own.
    private var collectorsLinter: Linter?
    private var collectors: [CollectorCell?] = []

    /// Rule `rule`'s collector of `linter` for `document`: the last one made, ready for this
    /// article if it can be, or a new one. The workspace holds it until the rule's next one.
    func collector(of linter: Linter, rule: Int, for document: Document, make: () -> (any ArticleCollector)?) -> CollectorCell? {
        if collectorsLinter !== linter {
            collectorsLinter = linter
            collectors = Array(repeating: nil, count: linter.ruleSet.rules.count)
        }
        if let c = collectors[rule], c.collector.reuse(for: document, workspace: self) { return c }
        let made = make().map(CollectorCell.init)
        collectors[rule] = made
        return made
    }

    private weak var articleDocument: Document?
    /// The document the grapheme iterator is set to.
    private weak var graphemeDocument: Document?

    public init() throws(ICUError) {
        words = try BreakIterator(.word)
        graphemes = try BreakIterator(.grapheme)
    }

    /// This worker's matcher for `regex`, set to `text`.
    public func matcher(for regex: ICURegex, text: UTF16Buffer) throws(ICUError) -> ICURegex.Matcher {
        let key = ObjectIdentifier(regex)
        let m: ICURegex.Matcher
        if let cached = matchers[key] {
            m = cached
        } else {
            m = try regex.matcher()
            matchers[key] = m
        }
        try m.reset(text)
        return m
    }

    /// The state stored under `key` for `document`, made on first use; a new document
    /// starts afresh (every state is reset for it: making and freeing them for each small
    /// file cost more than linting it).
    func articleState<T: ArticleState>(_ key: String, for document: Document, make: () -> T) -> T {
        if articleDocument !== document {
            for entry in articleStates { entry.state.reset(for: document) }
            articleDocument = document
        }
        for entry in articleStates where entry.key == key {
            if let state = entry.state as? T { return state }
        }
        let state = make()
        articleStates.removeAll { $0.key == key }
        articleStates.append((key, state))
        return state
    }

    /// The grapheme iterator, set to the document's original text.
    func graphemes(of document: Document) -> BreakIterator {
        if graphemeDocument !== document {
            graphemes.setText(document.original)
            graphemeDocument = document
        }
        return graphemes
    }
}

/// State that rules share while they read one article (`Workspace.articleState`).
protocol ArticleState: AnyObject {
    /// Starts afresh for `document`, keeping the room its arrays have.
    func reset(for document: Document)
}

/// An article collector behind a class reference, which the linter's paragraph loop calls
/// through without retaining it (as `RuleCell` does for rules): a collector called as a
/// class existential was retained and released at every paragraph.
final class CollectorCell {
    let collector: any ArticleCollector
    init(_ collector: any ArticleCollector) { self.collector = collector }
}
