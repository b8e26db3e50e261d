import Foundation

/// What `--fix` (or `--diff`) did to one input.
public struct FixOutcome: Sendable {
    public var path: String
    public var original: [UInt8]
    public var fixed: [UInt8]
    public var applied: Int
    public var nonConverging: [String]
    /// Findings on the text as it now is (on the original when nothing was written).
    public var remaining: [Finding]
    /// Why the file was left alone or could not be written, if so.
    public var notice: String?
    /// Whether the problem makes the run fail (exit 2), rather than being a notice.
    public var failed: Bool

    public var changed: Bool { fixed != original }
}

/// Applies fixes to files safely: a file is read once, fixed in memory until nothing more
/// applies, and replaced atomically (a temporary file in the same folder, fsync, rename)
/// only if it changed, is still as it was read (checked under an advisory lock that every
/// mtlint takes, so two fixing one file at once take turns), and may be written. Its mode
/// is kept; a symlink's target is rewritten and the link stays. Files that are not UTF-8 or
/// binary are never rewritten.
public struct FileFixer: Sendable {
    public let linter: Linter
    public let level: FixApplier.Level
    /// false for `--diff`: compute, write nothing.
    public let write: Bool
    /// A test seam: runs between the fix and the write.
    public var beforeWrite: (@Sendable (String) -> Void)? = nil
    /// A test seam: the system call that writes the new bytes to the temporary file, so that
    /// tests can make it fail as a full disk does.
    public var writeCall: @Sendable (Int32, UnsafeRawPointer, Int) -> Int = { Glibc.write($0, $1, $2) }

    public init(linter: Linter, level: FixApplier.Level, write: Bool) {
        self.linter = linter
        self.level = level
        self.write = write
    }

    public func fix(_ input: LintInput, workspace: Workspace) -> FixOutcome {
        let bytes: [UInt8]
        switch input.source {
        case .bytes(let b): bytes = b
        case .file(let path):
            switch FileReader.read(path) {
            case .success(let b): bytes = b
            case .failure(let e): return failure(input.path, [], e.message)
            }
        }
        let document: Document
        do {
            document = try Document(path: input.path, bytes: bytes)
        } catch DocumentError.binary(let offset) {
            return FixOutcome(path: input.path, original: bytes, fixed: bytes, applied: 0, nonConverging: [], remaining: [],
                              notice: "binary file (NUL byte at offset \(offset)); not linted, not rewritten", failed: false)
        } catch {
            return failure(input.path, bytes, "cannot normalize the text: \(error)")
        }
        let findings = linter.lint(document, workspace: workspace).findings
        if !document.decoded.invalid.isEmpty {
            return FixOutcome(path: input.path, original: bytes, fixed: bytes, applied: 0, nonConverging: [], remaining: findings,
                              notice: "not UTF-8; not rewritten", failed: false)
        }
        let outcome: FixApplier.Outcome
        do {
            outcome = try FixApplier.fixUntilStable(path: input.path, bytes: bytes, linter: linter, workspace: workspace, level: level)
        } catch {
            return failure(input.path, bytes, "cannot fix: \(error)")
        }
        var result = FixOutcome(path: input.path, original: bytes, fixed: outcome.bytes, applied: outcome.applied,
                                nonConverging: outcome.nonConverging, remaining: outcome.remaining, notice: nil, failed: false)
        guard write, result.changed, case .file(let path) = input.source else { return result }
        beforeWrite?(path)
        if let problem = Self.replace(path, expecting: bytes, with: outcome.bytes, writeCall: writeCall) {
            result.fixed = bytes
            result.applied = 0
            result.remaining = findings
            result.notice = problem.message
            result.failed = problem.failed
        }
        return result
    }

    /// How long, in seconds, to wait for another mtlint to finish with a file.
    static let lockWait = 30

    /// An exclusive lock on `fd`, waited for at most `lockWait` seconds: a stuck process must
    /// not hang every later run.
    private static func lock(_ fd: Int32) -> Bool {
        for _ in 0..<(lockWait * 100) {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK || errno == EINTR else { return true }  // No locks here (NFS): go on.
            usleep(10_000)
        }
        return false
    }

    private func failure(_ path: String, _ bytes: [UInt8], _ message: String) -> FixOutcome {
        FixOutcome(path: path, original: bytes, fixed: bytes, applied: 0, nonConverging: [], remaining: [], notice: message, failed: true)
    }

    /// Replaces the file at `path` (or the target of the symlink there) with `new`, unless it
    /// no longer holds `old`. Returns the problem, if any.
    static func replace(_ path: String, expecting old: [UInt8], with new: [UInt8],
                        writeCall: (Int32, UnsafeRawPointer, Int) -> Int) -> (message: String, failed: Bool)? {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var st = stat()
        guard stat(target, &st) == 0 else { return ("cannot stat: \(String(cString: strerror(errno)))", true) }
        // A file without its owner's write bit is read-only by intent, even to root (CI).
        guard st.st_mode & 0o200 != 0 else { return ("read-only; not rewritten", true) }
        guard access(target, W_OK) == 0 else {
            return ("cannot write: \(String(cString: strerror(errno))); not rewritten", true)
        }
        // Another mtlint fixing the same file waits here until this one has replaced it (or
        // given up), then sees the file changed and leaves it: the check and the rename below
        // are one step for every mtlint. The lock is advisory; other writers are caught by
        // the check alone.
        let lock = open(target, O_RDONLY | O_CLOEXEC)
        defer { if lock >= 0 { close(lock) } }
        if lock >= 0 && !Self.lock(lock) {
            return ("another process has held it locked for \(Self.lockWait) s; not rewritten", false)
        }
        // Another writer between our read and now: leave the file to them.
        guard case .success(let current) = FileReader.read(target), current == old else {
            return ("changed on disk while being fixed; not rewritten", false)
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = ((folder.isEmpty ? "." : folder) + "/.\(name).mtlint-XXXXXX").utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return ("cannot create a temporary file beside it: \(String(cString: strerror(errno)))", true) }
        let temp = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        var ok = fchmod(fd, st.st_mode & 0o7777) == 0
        var written = 0
        while ok && written < new.count {
            let n = new.withUnsafeBytes { writeCall(fd, $0.baseAddress! + written, new.count - written) }
            if n < 0 { if errno == EINTR { continue }; ok = false } else { written += n }
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temp, target) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            return ("cannot write: \(why)", true)
        }
        // The rename is durable once the folder's entry is.
        let dirfd = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
        return nil
    }
}
