import Yams

/// A problem in a rule or configuration file, pointing at its place.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public init(file: String, line: Int = 1, column: Int = 1, _ message: String) {
        self.init(SourceLocation(file: file, line: line, column: column), message)
    }

    public var description: String { "\(location): error: \(message)" }
}

/// Parses one YAML document into nodes that keep their positions.
enum YAMLDocument {
    /// More nodes than any honest rule file has; an alias bomb expands past it.
    static let maxNodes = 1_000_000
    static let maxDepth = 64

    static func parse(_ text: String, file: String) throws(RuleFileError) -> Node? {
        let node: Node?
        do {
            // No implicit tags: every value is read as the string it is written as, and
            // resolving tags ran a regular expression over each scalar (a tenth of start-up).
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw translate(error, file: file)
        } catch {
            throw RuleFileError(file: file, "cannot parse YAML: \(error)")
        }
        if let node {
            var count = 0
            try checkSize(node, file: file, depth: 0, count: &count)
        }
        return node
    }

    private static func checkSize(_ node: Node, file: String, depth: Int, count: inout Int) throws(RuleFileError) {
        count += 1
        if depth > maxDepth || count > maxNodes {
            let mark = node.mark
            throw RuleFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                depth > maxDepth ? "YAML nested deeper than \(maxDepth) levels"
                                                 : "YAML expands to more than \(maxNodes) nodes (an alias bomb?)")
        }
        switch node {
        case .mapping(let m):
            for (k, v) in m {
                try checkSize(k, file: file, depth: depth + 1, count: &count)
                try checkSize(v, file: file, depth: depth + 1, count: &count)
            }
        case .sequence(let s):
            for v in s { try checkSize(v, file: file, depth: depth + 1, count: &count) }
        default:
            break
        }
    }

    private static func translate(_ error: YamlError, file: String) -> RuleFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return RuleFileError(file: file, line: mark.line, column: mark.column, "invalid YAML: \(what)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleFileError(file: file, line: context.mark.line, column: context.mark.column,
                                 "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, let offset, _, _):
            return RuleFileError(file: file, "invalid YAML text: \(problem) at byte \(offset ?? 0)")
        default:
            return RuleFileError(file: file, "invalid YAML: \(error)")
        }
    }
}

/// A YAML mapping read strictly: every key must be known, every value of the right type, and
/// every error names `file:line:column` and the valid choices.
struct StrictMapping {
    let file: String
    let location: SourceLocation
    private var values: [String: Node] = [:]
    private var keyLocations: [String: SourceLocation] = [:]
    private(set) var keys: [String] = []

    init(_ node: Node, file: String, what: String) throws(RuleFileError) {
        self.file = file
        self.location = Self.location(of: node, file: file)
        guard case .mapping(let mapping) = node else {
            throw RuleFileError(location, "\(what) must be a mapping of keys to values, not \(Self.describe(node))")
        }
        for (k, v) in mapping {
            guard case .scalar(let scalar) = k else {
                throw RuleFileError(Self.location(of: k, file: file), "keys in \(what) must be plain strings")
            }
            let key = scalar.string
            if values[key] != nil {
                throw RuleFileError(Self.location(of: k, file: file), "duplicate key '\(key)' in \(what)")
            }
            values[key] = v
            keyLocations[key] = Self.location(of: k, file: file)
            keys.append(key)
        }
    }

