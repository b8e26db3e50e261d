import MTLintCore

/// `--format github`: workflow commands that GitHub Actions shows as annotations, escaped
/// exactly as the Actions toolkit escapes them, so that no article text can start a command
/// of its own.
public struct GitHubReporter: Reporter {
    public init() {}

    public var wantsExcerpts: Bool { false }

    public func render(_ findings: [Finding], summary: Summary, rules: [RuleMeta]) -> String {
        var out = ""
        for f in findings {
            let command = switch f.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
            // The toolkit forbids endColumn when a span ends on another line (one that ends at a
            // line break), and col without endColumn would mark the rest of the line.
            let oneLine = f.start.line == f.end.line
            let properties = ([("file", f.path), ("line", String(f.start.line))]
                + (oneLine ? [("col", String(f.start.column))] : []) + [("endLine", String(f.end.line))]
                + (oneLine ? [("endColumn", String(f.end.column))] : []) + [("title", "mtlint " + f.rule)]).map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
            out += "::\(command) \(properties)::\(Self.escapeData(f.message))\n"
        }
        return out
    }

    /// The toolkit's escapeData: %, CR and LF; and here also other control characters, so
    /// that no raw escape byte reaches the log, and bidi controls (as `\u{202E}`), so that
    /// no annotation reorders what the log shows.
    static func escapeData(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                let v = scalar.value
                if ControlCharacters.isControl(v) {
                    out += "%" + (v < 0x10 ? "0" : "") + String(v, radix: 16, uppercase: true)
                } else if ControlCharacters.isBidi(v) {
                    out += ControlCharacters.escape(v)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// escapeProperty: escapeData, plus ':' and ','.
    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
