import MTLintCore

/// The default format: `path:line:column: severity: message [rule]`, the source line with a
/// caret under the span, and the fix when there is one (unsafe fixes only when asked, as
/// ruff does). Colour only when asked (on a TTY).
public struct TextReporter: Reporter {
    public var color: Bool
    public var showUnsafeFixes: Bool

    public init(color: Bool, showUnsafeFixes: Bool = true) {
        self.color = color
        self.showUnsafeFixes = showUnsafeFixes
    }

    public var wantsExcerpts: Bool { true }

    public func render(_ findings: [Finding], summary: Summary, rules: [RuleMeta]) -> String {
        var out = ""
        for f in findings {
            out += "\(Sanitize.controls(f.path)):\(f.start.line):\(f.start.column): \(paint(f.severity.rawValue, severityColor(f.severity))): \(Sanitize.controls(f.message)) [\(f.rule)]\n"
            if let e = f.excerpt {
                out += "    " + e.line + "\n"
                out += "    " + String(repeating: " ", count: e.caretColumn) + paint(String(repeating: "^", count: e.caretWidth), "32") + "\n"
            }
            if let fix = f.fix, fix.applicability == .safe || showUnsafeFixes {
                let shown = fix.replacement.isEmpty ? "delete it" : "'\(Sanitize.controls(fix.replacement))'"
                out += "    fix (\(fix.applicability.rawValue)): \(shown)\n"
            }
        }
        if summary.findings > 0 {
            var parts: [String] = []
            if summary.errors > 0 { parts.append(plural(summary.errors, "error")) }
            if summary.warnings > 0 { parts.append(plural(summary.warnings, "warning")) }
            if summary.infos > 0 { parts.append(plural(summary.infos, "info")) }
            out += "\(plural(summary.findings, "finding")) (\(parts.joined(separator: ", "))) in \(plural(summary.files, "file"))"
            out += summary.fixable > 0 ? "; \(summary.fixable) fixable with --fix" : ""
            let hidden = findings.count { $0.fix?.applicability == .unsafe }
            out += hidden > 0 && !showUnsafeFixes ? "; \(hidden) more with --unsafe-fixes\n" : "\n"
        }
        return out
    }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    private func severityColor(_ s: Severity) -> String {
        switch s {
        case .error: "1;31"
        case .warning: "1;33"
        case .info: "1;36"
        }
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}
