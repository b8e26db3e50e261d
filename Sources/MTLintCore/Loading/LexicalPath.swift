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
    /// bytes, which is found here mostly by comparing two numbers per pair: the sixteen bytes
    /// after the prefix that all the paths share. `String`'s comparison, which orders by
    /// normalized text, cost 60 million instructions on 20,000 paths of a corpus.
    static func sorted(_ paths: [String]) -> [String] {
        let bytes = paths.map { Array($0.utf8) }
        guard let first = bytes.first, bytes.allSatisfy({ $0.allSatisfy { $0 < 0x80 } }) else { return paths.sorted() }
        var shared = first.count
        for b in bytes.dropFirst() {
            var i = 0
            while i < shared && i < b.count && b[i] == first[i] { i += 1 }
            shared = i
        }
        // Big-endian, zero past a path's end: no path holds a NUL byte, so a path that ends
        // sorts before the longer ones it begins.
        func head(_ b: [UInt8], from start: Int) -> UInt64 {
            var h: UInt64 = 0
            for i in start..<start + 8 { h = h << 8 | UInt64(i < b.count ? b[i] : 0) }
            return h
        }
        let heads = bytes.map { (head($0, from: shared), head($0, from: shared + 8)) }
        let order = paths.indices.sorted { x, y in
            if heads[x] != heads[y] { return heads[x] < heads[y] }
            return bytes[x].lexicographicallyPrecedes(bytes[y])
        }
        return order.map { paths[$0] }
    }
}
