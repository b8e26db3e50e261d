/// The spelling pack's data files: pairs (`a<TAB>b`) and word lists (one a line), `#`
/// comments and blank lines allowed. A bad line is an error at `file:line`.
enum SpellingData {
    static func pairs(_ f: RuleLoader.SourceFile) throws(RuleFileError) -> [(String, String)] {
        var out: [(String, String)] = []
        for (n, line) in lines(f.text) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty, fields[0] != fields[1] else {
                throw RuleFileError(file: f.displayPath, line: n, "a line is two different words separated by a tab")
            }
            out.append((fields[0].lowercased(), fields[1].lowercased()))
        }
        return out
    }

    static func words(_ f: RuleLoader.SourceFile) throws(RuleFileError) -> Set<String> {
        var out: Set<String> = []
        for (n, line) in lines(f.text) {
            let w = line.trimmingBlanks()
            guard !w.contains(" "), !w.contains("\t") else {
                throw RuleFileError(file: f.displayPath, line: n, "a line is one word")
            }
            SpellingLexicon.forEachAcceptKey(w) { out.insert($0) }
        }
        return out
    }

    /// Non-blank lines that are not comments, with their 1-based numbers.
    static func lines(_ text: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let t = line.trimmingBlanks()
            if t.isEmpty || t.hasPrefix("#") { continue }
            out.append((i + 1, line))
        }
        return out
    }
}
