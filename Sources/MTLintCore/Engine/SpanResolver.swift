import ICUText

/// Turns rules' ranges into findings that obey the span contract: mapped from NFC back to
/// the original text, widened to whole grapheme clusters, and given byte offsets, lines and
/// columns. Points are resolved in one sweep in file order, so a file with many findings on
/// one long line still costs one pass over that line.
struct SpanResolver {
    let document: Document
    let workspace: Workspace

    /// The findings of `raw`, whose rules are given by their index in `metas`: a rule's
    /// metadata copied into each finding's pair counted every String and array in it.
    func findings(_ raw: [(rule: Int, finding: RawFinding)], metas: [RuleMeta], excerpts: Bool) -> [Finding] {
        guard !raw.isEmpty else { return [] }
        let graphemes = workspace.graphemes(of: document)
        let base = document.original.base, count = document.original.count
        let spans: [Range<Int>] = raw.map { item in
            let r = item.finding.coordinates == .nfc ? document.originalRange(item.finding.range) : item.finding.range
            // Most spans begin and end between characters that stand alone.
            if GraphemeShortcut.isBoundary(base, r.lowerBound, count: count), GraphemeShortcut.isBoundary(base, r.upperBound, count: count) {
                return r
            }
            return graphemes.widen(r)
        }
        var points = Set<Int>()
        for s in spans { points.insert(s.lowerBound); points.insert(s.upperBound) }
        let positions = resolve(points.sorted(), graphemes: graphemes)
        var out: [Finding] = []
        out.reserveCapacity(raw.count)
        for (item, span) in zip(raw, spans) {
            let start = positions[span.lowerBound]!
            let end = positions[span.upperBound]!
            let applicability = metas[item.rule].applicability
            let fix = item.finding.replacement.map { Fix(replacement: $0, applicability: item.finding.applicability.map { $0.weaker(applicability) } ?? applicability) }
            out.append(Finding(
                path: document.path, rule: metas[item.rule].id, severity: metas[item.rule].severity, message: item.finding.message,
                text: document.string(bytes: start.offset..<end.offset), start: start, end: end, fix: fix,
                excerpt: excerpts ? ExcerptBuilder(document: document, graphemes: graphemes).excerpt(span, line: start.line - 1) : nil))
        }
        out.sort { a, b in
            if a.start.offset != b.start.offset { return a.start.offset < b.start.offset }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.end.offset < b.end.offset
        }
        return out
    }

    private func resolve(_ points: [Int], graphemes: BreakIterator) -> [Int: Position] {
        let lines = document.lines
        let base = document.original.base
        var out: [Int: Position] = [:]
        var cacheLine = -1, cacheIndex = 0, cacheColumn = 1
        for p in points {
            let line = lines.line(containing: p)
            var lineStart = lines.starts[line]
            if line == 0 && document.hasBOM { lineStart = Swift.min(1, document.original.count) }
            let q = Swift.max(p, lineStart)
            var index = lineStart, column = 1
            if line == cacheLine && cacheIndex <= q { index = cacheIndex; column = cacheColumn }
            while index < q {
                // Printable ASCII followed by printable ASCII is a grapheme a unit: counted
                // without ICU, up to the last such unit, which may join what follows it.
                let k = UnitScan.first(in: base, index..<q, outside: 0x20...0x7E)
                if k - 1 > index {
                    column += k - 1 - index
                    index = k - 1
                }
                // An accented letter or a curly quote beside another character that stands
                // alone is a grapheme of one unit too, and so is the unit just before `q`,
                // which is a boundary (every point is widened to one, and lines start on one).
                if index + 1 == q || GraphemeShortcut.isBoundary(base, index + 1, count: document.original.count) {
                    index += 1
                    column += 1
                    continue
                }
                guard let next = graphemes.following(index), next <= q else { break }
                index = next
                column += 1
            }
            cacheLine = line; cacheIndex = index; cacheColumn = column
            out[p] = Position(offset: document.byteOffset(ofOriginal: p), line: line + 1, column: column,
                              utf16Column: q - lineStart + 1)
        }
        return out
    }
}

/// The source line of a finding for the text reporter: a window of the line around the
/// span, cut at grapheme boundaries, with the caret's place measured in terminal cells.
struct ExcerptBuilder {
    let document: Document
    let graphemes: BreakIterator
    /// UTF-16 units of context kept before the span on a long line.
    static let contextUnits = 80
    /// Cells after which a long line is cut once the span has been shown.
    static let maxCells = 160

    func excerpt(_ span: Range<Int>, line: Int) -> Excerpt {
        let text = document.original
        let content = document.lines.contentRange(ofLine: line, in: text)
        var start = content.lowerBound
        if line == 0 && document.hasBOM && start < content.upperBound { start += 1 }
        let spanStart = Swift.min(Swift.max(span.lowerBound, start), content.upperBound)
        let spanEnd = Swift.min(Swift.max(span.upperBound, spanStart), content.upperBound)
        var from = Swift.max(start, spanStart - Self.contextUnits)
        if from > start, !graphemes.isBoundary(from) { from = Swift.max(start, graphemes.preceding(from) ?? start) }
        var shownLine = from > start ? "…" : ""
        var cells = shownLine.isEmpty ? 0 : 1
        var caretColumn: Int? = nil
        var caretWidth = 0
        var index = from
        while index < content.upperBound {
            if caretColumn == nil, index >= spanStart { caretColumn = cells }
            let pastSpan = index >= spanEnd
            if (pastSpan && cells >= Self.maxCells) || cells >= Self.maxCells * 4 {
                shownLine += "…"
                break
            }
            let next = Swift.min(graphemes.following(index) ?? content.upperBound, content.upperBound)
            let (shown, width) = display(text, index..<next)
            if index < spanEnd, caretColumn != nil { caretWidth += width }
            shownLine += shown
            cells += width
            index = next
        }
        return Excerpt(line: shownLine, caretColumn: caretColumn ?? cells, caretWidth: Swift.max(caretWidth, 1))
    }

    /// How a grapheme shows: control characters and bidi controls escaped, so that text can
    /// neither move the cursor nor reorder the terminal line.
    private func display(_ text: UTF16Buffer, _ range: Range<Int>) -> (String, Int) {
        let s = text.string(range)
        var escaped = ""
        var needsEscape = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x09 {
                escaped += "\\t"
                needsEscape = true
            } else if ControlCharacters.needsEscape(v) {
                escaped += ControlCharacters.escape(v)
                needsEscape = true
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        if needsEscape { return (escaped, escaped.unicodeScalars.count) }
        return (s, CharacterProperties.displayWidth(ofGrapheme: s.unicodeScalars))
    }
}
