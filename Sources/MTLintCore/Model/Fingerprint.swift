/// Fingerprints of findings that survive edits elsewhere in a file: a hash of the rule, the
/// text of the span with its whitespace normalized, and how many times the same rule and
/// text occur before it in the file. No line numbers, so added or removed lines above do
/// not change it.
public enum Fingerprint {
    public static func of(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { f in
            let key = "\(f.path)\u{0}\(f.rule)\u{0}\(normalized(f.text))"
            let k = seen[key, default: 0]
            seen[key] = k + 1
            return hex(fnv1a("\(f.rule)\u{0}\(normalized(f.text))\u{0}\(k)"))
        }
    }

    static func normalized(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
