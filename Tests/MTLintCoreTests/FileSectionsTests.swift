import Foundation
import Testing
@testable import MTLintCore

/// Large files in sections: cut only where a paragraph cannot continue, positions placed in
/// the whole file.
struct FileSectionsTests {
    private func sections(_ text: String, target: Int) -> [FileSections.Section] {
        var scanner = BoundaryScanner(target: target)
        let bytes = Array(text.utf8)
        // Fed in small blocks, so that a CRLF can straddle two reads.
        var k = 0
        while k < bytes.count {
            let end = Swift.min(k + 7, bytes.count)
            bytes[k..<end].withUnsafeBufferPointer { scanner.scan($0) }
            k = end
        }
        return scanner.finish()
    }

    private func pieces(_ text: String, _ sections: [FileSections.Section]) -> [String] {
        let bytes = Array(text.utf8)
        return sections.map { String(decoding: bytes[$0.bytes], as: UTF8.self) }
    }

    @Test func sectionsStartAtBlankLinesAfterTheTarget() {
        let text = "one two\nthree\n\nfour five\n \nsix\r\n\r\nseven\reight\r\r\nnine\n"
        let s = sections(text, target: 10)
        // The blank line after "six" comes 7 bytes into its section, too soon; a lone CR
        // ends a line ("seven"), so "\r\n" after "eight\r" is a blank line.
        #expect(pieces(text, s) == ["one two\nthree\n", "\nfour five\n", " \nsix\r\n\r\nseven\reight\r", "\r\nnine\n"])
        // Every section's line offset is the count of line breaks before it.
        #expect(s.map(\.lineOffset) == [0, 2, 4, 9])
        #expect(s.map(\.bytes.lowerBound) == s.indices.map { i in i == 0 ? 0 : s[i - 1].bytes.upperBound })
        #expect(s.last?.bytes.upperBound == text.utf8.count)
    }

    @Test func noCutInsideAFencedCodeBlockOrBeforeTheTarget() {
        let text = "intro text\n\n```\ncode\n\nmore code\n```\n\nafter\n\nend\n"
        let s = pieces(text, sections(text, target: 10))
        #expect(s == ["intro text\n", "\n```\ncode\n\nmore code\n```\n", "\nafter\n\nend\n"])
        #expect(pieces(text, sections(text, target: 1000)) == [text])
        #expect(sections("", target: 10) == [FileSections.Section(bytes: 0..<0, lineOffset: 0)])
    }

    @Test func withoutBlankLinesALongStretchIsCutAtALineEnd() {
        let line = "a line of text\n"
        let text = String(repeating: line, count: 10)
        let s = sections(text, target: 10)
        #expect(s.count > 1)
        #expect(pieces(text, s).joined() == text)
        #expect(s.allSatisfy { $0.bytes.count % line.utf8.count == 0 })
        #expect(s.map(\.lineOffset) == s.map { $0.bytes.lowerBound / line.utf8.count })
    }

    @Test func aFileLintedInSectionsGivesTheSamePositionsAsInOnePiece() throws {
        let dir = TempDir()
        // Paragraph-level faults in every paragraph, with non-ASCII text, CRLF and a BOM.
        var text = "\u{FEFF}"
        for i in 0..<40 {
            text += "Paragraph \(i): the the Zürich picture explanation 😀 café\u{200B}.\r\nSecond line of it, 中文 שלום.\r\n\r\n"
        }
        let path = dir.write("big.txt", text)
        let rules = try builtinRules.filtered(only: ["general/doubled-words", "terms-ko", "unicode/invisible"], disable: [])
        var whole = LintSession(linter: Linter(rules), jobs: 2)
        whole.sectioning = (threshold: .max, target: 1)
        var cut = LintSession(linter: Linter(rules), jobs: 2)
        cut.sectioning = (threshold: 100, target: 500)
        let input = LintInput(path: path, source: .file(path))
        let expected = whole.run([input]).findings
        #expect(expected.count == 120)
        #expect(try FileSections.plan(path: path, target: 500).get().sections.count > 5)
        #expect(cut.run([input]).findings == expected)
    }

    @Test func aNulByteInAnySectionSkipsTheWholeFile() {
        let dir = TempDir()
        let path = dir.write("big.txt", String(repeating: "Some words here.\n\n", count: 20) + "x\u{0}y\n")
        var session = LintSession(linter: Linter(builtinRules), jobs: 2)
        session.sectioning = (threshold: 50, target: 60)
        let outcome = session.run([LintInput(path: path, source: .file(path))]).outcomes[0]
        guard case .skipped(_, let reason) = outcome else {
            Issue.record("expected a skipped file, got \(outcome)")
            return
        }
        #expect(reason == "binary file (NUL byte at offset \(20 * 18 + 1)); not linted")
    }
}