    static func location(of node: Node, file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "the scalar '\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Fails on the first key that is not in `valid`, listing the valid ones.
    func allowOnly(_ valid: [String], what: String) throws(RuleFileError) {
        for key in keys where !valid.contains(key) {
            throw RuleFileError(keyLocations[key] ?? location,
                                "unknown key '\(key)' in \(what); valid keys: \(valid.joined(separator: ", "))")
        }
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    func node(_ key: String) -> Node? { values[key] }

    func locationOf(_ key: String) -> SourceLocation { values[key].map { Self.location(of: $0, file: file) } ?? location }

    func require(_ key: String, what: String) throws(RuleFileError) -> Node {
        guard let v = values[key] else {
            throw RuleFileError(location, "\(what) is missing the required key '\(key)'")
        }
        return v
    }

    func string(_ key: String, what: String) throws(RuleFileError) -> String? {
        guard let v = values[key] else { return nil }
        return try Self.string(v, file: file, what: "'\(key)'")
    }

    func requiredString(_ key: String, what: String) throws(RuleFileError) -> String {
        try Self.string(try require(key, what: what), file: file, what: "'\(key)'")
    }

    static func string(_ node: Node, file: String, what: String) throws(RuleFileError) -> String {
        guard case .scalar(let s) = node else {
            throw RuleFileError(location(of: node, file: file), "\(what) must be a string, not \(describe(node))")
        }
        return s.string
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, what: String) throws(RuleFileError) -> T? where T.RawValue == String {
        guard let v = values[key] else { return nil }
        let s = try Self.string(v, file: file, what: "'\(key)'")
        guard let value = T(rawValue: s) else {
            let valid = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw RuleFileError(Self.location(of: v, file: file), "invalid \(key) '\(s)'; valid values: \(valid)")
        }
        return value
    }

    func bool(_ key: String) throws(RuleFileError) -> Bool? {
        guard let v = values[key] else { return nil }
        guard case .scalar(let s) = v, let b = Self.boolValue(s.string) else {
            throw RuleFileError(Self.location(of: v, file: file), "'\(key)' must be true or false")
        }
        return b
    }

    /// A switch written `on`/`off` (YAML 1.2 leaves those as plain strings) or `true`/`false`.
    func toggle(_ key: String) throws(RuleFileError) -> Bool? {
        guard let v = values[key] else { return nil }
        if case .scalar(let s) = v {
            switch s.string.lowercased() {
            case "on", "true": return true
            case "off", "false": return false
            default: break
            }
        }
        throw RuleFileError(Self.location(of: v, file: file), "'\(key)' must be on or off")
    }

    func int(_ key: String, range: ClosedRange<Int>) throws(RuleFileError) -> Int? {
        guard let v = values[key] else { return nil }
        guard case .scalar(let s) = v, let i = Int(s.string), range.contains(i) else {
            throw RuleFileError(Self.location(of: v, file: file),
                                "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return i
    }

    private static func boolValue(_ s: String) -> Bool? {
        switch s {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// A list of strings, each with its place.
    func stringList(_ key: String) throws(RuleFileError) -> [(String, SourceLocation)]? {
        guard let v = values[key] else { return nil }
        guard case .sequence(let seq) = v else {
            throw RuleFileError(Self.location(of: v, file: file), "'\(key)' must be a list, not \(Self.describe(v))")
        }
        var out: [(String, SourceLocation)] = []
        for item in seq {
            out.append((try Self.string(item, file: file, what: "each item of '\(key)'"), Self.location(of: item, file: file)))
        }
        return out
    }

    /// A mapping of strings to strings, in file order, each pair with the place of its key.
    func stringPairs(_ key: String) throws(RuleFileError) -> [(String, String, SourceLocation)]? {
        guard let v = values[key] else { return nil }
        guard case .mapping(let mapping) = v else {
            throw RuleFileError(Self.location(of: v, file: file), "'\(key)' must be a mapping, not \(Self.describe(v))")
        }
        var out: [(String, String, SourceLocation)] = []
        var seen: Set<String> = []
        for (k, val) in mapping {
            let ks = try Self.string(k, file: file, what: "each key of '\(key)'")
            let vs = try Self.string(val, file: file, what: "the value of '\(ks)' in '\(key)'")
            if !seen.insert(ks).inserted {
                throw RuleFileError(Self.location(of: k, file: file), "duplicate key '\(ks)' in '\(key)'")
            }
            out.append((ks, vs, Self.location(of: k, file: file)))
        }
        return out
    }

    func mapping(_ key: String, what: String) throws(RuleFileError) -> StrictMapping? {
        guard let v = values[key] else { return nil }
        return try StrictMapping(v, file: file, what: what)
    }

    func sequence(_ key: String) throws(RuleFileError) -> [Node]? {
        guard let v = values[key] else { return nil }
        guard case .sequence(let seq) = v else {
            throw RuleFileError(Self.location(of: v, file: file), "'\(key)' must be a list, not \(Self.describe(v))")
        }
        return Array(seq)
    }
}
