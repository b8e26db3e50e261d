import Foundation
import Testing

/// `--fix` when the system fails it: nothing is lost, the file is named, the run says so.
struct FixFaultTests {
    private func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// What `mtlint --fix` leaves beside the files: its temporary files must all be gone.
    private func leftovers(_ dir: TempDir) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains(".mtlint-") }
    }

    /// mtlint run by `bash -c SCRIPT` (the binary is "$0"'s first argument, $1), for limits
    /// and users that only a shell sets.
    private func shell(_ script: String, in dir: TempDir, _ args: [String]) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "bash", mtlintBinary.path] + args
        process.currentDirectoryURL = dir.url
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTIONS"] = nil
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The sanitizers' runtimes need file-backed memory that a 4 KB file-size limit denies;
    /// under them the FileFixer test with a failing write stands in for this one.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil
                   && ProcessInfo.processInfo.environment["TSAN_OPTIONS"] == nil))
    func aFullDiskLeavesTheOriginal() throws {
        let dir = TempDir()
        // Larger than the 4 KB that the file-size limit below lets any file grow to.
        let text = String(repeating: "The talks went on and the the minister spoke.\n\n", count: 200)
        let file = dir.write("a.txt", text)
        // A write past the limit fails with EFBIG, as on a full disk (SIGXFSZ ignored, as a
        // program that handles errors would see it).
        let r = try shell("ulimit -f 4; trap '' XFSZ; exec \"$1\" --fix a.txt", in: dir, [])
        #expect(r.status == 2)
        #expect(r.stderr.contains("a.txt: error: cannot write: File too large"), "\(r.stderr)")
        #expect(try bytes(file) == Array(text.utf8))
        #expect(try leftovers(dir) == [])
    }

    /// As root (CI), the checks run as nobody, for whom the permissions hold.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func permissionDeniedLeavesFilesAlone() throws {
        let dir = TempDir()
        chmod(dir.url.path, 0o755)
        let theirs = dir.write("theirs.txt", "the the end\n")  // root's, 0644: nobody may read, not write
        let secret = dir.write("secret.txt", "the the end\n")
        chmod(secret.path, 0o000)
        let asNobody = "exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$1\" --fix theirs.txt secret.txt"
        let r = try shell(asNobody, in: dir, [])
        #expect(r.status == 2)
        #expect(r.stderr.contains("theirs.txt: error: cannot write: Permission denied; not rewritten"), "\(r.stderr)")
        #expect(r.stderr.contains("secret.txt: error: cannot open: Permission denied"), "\(r.stderr)")
        #expect(try bytes(theirs) == Array("the the end\n".utf8))
        chmod(secret.path, 0o644)
        #expect(try bytes(secret) == Array("the the end\n".utf8))
        #expect(try leftovers(dir) == [])
        // A file nobody may write in a folder nobody may write: the temporary file fails.
        let open = dir.write("open.txt", "the the end\n")
        chmod(open.path, 0o666)
        let r2 = try shell(asNobody.replacingOccurrences(of: "theirs.txt secret.txt", with: "open.txt"), in: dir, [])
        #expect(r2.status == 2)
        #expect(r2.stderr.contains("open.txt: error: cannot create a temporary file beside it: Permission denied"), "\(r2.stderr)")
        #expect(try bytes(open) == Array("the the end\n".utf8))
    }

    /// Two `mtlint --fix` over the same files at once: every file ends fixed exactly once,
    /// whole, with no temporary file left.
    @Test func twoFixersAtOnceLoseNothing() throws {
        let dir = TempDir()
        let original = (0..<40).map { "Paragraph \($0): the the talks and the long-distance armistice held.\n\n" }.joined()
        let expected = original.replacingOccurrences(of: "the the", with: "the")
        let names = (0..<30).map { "f\($0).txt" }
        for round in 0..<4 {
            for name in names { dir.write(name, original) }
            let processes = try (0..<2).map { _ -> Process in
                let p = Process()
                p.executableURL = mtlintBinary
                p.arguments = ["--fix", "--only", "general", "--format", "json"] + (round % 2 == 0 ? names : names.reversed())
                p.currentDirectoryURL = dir.url
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                return p
            }
            for p in processes {
                p.waitUntilExit()
                #expect(p.terminationReason == .exit && [0, 1].contains(p.terminationStatus))
            }
            for name in names {
                #expect(String(decoding: try bytes(dir.url.appendingPathComponent(name)), as: UTF8.self) == expected, "\(name)")
            }
            #expect(try leftovers(dir) == [])
        }
    }
}
