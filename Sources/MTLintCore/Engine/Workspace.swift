import ICUText

/// The ICU objects one worker thread needs: break iterators and regex matchers are not
/// thread-safe and costly to open, so each worker opens them once and reuses them.
public final class Workspace {
    public let words: BreakIterator
    public let graphemes: BreakIterator
    private var matchers: [ObjectIdentifier: ICURegex.Matcher] = [:]
    /// Folds names to ASCII across scripts ("Erdoğan", "Зеленский"), opened on first use.
    public private(set) lazy var toASCII: Transliterator? = try? Transliterator(NameFolding.transform)
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

    /// The grapheme iterator, set to the document's original text.
    func graphemes(of document: Document) -> BreakIterator {
        if graphemeDocument !== document {
            graphemes.setText(document.original)
            graphemeDocument = document
        }
        return graphemes
    }
}
