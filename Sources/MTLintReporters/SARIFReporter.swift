import MTLintCore

/// `--format sarif`: SARIF 2.1.0 for code-scanning views. Regions carry lines and UTF-16
/// columns (`columnKind: utf16CodeUnits`) and byte offsets; fixes are artifact changes;
/// fingerprints do not depend on line numbers.
public struct SARIFReporter: Reporter {
    public init() {}

    public var wantsExcerpts: Bool { false }

    public func render(_ findings: [Finding], summary: Summary, rules: [RuleMeta]) -> String {
        var metas = rules
        for f in findings where !metas.contains(where: { $0.id == f.rule }) {
            metas.append(RuleMeta.placeholder(id: f.rule, severity: f.severity))
        }
        let index = Dictionary(metas.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let fingerprints = Fingerprint.of(findings)
        var w = JSONWriter()
        w.beginObject()
        w.value("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.value("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.value("name", "mtlint")
        w.value("version", MTLint.version)
        w.value("semanticVersion", MTLint.version)
        w.beginArray("rules")
        for m in metas { Self.write(m, to: &w) }
        w.endArray()
        w.endObject()
        w.endObject()
        w.value("columnKind", "utf16CodeUnits")
        w.beginArray("results")
        for (f, fingerprint) in zip(findings, fingerprints) {
            Self.write(f, ruleIndex: index[f.rule] ?? 0, fingerprint: fingerprint, to: &w)
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func write(_ m: RuleMeta, to w: inout JSONWriter) {
        w.beginObject()
        w.value("id", m.id)
        w.value("name", m.id.split(separator: "/").last.map(String.init) ?? m.id)
        w.beginObject("shortDescription")
        w.value("text", m.description)
        w.endObject()
        w.beginObject("fullDescription")
        w.value("text", m.rationale.map { m.description + " " + $0 } ?? m.description)
        w.endObject()
        w.beginObject("help")
        w.value("text", "Run `mtlint explain \(m.id)` for what the rule catches, why, and examples.")
        w.endObject()
        w.beginObject("defaultConfiguration")
        w.value("level", level(m.severity))
        w.endObject()
        w.beginObject("properties")
        w.value("kind", m.kind)
        w.value("pack", m.pack)
        w.value("fixable", m.fixable)
        w.endObject()
        w.endObject()
    }

    static func write(_ f: Finding, ruleIndex: Int, fingerprint: String, to w: inout JSONWriter) {
        w.beginObject()
        w.value("ruleId", f.rule)
        w.value("ruleIndex", ruleIndex)
        w.value("level", level(f.severity))
        w.beginObject("message")
        w.value("text", f.message)
        w.endObject()
        w.beginArray("locations")
        w.beginObject()
        w.beginObject("physicalLocation")
        w.beginObject("artifactLocation")
        w.value("uri", Self.artifactURI(f.path))
        w.endObject()
        w.beginObject("region")
        w.value("startLine", f.start.line)
        w.value("startColumn", f.start.utf16Column)
        w.value("endLine", f.end.line)
        w.value("endColumn", f.end.utf16Column)
        w.value("byteOffset", f.start.offset)
        w.value("byteLength", f.end.offset - f.start.offset)
        w.beginObject("snippet")
        w.value("text", f.text)
        w.endObject()
        w.endObject()
        w.endObject()
        w.endObject()
        w.endArray()
        w.beginObject("partialFingerprints")
        w.value("mtlint/v1", fingerprint)
        w.endObject()
        if let fix = f.fix, fix.applicability != .displayOnly {
            w.beginArray("fixes")
            w.beginObject()
            w.beginObject("description")
            w.value("text", fix.replacement.isEmpty ? "Delete '\(f.text)' (\(fix.applicability.rawValue))"
                                                    : "Replace with '\(fix.replacement)' (\(fix.applicability.rawValue))")
            w.endObject()
            w.beginArray("artifactChanges")
            w.beginObject()
            w.beginObject("artifactLocation")
            w.value("uri", Self.artifactURI(f.path))
            w.endObject()
            w.beginArray("replacements")
            w.beginObject()
            w.beginObject("deletedRegion")
            w.value("byteOffset", f.start.offset)
            w.value("byteLength", f.end.offset - f.start.offset)
            w.endObject()
            w.beginObject("insertedContent")
            w.value("text", fix.replacement)
            w.endObject()
            w.endObject()
            w.endArray()
            w.endObject()
            w.endArray()
            w.endObject()
            w.endArray()
        }
        w.endObject()
    }

    /// A path as a URI reference: relative paths stay relative (code scanning resolves them
    /// against the checkout) without a leading "./", absolute ones become file URIs, and
    /// spaces, `#`, `%` or `?` are percent-encoded.
    static func artifactURI(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        let encoded = String(p).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["?", "#", ";"])) ?? String(p)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
