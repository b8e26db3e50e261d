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

    /// Every file's findings in order. Files come in path order and each file's findings in
    /// order, so the sort is mostly a check.
    public var findings: [Finding] {
        var all: [Finding] = []
        all.reserveCapacity(outcomes.reduce(0) { if case .linted(let r) = $1 { $0 + r.findings.count } else { $0 } })
        for case .linted(let r) in outcomes { all += r.findings }
        if !all.indices.dropFirst().allSatisfy({ !Finding.ordered(all[$0], all[$0 - 1]) }) { all.sort(by: Finding.ordered) }
        return all
    }

    /// The files linted.
    public var fileCount: Int { outcomes.count { if case .linted = $0 { true } else { false } } }

    public var summary: Summary { Summary(files: fileCount, findings: findings) }
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
        (errors, warnings, infos, fixable) = (0, 0, 0, 0)
        for f in findings {
            switch f.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
            if f.fix?.applicability == .safe { fixable += 1 }
        }
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
    /// Files larger than `threshold` bytes are linted in sections of about `target` bytes.
    public var sectioning = (threshold: FileSections.threshold, target: FileSections.targetSize)

    public init(linter: Linter, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, excerpts: Bool = false) {
        self.linter = linter
        self.jobs = Swift.max(1, jobs)
        self.excerpts = excerpts
    }

    public func run(_ inputs: [LintInput]) -> LintResult {
        var outcomes = map(inputs, unavailable: { input, error in .failed(path: input.path, reason: "ICU is unavailable: \(error)") }) {
            input, workspace -> FileOutcome? in
            let outcome = lint(input, workspace: workspace, sectionThreshold: sectioning.threshold)
            if outcome != nil, let progress { progress.fileDone(bytes: input.byteCount) }
            return outcome
        }
        // Large files wait for a second round in which all workers share their sections.
        let large = inputs.indices.filter { outcomes[$0] == nil }
        guard !large.isEmpty else { return LintResult(outcomes: outcomes.map { $0! }) }
        var work: [(file: Int, section: FileSections.Section)] = []
        for i in large {
            // Only files are measured before they are read, so only files come back here.
            guard case .file(let path) = inputs[i].source else {
                outcomes[i] = .failed(path: inputs[i].path, reason: "not a file, so it cannot be read in sections")
                continue
            }
            switch FileSections.plan(path: path, target: sectioning.target) {
            case .success(let plan): work += plan.sections.map { (i, $0) }
            case .failure(let error): outcomes[i] = .failed(path: inputs[i].path, reason: error.message)
            }
        }
        let remaining = Locked<[Int: Int]>(Dictionary(work.map { ($0.file, 1) }, uniquingKeysWith: +))
        let parts = map(work, unavailable: { item, error in
            .failed(path: inputs[item.file].path, reason: "ICU is unavailable: \(error)")
        }) { item, workspace -> FileOutcome in
            let input = inputs[item.file]
            let outcome = lintSection(item.section, of: input, workspace: workspace)
            let last = remaining.withLock { r -> Bool in
                r[item.file, default: 1] -= 1
                return r[item.file] == 0
            }
            progress?.fileDone(bytes: item.section.bytes.count, files: last ? 1 : 0)
            return outcome
        }
        var byFile: [Int: [FileOutcome]] = [:]
        for (item, part) in zip(work, parts) { byFile[item.file, default: []].append(part) }
        for (i, sectionOutcomes) in byFile { outcomes[i] = Self.joined(sectionOutcomes, path: inputs[i].path) }
        return LintResult(outcomes: outcomes.map { $0! })
    }

    /// `body` over `items` on `jobs` workers, each with its own workspace; results in
    /// input order.
    public func map<Item: Sendable, T: Sendable>(_ items: [Item], unavailable: @Sendable (Item, Error) -> T,
                                                 _ body: @Sendable (Item, Workspace) -> T) -> [T] {
        let slots = Slots<T>(count: items.count)
        let next = Atomic<Int>(0)
        let workers = Swift.min(jobs, Swift.max(items.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let workspace: Workspace
            do { workspace = try Workspace() } catch {
                // Without ICU nothing can be linted; every item this worker takes fails.
                while case let i = next.add(1, ordering: .relaxed).oldValue, i < items.count {
                    let failed = unavailable(items[i], error)
                    slots.set(i, failed)
                }
                return
            }
            while case let i = next.add(1, ordering: .relaxed).oldValue, i < items.count {
                let result = body(items[i], workspace)
                slots.set(i, result)
            }
        }
        return slots.values()
    }

    /// Lints one input whole; nil for a file larger than `sectionThreshold`, which is left
    /// to be linted in sections.
    public func lint(_ input: LintInput, workspace: Workspace, sectionThreshold: Int = .max) -> FileOutcome? {
        let bytes: [UInt8]
        switch input.source {
        case .bytes(let b):
            bytes = b
        case .file(let path):
            switch FileReader.read(path, unlessLargerThan: sectionThreshold, folder: workspace.openFolder) {
            case .success(let b?): bytes = b
            case .success(nil): return nil
            case .failure(let error): return .failed(path: input.path, reason: error.message)
            }
        }
        return lint(bytes, path: input.path, workspace: workspace)
    }

    private func lint(_ bytes: [UInt8], path: String, workspace: Workspace) -> FileOutcome {
        do {
            let document = try Document(path: path, bytes: bytes)
            return .linted(linter.lint(document, workspace: workspace, excerpts: excerpts))
        } catch DocumentError.binary(let offset) {
            return .skipped(path: path, reason: "binary file (NUL byte at offset \(offset)); not linted")
        } catch {
            return .failed(path: path, reason: "cannot normalize the text: \(error)")
        }
    }

    /// One section of a large file, its findings placed in the whole file.
    private func lintSection(_ section: FileSections.Section, of input: LintInput, workspace: Workspace) -> FileOutcome {
        guard case .file(let path) = input.source else { return .failed(path: input.path, reason: "not a file") }
        switch FileSections.read(path: path, section) {
        case .failure(let error):
            return .failed(path: input.path, reason: error.message)
        case .success(let bytes):
            if let nul = bytes.firstIndex(of: 0) {
                return .skipped(path: input.path, reason: "binary file (NUL byte at offset \(section.bytes.lowerBound + nul)); not linted")
            }
            let outcome = lint(bytes, path: input.path, workspace: workspace)
            guard case .linted(var report) = outcome else { return outcome }
            for k in report.findings.indices {
                report.findings[k].start.shift(bytes: section.bytes.lowerBound, lines: section.lineOffset)
                report.findings[k].end.shift(bytes: section.bytes.lowerBound, lines: section.lineOffset)
            }
            return .linted(report)
        }
    }

    /// A file's outcome from its sections': skipped or failed if any section was.
    static func joined(_ parts: [FileOutcome], path: String) -> FileOutcome {
        if let bad = parts.first(where: { if case .failed = $0 { true } else { false } }) { return bad }
        if let skipped = parts.first(where: { if case .skipped = $0 { true } else { false } }) { return skipped }
        var report = FileReport(path: path, findings: [], ruleErrors: [])
        for case .linted(let r) in parts {
            report.findings += r.findings
            for e in r.ruleErrors where !report.ruleErrors.contains(where: { $0.rule == e.rule }) { report.ruleErrors.append(e) }
        }
        return .linted(report)
    }
}

