/// Applies findings' fixes to a file's bytes, as ruff does: in order, skipping any fix that
/// overlaps one already taken (adjacent fixes both apply), then linting again until nothing
/// changes.
public enum FixApplier {
    public static let maxPasses = 10

    /// The most a file may grow to while fixed: eight times its size and a megabyte. A
    /// replacement that holds several new matches grows the text geometrically, and ten
    /// passes of one made a 300-byte text need more than 4 GB (found by the rule fuzzer);
    /// no fix of prose comes near this.
    static func ceiling(forSize size: Int) -> Int { size * 8 + (1 << 20) }

    /// Which fixes to apply.
    public enum Level: Sendable {
        case safe
        /// Safe and unsafe; display-only fixes are never applied.
        case unsafe

        func allows(_ a: Applicability) -> Bool {
            switch a {
            case .safe: true
            case .unsafe: self == .unsafe
            case .displayOnly: false
            }
        }
    }

    /// One pass: the fixes that apply, without overlaps, and the new bytes.
    public static func apply(_ findings: [Finding], to bytes: [UInt8], level: Level) -> (bytes: [UInt8], applied: [Finding]) {
        let candidates = findings.filter { f in f.fix.map { level.allows($0.applicability) } ?? false }
            .sorted { a, b in
                if a.start.offset != b.start.offset { return a.start.offset < b.start.offset }
                if a.end.offset != b.end.offset { return a.end.offset < b.end.offset }
                return a.rule < b.rule
            }
        var taken: [Finding] = []
        var lastEnd = 0
        for f in candidates where f.start.offset >= lastEnd {
            // Two insertions at one point would depend on order; keep the first only.
            if let prev = taken.last, prev.start.offset == f.start.offset, prev.end.offset == f.end.offset { continue }
            taken.append(f)
            lastEnd = f.end.offset
        }
        guard !taken.isEmpty else { return (bytes, []) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var cursor = 0
        for f in taken {
            out.append(contentsOf: bytes[cursor..<f.start.offset])
            out.append(contentsOf: Array(f.fix!.replacement.utf8))
            cursor = f.end.offset
        }
        out.append(contentsOf: bytes[cursor...])
        return (out, taken)
    }

    public struct Outcome: Sendable {
        public var bytes: [UInt8]
        public var applied: Int
        /// Rules whose fixes still changed the text after the last allowed pass, and which
        /// therefore had none applied.
        public var nonConverging: [String]
        /// Findings on the final text.
        public var remaining: [Finding]
    }

    /// Lints and fixes until no fix applies, at most `maxPasses` times. A rule whose fixes
    /// still change the text after that (its replacement makes new matches of it, or of a rule
    /// that undoes it), or have grown it past `ceiling`, has none applied: the file is fixed
    /// again from the start without it, so that fixing twice gives what fixing once did.
    public static func fixUntilStable(path: String, bytes: [UInt8], linter: Linter, workspace: Workspace,
                                      level: Level, maxPasses: Int = maxPasses) throws -> Outcome {
        let ceiling = Self.ceiling(forSize: bytes.count)
        var withheld: Set<String> = []
        // A round that does not settle withholds at least one more rule, so the rounds end.
        while true {
            var current = bytes
            var applied = 0
            var passes = 0
            while true {
                let report = linter.lint(try Document(path: path, bytes: current), workspace: workspace)
                let fixable = withheld.isEmpty ? report.findings : report.findings.filter { !withheld.contains($0.rule) }
                let (next, taken) = apply(fixable, to: current, level: level)
                if taken.isEmpty || next == current {
                    return Outcome(bytes: current, applied: applied, nonConverging: withheld.sorted(), remaining: report.findings)
                }
                if passes == maxPasses || next.count > ceiling {
                    withheld.formUnion(taken.map(\.rule))
                    break
                }
                passes += 1
                applied += taken.count
                current = next
            }
        }
    }
}
