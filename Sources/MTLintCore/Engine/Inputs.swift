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
/// `*.txt`, `*.md` and `*.markdown` files (hidden entries skipped), in a stable order.
public enum InputCollector {
    public static let extensions: Set<String> = ["txt", "md", "markdown"]

    public struct Result: Sendable {
        public var inputs: [LintInput] = []
        /// Paths that do not exist or cannot be listed, with why.
        public var errors: [String] = []
    }

    public static func collect(_ paths: [String], stdin: () -> [UInt8], stdinName: String) -> Result {
        var result = Result()
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                result.inputs.append(LintInput(path: stdinName, source: .bytes(stdin())))
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                result.errors.append("\(path): error: no such file or folder")
                continue
            }
            guard isDir.boolValue else {
                result.inputs.append(LintInput(path: path, source: .file(path)))
                continue
            }
            let root = URL(fileURLWithPath: path)
            guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                             options: [.skipsHiddenFiles]) else {
                result.errors.append("\(path): error: cannot list this folder")
                continue
            }
            var found: [String] = []
            let rootPath = root.standardizedFileURL.path
            for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let full = url.standardizedFileURL.path
                let relative = full.hasPrefix(rootPath + "/") ? String(full.dropFirst(rootPath.count + 1)) : url.lastPathComponent
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            for f in found.sorted() { result.inputs.append(LintInput(path: f, source: .file(f), explicit: false)) }
        }
        return result
    }
}
