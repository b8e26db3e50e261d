import Foundation

/// Everything a lint run needs from the command line.
public struct LintRequest: Sendable {
    public var paths: [String]
    public var ruleDirectories: [String] = []
    /// Gazetteers of the user's to add to the names rules.
    public var nameFiles: [String] = []
    /// Team glossaries (TSV, CSV, TBX), one rule each.
    public var glossaries: [String] = []
    /// `--accept FILE`: words the spelling rules accept, one a line.
    public var acceptFiles: [String] = []
    public var only: [String] = []
    public var disable: [String] = []
    /// nil: the configuration's, else warning.
    public var failLevel: Severity? = nil
    /// `--config FILE`, and false for `--no-config`.
    public var configPath: String? = nil
    public var useConfig = true
    /// No paths means ".", unless the paths came from a list (`--files-from`) that was empty.
    public var defaultToCurrentFolder = true
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    public var stdinName = "<stdin>"
    public var excerpts = false
    /// `--fix` writes fixes, `--diff` shows them; `unsafeFixes` adds the unsafe ones.
    public var fixing: Fixing = .none
    public var unsafeFixes = false
    /// `--baseline`: findings to hide; `--write-baseline`: where to record the current ones.
    public var baseline: String? = nil
    public var writeBaseline: String? = nil
    /// Told of each file linted; nil for silence.
    public var progress: ProgressLine? = nil
    /// `--shard K/N`: lint only the K-th of N deterministic parts of the inputs.
    public var shard: (index: Int, count: Int)? = nil

    public enum Fixing: Sendable { case none, fix, diff }

    public init(paths: [String]) { self.paths = paths }
}

/// A run's findings, what goes to stderr, and the exit code (DESIGN.md: 0 clean, 1 findings
/// at or above the fail level, 2 usage, input or rule errors).
public struct LintRunOutput: Sendable {
    public var findings: [Finding]
    public var summary: Summary
    public var diagnostics: [String]
    public var exitCode: Int32
    /// With `--fix`: "N fixes applied in M files, K findings remain".
    public var fixSummary: String? = nil
    /// With `--diff`: the unified diff of every file `--fix` would change.
    public var diff: String? = nil
    /// With `--fix -`: the fixed text of stdin, which goes to stdout.
    public var fixedStdin: [UInt8]? = nil
    /// The rules in force, for formats that describe them.
    public var rules: [RuleMeta] = []
}

public enum LintRunner {
    /// Inputs that share a configuration, hence a rule set.
    struct Group {
        var config: Config?
        var inputs: [LintInput]
    }

    public static func run(_ request: LintRequest, readStdin: () -> [UInt8]) -> LintRunOutput {
        run(request, readStdin: readStdin) { $0 }
    }

    /// Hands the output to `deliver` while the run's working data (every file's report, the
    /// inputs) is still held, and frees it after: a caller that ends the process in `deliver`
    /// spares freeing it object by object on one core once all the work is done (as clang's
    /// -disable-free does), a hundredth of a large run's time.
    public static func run<T>(_ request: LintRequest, readStdin: () -> [UInt8], deliver: (LintRunOutput) -> T) -> T {
        let held = WorkingSet()
        let output = lint(request, readStdin: readStdin, holding: held)
        return withExtendedLifetime(held) { deliver(output) }
    }

    /// What a run keeps until its output is delivered.
    final class WorkingSet {
        private var items: [Any] = []
        func keep(_ item: Any) { items.append(item) }
    }

