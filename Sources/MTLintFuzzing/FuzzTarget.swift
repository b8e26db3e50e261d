import MTLintCore

/// The fuzz targets, each a set of invariants over arbitrary bytes.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Article bytes through the built-in packs: spans, texts, fixes.
    case pipeline
    /// Rule files: loading, errors, and the rule's run over a sample.
    case rules

    /// A checker for this target, made once per process: the built-in packs load once.
    public func checker() throws -> ([UInt8]) -> [String] {
        switch self {
        case .pipeline:
            let invariants = try PipelineInvariants(linter: Linter(RuleLoader.load()))
            return invariants.violations(of:)
        case .rules:
            return RuleFileInvariants().violations(of:)
        }
    }
}
