import Dispatch
import MTLintCore

/// `--format json`: one object, exactly as DESIGN.md's JSON contract lays it out.
public struct JSONReporter: Reporter {
    public init() {}

    public var wantsExcerpts: Bool { false }

    public func render(_ findings: [Finding], summary: Summary, rules: [RuleMeta]) -> String {
        var bytes: [UInt8] = []
        write(findings, summary: summary, rules: rules) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The document in three kinds of pieces: the head up to the findings' array, the
    /// findings in chunks made on every core (writing is the only work left once linting
    /// ends), and the tail. No piece is copied into a whole: a report can be megabytes.
    public func write(_ findings: [Finding], summary: Summary, rules: [RuleMeta], to out: (UnsafeRawBufferPointer) -> Void) {
        var w = JSONWriter()
        w.beginObject()
        w.value("version", 1)
        w.beginObject("tool")
        w.value("name", "mtlint")
        w.value("version", MTLint.version)
        w.endObject()
        w.beginObject("summary")
        w.value("files", summary.files)
        w.value("findings", summary.findings)
        w.value("errors", summary.errors)
        w.value("warnings", summary.warnings)
        w.value("infos", summary.infos)
        w.value("fixable", summary.fixable)
        w.endObject()
        w.beginArray("findings")
        let pieces = Self.rendered(findings, depth: w.depth)
        w.withUnsafeBytes(out)
        for piece in pieces where !piece.isEmpty { piece.withUnsafeBytes(out) }
        var tail = w.continuation(afterItems: !findings.isEmpty)
        tail.endArray()
        tail.endObject()
        tail.endLine()
        tail.withUnsafeBytes(out)
    }

    /// Findings a chunk: small, since each is copied out of its writer's memory, which is up
    /// to twice its size, and only the copies stay (2,000 had raised a corpus run's peak).
    static let chunkSize = 500

    /// The findings as items of the array at `depth`, in order; large reports in chunks
    /// written on every core.
    static func rendered(_ findings: [Finding], depth: Int) -> [[UInt8]] {
        let chunk = chunkSize
        let chunks = (findings.count + chunk - 1) / chunk
        guard chunks > 1 else { return [render(findings[...], depth: depth, continuing: false)] }
        let pieces = Slots<[UInt8]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let part = findings[k * chunk..<Swift.min(findings.count, (k + 1) * chunk)]
            pieces.set(k, render(part, depth: depth, continuing: k > 0))
        }
        return pieces.values()
    }

    private static func render(_ findings: ArraySlice<Finding>, depth: Int, continuing: Bool) -> [UInt8] {
        var w = JSONWriter(itemsAtDepth: depth, continuing: continuing)
        // By index: a for-in loop copied each finding, and counted every String in it.
        for i in findings.indices { write(findings[i], to: &w) }
        return w.bytes
    }

    static func write(_ f: Finding, to w: inout JSONWriter) {
        w.beginObject()
        w.value("path", f.path)
        w.value("rule", f.rule)
        w.value("severity", f.severity.rawValue)
        w.value("message", f.message)
        w.value("text", f.text)
        write(f.start, "start", to: &w)
        write(f.end, "end", to: &w)
        if let fix = f.fix {
            w.beginObject("fix")
            w.value("replacement", fix.replacement)
            w.value("applicability", fix.applicability.rawValue)
            w.endObject()
        } else {
            w.null("fix")
        }
        w.endObject()
    }

    static func write(_ p: Position, _ key: String, to w: inout JSONWriter) {
        w.beginObject(key)
        w.value("offset", p.offset)
        w.value("line", p.line)
        w.value("column", p.column)
        w.value("utf16Column", p.utf16Column)
        w.endObject()
    }
}
