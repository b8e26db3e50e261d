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
        guard let slash = lastSlash(in: absolute), slash != absolute.startIndex else { return "/" }
        return String(absolute[..<slash])
    }

    /// The last "/" of a path, found among its UTF-8 bytes: a search by `Character` walks
    /// back through grapheme breaks, which cost thousands of instructions a path.
    static func lastSlash(in path: String) -> String.Index? {
        path.utf8.lastIndex(of: UInt8(ascii: "/"))
    }

    /// Paths in `String`'s order. For ASCII paths (nearly all) that is the order of their
    /// bytes, compared with `memcmp`: `String`'s comparison, which orders by normalized
    /// text, cost 60 million instructions on 20,000 paths.
    static func sorted(_ paths: [String]) -> [String] {
        guard paths.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return paths.sorted() }
        return paths.sorted { a, b in
            let bytes = a.utf8.withContiguousStorageIfAvailable { x in
                b.utf8.withContiguousStorageIfAvailable { y in
                    let n = memcmp(x.baseAddress!, y.baseAddress!, min(x.count, y.count))
                    return n != 0 ? n < 0 : x.count < y.count
                }
            }
            return bytes.flatMap { $0 } ?? (a < b)
        }
    }
}
