import Foundation

/// Everything a lint run needs from the command line.
public struct LintRequest: Sendable {
    public var paths: [String]
    public var ruleDirectories: [String] = []
    /// Gazetteers of the user's to add to the names rules.
    public var nameFiles: [String] = []
    /// Team glossaries (TSV, CSV, TBX), one rule each.
    public var glossaries: [String] = []
    public var only: [String] = []
    public var disable: [String] = []
    public var failLevel: Severity = .warning
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    public var stdinName = "<stdin>"
    public var excerpts = false

    public init(paths: [String]) { self.paths = paths }
}

/// A run's findings, what goes to stderr, and the exit code (DESIGN.md: 0 clean, 1 findings
/// at or above the fail level, 2 usage, input or rule errors).
public struct LintRunOutput: Sendable {
    public var findings: [Finding]
    public var summary: Summary
    public var diagnostics: [String]
    public var exitCode: Int32
}

public enum LintRunner {
    public static func run(_ request: LintRequest, readStdin: () -> [UInt8]) -> LintRunOutput {
        var diagnostics: [String] = []
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleLoader.load(directories: request.ruleDirectories, nameFiles: request.nameFiles,
                                          glossaries: request.glossaries)
                .filtered(only: request.only, disable: request.disable)
        } catch let error as RuleLoadErrors {
            return LintRunOutput(findings: [], summary: Summary(files: 0, findings: []),
                                 diagnostics: error.errors.map(\.description), exitCode: 2)
        } catch {
            return LintRunOutput(findings: [], summary: Summary(files: 0, findings: []),
                                 diagnostics: ["error: \(error)"], exitCode: 2)
        }
        let paths = request.paths.isEmpty ? ["."] : request.paths
        let collected = InputCollector.collect(paths, stdin: readStdin, stdinName: request.stdinName)
        diagnostics += collected.errors
        var failed = !collected.errors.isEmpty
        let session = LintSession(linter: Linter(ruleSet), jobs: request.jobs, excerpts: request.excerpts)
        let result = session.run(collected.inputs)
        for outcome in result.outcomes {
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
        let findings = result.findings
        let code: Int32 = failed ? 2 : (findings.contains { $0.severity >= request.failLevel } ? 1 : 0)
        return LintRunOutput(findings: findings, summary: result.summary, diagnostics: diagnostics, exitCode: code)
    }
}
