import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One concept of a team's termbase: the terms to use, the ones also allowed, and the ones
/// not to use.
public struct GlossaryConcept: Sendable, Equatable {
    public var preferred: [String] = []
    public var admitted: [String] = []
    public var deprecated: [String] = []
    public var note: String?
    public var location: SourceLocation
}

/// Reads team glossaries: TSV or CSV lines `wrong<TAB>right<TAB>note`, or TBX (ISO 30042,
/// TBX-Basic and TBX-Core) where each term's administrative status says whether it is
/// preferred, admitted or deprecated. Problems name `file:line`.
public enum GlossaryReader {
    public static func read(path: String) throws(RuleFileError) -> [GlossaryConcept] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RuleFileError(file: path, "cannot read the glossary: \(error.localizedDescription)")
        }
        let lower = path.lowercased()
        if lower.hasSuffix(".tbx") || lower.hasSuffix(".xml") { return try readTBX(data, file: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw RuleFileError(file: path, "the glossary is not UTF-8") }
        return try readDelimited(text, file: path, csv: lower.hasSuffix(".csv"))
    }

    public static func readDelimited(_ text: String, file: String, csv: Bool) throws(RuleFileError) -> [GlossaryConcept] {
        var concepts: [GlossaryConcept] = []
        concepts.reserveCapacity(text.utf8.count / 24)
        for (lineNumber, line) in text.numberedLines() {
            if line.isEmpty || line.utf8.first == UInt8(ascii: "#") || line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            let at = SourceLocation(file: file, line: lineNumber, column: 1)
            let fields: [String]
            if csv {
                do { fields = try CSV.fields(line) } catch { throw RuleFileError(at, error.message) }
            } else {
                fields = line.pieces(cutAt: UInt8(ascii: "\t"))
            }
            guard fields.count >= 2, fields.count <= 3 else {
                throw RuleFileError(at, "\(fields.count) column\(fields.count == 1 ? "" : "s"); a glossary line is wrong, right and an optional note")
            }
            let wrong = fields[0].trimmingBlanks(), right = fields[1].trimmingBlanks()
            guard !wrong.isEmpty, !right.isEmpty else { throw RuleFileError(at, "the wrong and the right term must not be empty") }
            guard wrong.lowercased() != right.lowercased() else { throw RuleFileError(at, "the wrong and the right term are the same") }
            let note = fields.count == 3 ? fields[2].trimmingBlanks() : ""
            concepts.append(GlossaryConcept(preferred: [right], deprecated: [wrong], note: note.isEmpty ? nil : note, location: at))
        }
        return concepts
    }

    public static func readTBX(_ data: Data, file: String) throws(RuleFileError) -> [GlossaryConcept] {
        let parser = XMLParser(data: data)
        let reader = TBXReader(file: file, parser: parser)
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        if !parser.parse() {
            let error = reader.error ?? RuleFileError(file: file, line: parser.lineNumber, column: parser.columnNumber,
                                                      "invalid TBX: \(parser.parserError?.localizedDescription ?? "not well-formed XML")")
            throw error
        }
        if let error = reader.error { throw error }
        return reader.concepts
    }
}

/// RFC 4180 fields of one line: commas separate, double quotes quote, "" is a quote.
enum CSV {
    struct ParseError: Error { var message: String }

    static func fields(_ line: String) throws(RuleFileError) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "," {
                fields.append(field); field = ""
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else {
                field.append(c)
            }
        }
        if quoted { throw RuleFileError(file: "", "an unclosed quote") }
        fields.append(field)
        return fields
    }
}

/// Collects concepts from TBX: `termEntry` (TBX 2) or `conceptEntry` (TBX 3), English
/// `langSet`s, and each term's `administrativeStatus` or `normativeAuthorization`.
final class TBXReader: NSObject, XMLParserDelegate {
    let file: String
    weak var parser: XMLParser?
    private(set) var concepts: [GlossaryConcept] = []
    private(set) var error: RuleFileError?

    private var concept: GlossaryConcept?
    private var english = false
    private var term: String?
    private var status: String?
    private var text = ""
    private var inTerm = false, inStatus = false, inNote = false

    init(file: String, parser: XMLParser) {
        self.file = file
        self.parser = parser
    }

    private var here: SourceLocation { SourceLocation(file: file, line: parser?.lineNumber ?? 1, column: parser?.columnNumber ?? 1) }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "termEntry", "conceptEntry":
            concept = GlossaryConcept(location: here)
        case "langSet", "langSec":
            let lang = (attributes["xml:lang"] ?? attributes["lang"] ?? "").lowercased()
            english = lang.isEmpty || lang == "en" || lang.hasPrefix("en-")
        case "tig", "termSec", "ntig":
            term = nil
            status = nil
        case "term":
            inTerm = true
            text = ""
        case "termNote":
            let type = attributes["type"] ?? ""
            if type == "administrativeStatus" || type == "normativeAuthorization" { inStatus = true; text = "" }
        case "descrip", "note":
            if concept != nil { inNote = true; text = "" }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = error ?? RuleFileError(here, "invalid TBX: not well-formed XML (\((parseError as NSError).code))")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTerm || inStatus || inNote { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "term":
            inTerm = false
            term = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case "termNote":
            if inStatus { status = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(); inStatus = false }
        case "descrip", "note":
            if inNote, concept?.note == nil { concept?.note = text.trimmingCharacters(in: .whitespacesAndNewlines) }
            inNote = false
        case "tig", "termSec", "ntig":
            guard english, let t = term, !t.isEmpty, concept != nil else { break }
            switch status ?? "" {
            case let s where s.hasPrefix("preferred"): concept?.preferred.append(t)
            case let s where s.hasPrefix("deprecated") || s.hasPrefix("superseded") || s.hasPrefix("notrecommended")
                    || s.hasPrefix("not recommended"): concept?.deprecated.append(t)
            case "", "admitted", "admittedterm-admn-sts", "admittedterm": concept?.admitted.append(t)
            case let s where s.hasPrefix("admitted"): concept?.admitted.append(t)
            default:
                error = error ?? RuleFileError(here, "unknown administrative status '\(status ?? "")'; valid values: preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts")
                parser.abortParsing()
            }
        case "termEntry", "conceptEntry":
            if var c = concept {
                // A concept with nothing preferred: its first admitted term is the one to use.
                if c.preferred.isEmpty, !c.deprecated.isEmpty, !c.admitted.isEmpty { c.preferred = [c.admitted.removeFirst()] }
                if !c.deprecated.isEmpty || (!c.preferred.isEmpty && !c.admitted.isEmpty) { concepts.append(c) }
            }
            concept = nil
        default:
            break
        }
    }
}
