import ICUText

/// Double quotation marks, judged over the whole article. One `check` per rule:
/// `unbalanced` (a paragraph opens more quotations than it closes, unless the next paragraph
/// or sentence goes on with an opening mark, as a quotation over several paragraphs does),
/// `mismatched`
/// (a pair made of a curly and a straight mark: “We …"), and `mixed` (an article that uses
/// both styles: the minority's marks are reported). Single quotes are left alone: they are
/// apostrophes far more often than quotation marks.
struct QuotesRule: Rule, RuleKind {
    static let name = "quotes"
    static let keys = ["check"]

    enum Check: String, CaseIterable {
        case unbalanced, mismatched, mixed
    }

    let meta: RuleMeta
    let check: Check

    static func canFix(_ c: RuleDecodingContext) -> Bool {
        guard c.meta.applicability != .displayOnly, let s = try? c.yaml.string("check", what: "rule") else { return false }
        return s != Check.unbalanced.rawValue
    }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard let check: Check = try c.yaml.choice("check", what: "rule") else {
            throw RuleFileError(c.yaml.location, "a quotes rule needs 'check'; valid values: \(Check.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return QuotesRule(meta: c.meta, check: check)
    }

    var collects: Bool { true }

    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        QuotesCollector(rule: self, text: document.text, marks: QuoteMarks.of(document, in: workspace))
    }
}

/// One article's double quotation marks by paragraph, gathered once for all quotes rules.
final class QuoteMarks: ArticleState {
    /// A double quotation mark and whether it opens a quotation.
    struct Mark {
        var index: Int
        var curly: Bool
        var opens: Bool
    }

    private(set) var text: UTF16Buffer
    /// Every mark of the article in order, in one array that keeps its room from one article
    /// to the next: an array for each paragraph's marks had cost an allocation or more a
    /// paragraph.
    private(set) var all: [Mark] = []
    /// Each paragraph and where its marks are in `all`.
    private(set) var paragraphs: [(range: Range<Int>, marks: Range<Int>)] = []

    init(text: UTF16Buffer) {
        self.text = text
    }

    func reset(for document: Document) {
        text = document.text
        all.removeAll(keepingCapacity: true)
        paragraphs.removeAll(keepingCapacity: true)
    }

    static func of(_ document: Document, in workspace: Workspace) -> QuoteMarks {
        workspace.articleState("quotes.marks", for: document) { QuoteMarks(text: document.text) }
    }

    /// Adds a paragraph once, however many rules pass it on.
    func observe(_ paragraph: inout Paragraph) {
        if let last = paragraphs.last, last.range.lowerBound >= paragraph.range.lowerBound { return }
        let first = all.count
        let end = paragraph.range.upperBound
        let base = text.base
        // One pass over the paragraph for line ends and marks alike. Quotation marks in
        // scraped markup (`type="image/webp"/>`) are residue's to report: a line with an
        // attribute (`="`) or a tag end (`"/>`) keeps none of its marks.
        var lineStart = paragraph.range.lowerBound, lineMarks = first, markup = false
        var i = UnitScan.first(in: base, lineStart..<end, 0x0A, 0x201C, 0x201D, 0x22, 0x22, 0x22)
        while true {
            if i >= end || base[i] == 0x0A {
                if markup { all.removeLast(all.count - lineMarks) }
                guard i < end else { break }
                lineStart = i + 1
                lineMarks = all.count
                markup = false
            } else {
                switch base[i] {
                case 0x201C: all.append(Mark(index: i, curly: true, opens: true))
                case 0x201D: all.append(Mark(index: i, curly: true, opens: false))
                default:
                    if (i > lineStart && base[i - 1] == 0x3D) || (i + 1 < end && base[i + 1] == 0x2F) { markup = true }
                    all.append(Mark(index: i, curly: false, opens: opensQuotation(at: i, in: paragraph.range)))
                }
            }
            i = UnitScan.first(in: base, i + 1..<end, 0x0A, 0x201C, 0x201D, 0x22, 0x22, 0x22)
        }
        paragraphs.append((paragraph.range, first..<all.count))
    }

    /// A straight mark opens when nothing but space, an opening bracket or a dash stands
    /// before it, and something other than space follows.
    private func opensQuotation(at i: Int, in range: Range<Int>) -> Bool {
        let before: UInt16 = i > range.lowerBound ? text[i - 1] : 0x20
        let after: UInt16 = i + 1 < range.upperBound ? text[i + 1] : 0x20
        let spaceBefore = before == 0x20 || before == 0x09 || before == 0x0A || before == 0x28 || before == 0x5B || before == 0x2014 || before == 0xFEFF
        return spaceBefore && after != 0x20
    }
}

