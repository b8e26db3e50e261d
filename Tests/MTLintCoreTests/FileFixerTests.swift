import Foundation
import TestSupport
import Testing
@testable import MTLintCore

/// Fixing in memory and on disk, below the CLI.
struct FileFixerTests {
    @Test func aFileChangedOnDiskMeanwhileIsLeftAlone() throws {
        let dir = TempDir()
        let path = dir.write("a.txt", "the the end\n")
        var fixer = FileFixer(linter: Linter(builtinRules), level: .safe, write: true)
        fixer.beforeWrite = { p in try? "someone else's edit\n".write(toFile: p, atomically: false, encoding: .utf8) }
        let outcome = fixer.fix(LintInput(path: path, source: .file(path)), workspace: try Workspace())
        #expect(outcome.notice == "changed on disk while being fixed; not rewritten")
        #expect(!outcome.failed)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else's edit\n")
    }

    /// Another mtlint holding the file's lock: the fixer waits for it, writes nothing
    /// meanwhile, and fixes the file once it is let go.
    @Test func aFixerWaitsForTheLockOfAnother() throws {
        let dir = TempDir()
        let path = dir.write("a.txt", "the the end\n")
        let other = open(path, O_RDONLY)
        defer { close(other) }
        #expect(flock(other, LOCK_EX) == 0)
        let fixer = FileFixer(linter: Linter(builtinRules), level: .safe, write: true)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: FixOutcome? = nil
        DispatchQueue.global().async {
            outcome = fixer.fix(LintInput(path: path, source: .file(path)), workspace: try! Workspace())
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 0.5) == .timedOut, "the fixer did not wait for the lock")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the the end\n")
        flock(other, LOCK_UN)
        done.wait()
        #expect(outcome?.notice == nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the end\n")
    }

    /// A disk that fills up after the first 100 bytes of the new text: the original stays,
    /// byte for byte, and no temporary file is left beside it.
    @Test func aFullDiskLeavesTheOriginal() throws {
        let dir = TempDir()
        let text = String(repeating: "The talks went on and the the minister spoke.\n\n", count: 50)
        let path = dir.write("a.txt", text)
        var fixer = FileFixer(linter: Linter(builtinRules), level: .safe, write: true)
        fixer.writeCall = { fd, bytes, count in
            var st = stat()
            fstat(fd, &st)
            guard st.st_size < 100 else {
                errno = ENOSPC
                return -1
            }
            return write(fd, bytes, Swift.min(count, 100 - Int(st.st_size)))
        }
        let outcome = fixer.fix(LintInput(path: path, source: .file(path)), workspace: try Workspace())
        #expect(outcome.failed)
        #expect(outcome.notice == "cannot write: No space left on device")
        #expect(outcome.applied == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.txt"])
    }

    /// fix(fix(x)) == fix(x), and one pass changes no byte outside its edits, over generated
    /// documents of every kind of text the packs care about.
    @Test(arguments: 0..<150)
    func fixingIsIdempotentAndLocal(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 104_729 &+ 7)
        var text = seed % 3 == 0 ? "\u{FEFF}" : ""
        for _ in 0..<Int.random(in: 5...40, using: &rng) {
            text += (SpanPropertyTests.pieces + ["Newsletter\n\n", "photo source, AP", "weeks.The", " , ", "Cafe\u{301}",
                                                "sma\u{200B}ll", "US Secretary of State Anthony Blincoln", "Itâ€™s"]).randomElement(using: &rng)!
            if Bool.random(using: &rng) { text += " " }
        }
        let bytes = Array(text.utf8)
        let linter = Linter(builtinRules)
        let ws = try Workspace()
        let findings = linter.lint(try Document(path: "g.txt", bytes: bytes), workspace: ws).findings
        let (once, taken) = FixApplier.apply(findings, to: bytes, level: .unsafe)
        // Outside the edits, the bytes are the original's, in order.
        var cursor = 0, out = 0
        for f in taken {
            let keep = f.start.offset - cursor
            #expect(Array(once[out..<out + keep]) == Array(bytes[cursor..<f.start.offset]))
            out += keep + f.fix!.replacement.utf8.count
            cursor = f.end.offset
        }
        #expect(Array(once[out...]) == Array(bytes[cursor...]))
        let first = try FixApplier.fixUntilStable(path: "g.txt", bytes: bytes, linter: linter, workspace: ws, level: .unsafe)
        let second = try FixApplier.fixUntilStable(path: "g.txt", bytes: first.bytes, linter: linter, workspace: ws, level: .unsafe)
        #expect(second.bytes == first.bytes, "seed \(seed)")
        #expect(first.nonConverging.isEmpty, "seed \(seed): \(first.nonConverging)")
    }
}
