import ICUText

/// An ICU regular expression over the NFC text, with an optional replacement template
/// (`$0`…`$9` for groups, `$$` for a dollar sign). `^` and `$` match at line ends. With
/// `group: N` the finding and its fix cover only that group, so the rest of the pattern can
/// serve as context. With `expand: line` the finding covers the whole line the match is on,
/// its line break included, so that a pattern can name just the telltale part of a line
/// (and start with it, which lets ICU skip ahead quickly).
struct PatternRule: Rule, RuleKind {
    static let name = "pattern"
    static let keys = ["pattern", "replacement", "case", "group", "expand"]

    enum Expansion: String, CaseIterable { case line }

    let meta: RuleMeta
    let regex: ICURegex
    let template: [TemplatePart]?
    let group: Int
    let expansion: Expansion?
    /// Derived from the pattern: what any match must contain, so that most articles skip
    /// the matcher altogether.
    let prefilter: RegexPrefilter?
    /// The prefilter alone, for a pattern whose matches stay within a line: the matcher then
    /// searches only the lines that hold a factor. A search from every space of an article
    /// for a match near one line of it cost as much as all other pattern rules together.
    let lineFilter: PrefilterSet?

    enum TemplatePart: Sendable {
        case literal(String)
        case group(Int)
    }

    static func canFix(_ c: RuleDecodingContext) -> Bool { c.yaml.has("replacement") && c.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        let pattern = try c.yaml.requiredString("pattern", what: "a pattern rule")
        var options: ICURegex.Options = [.multiline]
        if (try c.yaml.choice("case", what: "rule") ?? CaseMode.sensitive) == .insensitive { options.insert(.caseInsensitive) }
        let regex: ICURegex
        do {
            regex = try ICURegex(pattern, options: options)
        } catch {
            let at = c.yaml.locationOf("pattern")
            throw RuleFileError(at, "bad ICU regular expression (\(error.name)) at line \(error.line), offset \(error.offset) of the pattern")
        }
        let group = try c.yaml.int("group", range: 0...99) ?? 0
        if group > regex.groupCount {
            throw RuleFileError(c.yaml.locationOf("group"), "'group' is \(group) but the pattern has \(regex.groupCount) groups")
        }
        var template: [TemplatePart]? = nil
        if let t = try c.yaml.string("replacement", what: "rule") {
            template = try parseTemplate(t, groups: regex.groupCount, at: c.yaml.locationOf("replacement"))
        }
        let expansion: Expansion? = try c.yaml.choice("expand", what: "rule")
        let prefilter = RegexPrefilter(pattern: pattern, caseInsensitive: options.contains(.caseInsensitive))
        return PatternRule(meta: c.meta, regex: regex, template: template, group: group, expansion: expansion,
                           prefilter: prefilter, lineFilter: prefilter.flatMap { $0.staysOnLine ? PrefilterSet([$0]) : nil })
    }

    static func parseTemplate(_ t: String, groups: Int, at location: SourceLocation) throws(RuleFileError) -> [TemplatePart] {
        var parts: [TemplatePart] = []
        var literal = ""
        var it = Array(t).makeIterator()
        while let ch = it.next() {
            guard ch == "$" else { literal.append(ch); continue }
            guard let next = it.next() else {
                throw RuleFileError(location, "replacement ends with a lone '$'; write '$$' for a dollar sign")
            }
            if next == "$" { literal.append("$"); continue }
            guard let d = next.wholeNumberValue, next.isASCII else {
                throw RuleFileError(location, "'$\(next)' in the replacement: use $0-$9 for groups or $$ for a dollar sign")
            }
            guard d <= groups else {
                throw RuleFileError(location, "the replacement uses $\(d) but the pattern has \(groups) groups")
            }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(.group(d))
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// The whole line around `range`, with its line break.
    static func line(around range: Range<Int>, in text: UTF16Buffer) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start > 0, text[start - 1] != 0x0A, text[start - 1] != 0x0D { start -= 1 }
        while end < text.count, text[end] != 0x0A, text[end] != 0x0D { end += 1 }
        if end < text.count { end += (text[end] == 0x0D && end + 1 < text.count && text[end + 1] == 0x0A) ? 2 : 1 }
        return start..<end
    }

    var checksDocuments: Bool { true }

    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {
        let text = document.text
        do {
            let matcher = try workspace.matcher(for: regex, text: text)
            guard let lineFilter else {
                try collect(matcher, text, into: &findings)
                return
            }
            // The matcher still reads past a line's ends for lookarounds and anchors, so each
            // match is the one a search of the whole text finds.
            try lineFilter.linesThatMayMatch(in: UnsafeBufferPointer(start: text.base, count: text.count)) { (line: Range<Int>) throws(ICUError) in
                try matcher.restrict(to: line)
                try collect(matcher, text, into: &findings)
            }
        } catch {
            let why = error.isTimeout ? "the pattern hit its time limit; the rest of the file was not checked by it"
                                      : "ICU error \(error.name)"
            throw RuleRuntimeError(rule: meta.id, message: why)
        }
    }

    /// The findings of the matcher's matches, from where it stands.
    private func collect(_ matcher: ICURegex.Matcher, _ text: UTF16Buffer, into findings: inout [RawFinding]) throws(ICUError) {
        while let groups = try matcher.next() {
            guard var range = groups[group], !range.isEmpty else { continue }
            if expansion == .line {
                range = Self.line(around: range, in: text)
                // Every match on one line gives the same finding; report it once.
                if let last = findings.last, last.range == range { continue }
            }
            let matched = text.string(range)
            var replacement: String? = nil
            if let template, meta.applicability != .displayOnly {
                var r = ""
                for part in template {
                    switch part {
                    case .literal(let s): r += s
                    case .group(let g): if let gr = groups[g] { r += text.string(gr) }
                    }
                }
                replacement = r
                if r == matched { continue }
            }
            findings.append(RawFinding(range: range, message: meta.message(match: matched, replacement: replacement),
                                       replacement: replacement))
        }
    }
}
