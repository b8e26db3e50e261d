import MTLintCore

/// `--format checkstyle`: the Checkstyle XML that Jenkins, GitLab and reviewdog read.
public struct CheckstyleReporter: Reporter {
    public init() {}

    public var wantsExcerpts: Bool { false }

    public func render(_ findings: [Finding], summary: Summary, rules: [RuleMeta]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        var i = 0
        while i < findings.count {
            let path = findings[i].path
            out += "  <file name=\"\(XMLText.escape(path))\">\n"
            while i < findings.count, findings[i].path == path {
                let f = findings[i]
                out += "    <error line=\"\(f.start.line)\" column=\"\(f.start.column)\" severity=\"\(f.severity.rawValue)\" "
                out += "message=\"\(XMLText.escape(f.message))\" source=\"mtlint.\(XMLText.escape(f.rule))\"/>\n"
                i += 1
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }
}