    private static func lint(_ request: LintRequest, readStdin: () -> [UInt8], holding held: WorkingSet) -> LintRunOutput {
        var diagnostics: [String] = []
        let paths = request.paths.isEmpty && request.defaultToCurrentFolder ? ["."] : request.paths
        // The rules load on another core while the folders are walked; most runs need no
        // other rule set than the command line's.
        var loader = GroupRuleLoader(prefetching: request)
        var collected = InputCollector.collect(paths, stdin: readStdin, stdinName: request.stdinName)
        if let shard = request.shard { collected.inputs = Shard.select(collected.inputs, index: shard.index, of: shard.count) }
        diagnostics += collected.errors
        held.keep(collected.inputs)
        var failed = !collected.errors.isEmpty
        let groups: [Group]
        do {
            groups = try Self.groups(collected.inputs, request: request)
        } catch {
            return LintRunOutput(findings: [], summary: Summary(files: 0, findings: []), diagnostics: diagnostics + [error.description], exitCode: 2)
        }
        request.progress?.begin(total: groups.reduce(0) { $0 + $1.inputs.count })
        var lintOutcomes: [FileOutcome] = []
        var fixOutcomes: [(input: LintInput, outcome: FixOutcome)] = []
        var levels: [String: Severity] = [:]
        var rules: [String: RuleMeta] = [:]
        for group in groups {
            let ruleSet: RuleSet
            do {
                ruleSet = try loader.ruleSet(for: group.config, request: request)
            } catch let error as RuleLoadErrors {
                // A rule problem stops the run before any file is read or rewritten.
                return LintRunOutput(findings: [], summary: Summary(files: 0, findings: []),
                                     diagnostics: diagnostics + error.errors.map(\.description), exitCode: 2)
            } catch {
                return LintRunOutput(findings: [], summary: Summary(files: 0, findings: []),
                                     diagnostics: diagnostics + ["error: \(error)"], exitCode: 2)
            }
            for r in ruleSet.rules where rules[r.id] == nil { rules[r.id] = r.meta }
            let level = request.failLevel ?? group.config?.failLevel ?? .warning
            for input in group.inputs { levels[input.path] = level }
            let linter = loader.linter(for: ruleSet, config: group.config, request: request)
            // Held for `deliver` too: freeing the linter (the names pack's indexes most of all)
            // took 3 ms on one core at the end of a 50 MB run.
            held.keep(linter)
            var session = LintSession(linter: linter, jobs: request.jobs, excerpts: request.excerpts)
            session.progress = request.progress
            if request.fixing != .none {
                let outcomes = fixAll(group.inputs, session: session, request: request)
                for (input, outcome) in zip(group.inputs, outcomes) { fixOutcomes.append((input, outcome)) }
            } else {
                lintOutcomes += session.run(group.inputs).outcomes
            }
        }
        let metas = rules.values.sorted { $0.id < $1.id }
        if request.fixing != .none {
            var output = fixReport(fixOutcomes, request: request, levels: levels)
            output.diagnostics = diagnostics + output.diagnostics
            output.rules = metas
            if failed { output.exitCode = 2 }
            return output
        }
        for outcome in lintOutcomes {
            switch outcome {
            case .linted(let report):
                for e in report.ruleErrors { diagnostics.append("\(report.path): error: rule \(e.rule): \(e.message)") }
                if !report.ruleErrors.isEmpty { failed = true }
            case .skipped(let path, let reason):
                diagnostics.append("\(path): notice: \(reason)")
            case .failed(let path, let reason):
                diagnostics.append("\(path): error: \(reason)")
                failed = true
            }
        }
        held.keep(lintOutcomes)
        held.keep(levels)
        let result = LintResult(outcomes: lintOutcomes)
        var findings = result.findings
        var summary = Summary(files: result.fileCount, findings: findings)
        if let path = request.writeBaseline {
            let baseline = Baseline(findings: findings)
            do {
                try baseline.json().write(toFile: path, atomically: true, encoding: .utf8)
                diagnostics.append("\(path): notice: baseline written with \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s")")
            } catch {
                diagnostics.append("\(path): error: cannot write the baseline: \(error.localizedDescription)")
                failed = true
            }
            findings = []
            summary = Summary(files: summary.files, findings: [])
        } else if let path = request.baseline {
            do {
                let (new, stale) = try Baseline.read(path: path).filter(findings, linted: Set(lintOutcomes.map(\.path)))
                for e in stale {
                    diagnostics.append("\(e.path): notice: stale baseline entry: \(e.rule) '\(e.text)' no longer occurs")
                }
                findings = new
                summary = Summary(files: summary.files, findings: new)
            } catch {
                diagnostics.append(error.description)
                failed = true
            }
        }
        let code: Int32 = failed ? 2 : (Self.anyAtFailLevel(findings, levels) ? 1 : 0)
        var output = LintRunOutput(findings: findings, summary: summary, diagnostics: diagnostics, exitCode: code)
        output.rules = metas
        return output
    }

