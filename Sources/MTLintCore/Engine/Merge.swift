import Foundation

/// Combines the outputs of shards (`mtlint merge`): mtlint JSON into one JSON object with
/// findings in the contract's order and a fresh summary, SARIF into one run with the rules
/// of all.
public enum Merge {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public enum Kind: Sendable { case json, sarif }

    /// Reads the outputs to merge; all must be of one kind.
    public static func load(_ paths: [String]) throws -> (kind: Kind, objects: [[String: Any]]) {
        var objects: [[String: Any]] = []
        var kinds: Set<String> = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let k = kind(of: object) else {
                throw Failure(description: "\(path): error: not mtlint JSON or SARIF output")
            }
            kinds.insert(k == .json ? "json" : "sarif")
            objects.append(object)
        }
        guard kinds.count == 1, let first = objects.first, let k = kind(of: first) else {
            throw Failure(description: "error: merge takes outputs of one format (all JSON or all SARIF)")
        }
        return (k, objects)
    }

    public static func kind(of object: [String: Any]) -> Kind? {
        if object["runs"] != nil { return .sarif }
        if object["findings"] != nil, object["summary"] != nil { return .json }
        return nil
    }

    /// The findings of mtlint JSON outputs, and the number of files they covered.
    public static func findings(_ objects: [[String: Any]]) throws -> (findings: [Finding], files: Int) {
        var out: [Finding] = []
        var files = 0
        for object in objects {
            files += (object["summary"] as? [String: Any])?["files"] as? Int ?? 0
            for f in object["findings"] as? [[String: Any]] ?? [] {
                guard let path = f["path"] as? String, let rule = f["rule"] as? String,
                      let severity = (f["severity"] as? String).flatMap(Severity.init(rawValue:)),
                      let start = position(f["start"]), let end = position(f["end"]) else {
                    throw Failure(description: "a finding without path, rule, severity or positions")
                }
                let fix = (f["fix"] as? [String: Any]).flatMap { d -> Fix? in
                    guard let r = d["replacement"] as? String, let a = (d["applicability"] as? String).flatMap(Applicability.init(rawValue:)) else { return nil }
                    return Fix(replacement: r, applicability: a)
                }
                out.append(Finding(path: path, rule: rule, severity: severity, message: f["message"] as? String ?? "",
                                   text: f["text"] as? String ?? "", start: start, end: end, fix: fix))
            }
        }
        return (out.sorted(by: Finding.ordered), files)
    }

    private static func position(_ any: Any?) -> Position? {
        guard let d = any as? [String: Any], let o = d["offset"] as? Int, let l = d["line"] as? Int,
              let c = d["column"] as? Int, let u = d["utf16Column"] as? Int else { return nil }
        return Position(offset: o, line: l, column: c, utf16Column: u)
    }

    /// One SARIF log from several: the first run's tool, every rule once, every result with
    /// its rule index renumbered.
    public static func sarif(_ objects: [[String: Any]]) throws -> Data {
        guard var first = objects.first, var run = (first["runs"] as? [[String: Any]])?.first else {
            throw Failure(description: "no SARIF run to merge")
        }
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        var results: [[String: Any]] = []
        for object in objects {
            for r in object["runs"] as? [[String: Any]] ?? [] {
                let driver = (r["tool"] as? [String: Any])?["driver"] as? [String: Any]
                for rule in driver?["rules"] as? [[String: Any]] ?? [] {
                    guard let id = rule["id"] as? String, ruleIndex[id] == nil else { continue }
                    ruleIndex[id] = rules.count
                    rules.append(rule)
                }
                for var result in r["results"] as? [[String: Any]] ?? [] {
                    if let id = result["ruleId"] as? String, let i = ruleIndex[id] { result["ruleIndex"] = i }
                    results.append(result)
                }
            }
        }
        var tool = run["tool"] as? [String: Any] ?? [:]
        var driver = tool["driver"] as? [String: Any] ?? [:]
        driver["rules"] = rules
        tool["driver"] = driver
        run["tool"] = tool
        run["results"] = results
        first["runs"] = [run]
        return try JSONSerialization.data(withJSONObject: first, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
