import Foundation
import Synchronization

/// What happened to one input.
public enum FileOutcome: Sendable {
    case linted(FileReport)
    /// Not linted, with a notice (a binary file).
    case skipped(path: String, reason: String)
    /// Could not be linted: an error that makes the run exit 2.
    case failed(path: String, reason: String)

    public var path: String {
        switch self {
        case .linted(let r): r.path
        case .skipped(let p, _), .failed(let p, _): p
        }
    }
}

/// The result of linting a set of inputs: outcomes in input order and findings in the
/// contract's order.
public struct LintResult: Sendable {
    public var outcomes: [FileOutcome]

    public var reports: [FileReport] {
        outcomes.compactMap { if case .linted(let r) = $0 { r } else { nil } }
    }

    public var findings: [Finding] { reports.flatMap(\.findings).sorted(by: Finding.ordered) }

    public var summary: Summary { Summary(files: reports.count, findings: findings) }
}

public struct Summary: Sendable, Equatable {
    public var files: Int
    public var findings: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    /// Findings that `--fix` would fix (a safe fix).
    public var fixable: Int

    public init(files: Int, findings: [Finding]) {
        self.files = files
        self.findings = findings.count
        errors = findings.count { $0.severity == .error }
        warnings = findings.count { $0.severity == .warning }
        infos = findings.count { $0.severity == .info }
        fixable = findings.count { $0.fix?.applicability == .safe }
    }
}

/// Lints inputs on `jobs` worker threads. Each worker has its own ICU workspace; results go
/// back to their input's slot, so the output does not depend on scheduling.
public struct LintSession: Sendable {
    public let linter: Linter
    public let jobs: Int
    public let excerpts: Bool
    /// Told of each finished file, from the workers.
    public var progress: ProgressLine? = nil

    public init(linter: Linter, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, excerpts: Bool = false) {
        self.linter = linter
        self.jobs = Swift.max(1, jobs)
        self.excerpts = excerpts
    }

    public func run(_ inputs: [LintInput]) -> LintResult {
        LintResult(outcomes: map(inputs, unavailable: { .failed(path: $0.path, reason: "ICU is unavailable: \($1)") }) {
            lint($0, workspace: $1)
        })
    }

    /// `body` over the inputs on `jobs` workers, each with its own workspace; results in
    /// input order.
    public func map<T: Sendable>(_ inputs: [LintInput], unavailable: @Sendable (LintInput, Error) -> T,
                                 _ body: @Sendable (LintInput, Workspace) -> T) -> [T] {
        let slots = Mutex<[T?]>(Array(repeating: nil, count: inputs.count))
        let next = Atomic<Int>(0)
        let workers = Swift.min(jobs, Swift.max(inputs.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let workspace: Workspace
            do { workspace = try Workspace() } catch {
                // Without ICU nothing can be linted; every file this worker takes fails.
                while case let i = next.add(1, ordering: .relaxed).oldValue, i < inputs.count {
                    let failed = unavailable(inputs[i], error)
                    slots.withLock { $0[i] = failed }
                }
                return
            }
            while case let i = next.add(1, ordering: .relaxed).oldValue, i < inputs.count {
                let result = body(inputs[i], workspace)
                slots.withLock { $0[i] = result }
                progress?.fileDone(bytes: inputs[i].byteCount)
            }
        }
        return slots.withLock { $0.map { $0! } }
    }

    public func lint(_ input: LintInput, workspace: Workspace) -> FileOutcome {
        let bytes: [UInt8]
        switch input.source {
        case .bytes(let b):
            bytes = b
        case .file(let path):
            switch FileReader.read(path) {
            case .success(let b): bytes = b
            case .failure(let error): return .failed(path: input.path, reason: error.message)
            }
        }
        do {
            let document = try Document(path: input.path, bytes: bytes)
            return .linted(linter.lint(document, workspace: workspace, excerpts: excerpts))
        } catch DocumentError.binary(let offset) {
            return .skipped(path: input.path, reason: "binary file (NUL byte at offset \(offset)); not linted")
        } catch {
            return .failed(path: input.path, reason: "cannot normalize the text: \(error)")
        }
    }
}

/// Reads a whole file, with a reason a person can act on when it cannot.
public enum FileReader {
    public struct ReadError: Error, Sendable {
        public var message: String
    }

    public static func read(_ path: String) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(ReadError(message: "cannot open: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(ReadError(message: "cannot stat: \(String(cString: strerror(errno)))")) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(ReadError(message: "is a folder")) }
        // Read straight into the result; a file that grows while being read is read to its end.
        // One byte more than the size, so that the read that sees the end needs no growth.
        var out = [UInt8](repeating: 0, count: Swift.max(Int(st.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == out.count { out.append(contentsOf: repeatElement(0, count: Swift.max(out.count, 4096))) }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(message: "cannot read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return .success(out)
    }
}