    static func anyAtFailLevel(_ findings: [Finding], _ levels: [String: Severity]) -> Bool {
        findings.contains { $0.severity >= (levels[$0.path] ?? .warning) }
    }

    /// Inputs grouped by the configuration that applies to each: `--config`, or the nearest
    /// `.mtlint.yml` upward, or none with `--no-config`. Files found by walking folders
    /// must pass the configuration's include and exclude globs.
    static func groups(_ inputs: [LintInput], request: LintRequest) throws(RuleFileError) -> [Group] {
        guard request.useConfig else { return [Group(config: nil, inputs: inputs)] }
        if let path = request.configPath {
            let config = try Config.load(path: path)
            return [Group(config: config, inputs: inputs.filter { $0.explicit || config.admits($0.path) })]
        }
        var lookup = ConfigLookup()
        var loaded: [String: Config] = [:]
        var order: [String?] = []
        var members: [String?: [LintInput]] = [:]
        for input in inputs {
            // Stdin's text is taken to be in the current folder.
            let probe = input.source == .file(input.path) ? input.path : "./" + input.path
            let found = lookup.nearest(to: probe)
            if let found, loaded[found] == nil { loaded[found] = try Config.load(path: found) }
            if let found, let config = loaded[found], !input.explicit, !config.admits(input.path) { continue }
            if members[found] == nil { order.append(found) }
            members[found, default: []].append(input)
        }
        return order.map { Group(config: $0.flatMap { loaded[$0] }, inputs: members[$0] ?? []) }
    }

    /// `--fix` and `--diff`: every input fixed in memory; with `--fix`, written back.
    static func fixAll(_ inputs: [LintInput], session: LintSession, request: LintRequest) -> [FixOutcome] {
        let fixer = FileFixer(linter: session.linter, level: request.unsafeFixes ? .unsafe : .safe, write: request.fixing == .fix)
        let excerpts = request.excerpts
        return session.map(inputs, unavailable: { input, error in
            FixOutcome(path: input.path, original: [], fixed: [], applied: 0, nonConverging: [], remaining: [],
                       notice: "ICU is unavailable: \(error)", failed: true)
        }) { input, workspace in
            var outcome = fixer.fix(input, workspace: workspace)
            if excerpts, let document = try? Document(path: input.path, bytes: outcome.fixed) {
                outcome.remaining = session.linter.lint(document, workspace: workspace, excerpts: true).findings
            }
            session.progress?.fileDone(bytes: outcome.original.count)
            return outcome
        }
    }

    static func fixReport(_ results: [(input: LintInput, outcome: FixOutcome)], request: LintRequest,
                          levels: [String: Severity]) -> LintRunOutput {
        var diagnostics: [String] = []
        var failed = false
        var diff = ""
        var fixedStdin: [UInt8]? = nil
        for (input, outcome) in results {
            if let notice = outcome.notice {
                diagnostics.append("\(outcome.path): \(outcome.failed ? "error" : "notice"): \(notice)")
                failed = failed || outcome.failed
            }
            if !outcome.nonConverging.isEmpty {
                diagnostics.append("\(outcome.path): warning: these rules' fixes still changed the text after \(FixApplier.maxPasses) passes (a replacement that makes new matches), so none of theirs were applied: \(outcome.nonConverging.joined(separator: ", "))")
            }
            if request.fixing == .diff, outcome.changed { diff += UnifiedDiff.make(path: outcome.path, old: outcome.original, new: outcome.fixed) }
            if case .bytes = input.source, request.fixing == .fix { fixedStdin = outcome.fixed }
        }
        let outcomes = results.map(\.outcome)
        let findings = outcomes.flatMap(\.remaining).sorted(by: Finding.ordered)
        let summary = Summary(files: outcomes.count, findings: findings)
        let applied = outcomes.reduce(0) { $0 + $1.applied }
        let files = outcomes.filter { $0.changed }.count
        var output = LintRunOutput(findings: findings, summary: summary, diagnostics: diagnostics, exitCode: 0)
        if request.fixing == .diff {
            output.diff = diff
            output.exitCode = failed ? 2 : (diff.isEmpty ? 0 : 1)
            output.findings = []
        } else {
            let remaining = findings.count
            output.fixSummary = "\(applied) fix\(applied == 1 ? "" : "es") applied in \(files) file\(files == 1 ? "" : "s"), \(remaining) finding\(remaining == 1 ? "" : "s") remain\(remaining == 1 ? "s" : "")"
            output.fixedStdin = fixedStdin
            output.exitCode = failed ? 2 : (anyAtFailLevel(findings, levels) ? 1 : 0)
        }
        return output
    }
}

