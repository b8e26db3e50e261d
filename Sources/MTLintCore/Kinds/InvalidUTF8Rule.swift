/// Bytes that are not UTF-8. Not a YAML kind: rule files are text and cannot hold such
/// bytes as examples, so this rule is defined here and tested with real bytes.
struct InvalidUTF8Rule: Rule {
    static let id = "unicode/invalid-utf8"

    let meta = RuleMeta(
        id: InvalidUTF8Rule.id, pack: "unicode", kind: "encoding", severity: .error,
        message: "invalid UTF-8",
        description: "Bytes that are not valid UTF-8, reported at the first ill-formed sequence.",
        rationale: """
            A file that is not UTF-8 shows garbage in browsers and CMSs and is often a sign of a \
            broken export or a wrong encoding. The rest of the file is still linted, but \
            `--fix` never rewrites it.
            """,
        applicability: .displayOnly, fixable: false, examples: [],
        location: SourceLocation(file: "Sources/MTLintCore/Kinds/InvalidUTF8Rule.swift", line: 1, column: 1))

    var checksDocuments: Bool { true }

    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {
        let invalid = document.decoded.invalid
        guard let first = invalid.first else { return }
        let bytes = document.bytes[first.byteOffset..<first.byteOffset + first.byteLength]
            .map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
        let others = invalid.count > 1 ? "; \(invalid.count) ill-formed sequences in the file" : ""
        findings.append(RawFinding(range: first.utf16Index..<first.utf16Index + 1,
                                   message: "invalid UTF-8: byte\(first.byteLength > 1 ? "s" : "") \(bytes) at byte offset \(first.byteOffset)\(others)",
                                   coordinates: .original))
    }
}
