import Foundation
import ICUText

/// What of a document is not prose to lint, and which findings its comments suppress.
///
/// Markdown (`.md`, `.markdown`): front matter, fenced and indented code, inline code, URLs,
/// link targets and HTML comments are not linted; headings, lists, quotes, tables and link
/// text are. Any file: `<!-- mtlint-disable RULE … -->` … `<!-- mtlint-enable RULE … -->`
/// and `<!-- mtlint-disable-next-line RULE … -->` turn rules (by id or pack; none named:
/// all) off for a stretch.
struct Markup {
    /// NFC ranges that are not prose, sorted.
    private(set) var skipped: [Range<Int>] = []
    private(set) var suppressions: [(range: Range<Int>, names: Set<String>?)] = []

    /// Whether a file of `fileType` (`RuleMeta.fileType(of:)`) is Markdown.
    static func isMarkdown(fileType: String) -> Bool {
        fileType == "md" || fileType == "markdown"
    }

    init(_ document: Document, fileType: String) {
        let text = document.text
        let markdown = Self.isMarkdown(fileType: fileType)
        // Most files have neither Markdown nor comments: one cheap look decides.
        let hasComment = Self.containsComment(document.bytes)
        guard markdown || hasComment else { return }
        if markdown { skipped = Self.markdownSkips(text) }
        if hasComment { suppressions = Self.suppressions(text) }
    }

    /// Whether a finding over `range` (NFC) of `rule` stays.
    func keeps(_ range: Range<Int>, rule: RuleMeta) -> Bool {
        if !skipped.isEmpty, Self.overlaps(range, skipped) { return false }
        for s in suppressions where s.range.contains(range.lowerBound) {
            guard let names = s.names else { return false }
            if names.contains(rule.id) || names.contains(rule.pack) { return false }
        }
        return true
    }

