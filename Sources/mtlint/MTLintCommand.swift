import ArgumentParser
import Foundation
import MTLintCore
import MTLintReporters

extension OutputFormat: ExpressibleByArgument {}

/// `--shard K/N`.
struct ShardArgument: ExpressibleByArgument {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }
}
extension Severity: ExpressibleByArgument {}

@main
struct MTLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mtlint",
        abstract: "Lint machine-translated articles: calques, names, fragments, residue, Unicode faults.",
        version: MTLint.version,
        subcommands: [Lint.self, Rules.self, Explain.self, CheckRules.self, Merge.self, Init.self],
        defaultSubcommand: Lint.self
    )

    /// ArgumentParser exits 64 on a usage error; the contract says 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Output.stderr(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Where output goes; stdout carries only the report.
enum Output {
    static func stdout(_ s: String) {
        var s = s
        s.withUTF8 { stdout(UnsafeRawBufferPointer($0)) }
    }

    /// Straight from the bytes given: a report can be megabytes, and `Data` copied them.
    static func stdout(_ bytes: UnsafeRawBufferPointer) {
        try? FileHandle.standardOutput.write(contentsOf: bytes)
    }

    static func stderr(_ s: String) {
        FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }

    static var colorOnStdout: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    static func readStdin() -> [UInt8] { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }

    /// On a terminal, the progress line on stderr; nil (silent) otherwise.
    static func progressLine() -> ProgressLine? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressLine { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// The non-empty lines of a file, or of stdin for "-".
    static func lines(of path: String) throws -> [String] {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else {
            stderr("\(path): error: cannot read the list of files")
            throw ExitCode(2)
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }
}

struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of rule packs to add (repeatable).", valueName: "DIR"))
    var directories: [String] = []

    @Option(name: .customLong("names"), help: ArgumentHelp("A gazetteer of people to add: .tsv, .csv or .yml (repeatable).", valueName: "FILE"))
    var nameFiles: [String] = []

    @Option(name: .customLong("glossary"), help: ArgumentHelp("A team glossary: .tsv or .csv (wrong, right, note) or .tbx (repeatable).", valueName: "FILE"))
    var glossaries: [String] = []
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Lint files and folders (the default command).")

    @Argument(help: "Files and folders (folders recurse into *.txt, *.md, *.markdown); - reads stdin.")
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif, github, checkstyle or junit (github when GITHUB_ACTIONS=true).")
    var format: OutputFormat?

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("accept"), help: ArgumentHelp("Words the spelling rules accept, one a line, # for comments (repeatable).", valueName: "FILE"))
    var acceptFiles: [String] = []

