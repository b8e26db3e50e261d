import Foundation

/// A file to lint: what to call it in output and where its bytes come from.
public struct LintInput: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case file(String)
        case bytes([UInt8])
    }

    public var path: String
    public var source: Source
    /// Named on the command line (not found by walking a folder): configuration globs do
    /// not apply to it.
    public var explicit: Bool

    public init(path: String, source: Source, explicit: Bool = true) {
        self.path = path
        self.source = source
        self.explicit = explicit
    }

    /// The input's size in bytes, for the progress line: a `stat`, not a read.
    public var byteCount: Int {
        switch source {
        case .bytes(let b): return b.count
        case .file(let path):
            var info = stat()
            return stat(path, &info) == 0 ? Int(info.st_size) : 0
        }
    }
}

/// Expands the command line's paths: files as given, folders recursively into their
/// `*.txt`, `*.md` and `*.markdown` files (hidden entries and symbolic links skipped), in a
/// stable order.
public enum InputCollector {
    public static let extensions: Set<String> = ["txt", "md", "markdown"]

    public struct Result: Sendable {
        public var inputs: [LintInput] = []
        /// Paths that do not exist or cannot be listed, with why.
        public var errors: [String] = []
    }

    public static func collect(_ paths: [String], stdin: () -> [UInt8], stdinName: String) -> Result {
        var result = Result()
        for path in paths {
            if path == "-" {
                result.inputs.append(LintInput(path: stdinName, source: .bytes(stdin())))
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                result.errors.append("\(path): error: no such file or folder")
                continue
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                result.inputs.append(LintInput(path: path, source: .file(path)))
                continue
            }
            var found: [String] = []
            let root = path.hasSuffix("/") ? String(path.dropLast()) : path
            var walker = FolderWalker()
            walker.walk(root.isEmpty ? "/" : root, into: &found)
            result.errors += walker.errors
            for f in LexicalPath.sorted(found) { result.inputs.append(LintInput(path: f, source: .file(f), explicit: false)) }
        }
        return result
    }
}

/// A recursive folder listing with readdir: Foundation's enumerator with resource values
/// cost more than linting when a corpus has many small files.
struct FolderWalker {
    /// Subfolders that could not be listed, with why.
    var errors: [String] = []

    mutating func walk(_ folder: String, into found: inout [String]) {
        guard let dir = opendir(folder) else {
            errors.append("\(folder): error: cannot list this folder: \(String(cString: strerror(errno)))")
            return
        }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var subfolders: [String] = []
        let prefix = folder == "/" ? "/" : folder + "/"
        while let entry = readdir(dir) {
            let (name, type) = withUnsafePointer(to: &entry.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { (String(cString: $0), entry.pointee.d_type) }
            }
            if name.hasPrefix(".") { continue }
            var kind = type
            if kind == UInt8(DT_UNKNOWN) {
                // Some file systems do not fill in the type; ask without following links.
                var info = stat()
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: kind = UInt8(DT_DIR)
                case S_IFREG: kind = UInt8(DT_REG)
                default: continue
                }
            }
            if kind == UInt8(DT_DIR) {
                subfolders.append(prefix + name)
            } else if kind == UInt8(DT_REG), Self.hasLintedExtension(name) {
                found.append(prefix + name)
            }
        }
        for sub in subfolders { walk(sub, into: &found) }
    }

    static func hasLintedExtension(_ name: String) -> Bool {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return false }
        return InputCollector.extensions.contains(name[name.utf8.index(after: dot)...].lowercased())
    }
}
