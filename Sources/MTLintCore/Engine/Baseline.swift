import Foundation

/// Findings a team has accepted for now, by fingerprint (rule, normalized text and its
/// occurrence in the file; no line numbers), so that mtlint can be adopted on an archive
/// and still fail on anything new.
public struct Baseline: Sendable {
    public struct Entry: Sendable, Hashable {
        public var path: String
        public var rule: String
        public var fingerprint: String
        public var text: String
    }

    public var entries: [Entry]

    public init(findings: [Finding]) {
        entries = zip(findings, Fingerprint.of(findings)).map { Entry(path: $0.path, rule: $0.rule, fingerprint: $1, text: $0.text) }
    }

    public init(entries: [Entry]) { self.entries = entries }

    public func json() -> String {
        var out = "{\n  \"version\": 1,\n  \"tool\": \"mtlint\",\n  \"findings\": ["
        for (i, e) in entries.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"path\": \(Self.quote(e.path)), \"rule\": \(Self.quote(e.rule)), \"fingerprint\": \(Self.quote(e.fingerprint)), \"text\": \(Self.quote(e.text))}"
        }
        return out + (entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    private static func quote(_ s: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed, .withoutEscapingSlashes])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }

    public static func read(path: String) throws(RuleFileError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else { throw RuleFileError(file: path, "cannot read the baseline") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["version"] as? Int == 1, let items = object["findings"] as? [[String: Any]] else {
            throw RuleFileError(file: path, "not an mtlint baseline (version 1); write one with --write-baseline")
        }
        var entries: [Entry] = []
        for (i, item) in items.enumerated() {
            guard let p = item["path"] as? String, let r = item["rule"] as? String, let f = item["fingerprint"] as? String else {
                throw RuleFileError(file: path, "finding \(i + 1) of the baseline lacks path, rule or fingerprint")
            }
            entries.append(Entry(path: p, rule: r, fingerprint: f, text: item["text"] as? String ?? ""))
        }
        return Baseline(entries: entries)
    }

    /// The findings the baseline does not hold, and the baseline's entries that no finding
    /// matched any more (stale: the fault was fixed, or the file moved).
    /// Stale entries are those of `linted` files that no finding matched: a run over some of
    /// the files (one shard, one article) says nothing about the others.
    public func filter(_ findings: [Finding], linted: Set<String>) -> (new: [Finding], stale: [Entry]) {
        var known = Set(entries.map { Key($0.path, $0.rule, $0.fingerprint) })
        var new: [Finding] = []
        for (f, fingerprint) in zip(findings, Fingerprint.of(findings)) {
            if known.remove(Key(f.path, f.rule, fingerprint)) == nil { new.append(f) }
        }
        let stale = entries.filter { linted.contains($0.path) && known.contains(Key($0.path, $0.rule, $0.fingerprint)) }
        return (new, stale)
    }

    private struct Key: Hashable {
        var path: String, rule: String, fingerprint: String
        init(_ p: String, _ r: String, _ f: String) { path = p; rule = r; fingerprint = f }
    }
}
