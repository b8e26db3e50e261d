import Foundation
import Yams

/// A person that names rules know: the canonical spelling, the part used on second mention,
/// accepted variants, titles and country.
public struct Person: Sendable, Equatable {
    public var name: String
    public var short: String
    public var variants: [String]
    public var roles: [String]
    public var country: String
    public var location: SourceLocation

    public init(name: String, short: String, variants: [String] = [], roles: [String] = [], country: String = "",
                location: SourceLocation) {
        self.name = name
        self.short = short
        self.variants = variants
        self.roles = roles
        self.country = country
        self.location = location
    }

    /// "Antony Blinken, US Secretary of State" for messages.
    public var label: String { roles.first.map { "\(name), \($0)" } ?? name }
}

/// Reads gazetteers: TSV or CSV (name, short, variants, roles, country; lists split on "|")
/// or YAML (a list of mappings with those keys). Every problem names `file:line`.
public enum GazetteerReader {
    public enum Format: String, CaseIterable, Sendable { case tsv, csv, yaml }

    public static func format(ofPath path: String) -> Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") { return .tsv }
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return .yaml }
        return nil
    }

    public static func read(_ text: String, file: String, format: Format) throws(RuleFileError) -> [Person] {
        switch format {
        case .tsv: return try readDelimited(text, file: file) { line in line.pieces(cutAt: 0x09) }
        case .csv: return try readDelimited(text, file: file, split: CSV.fields)
        case .yaml: return try readYAML(text, file: file)
        }
    }

    /// Reads a gazetteer file from disk, choosing the format by extension.
    public static func read(path: String) throws(RuleFileError) -> [Person] {
        guard let format = format(ofPath: path) else {
            throw RuleFileError(file: path, "unknown gazetteer format; use .tsv, .csv, .yml or .yaml")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RuleFileError(file: path, "cannot read the gazetteer: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw RuleFileError(file: path, "the gazetteer is not UTF-8") }
        return try read(text, file: path, format: format)
    }

    private static func readDelimited(_ text: String, file: String, split: (String) throws(RuleFileError) -> [String]) throws(RuleFileError) -> [Person] {
        var people: [Person] = []
        for (lineNumber, line) in text.numberedLines() {
            if line.trimmingBlanks().isEmpty || line.hasPrefix("#") { continue }
            let at = SourceLocation(file: file, line: lineNumber, column: 1)
            let fields: [String]
            do { fields = try split(line) } catch {
                throw RuleFileError(at, error.message)
            }
            guard fields.count <= 5 else {
                throw RuleFileError(at, "\(fields.count) columns; a gazetteer line has at most 5: name, short, variants, roles, country")
            }
            let column = { (i: Int) in i < fields.count ? fields[i].trimmingBlanks() : "" }
            people.append(try person(name: column(0), short: column(1), variants: list(column(2)), roles: list(column(3)),
                                     country: column(4), at: at))
        }
        return people
    }

    private static func list(_ s: String) -> [String] {
        s.pieces(cutAt: 0x7C).map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
    }

    static func person(name: String, short: String, variants: [String], roles: [String], country: String,
                       at: SourceLocation) throws(RuleFileError) -> Person {
        guard !name.isEmpty else { throw RuleFileError(at, "the name is empty") }
        let shortName = short.isEmpty ? String(name.split(separator: " ").last ?? Substring(name)) : short
        guard name.contains(shortName) else {
            throw RuleFileError(at, "the short form '\(shortName)' is not part of the name '\(name)'")
        }
        return Person(name: name, short: shortName, variants: variants, roles: roles, country: country, location: at)
    }

    private static func readYAML(_ text: String, file: String) throws(RuleFileError) -> [Person] {
        guard let root = try YAMLDocument.parse(text, file: file) else { return [] }
        guard case .sequence(let items) = root else {
            throw RuleFileError(StrictMapping.location(of: root, file: file), "a YAML gazetteer is a list of people")
        }
        var people: [Person] = []
        for item in items {
            let m = try StrictMapping(item, file: file, what: "a gazetteer entry")
            try m.allowOnly(["name", "short", "variants", "roles", "country"], what: "a gazetteer entry")
            people.append(try person(
                name: try m.requiredString("name", what: "a gazetteer entry"), short: try m.string("short", what: "") ?? "",
                variants: (try m.stringList("variants") ?? []).map(\.0), roles: (try m.stringList("roles") ?? []).map(\.0),
                country: try m.string("country", what: "") ?? "", at: m.location))
        }
        return people
    }
}
