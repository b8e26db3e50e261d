import ICUText

/// The findings for one file, and the rules that failed on it.
public struct FileReport: Sendable {
    public var path: String
    public var findings: [Finding]
    public var ruleErrors: [RuleRuntimeError]
}

/// Runs a rule set over documents. Immutable and shared by all workers; each worker brings
/// its own `Workspace`.
public final class Linter: Sendable {
    public let ruleSet: RuleSet
    private let phraseIndex: PhraseIndex
    // Kept apart so that the per-file and per-paragraph loops neither copy each rule's
    // metadata out of its existential nor call the many rules that have no paragraph check.
    private let metas: [RuleMeta]
    /// The rules, each behind a class reference that the per-file loops call through without
    /// retaining it: calling a requirement on an existential kept in an array copies the
    /// existential first (48 copies a file), retaining and releasing what the rule holds,
    /// objects that every worker shares. A class's `let` is used where it lies. `cells` keeps
    /// them alive as long as the linter.
    private let cells: [RuleCell]
    private let cellRefs: [Unmanaged<RuleCell>]
    private let paragraphRules: [Int]
    private let documentRules: [Int]
    /// The rules limited to some file types, with those types: a file's active rules are
    /// `allActive` with these turned off where they do not apply. Asking every rule's
    /// metadata instead copied all of it (a memcpy and its references counted) for each file.
    private let typeLimited: [(rule: Int, fileTypes: Set<String>)]
    private let allActive: [Bool]
    private let collectingRules: [Int]
    /// Rules with observed phrases, whose matches go to their collectors.
    private let observes: [Bool]
    private let anyObserving: Bool
    /// Every rule's prefilter, scanned for in one pass over each document.
    private let prefilters: PrefilterSet
    private let anyPrefilter: Bool
    /// Rules whose findings give way to another rule's finding over the same text.
    private let yielding: [Bool]
    private let anyYielding: Bool

    public init(_ ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        self.phraseIndex = PhraseIndex(ruleSet.rules)
        let metas = ruleSet.rules.map(\.meta)
        self.metas = metas
        self.cells = ruleSet.rules.map(RuleCell.init)
        self.cellRefs = cells.map { Unmanaged.passUnretained($0) }
        self.paragraphRules = ruleSet.rules.indices.filter { ruleSet.rules[$0].checksParagraphs }
        self.documentRules = ruleSet.rules.indices.filter { ruleSet.rules[$0].checksDocuments }
        self.typeLimited = metas.indices.compactMap { i in metas[i].fileTypes.map { (i, $0) } }
        self.allActive = Array(repeating: true, count: ruleSet.rules.count)
        self.collectingRules = ruleSet.rules.indices.filter { ruleSet.rules[$0].collects }
        self.observes = ruleSet.rules.map { !$0.observedPhrases.isEmpty }
        self.anyObserving = observes.contains(true)
        let filters = ruleSet.rules.map(\.prefilter)
        self.prefilters = PrefilterSet(filters)
        self.anyPrefilter = filters.contains { $0 != nil }
        self.yielding = ruleSet.rules.map(\.yieldsToOtherRules)
        self.anyYielding = yielding.contains(true)
        for rule in ruleSet.rules { rule.warmUp() }
    }

    public func lint(_ document: Document, workspace: Workspace, excerpts: Bool = false) -> FileReport {
        cellRefs.withUnsafeBufferPointer { lint(document, workspace: workspace, excerpts: excerpts, rules: $0) }
    }

