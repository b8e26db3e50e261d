import Foundation
import Testing

/// `--fix`, `--unsafe-fixes` and `--diff` end to end.
@Suite(.serialized)
struct FixTests {
    func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: SeedTests.seed.path)))
    func seedGetsEveryDesignFixAndASecondRunChangesNothing() throws {
        let dir = TempDir()
        let file = dir.write("seed.txt", try bytes(SeedTests.seed))
        let first = try mtlint(["--fix", "seed.txt"], in: dir.url)
        #expect(first.status == 1, "\(first.stderr)")
        let fixed = String(decoding: try bytes(file), as: UTF8.self)
        for expected in ["Image source, Reuters", "Image caption,", "Video caption,", "ceasefire",
                         "presidential administration", "Antony Blinken", "Secretary Blinken"] {
            #expect(fixed.contains(expected), "missing \(expected)")
        }
        for gone in ["Blincoln", "long-distance armistice", "photo source", "Newsletter\n", "type=\"image/webp\"/>"] {
            #expect(!fixed.contains(gone), "still there: \(gone)")
        }
        let second = try mtlint(["--fix", "seed.txt"], in: dir.url)
        #expect(String(decoding: try bytes(file), as: UTF8.self) == fixed)
        #expect(second.stdout.contains("0 fixes applied in 0 files"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: SeedTests.seed.path)))
    func diffWritesNothingAndExitsOne() throws {
        let dir = TempDir()
        let original = try bytes(SeedTests.seed)
        let file = dir.write("seed.txt", original)
        let r = try mtlint(["--diff", "seed.txt"], in: dir.url)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("--- a/seed.txt\n+++ b/seed.txt\n@@ -1,"))
        #expect(r.stdout.contains("+Image source, Reuters\n"))
        #expect(try bytes(file) == original)
        dir.write("clean.txt", "Nothing to fix here.\n")
        let clean = try mtlint(["--diff", "clean.txt"], in: dir.url)
        #expect(clean.status == 0 && clean.stdout.isEmpty)
    }

    @Test func crlfBomAndModeAreKept() throws {
        let dir = TempDir()
        let file = dir.write("a.txt", Array("\u{FEFF}They met in in Seoul.\r\nThe long-distance armistice held.\r\n".utf8))
        chmod(file.path, 0o640)
        let r = try mtlint(["--fix", "a.txt"], in: dir.url)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try bytes(file) == Array("\u{FEFF}They met in Seoul.\r\nThe ceasefire held.\r\n".utf8))
        var st = stat()
        stat(file.path, &st)
        #expect(st.st_mode & 0o777 == 0o640)
    }

    @Test func aSymlinkKeepsPointingAtItsRewrittenTarget() throws {
        let dir = TempDir()
        let target = dir.write("real.txt", "the the end\n")
        let link = dir.url.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try mtlint(["--fix", "link.txt"], in: dir.url).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(String(decoding: try bytes(target), as: UTF8.self) == "the end\n")
    }

    @Test func unchangedFilesAreNotTouched() throws {
        let dir = TempDir()
        let file = dir.write("a.txt", "Nothing to fix here.\n")
        var before = stat()
        stat(file.path, &before)
        usleep(20_000)
        #expect(try mtlint(["--fix", "a.txt"], in: dir.url).status == 0)
        var after = stat()
        stat(file.path, &after)
        #expect(before.st_ino == after.st_ino)
        #expect(before.st_mtim.tv_sec == after.st_mtim.tv_sec && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec)
    }

    @Test func readOnlyFilesAreAnErrorAndStayAsTheyAre() throws {
        let dir = TempDir()
        let file = dir.write("a.txt", "the the end\n")
        chmod(file.path, 0o444)
        let r = try mtlint(["--fix", "a.txt"], in: dir.url)
        // Even as root, who could write it: the mode says the file is not to be changed.
        #expect(r.status == 2)
        #expect(r.stderr.contains("a.txt: error: read-only; not rewritten"))
        #expect(String(decoding: try bytes(file), as: UTF8.self) == "the the end\n")
    }

    @Test func notUTF8AndBinaryFilesAreNeverRewritten() throws {
        let dir = TempDir()
        let bad = dir.write("bad.txt", Array("the the ".utf8) + [0xFF] + Array(" end\n".utf8))
        let binary = dir.write("bin.txt", Array("the the".utf8) + [0, 1])
        let r = try mtlint(["--fix", "bad.txt", "bin.txt"], in: dir.url)
        #expect(try bytes(bad) == Array("the the ".utf8) + [0xFF] + Array(" end\n".utf8))
        #expect(try bytes(binary) == Array("the the".utf8) + [0, 1])
        #expect(r.stderr.contains("bad.txt: notice: not UTF-8; not rewritten"))
        #expect(r.stderr.contains("bin.txt: notice: binary file"))
        #expect(r.status == 1)
    }

    @Test func stdinFixWritesTheTextToStdoutAndFindingsToStderr() throws {
        let r = try mtlint(["--fix", "-", "--stdin-filename", "story.txt"], stdin: Array("The the talks went on. \u{2063}x\n".utf8))
        #expect(r.stdout == "The talks went on. \u{2063}x\n")
        #expect(r.stderr.contains("1 fix applied in 1 file"))
    }

    @Test func unsafeFixesNeedTheFlag() throws {
        let dir = TempDir()
        let file = dir.write("a.txt", "The unions assisted to the meeting.\n")
        let safe = try mtlint(["--fix", "a.txt"], in: dir.url)
        #expect(String(decoding: try bytes(file), as: UTF8.self) == "The unions assisted to the meeting.\n")
        #expect(!safe.stdout.contains("fix (unsafe)"))
        #expect(safe.stdout.contains("more with --unsafe-fixes"))
        let shown = try mtlint(["--unsafe-fixes", "a.txt"], in: dir.url)
        #expect(shown.stdout.contains("fix (unsafe): 'attended'"))
        #expect(String(decoding: try bytes(file), as: UTF8.self) == "The unions assisted to the meeting.\n")
        _ = try mtlint(["--fix", "--unsafe-fixes", "a.txt"], in: dir.url)
        #expect(String(decoding: try bytes(file), as: UTF8.self) == "The unions attended the meeting.\n")
    }

    /// A process killed while it writes must leave the old file or the new one.
    @Test func killedWhileWritingLeavesOldOrNew() throws {
        let dir = TempDir()
        var text = ""
        for i in 0..<60_000 { text += "Paragraph \(i) says the the talks and the long-distance armistice held.\n\n" }
        let original = Array(text.utf8)
        let expected = Array(text.replacingOccurrences(of: "the the", with: "the")
            .replacingOccurrences(of: "long-distance armistice", with: "ceasefire").utf8)
        for delay in [50_000, 150_000, 300_000, 600_000, 1_000_000, 2_000_000] as [useconds_t] {
            let file = dir.write("big.txt", original)
            let process = Process()
            process.executableURL = mtlintBinary
            process.arguments = ["--fix", "--only", "general", "--only", "terms-ko/calques", "--format", "json", file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try bytes(file)
            #expect(now == original || now == expected, "a mix after a kill at \(delay) µs")
        }
    }
}
