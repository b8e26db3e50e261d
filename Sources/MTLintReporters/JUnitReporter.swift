import MTLintCore

/// `--format junit`: one test case per finding, failed, so that CI test views list them.
public struct JUnitReporter: Reporter {
    public init() {}

    public var wantsExcerpts: Bool { false }

    public func render(_ findings: [Finding], summary: Summary, rules: [RuleMeta]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"mtlint\" tests=\"\(findings.count)\" failures=\"\(findings.count)\">\n"
        out += "  <testsuite name=\"mtlint\" tests=\"\(findings.count)\" failures=\"\(findings.count)\" errors=\"0\">\n"
        for f in findings {
            let name = "\(f.rule) at \(f.start.line):\(f.start.column)"
            out += "    <testcase classname=\"\(XMLText.escape(f.path))\" name=\"\(XMLText.escape(name))\">\n"
            out += "      <failure type=\"\(f.severity.rawValue)\" message=\"\(XMLText.escape(f.message))\">"
            out += XMLText.escape("\(f.path):\(f.start.line):\(f.start.column): \(f.message) [\(f.rule)]")
            out += "</failure>\n    </testcase>\n"
        }
        return out + "  </testsuite>\n</testsuites>\n"
    }
}