final class QuotesCollector: ArticleCollector {
    typealias Mark = QuoteMarks.Mark

    let rule: QuotesRule
    private(set) var text: UTF16Buffer
    private let marks: QuoteMarks

    init(rule: QuotesRule, text: UTF16Buffer, marks: QuoteMarks) {
        self.rule = rule
        self.text = text
        self.marks = marks
    }

    func reuse(for document: Document, workspace: Workspace) -> Bool {
        // The marks are the worker's one article state, reset for the new article.
        guard QuoteMarks.of(document, in: workspace) === marks else { return false }
        text = document.text
        return true
    }

    func observe(_ paragraph: inout Paragraph) {
        marks.observe(&paragraph)
    }

    func finish(into findings: inout [RawFinding]) {
        switch rule.check {
        case .unbalanced: unbalanced(&findings)
        case .mismatched: mismatched(&findings)
        case .mixed: mixed(&findings)
        }
    }

    private func unbalanced(_ findings: inout [RawFinding]) {
        let paragraphs = marks.paragraphs, all = marks.all
        for (p, paragraph) in paragraphs.enumerated() {
            var open: Mark? = nil
            var stray: Mark? = nil
            for m in all[paragraph.marks] {
                if m.opens {
                    // A new sentence that opens again goes on with the same quotation, as a
                    // new paragraph of a long quotation does.
                    if open != nil && !startsSentence(m.index, in: paragraph.range) { stray = stray ?? open }
                    open = m
                } else if open != nil {
                    open = nil
                } else {
                    stray = stray ?? m
                }
            }
            // A quotation may run on: its next paragraph opens with a quotation mark again.
            if let o = open, stray == nil, p + 1 < paragraphs.count, let first = all[paragraphs[p + 1].marks].first,
               first.opens, first.index == firstNonSpace(paragraphs[p + 1].range) {
                _ = o
                continue
            }
            guard let m = stray ?? open else { continue }
            findings.append(RawFinding(range: m.index..<m.index + 1,
                                       message: rule.meta.message(match: text.string(m.index..<m.index + 1))))
        }
    }

    private func startsSentence(_ i: Int, in range: Range<Int>) -> Bool {
        var j = i - 1
        while j >= range.lowerBound, text[j] == 0x20 || text[j] == 0x09 { j -= 1 }
        guard j >= range.lowerBound else { return true }
        return [0x2E, 0x21, 0x3F, 0x3A, 0x0A, 0x0D, 0x201D, 0x22].contains(text[j])
    }

    private func firstNonSpace(_ range: Range<Int>) -> Int {
        var i = range.lowerBound
        while i < range.upperBound, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0xFEFF { i += 1 }
        return i
    }

    /// The article's dominant style: curly unless straight marks are the majority.
    private var curlyDominates: Bool {
        let all = marks.all
        return all.filter(\.curly).count * 2 >= all.count
    }

    private func mismatched(_ findings: inout [RawFinding]) {
        let curly = curlyDominates
        let all = marks.all
        for paragraph in marks.paragraphs {
            var open: Mark? = nil
            for m in all[paragraph.marks] {
                if m.opens { open = m; continue }
                guard let o = open else { continue }
                open = nil
                guard o.curly != m.curly else { continue }
                // Rewrite whichever mark is not in the article's style.
                let wrong = o.curly == curly ? m : o
                let replacement = curly ? (wrong.opens ? "\u{201C}" : "\u{201D}") : "\""
                findings.append(RawFinding(range: wrong.index..<wrong.index + 1,
                                           message: rule.meta.message(match: text.string(o.index..<m.index + 1), replacement: replacement),
                                           replacement: fix(replacement), applicability: .unsafe))
            }
        }
    }

    private func mixed(_ findings: inout [RawFinding]) {
        let all = marks.all
        let curlyCount = all.filter(\.curly).count
        guard curlyCount > 0, curlyCount < all.count else { return }
        let curly = curlyDominates
        for m in all where m.curly != curly {
            let replacement = curly ? (m.opens ? "\u{201C}" : "\u{201D}") : "\""
            findings.append(RawFinding(range: m.index..<m.index + 1,
                                       message: rule.meta.message(match: text.string(m.index..<m.index + 1), replacement: replacement),
                                       replacement: fix(replacement), applicability: .unsafe))
        }
    }

    private func fix(_ s: String) -> String? { rule.meta.applicability == .displayOnly ? nil : s }
}