    private static func overlaps(_ r: Range<Int>, _ sorted: [Range<Int>]) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid].upperBound <= r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo].lowerBound < Swift.max(r.upperBound, r.lowerBound + 1)
    }

    /// Whether the file's bytes hold "<!--", looked for with the C library's `memchr`, which
    /// reads the UTF-8 bytes many at a time: half the memory of the UTF-16 text. The bytes
    /// hold it exactly when the NFC text does (ASCII decodes and normalizes to itself, and no
    /// combining mark can join "<" while "!" follows it).
    static func containsComment(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count >= 4 else { return false }
            var at = base
            let end = base + raw.count
            while at < end - 3, let hit = memchr(at, 0x3C, end - 3 - at) {
                let p = hit.assumingMemoryBound(to: UInt8.self)
                if p[1] == 0x21 && p[2] == 0x2D && p[3] == 0x2D { return true }
                at = UnsafeRawPointer(p + 1)
            }
            return false
        }
    }

    static func find(_ needle: String, in text: UTF16Buffer, from start: Int) -> Int? {
        let n = Array(needle.utf16)
        guard let first = n.first, text.count >= n.count else { return nil }
        let limit = text.count - n.count + 1
        var i = start
        while i < limit {
            i = UnitScan.first(in: text.base, i..<limit, first, first, first, first, first, first)
            guard i < limit else { return nil }
            var k = 1
            while k < n.count, text[i + k] == n[k] { k += 1 }
            if k == n.count { return i }
            i += 1
        }
        return nil
    }

    /// Lines as (start, end without terminator, next line start).
    private static func lines(_ text: UTF16Buffer) -> [(start: Int, end: Int, next: Int)] {
        var out: [(Int, Int, Int)] = []
        var s = 0
        while s < text.count {
            var e = s
            while e < text.count, text[e] != 0x0A, text[e] != 0x0D { e += 1 }
            var n = e
            if n < text.count { n += (text[n] == 0x0D && n + 1 < text.count && text[n + 1] == 0x0A) ? 2 : 1 }
            out.append((s, e, n))
            s = n
        }
        return out
    }

    private static func markdownSkips(_ text: UTF16Buffer) -> [Range<Int>] {
        var skips: [Range<Int>] = []
        let ls = lines(text)
        var i = 0
        func line(_ k: Int) -> String { text.string(ls[k].start..<ls[k].end) }
        // Front matter: a first line of --- up to the next ---.
        if !ls.isEmpty, line(0).trimmingCharacters(in: CharacterSet(charactersIn: " \u{FEFF}")) == "---" {
            var k = 1
            while k < ls.count, line(k).trimmingBlanks() != "---" { k += 1 }
            if k < ls.count { skips.append(ls[0].start..<ls[k].next); i = k + 1 }
        }
        var previousBlank = true
        while i < ls.count {
            let l = line(i)
            let trimmed = l.drop { $0 == " " }
            // Fenced code: ``` or ~~~ up to the same fence.
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let fence = String(trimmed.prefix(3))
                var k = i + 1
                while k < ls.count, !line(k).drop(while: { $0 == " " }).hasPrefix(fence) { k += 1 }
                skips.append(ls[i].start..<(k < ls.count ? ls[k].next : text.count))
                i = k + 1
                previousBlank = false
                continue
            }
            // Indented code: four spaces or a tab after a blank line.
            if previousBlank, l.hasPrefix("    ") || l.hasPrefix("\t"), !trimmed.isEmpty {
                var k = i
                while k < ls.count, line(k).hasPrefix("    ") || line(k).hasPrefix("\t") || line(k).trimmingBlanks().isEmpty { k += 1 }
                skips.append(ls[i].start..<ls[k - 1].next)
                i = k
                continue
            }
            skips += inlineSkips(text, ls[i].start..<ls[i].end)
            previousBlank = trimmed.isEmpty
            i += 1
        }
        return Self.coalesced(skips)
    }

    /// Sorted and merged, so that upper bounds rise with lower bounds for the binary search:
    /// a comment spanning lines also holds the code spans found on its later lines.
    static func coalesced(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<Swift.max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    /// Inline code, URLs, autolinks, link targets and HTML comments on one line.
    private static func inlineSkips(_ text: UTF16Buffer, _ line: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = line.lowerBound
        while i < line.upperBound {
            let u = text[i]
            if u == 0x60 {  // `code`
                var run = 0
                while i + run < line.upperBound, text[i + run] == 0x60 { run += 1 }
                var k = i + run
                while k < line.upperBound {
                    if text[k] == 0x60 {
                        var r = 0
                        while k + r < line.upperBound, text[k + r] == 0x60 { r += 1 }
                        if r == run { break }
                        k += r
                    } else { k += 1 }
                }
                if k < line.upperBound { out.append(i..<k + run); i = k + run; continue }
                i += run
                continue
            }
            if u == 0x5D, i + 1 < line.upperBound, text[i + 1] == 0x28 {  // ](target)
                var k = i + 2
                while k < line.upperBound, text[k] != 0x29 { k += 1 }
                out.append(i + 1..<Swift.min(k + 1, line.upperBound))
                i = k + 1
                continue
            }
            if u == 0x3C, i + 3 < line.upperBound, text.string(i..<i + 4) == "<!--" {
                let end = find("-->", in: text, from: i + 4).map { $0 + 3 } ?? text.count
                out.append(i..<end)
                i = end
                continue
            }
            if u == 0x68, i + 7 < line.upperBound, text.string(i..<i + 4) == "http",
               text.string(i..<Swift.min(i + 8, line.upperBound)).contains("://") {
                var k = i
                while k < line.upperBound, text[k] != 0x20, text[k] != 0x29, text[k] != 0x3E { k += 1 }
                out.append(i..<k)
                i = k
                continue
            }
            i += 1
        }
        return out
    }

    private static func suppressions(_ text: UTF16Buffer) -> [(range: Range<Int>, names: Set<String>?)] {
        var out: [(Range<Int>, Set<String>?)] = []
        var open: [(start: Int, names: Set<String>?)] = []
        var i = 0
        while let start = find("<!--", in: text, from: i) {
            guard let close = find("-->", in: text, from: start + 4) else { break }
            let body = text.string(start + 4..<close).trimmingCharacters(in: .whitespacesAndNewlines)
            let words = body.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).map(String.init)
            let names: Set<String>? = words.count > 1 ? Set(words.dropFirst()) : nil
            switch words.first {
            case "mtlint-disable":
                open.append((close + 3, names))
            case "mtlint-enable":
                // Ends the disables it names (or all of them).
                var remaining: [(Int, Set<String>?)] = []
                for o in open {
                    if let n = names, let on = o.names {
                        let still = on.subtracting(n)
                        out.append((o.start..<start, on.intersection(n)))
                        if !still.isEmpty { remaining.append((start, still)) }
                    } else if names == nil {
                        out.append((o.start..<start, o.names))
                    } else {
                        remaining.append(o)
                    }
                }
                open = remaining
            case "mtlint-disable-next-line":
                // The line after the comment's line.
                var e = close + 3
                while e < text.count, text[e] != 0x0A { e += 1 }
                let lineStart = Swift.min(e + 1, text.count)
                var lineEnd = lineStart
                while lineEnd < text.count, text[lineEnd] != 0x0A { lineEnd += 1 }
                out.append((lineStart..<Swift.max(lineEnd, lineStart + 1), names))
            default:
                break
            }
            i = close + 3
        }
        for o in open { out.append((o.start..<text.count + 1, o.names)) }
        return out
    }
}