    private func lint(_ document: Document, workspace: Workspace, excerpts: Bool, rules: UnsafeBufferPointer<Unmanaged<RuleCell>>) -> FileReport {
        // Rules limited to some file types ("txt") sit out the others.
        let fileType = RuleMeta.fileType(of: document.path)
        var active = allActive
        for limited in typeLimited where !limited.fileTypes.contains(fileType) { active[limited.rule] = false }
        var raw: [(rule: Int, finding: RawFinding)] = []
        var errors: [RuleRuntimeError] = []
        var scratch = workspace.takeScratchFindings()
        defer { workspace.giveBack(scratchFindings: &scratch) }
        if anyPrefilter { prefilters.scan(document.text.buffer, into: &workspace.prefilterHits) }
        let mayMatch = workspace.prefilterHits
        for i in documentRules where active[i] && (!anyPrefilter || mayMatch[i]) {
            let failure = rules[i]._withUnsafeGuaranteedRef { cell -> RuleRuntimeError? in
                do throws(RuleRuntimeError) {
                    try cell.rule.check(document: document, workspace: workspace, into: &scratch)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { errors.append(failure) }
            for f in scratch { raw.append((i, f)) }
            scratch.removeAll(keepingCapacity: true)
        }
        // The loops call through `collectors` without retaining (see `CollectorCell`); the
        // workspace holds each cell until the rule's next one, after this article.
        var collectors: [(rule: Int, cell: Unmanaged<CollectorCell>)] = []
        collectors.reserveCapacity(collectingRules.count)
        for i in collectingRules where active[i] {
            if let c = workspace.collector(of: self, rule: i, for: document, make: {
                rules[i]._withUnsafeGuaranteedRef { $0.rule.makeCollector(for: document, workspace: workspace) }
            }) {
                collectors.append((i, Unmanaged.passUnretained(c)))
            }
        }
        // Observed phrases come back under their rule's index plus the number of rules. A
        // short list: a dictionary made for each file cost more than its few lookups.
        var observers: [(rule: Int, cell: Unmanaged<CollectorCell>)] = []
        if anyObserving {
            for c in collectors where observes[c.rule] { observers.append((rules.count + c.rule, c.cell)) }
        }
        // Paragraphs and their words only for rules that read them: a run of document rules
        // alone (`--only residue`) spent a third of its time making words nobody read.
        let readsParagraphs = !phraseIndex.isEmpty || !collectors.isEmpty || paragraphRules.contains { active[$0] }
        if readsParagraphs {
            ParagraphSplitter(text: document.text, words: workspace.words, buffers: workspace.paragraphBuffers,
                              unusual: document.unusualInText).forEach { paragraph in
                if !phraseIndex.isEmpty {
                    for hit in phraseIndex.matches(in: &paragraph) {
                        if hit.rule >= rules.count {
                            observers.first { $0.rule == hit.rule }?.cell._withUnsafeGuaranteedRef {
                                $0.collector.observe(match: hit.match, in: &paragraph)
                            }
                            continue
                        }
                        guard active[hit.rule] else { continue }
                        if let f = rules[hit.rule]._withUnsafeGuaranteedRef({ $0.rule.finding(for: hit.match, in: &paragraph, document: document) }) {
                            raw.append((hit.rule, f))
                        }
                    }
                }
                for i in paragraphRules where active[i] {
                    rules[i]._withUnsafeGuaranteedRef { $0.rule.check(paragraph: &paragraph, document: document, into: &scratch) }
                    for f in scratch { raw.append((i, f)) }
                    scratch.removeAll(keepingCapacity: true)
                }
                // Last, so that the folded keys the phrase pass computed are there to reuse.
                for c in collectors { c.cell._withUnsafeGuaranteedRef { $0.collector.observe(&paragraph) } }
            }
        }
        for c in collectors {
            c.cell._withUnsafeGuaranteedRef { $0.collector.finish(into: &scratch) }
            for f in scratch { raw.append((c.rule, f)) }
            scratch.removeAll(keepingCapacity: true)
        }
        if anyYielding { raw = withoutYielded(raw) }
        let markup = Markup(document, fileType: fileType)
        // Markup ranges are NFC ranges; the few findings in original coordinates (bytes that
        // are not UTF-8) differ from them only where the text is not NFC.
        let kept = raw.filter { markup.keeps($0.finding.range, rule: metas[$0.rule]) }
        let findings = SpanResolver(document: document, workspace: workspace).findings(kept, metas: metas, excerpts: excerpts)
        return FileReport(path: document.path, findings: findings, ruleErrors: errors)
    }

    /// Drops the findings of yielding rules (spelling) that lie within a finding of a rule
    /// that does not yield: a misspelled word in a reported calque or doubled word, or in an
    /// accent that is not NFC, is one fault, and the other rule's fix covers it.
    private func withoutYielded(_ raw: [(rule: Int, finding: RawFinding)]) -> [(rule: Int, finding: RawFinding)] {
        guard raw.contains(where: { yielding[$0.rule] }) else { return raw }
        let others = raw.filter { !yielding[$0.rule] && $0.finding.coordinates == .nfc }.map(\.finding.range)
        guard !others.isEmpty else { return raw }
        return raw.filter { item in
            guard yielding[item.rule] else { return true }
            let r = item.finding.range
            return !others.contains { $0.lowerBound <= r.lowerBound && r.upperBound <= $0.upperBound }
        }
    }
}

/// One rule of a `Linter`, behind a class reference (see `Linter.cells`).
final class RuleCell: Sendable {
    let rule: any Rule
    init(_ rule: any Rule) { self.rule = rule }
}