extension Position {
    mutating func shift(bytes: Int, lines: Int) {
        offset += bytes
        line += lines
    }
}

/// Reads a whole file, with a reason a person can act on when it cannot.
public enum FileReader {
    public struct ReadError: Error, Sendable {
        public var message: String
    }

    public static func read(_ path: String) -> Result<[UInt8], ReadError> {
        read(path, unlessLargerThan: .max).map { $0! }
    }

    /// The file's bytes, or nil when it is larger than `limit` bytes (and then not read).
    /// `folder`: a worker's open folder, through which a file in it is opened.
    public static func read(_ path: String, unlessLargerThan limit: Int, folder: OpenFolder? = nil) -> Result<[UInt8]?, ReadError> {
        let fd = folder?.open(path) ?? open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(ReadError(message: "cannot open: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(ReadError(message: "cannot stat: \(String(cString: strerror(errno)))")) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(ReadError(message: "is a folder")) }
        if Int(st.st_size) > limit { return .success(nil) }
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

/// The folder of the last file a worker read, kept open. Files come sorted, so most share
/// the folder of the file before, and a name opened in an open folder (`openat`) costs the
/// kernel one step of path lookup instead of one for every folder on the way: 20,000
/// articles four folders deep spent more in those lookups than in reading. (A folder renamed
/// away while a worker holds it open is still read from, as a file already open would be.)
public final class OpenFolder {
    private var path: Substring = ""
    private var fd: Int32 = -1

    public init() {}

    deinit { if fd >= 0 { close(fd) } }

    /// A descriptor of the file at `path` opened for reading, or -1 with `errno` set, as
    /// `open(2)` gives them.
    func open(_ file: String) -> Int32 {
        // A name with no folder, or a path that ends in a slash (a folder): by the whole path.
        guard let slash = LexicalPath.lastSlash(in: file), file.utf8.index(after: slash) != file.utf8.endIndex else {
            return Glibc.open(file, O_RDONLY)
        }
        let folder = file[..<slash]
        if fd < 0 || folder != path {
            if fd >= 0 { close(fd) }
            fd = Glibc.open(folder.isEmpty ? "/" : String(folder), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            path = folder
        }
        // A folder that cannot be opened (one that may be searched but not read): the whole
        // path, and its own error.
        guard fd >= 0 else { return Glibc.open(file, O_RDONLY) }
        return openat(fd, String(file[file.utf8.index(after: slash)...]), O_RDONLY)
    }
}
