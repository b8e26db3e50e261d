import Foundation
import ICUText

/// A user's list of words the spelling rules accept (`--accept FILE`, or a file named by the
/// configuration's `accept`): one word a line, `#` starts a comment.
public enum AcceptList {
    public static func read(path: String) throws(RuleFileError) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, "cannot read the accept list (a file of words, one a line)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw RuleFileError(file: path, "the accept list is not UTF-8") }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(RuleFileError) -> [String] {
        var out: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = (raw.firstIndex(of: "#").map { raw[..<$0] } ?? raw).trimmingBlanks()
            if line.isEmpty { continue }
            guard isWord(line) else {
                throw RuleFileError(file: file, line: n + 1, "'\(line)' is not a word; an accept list has one word a line")
            }
            out.append(line)
        }
        return out
    }

    /// Letters, with apostrophes or hyphens between them.
    public static func isWord(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last, first.isLetter, last.isLetter else { return false }
        return s.allSatisfy { $0.isLetter || $0 == "'" || $0 == "\u{2019}" || $0 == "-" }
    }
}

/// Words for the spelling rules to accept (glossary terms, names, accept lists), split once
/// into the lower-case words they check (`SpellingLexicon.acceptKeys`) and kept by their
/// `UnitHash`: every spelling rule takes the same words, and splitting 100,000 glossary terms
/// into a set of strings took a tenth of a second a rule.
public struct AcceptedWords: Sendable {
    let hashes: HashedSet

    public init(_ words: some Sequence<String>) {
        var all: [UInt64] = []
        for w in words { SpellingLexicon.forEachAcceptKey(w) { all.append(SpellingLexicon.acceptHash($0)) } }
        hashes = HashedSet(all)
    }

    public var isEmpty: Bool { hashes.isEmpty }
}
