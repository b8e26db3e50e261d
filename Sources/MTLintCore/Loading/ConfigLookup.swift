import Foundation

/// The nearest `.mtlint.yml` from a file's folder upward, remembered per folder twice over:
/// by the folder as the file's path writes it, which the files of one folder share without
/// resolving their paths (that costs more than linting a short file), and by each absolute
/// folder on the way up, which other spellings of the same folders share.
public struct ConfigLookup {
    private var byWrittenFolder: [String: String?] = [:]
    private var byFolder: [String: String?] = [:]

    public init() {}

    public mutating func nearest(to file: String) -> String? {
        let written = LexicalPath.lastSlash(in: file).map { String(file[..<$0]) } ?? ""
        if let hit = byWrittenFolder[written] { return hit }
        let found = search(from: file)
        byWrittenFolder[written] = .some(found)
        return found
    }

    private mutating func search(from file: String) -> String? {
        var dir = LexicalPath.parent(of: LexicalPath.absolute(file))
        var visited: [String] = []
        while true {
            if let hit = byFolder[dir] {
                for v in visited { byFolder[v] = hit }
                return hit
            }
            visited.append(dir)
            let candidate = dir == "/" ? "/.mtlint.yml" : dir + "/.mtlint.yml"
            if FileManager.default.fileExists(atPath: candidate) {
                for v in visited { byFolder[v] = candidate }
                return candidate
            }
            if dir == "/" { break }
            dir = LexicalPath.parent(of: dir)
        }
        for v in visited { byFolder[v] = .some(nil) }
        return nil
    }
}
