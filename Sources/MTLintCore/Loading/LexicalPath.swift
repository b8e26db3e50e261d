import Foundation

/// Absolute paths made by text alone, as `URL.standardizedFileURL` makes them ("." and ".."
/// resolved, links not followed), without building a URL for every file of a large run.
enum LexicalPath {
    static let currentFolder = FileManager.default.currentDirectoryPath

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : currentFolder + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder of an absolute path ("/" for "/" itself and for files at the root).
    static func parent(of absolute: String) -> String {
        guard let slash = absolute.lastIndex(of: "/"), slash != absolute.startIndex else { return "/" }
        return String(absolute[..<slash])
    }
}