/// A deterministic split of the inputs for CI matrix jobs: a file's shard depends on its
/// path alone, so every job agrees without talking to the others, and adding a file moves
/// no other file between shards.
public enum Shard {
    public static func select(_ inputs: [LintInput], index: Int, of count: Int) -> [LintInput] {
        inputs.filter { Int(Fingerprint.fnv1a($0.path) % UInt64(count)) == index - 1 }
    }
}

/// Rule sets for configuration groups. Loading compiles every pack, so groups whose
/// configurations add the same folders, names and glossaries share one load.
struct GroupRuleLoader {
    private var loaded: [[[String]]: RuleSet] = [:]
    private var pending: (sources: [[String]], load: BackgroundLoad)? = nil
    /// The background load's linter, for a group that runs every loaded rule as loaded.
    private var prebuilt: Linter? = nil

    init() {}

    /// Starts loading the rule set of a group without configuration at once, in the
    /// background, and with no `--only` or `--disable` its linter too (a glossary of
    /// 100,000 terms takes a tenth of a second to index).
    init(prefetching request: LintRequest) {
        let sources = Self.sources(nil, request)
        pending = (sources, BackgroundLoad(sources, buildLinter: request.only.isEmpty && request.disable.isEmpty))
    }

    /// The linter for a group's rule set: the prebuilt one when the group takes the loaded
    /// rules unchanged.
    func linter(for ruleSet: RuleSet, config: Config?, request: LintRequest) -> Linter {
        if let prebuilt, config == nil, request.only.isEmpty, request.disable.isEmpty,
           prebuilt.ruleSet.rules.map(\.id) == ruleSet.rules.map(\.id) {
            return prebuilt
        }
        return Linter(ruleSet)
    }

    private static func sources(_ config: Config?, _ request: LintRequest) -> [[String]] {
        [request.ruleDirectories + (config?.ruleFolders ?? []),
         request.nameFiles + (config?.names ?? []),
         request.glossaries + (config?.glossaries ?? []),
         request.acceptFiles + (config?.acceptFiles ?? [])]
    }

    mutating func ruleSet(for config: Config?, request: LintRequest) throws -> RuleSet {
        let sources = Self.sources(config, request)
        if let p = pending, p.sources == sources {
            pending = nil
            let (set, linter) = try p.load.wait().get()
            loaded[sources] = set
            prebuilt = linter
        }
        let all: RuleSet
        if let hit = loaded[sources] {
            all = hit
        } else {
            all = try RuleLoader.load(directories: sources[0], nameFiles: sources[1], glossaries: sources[2], acceptFiles: sources[3])
            loaded[sources] = all
        }
        // Names on the command line are checked against every loaded rule, so a pack the
        // configuration turns off is still a valid `--only` (it then selects nothing here).
        let selected = try all.filtered(only: request.only, disable: request.disable)
        guard let config else { return selected }
        do { return try config.apply(to: selected, validatingAgainst: all) } catch { throw RuleLoadErrors(errors: [error]) }
    }
}

/// A rule load running on a global queue, waited for when its rule set is first needed.
private final class BackgroundLoad: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the loading thread before `done` is signalled, read only after.
    private var result: Result<(RuleSet, Linter?), any Error>? = nil

    init(_ sources: [[String]], buildLinter: Bool) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result {
                let set = try RuleLoader.load(directories: sources[0], nameFiles: sources[1], glossaries: sources[2],
                                              acceptFiles: sources[3])
                return (set, buildLinter ? Linter(set) : nil)
            }
            self.done.signal()
        }
    }

    func wait() -> Result<(RuleSet, Linter?), any Error> {
        done.wait()
        done.signal()
        return result!
    }
}