    @Option(help: ArgumentHelp("Run only these rules or packs (repeatable).", valueName: "ID"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Turn off these rules or packs (repeatable).", valueName: "ID"))
    var disable: [String] = []

    @Option(help: "Exit 1 when a finding at or above this level remains: error, warning or info (default: the configuration's, else warning).")
    var failLevel: Severity?

    @Option(help: ArgumentHelp("Use this configuration for every file instead of the nearest .mtlint.yml.", valueName: "FILE"))
    var config: String?

    @Flag(help: "Use no .mtlint.yml.")
    var noConfig = false

    @Option(help: "Files linted at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("The name stdin's text goes by in output.", valueName: "NAME"))
    var stdinFilename: String = "<stdin>"

    @Flag(help: "Apply safe fixes in place, then report what remains (stdin: fixed text to stdout, findings to stderr).")
    var fix = false

    @Flag(help: "With --fix or --diff: apply unsafe fixes too. Alone: show them.")
    var unsafeFixes = false

    @Flag(help: "Print the fixes as a unified diff and write nothing; exit 1 when there is a diff.")
    var diff = false

    @Option(help: ArgumentHelp("Read more paths from FILE, one a line (- for stdin).", valueName: "FILE"))
    var filesFrom: String?

    @Option(help: ArgumentHelp("Lint only part K of N (1-based), a split that depends on each path alone.", valueName: "K/N"))
    var shard: ShardArgument?

    @Option(help: ArgumentHelp("Hide the findings recorded in this baseline; report stale entries.", valueName: "FILE"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record the current findings as a baseline and exit 0.", valueName: "FILE"))
    var writeBaseline: String?

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if fix && diff { throw ValidationError("--fix and --diff cannot be used together; --diff shows what --fix would write") }
        if (fix || diff) && (baseline != nil || writeBaseline != nil) {
            throw ValidationError("--baseline and --write-baseline apply to linting, not to --fix or --diff")
        }
        if filesFrom == "-" && paths.contains("-") { throw ValidationError("--files-from - and the path - both want stdin") }
    }

    func run() throws {
        let format = self.format ?? (ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
        let toStdout = !(fix && paths.contains("-"))
        let reporter = format.reporter(color: toStdout ? Output.colorOnStdout : false, showUnsafeFixes: unsafeFixes)
        var request = LintRequest(paths: paths + (try filesFrom.map(Output.lines(of:)) ?? []))
        // An empty list (no changed files) lints nothing, not the current folder.
        request.defaultToCurrentFolder = filesFrom == nil
        request.shard = shard.map { ($0.index, $0.count) }
        request.progress = Output.progressLine()
        request.ruleDirectories = rules.directories
        request.nameFiles = rules.nameFiles
        request.glossaries = rules.glossaries
        request.acceptFiles = acceptFiles
        request.only = only
        request.disable = disable
        request.failLevel = failLevel
        request.configPath = config
        request.useConfig = !noConfig
        request.jobs = jobs
        request.stdinName = stdinFilename
        request.excerpts = reporter.wantsExcerpts
        request.fixing = diff ? .diff : (fix ? .fix : .none)
        request.unsafeFixes = unsafeFixes
        request.baseline = baseline
        request.writeBaseline = writeBaseline
        // The process ends once the report is out: what the run holds is never freed.
        LintRunner.run(request, readStdin: Output.readStdin) { output in
            report(output, reporter: reporter, format: format)
            Foundation.exit(output.exitCode)
        }
    }

    private func report(_ output: LintRunOutput, reporter: any Reporter, format: OutputFormat) {
        for line in output.diagnostics { Output.stderr(line) }
        if let diff = output.diff {
            Output.stdout(diff)
        } else if let fixed = output.fixedStdin {
            // stdout carries the fixed text; the report goes to stderr.
            FileHandle.standardOutput.write(Data(fixed))
            Output.stderr(reporter.render(output.findings, summary: output.summary, rules: output.rules))
        } else if output.exitCode != 2 || !output.findings.isEmpty || format != .text {
            reporter.write(output.findings, summary: output.summary, rules: output.rules, to: Output.stdout)
        }
        if let summary = output.fixSummary {
            if format == .text && output.fixedStdin == nil { Output.stdout(summary + "\n") } else { Output.stderr(summary) }
        }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every rule: id, severity, kind, fixable, description.")

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let set = try loadRules(rules)
        Output.stdout(format == .json ? RuleCatalog.json(set) : RuleCatalog.text(set))
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what a rule catches, why, and its examples.")

    @Argument(help: "A rule id, such as general/doubled-words.")
    var id: String

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let set = try loadRules(rules)
        guard let rule = set.rule(id) else {
            Output.stderr("error: no rule '\(id)'; see `mtlint rules`")
            throw ExitCode(2)
        }
        Output.stdout(RuleCatalog.explain(rule, pack: set.packs.first { $0.folder == rule.meta.pack }))
    }
}

struct CheckRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-rules",
        abstract: "Validate rule packs and run their examples as tests (the built-in packs without DIR).")

    @Argument(help: "A pack folder, or a folder of packs.")
    var directory: String?

    func run() throws {
        let set: RuleSet
        do {
            set = try directory.map { try RuleLoader.load(builtin: false, directories: [$0]) } ?? RuleLoader.load()
        } catch let error as RuleLoadErrors {
            for e in error.errors { Output.stderr(e.description) }
            throw ExitCode(2)
        }
        let failures = try ExampleRunner.run(set)
        for f in failures { Output.stderr(f.description) }
        let examples = set.rules.reduce(0) { $0 + $1.meta.examples.count }
        Output.stdout("\(set.rules.count) rules, \(examples) examples, \(failures.count) failures\n")
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a commented starter .mtlint.yml in the current folder.")

    func run() throws {
        do {
            try Config.writeStarter(at: ".mtlint.yml")
        } catch {
            Output.stderr(error.message)
            throw ExitCode(2)
        }
        Output.stdout("wrote .mtlint.yml\n")
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the JSON or SARIF outputs of shards into one.")

    @Argument(help: "Outputs of `mtlint --format json` (or sarif) to combine.")
    var files: [String]

    func run() throws {
        do {
            let (kind, objects) = try MTLintCore.Merge.load(files)
            switch kind {
            case .json:
                let (findings, count) = try MTLintCore.Merge.findings(objects)
                Output.stdout(JSONReporter().render(findings, summary: Summary(files: count, findings: findings)))
            case .sarif:
                FileHandle.standardOutput.write(try MTLintCore.Merge.sarif(objects))
                Output.stdout("\n")
            }
        } catch {
            Output.stderr("\(error)")
            throw ExitCode(2)
        }
    }
}

func loadRules(_ options: RuleOptions) throws -> RuleSet {
    do {
        return try RuleLoader.load(directories: options.directories, nameFiles: options.nameFiles, glossaries: options.glossaries)
    } catch {
        for e in error.errors { Output.stderr(e.description) }
        throw ExitCode(2)
    }
}
