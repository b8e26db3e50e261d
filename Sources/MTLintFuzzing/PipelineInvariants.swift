import ICUText
import MTLintCore

/// What must hold for any bytes given to the document → engine → fix pipeline. The fuzzer
/// checks it for every input it makes, and the regression tests for every input it ever
/// broke it with.
public final class PipelineInvariants {
    let linter: Linter
    let workspace: Workspace
    let graphemes: BreakIterator
    /// Whether a rule whose fixes never settle breaks an invariant: so for the built-in packs.
    /// A user's rule may be written so (its replacement makes new matches); the fixer then
    /// withholds its fixes and says so, and fixing twice must still give what fixing once did.
    let rulesMustSettle: Bool

    public init(linter: Linter, rulesMustSettle: Bool = true) throws {
        self.linter = linter
        self.rulesMustSettle = rulesMustSettle
        workspace = try Workspace()
        graphemes = try BreakIterator(.grapheme)
    }

    /// The broken invariants, described; empty when every one holds. Not crashing is the
    /// first, and is the caller's to see.
    public func violations(of bytes: [UInt8]) -> [String] {
        let document: Document
        do {
            document = try Document(path: "fuzz.txt", bytes: bytes)
        } catch DocumentError.binary {
            return []  // Reported and skipped by the CLI, by design.
        } catch {
            return ["the document could not be made: \(error)"]
        }
        let findings = linter.lint(document, workspace: workspace).findings
        var out: [String] = []
        let valid = document.decoded.invalid.isEmpty
        let boundaries = valid ? graphemeBoundaries(document) : []
        for f in findings {
            let (start, end) = (f.start.offset, f.end.offset)
            guard 0 <= start, start <= end, end <= bytes.count else {
                out.append("\(f.rule): span \(start)..<\(end) outside the file's \(bytes.count) bytes")
                continue
            }
            // Invalid bytes have no graphemes; their own finding covers exactly them.
            guard valid else { continue }
            if !boundaries.contains(start) || !boundaries.contains(end) {
                out.append("\(f.rule): span \(start)..<\(end) splits a grapheme cluster")
            }
            let original = String(decoding: bytes[start..<end], as: UTF8.self)
            if f.text != original {
                out.append("\(f.rule): text \(f.text.debugDescription) is not the file's \(original.debugDescription) at \(start)..<\(end)")
            }
        }
        // `--fix` never rewrites text that is not UTF-8.
        if valid {
            for level in [FixApplier.Level.safe, .unsafe] {
                out += idempotence(bytes, level: level)
            }
        }
        return out
    }

    /// fix(fix(x)) == fix(x), at `level`.
    private func idempotence(_ bytes: [UInt8], level: FixApplier.Level) -> [String] {
        do {
            let once = try FixApplier.fixUntilStable(path: "fuzz.txt", bytes: bytes, linter: linter, workspace: workspace, level: level)
            if rulesMustSettle, !once.nonConverging.isEmpty {
                return ["fixes at \(level) do not converge: \(once.nonConverging.joined(separator: ", "))"]
            }
            let twice = try FixApplier.fixUntilStable(path: "fuzz.txt", bytes: once.bytes, linter: linter, workspace: workspace, level: level)
            return twice.bytes == once.bytes ? [] : ["fixing twice at \(level) differs from fixing once"]
        } catch {
            return ["fixing at \(level) failed: \(error)"]
        }
    }

    /// Byte offsets of the original text's grapheme cluster boundaries, both ends included.
    private func graphemeBoundaries(_ document: Document) -> Set<Int> {
        let text = document.original
        graphemes.setText(text)
        var out: Set<Int> = [document.byteOffset(ofOriginal: graphemes.first())]
        while let b = graphemes.next() { out.insert(document.byteOffset(ofOriginal: b)) }
        return out
    }
}
