/// A unified diff of two versions of a file, line by line, with three lines of context, as
/// `diff -u` and `git diff` print it.
public enum UnifiedDiff {
    public static let context = 3

    public static func make(path: String, old: [UInt8], new: [UInt8]) -> String {
        let a = lines(old), b = lines(new)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // The edit script as (old index, new index, mark).
        var ops: [(Int, Int, Character)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) { ops.append((i, j, "-")); i += 1 }
            else if j < b.count, inserted.contains(j) { ops.append((i, j, "+")); j += 1 }
            else { ops.append((i, j, " ")); i += 1; j += 1 }
        }
        let shown = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var out = "--- a/\(shown)\n+++ b/\(shown)\n"
        var k = 0
        while k < ops.count {
            guard ops[k].2 != " " else { k += 1; continue }
            // A hunk: changes closer than twice the context join into one.
            let start = Swift.max(0, k - context)
            var end = k
            var lastChange = k
            while end < ops.count, end - lastChange <= 2 * context {
                if ops[end].2 != " " { lastChange = end }
                end += 1
            }
            end = Swift.min(ops.count, lastChange + context + 1)
            let hunk = ops[start..<end]
            let oldCount = hunk.filter { $0.2 != "+" }.count, newCount = hunk.filter { $0.2 != "-" }.count
            let oldStart = oldCount == 0 ? hunk.first!.0 : hunk.first { $0.2 != "+" }!.0 + 1
            let newStart = newCount == 0 ? hunk.first!.1 : hunk.first { $0.2 != "-" }!.1 + 1
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for op in hunk {
                let line = op.2 == "+" ? b[op.1] : a[op.0]
                out += String(op.2) + display(line)
            }
            k = end
        }
        return out
    }

    /// Lines with their terminators, so that a changed line ending shows as a change.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            out.append(String(decoding: bytes[start...i], as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count { out.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return out
    }

    private static func display(_ line: String) -> String {
        line.hasSuffix("\n") ? line : line + "\n\\ No newline at end of file\n"
    }
}
