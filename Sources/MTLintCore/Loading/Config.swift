import Foundation
import ICUText

/// `.mtlint.yml`: a team's settings for the files below its folder. Found from each file's
/// folder upward; the nearest one applies. Decoding is strict, like rule files.
public struct Config: Sendable {
    public var path: String
    public var language: String?
    public var failLevel: Severity?
    /// Packs turned off (by folder name).
    public var packsOff: Set<String> = []
    /// Rules turned off, and rules given another severity.
    public var rulesOff: Set<String> = []
    public var severities: [String: Severity] = [:]
    /// Globs, relative to the config's folder, for files found by walking folders.
    public var include: [String] = []
    public var exclude: [String] = []
    /// Paths, resolved against the config's folder.
    public var ruleFolders: [String] = []
    public var names: [String] = []
    public var glossaries: [String] = []
    /// `accept`: words the spelling rules accept, and files of them (resolved paths).
    public var acceptWords: [String] = []
    public var acceptFiles: [String] = []

    static let keys = ["language", "fail_level", "packs", "rules", "include", "exclude", "rule_folders", "names", "glossaries", "accept"]

    public var folder: String { (path as NSString).deletingLastPathComponent }

    public static func load(path: String) throws(RuleFileError) -> Config {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(file: path, "cannot read the configuration, or it is not UTF-8")
        }
        var config = Config(path: path)
        guard let node = try YAMLDocument.parse(text, file: path) else { return config }
        let yaml = try StrictMapping(node, file: path, what: "the configuration")
        try yaml.allowOnly(keys, what: "the configuration")
        config.language = try yaml.string("language", what: "configuration")
        if let l = config.language, !RuleLoader.isLanguageTag(l) {
            throw RuleFileError(yaml.locationOf("language"), "invalid language '\(l)'; valid values: a BCP 47 tag such as en, en-US or en-GB")
        }
        config.failLevel = try yaml.choice("fail_level", what: "configuration")
        if let packs = try yaml.mapping("packs", what: "packs") {
            for key in packs.keys {
                guard let on = try packs.toggle(key) else { continue }
                if !on { config.packsOff.insert(key) }
            }
        }
        if let rules = try yaml.mapping("rules", what: "rules") {
            for key in rules.keys {
                let value = try StrictMapping.string(rules.node(key)!, file: path, what: "the setting of '\(key)'")
                if value == "off" { config.rulesOff.insert(key); continue }
                guard let s = Severity(rawValue: value) else {
                    throw RuleFileError(rules.locationOf(key), "invalid setting '\(value)' for '\(key)'; valid values: error, warning, info, off")
                }
                config.severities[key] = s
            }
        }
        let resolve = { (p: String) in p.hasPrefix("/") ? p : (config.folder.isEmpty ? p : config.folder + "/" + p) }
        config.include = (try yaml.stringList("include") ?? []).map(\.0)
        config.exclude = (try yaml.stringList("exclude") ?? []).map(\.0)
        config.ruleFolders = (try yaml.stringList("rule_folders") ?? []).map { resolve($0.0) }
        config.names = (try yaml.stringList("names") ?? []).map { resolve($0.0) }
        config.glossaries = (try yaml.stringList("glossaries") ?? []).map { resolve($0.0) }
        // `accept: words.txt` or a list: an item with "." or "/" is a file, else a word.
        let accept: [(String, SourceLocation)]
        if case .scalar(let one)? = yaml.node("accept") {
            accept = [(one.string, yaml.locationOf("accept"))]
        } else {
            accept = try yaml.stringList("accept") ?? []
        }
        for (item, location) in accept {
            if item.contains("/") || item.contains(".") {
                config.acceptFiles.append(resolve(item))
            } else if AcceptList.isWord(item) {
                config.acceptWords.append(item)
            } else {
                throw RuleFileError(location, "invalid 'accept' item '\(item)'; valid values: a word (letters, with ' or - inside) or a file of words (a path with '.' or '/')")
            }
        }
        return config
    }

    /// The rule set with this configuration's packs and rules turned off and severities set.
    /// A name that matches no rule or pack is an error, as with `--only`.
    /// Names are checked against `all` (every loaded rule), so `--only` narrowing `set` first
    /// does not turn the configuration's other names into errors.
    public func apply(to set: RuleSet, validatingAgainst all: RuleSet? = nil) throws(RuleFileError) -> RuleSet {
        var out = set
        let known = all ?? set
        for name in packsOff where !known.packs.contains(where: { $0.folder == name }) {
            throw RuleFileError(file: path, "no pack '\(name)' to turn off; see `mtlint rules`")
        }
        for name in rulesOff.union(severities.keys) where known.rule(name) == nil {
            throw RuleFileError(file: path, "no rule '\(name)'; see `mtlint rules`")
        }
        let otherLanguage = Set(set.packs.filter { !appliesTo(packLanguage: $0.language) }.map(\.folder))
        let variety = language.flatMap(Variety.init(languageTag:))
        let accepted = AcceptedWords(acceptWords)
        out.rules = set.rules.compactMap { found -> (any Rule)? in
            if packsOff.contains(found.meta.pack) || rulesOff.contains(found.id) || otherLanguage.contains(found.meta.pack) { return nil }
            let rule = accepted.isEmpty && variety == nil ? found : found.addingSpelling(accepted, language: variety)
            guard let s = severities[rule.id] else { return rule }
            return ConfiguredRule(base: rule, severity: s)
        }
        return out
    }

    /// Whether a pack written for `packLanguage` checks articles in this configuration's
    /// language: an `en` pack checks `en-GB` articles, an `en-US` pack does not, and an
    /// article marked only `en` gets every English pack.
    func appliesTo(packLanguage: String) -> Bool {
        guard let language = language?.lowercased() else { return true }
        let pack = packLanguage.lowercased()
        return pack == language || language.hasPrefix(pack + "-") || pack.hasPrefix(language + "-")
    }

    /// Whether a file found by walking folders is linted: under `include` (when given) and
    /// not under `exclude`.
    public func admits(_ file: String) -> Bool {
        let absolute = LexicalPath.absolute(file)
        let base = LexicalPath.absolute(folder.isEmpty ? "." : folder)
        let relative = absolute.hasPrefix(base + "/") ? String(absolute.dropFirst(base.count + 1)) : absolute
        if !include.isEmpty, !include.contains(where: { Glob.matches($0, relative) }) { return false }
        return !exclude.contains { Glob.matches($0, relative) }
    }

    /// `mtlint init`: writes the starter at `path`, never over an existing file.
    public static func writeStarter(at path: String) throws(UsageError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw UsageError("\(path): error: already exists; not overwritten")
        }
        do {
            try starter.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw UsageError("\(path): error: cannot write: \(error.localizedDescription)")
        }
    }

    public static let starter = """
        # mtlint configuration: applies to the files in this folder and below it.
        # Every key is optional; `mtlint rules` lists the packs and rules.

        # The articles' language (BCP 47). Packs written for another language, or for
        # another variant (an en-US pack for en-GB articles), are not applied.
        # language: en-GB

        # Exit 1 when a finding at or above this level remains: error, warning or info.
        # fail_level: warning

        # Turn whole packs off.
        # packs:
        #   terms-ar: off

        # Turn rules off, or give them another severity.
        # rules:
        #   spacing/double-space: off
        #   quotes/mixed-styles: warning

        # Which files, found by walking folders, are linted (globs from this folder).
        # include: ["articles/**"]
        # exclude: ["articles/drafts/**"]

        # More rule packs, people for the names check, team glossaries (paths from here).
        # rule_folders: [house-rules]
        # names: [people.tsv]
        # glossaries: [termbase.tbx]

        # Words the spelling rules accept: words, or files of words (one a line; paths from here).
        # accept: [housestyle-words.txt, mtlint]

        """
}

/// A rule with a severity set by configuration; everything else is the rule's own.
struct ConfiguredRule: Rule {
    let base: any Rule
    let meta: RuleMeta

    init(base: any Rule, severity: Severity) {
        self.base = base
        var meta = base.meta
        meta.severity = severity
        self.meta = meta
    }

    var phrases: [Phrase] { base.phrases }
    var observedPhrases: [Phrase] { base.observedPhrases }
    func finding(for match: PhraseMatch, in paragraph: inout Paragraph, document: Document) -> RawFinding? {
        base.finding(for: match, in: &paragraph, document: document)
    }
    var checksParagraphs: Bool { base.checksParagraphs }
    var checksDocuments: Bool { base.checksDocuments }
    var collects: Bool { base.collects }
    var prefilter: RegexPrefilter? { base.prefilter }
    func check(paragraph: inout Paragraph, document: Document, into findings: inout [RawFinding]) {
        base.check(paragraph: &paragraph, document: document, into: &findings)
    }
    func check(document: Document, workspace: Workspace, into findings: inout [RawFinding]) throws(RuleRuntimeError) {
        try base.check(document: document, workspace: workspace, into: &findings)
    }
    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        base.makeCollector(for: document, workspace: workspace)
    }
    func addingPeople(_ people: [Person]) throws(RuleFileError) -> any Rule {
        ConfiguredRule(base: try base.addingPeople(people), severity: meta.severity)
    }
    func addingSpelling(_ accepted: AcceptedWords, language: Variety?) -> any Rule {
        ConfiguredRule(base: base.addingSpelling(accepted, language: language), severity: meta.severity)
    }
    var yieldsToOtherRules: Bool { base.yieldsToOtherRules }
    func warmUp() { base.warmUp() }
}

/// Shell-style globs over relative paths: `*` within a folder, `**` across folders, `?`.
/// Matched by hand over scalars: a regular expression per file and glob cost more than
/// linting the file.
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        matches(Array(pattern.unicodeScalars)[...], Array(path.unicodeScalars)[...])
    }

    private static func matches(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = p.first else { return s.isEmpty }
        let rest = p.dropFirst()
        switch c {
        case "*" where rest.first == "*":
            let afterStars = rest.dropFirst()
            if afterStars.first == "/" {
                // "**/" is zero or more whole folders.
                let tail = afterStars.dropFirst()
                if matches(tail, s) { return true }
                var k = s.startIndex
                while k < s.endIndex {
                    if s[k] == "/", matches(tail, s[(k + 1)...]) { return true }
                    k += 1
                }
                return false
            }
            return s.indices.contains { matches(afterStars, s[$0...]) } || matches(afterStars, s[s.endIndex...])
        case "*":
            var k = s.startIndex
            while true {
                if matches(rest, s[k...]) { return true }
                if k == s.endIndex || s[k] == "/" { return false }
                k += 1
            }
        case "?":
            guard let first = s.first, first != "/" else { return false }
            return matches(rest, s.dropFirst())
        default:
            guard s.first == c else { return false }
            return matches(rest, s.dropFirst())
        }
    }
}
