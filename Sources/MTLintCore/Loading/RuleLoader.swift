import BuiltinRules
import Foundation
import ICUText
import Synchronization

/// A rule pack: a folder of rule files with a `pack.yml`.
public struct PackInfo: Sendable {
    public var name: String
    public var folder: String
    public var description: String
    public var language: String
    public var version: String?
    public var builtin: Bool
    public var location: SourceLocation
}

/// The rules in force for a run.
public struct RuleSet: Sendable {
    public var packs: [PackInfo]
    public var rules: [any Rule]

    public func rule(_ id: String) -> (any Rule)? { rules.first { $0.id == id } }

    /// Keeps the rules named by `only` (if any) and drops those named by `disable`. A name is
    /// a rule id or a pack; one that matches nothing is an error, since a typo would
    /// otherwise silently turn a check off.
    public func filtered(only: [String], disable: [String]) throws(UsageError) -> RuleSet {
        func matches(_ rule: any Rule, _ name: String) -> Bool { rule.id == name || rule.meta.pack == name }
        for name in only + disable where !rules.contains(where: { matches($0, name) }) {
            throw UsageError("no rule or pack named '\(name)'; see `mtlint rules`")
        }
        var out = self
        if !only.isEmpty { out.rules = out.rules.filter { r in only.contains { matches(r, $0) } } }
        out.rules = out.rules.filter { r in !disable.contains { matches(r, $0) } }
        return out
    }
}

/// A mistake in how mtlint was called.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Every problem found while loading rule files; loading reports them all at once.
public struct RuleLoadErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [RuleFileError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Loads rule packs: the built-in ones compiled into the binary and users' folders.
public enum RuleLoader {
    static let commonKeys = ["kind", "severity", "message", "description", "rationale", "applicability", "files", "examples"]
    static let packKeys = ["name", "description", "language", "version"]

    /// A YAML file of a pack: its pack folder, file name, the path shown in messages, its text.
    struct SourceFile {
        var pack: String
        var name: String
        var displayPath: String
        var text: String
    }

    /// The rules of the built-in packs (unless `builtin` is false) and of `directories`, with
    /// the people of `nameFiles` added to every names rule.
    public static func load(builtin: Bool = true, directories: [String] = [], nameFiles: [String] = [],
                            glossaries: [String] = [], acceptFiles: [String] = []) throws(RuleLoadErrors) -> RuleSet {
        var files: [SourceFile] = []
        var errors: [RuleFileError] = []
        if builtin {
            for (path, text) in BuiltinRules.files {
                let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                files.append(SourceFile(pack: parts[0], name: parts[1], displayPath: "Rules/" + path, text: text))
            }
        }
        let builtinPacks = Set(files.map(\.pack))
        var userPacks: Set<String> = []
        for dir in directories {
            do {
                let found = try readDirectory(dir)
                for pack in Set(found.map(\.pack)) {
                    if builtinPacks.contains(pack) && builtin {
                        errors.append(RuleFileError(file: dir, "pack '\(pack)' has the name of a built-in pack; rename its folder"))
                    } else if !userPacks.insert(pack).inserted {
                        errors.append(RuleFileError(file: dir, "pack '\(pack)' is given twice"))
                    }
                }
                files += found
            } catch let error as RuleFileError {
                errors.append(error)
            } catch {
                errors.append(RuleFileError(file: dir, "\(error)"))
            }
        }
        var set = build(files, builtinPacks: builtin ? builtinPacks : [], errors: &errors)
        if !nameFiles.isEmpty {
            var people: [Person] = []
            for file in nameFiles {
                do { people += try GazetteerReader.read(path: file) } catch { errors.append(error) }
            }
            if errors.isEmpty {
                for (i, rule) in set.rules.enumerated() {
                    do { set.rules[i] = try rule.addingPeople(people) } catch { errors.append(error) }
                }
            }
        }
        for file in glossaries {
            do {
                let rule = try GlossaryRule(file: file, concepts: GlossaryReader.read(path: file))
                if set.rule(rule.id) != nil {
                    errors.append(RuleFileError(file: file, "another glossary has the file name '\(rule.id.dropFirst(9))'"))
                }
                set.rules.append(rule)
            } catch { errors.append(error) }
        }
        // The spelling rules accept the glossaries' terms and the user's accept lists.
        var accepted: [String] = set.rules.compactMap { $0 as? GlossaryRule }.flatMap { rule in
            rule.concepts.flatMap { $0.preferred + $0.admitted + $0.deprecated }
        }
        for file in acceptFiles {
            do { accepted += try AcceptList.read(path: file) } catch { errors.append(error) }
        }
        if !accepted.isEmpty {
            // Split into the words checked once, not once per spelling rule.
            let words = AcceptedWords(accepted)
            set.rules = set.rules.map { $0.addingSpelling(words, language: nil) }
        }
        if !glossaries.isEmpty {
            set.packs.append(PackInfo(name: "glossary", folder: "glossary", description: "The team glossaries given with --glossary.",
                                      language: "en", version: nil, builtin: false, location: SourceLocation(file: glossaries[0], line: 1, column: 1)))
        }
        if !errors.isEmpty { throw RuleLoadErrors(errors: errors) }
        return set
    }

    /// Packs held in memory, without the built-in ones: texts keyed "pack/file.yml", as the
    /// files of a rules folder would be (each pack needs its "pack/pack.yml"). For tools that
    /// make rule files rather than read them, such as the fuzzer.
    public static func load(texts: [String: String]) throws(RuleLoadErrors) -> RuleSet {
        var files: [SourceFile] = []
        var errors: [RuleFileError] = []
        for (path, text) in texts.sorted(by: { $0.key < $1.key }) {
            let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].contains("/") else {
                errors.append(RuleFileError(file: path, "a rule file is named pack/file.yml"))
                continue
            }
            files.append(SourceFile(pack: parts[0], name: parts[1], displayPath: path, text: text))
        }
        let set = build(files, builtinPacks: [], errors: &errors)
        if !errors.isEmpty { throw RuleLoadErrors(errors: errors) }
        return set
    }

    /// A folder that is a pack (it has pack.yml) or holds packs as subfolders.
    static func readDirectory(_ dir: String) throws -> [SourceFile] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw RuleFileError(file: dir, "no such rules folder")
        }
        let url = URL(fileURLWithPath: dir)
        if fm.fileExists(atPath: url.appendingPathComponent("pack.yml").path) {
            return try readPack(url, displayDir: dir)
        }
        var out: [SourceFile] = []
        for name in try fm.contentsOfDirectory(atPath: dir).sorted() where !name.hasPrefix(".") {
            let sub = url.appendingPathComponent(name)
            guard fm.fileExists(atPath: sub.path, isDirectory: &isDir), isDir.boolValue else { continue }
            let hasYAML = try fm.contentsOfDirectory(atPath: sub.path).contains(where: isRuleFile)
            guard hasYAML else { continue }
            guard fm.fileExists(atPath: sub.appendingPathComponent("pack.yml").path) else {
                throw RuleFileError(file: joinPath(dir, name), "a rule pack folder needs a pack.yml")
            }
            out += try readPack(sub, displayDir: joinPath(dir, name))
        }
        if out.isEmpty { throw RuleFileError(file: dir, "no rule packs here: a pack is a folder with a pack.yml") }
        return out
    }

    static func isRuleFile(_ name: String) -> Bool { name.hasSuffix(".yml") || name.hasSuffix(".yaml") }

    /// Data that rules of a pack refer to by name, such as a gazetteer.
    static func isDataFile(_ name: String) -> Bool { name.hasSuffix(".tsv") || name.hasSuffix(".csv") }

    private static func joinPath(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }

    private static func readPack(_ url: URL, displayDir: String) throws -> [SourceFile] {
        let pack = url.standardizedFileURL.lastPathComponent
        var out: [SourceFile] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        where isRuleFile(name) || isDataFile(name) {
            let display = joinPath(displayDir, name)
            let data = try Data(contentsOf: url.appendingPathComponent(name))
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleFileError(file: display, "not UTF-8")
            }
            out.append(SourceFile(pack: pack, name: name, displayPath: display, text: text))
        }
        return out
    }

    static func build(_ files: [SourceFile], builtinPacks: Set<String>, errors: inout [RuleFileError]) -> RuleSet {
        let compiler: PhraseCompiler
        do { compiler = try PhraseCompiler() } catch {
            errors.append(RuleFileError(file: "ICU", "cannot open a word-break iterator: \(error)"))
            return RuleSet(packs: [], rules: [])
        }
        var packs: [String: PackInfo] = [:]
        for f in files where f.name == "pack.yml" {
            do {
                packs[f.pack] = try decodePack(f, builtin: builtinPacks.contains(f.pack))
            } catch { errors.append(error) }
        }
        var rules: [any Rule] = builtinPacks.isEmpty ? [] : [InvalidUTF8Rule()]
        let packFiles = Set(files.filter { $0.name == "pack.yml" }.map(\.pack))
        var dataFiles: [String: [String: SourceFile]] = [:]
        for f in files where isDataFile(f.name) { dataFiles[f.pack, default: [:]][f.name] = f }
        let ruleFiles = files.filter { $0.name != "pack.yml" && isRuleFile($0.name) }
        let decoded = decodeRules(ruleFiles.filter { packs[$0.pack] != nil }, compiler: compiler, dataFiles: dataFiles)
        var next = decoded.makeIterator()
        for f in ruleFiles {
            if packs[f.pack] != nil {
                switch next.next() {
                case .success(let rule): rules.append(rule)
                case .failure(let error): errors.append(error)
                case nil: break
                }
            } else if !packFiles.contains(f.pack) {
                errors.append(RuleFileError(file: f.displayPath, "its pack has no pack.yml"))
            }
        }
        // The spelling rules accept every name and variant of the packs' gazetteers.
        let people = rules.compactMap { $0 as? NamesRule }.flatMap(\.people)
        if !people.isEmpty {
            rules = rules.map { rule in
                guard rule is SpellingRule else { return rule }
                return (try? rule.addingPeople(people)) ?? rule
            }
        }
        let packList = Array(packs.values)
        return RuleSet(packs: packList.sorted { $0.folder < $1.folder }, rules: rules.sorted { $0.id < $1.id })
    }

    /// Decodes rule files on every core, in the order given. The names rules build their
    /// gazetteer index while the other cores decode the rest, so loading takes about as long
    /// as that index rather than as everything in turn. `compiler` serves the first worker;
    /// each other worker opens its own, since a word-break iterator serves one thread.
    static func decodeRules(_ files: [SourceFile], compiler: PhraseCompiler,
                            dataFiles: [String: [String: SourceFile]]) -> [Result<any Rule, RuleFileError>] {
        let slots = Slots<Result<any Rule, RuleFileError>>(count: files.count)
        let next = Atomic<Int>(0)
        let first = UncheckedBox(compiler)
        let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let own: PhraseCompiler
            do { own = w == 0 ? first.value : try PhraseCompiler() } catch {
                let failed = RuleFileError(file: "ICU", "cannot open a word-break iterator: \(error)")
                while case let k = next.add(1, ordering: .relaxed).oldValue, k < files.count {
                    slots.set(k, .failure(failed))
                }
                return
            }
            while case let k = next.add(1, ordering: .relaxed).oldValue, k < files.count {
                let f = files[k]
                let result = Result { () throws(RuleFileError) -> any Rule in
                    try decodeRule(f, compiler: own, dataFiles: dataFiles[f.pack] ?? [:])
                }
                slots.set(k, result)
            }
        }
        return slots.values()
    }

    static func decodePack(_ f: SourceFile, builtin: Bool) throws(RuleFileError) -> PackInfo {
        guard let node = try YAMLDocument.parse(f.text, file: f.displayPath) else {
            throw RuleFileError(file: f.displayPath, "pack.yml is empty; it needs 'name' and 'description'")
        }
        let yaml = try StrictMapping(node, file: f.displayPath, what: "pack.yml")
        try yaml.allowOnly(packKeys, what: "pack.yml")
        let language = try yaml.string("language", what: "pack.yml") ?? "en"
        guard isLanguageTag(language) else {
            throw RuleFileError(yaml.locationOf("language"), "'language' must be a BCP 47 tag such as en or en-GB, not '\(language)'")
        }
        return PackInfo(name: try yaml.requiredString("name", what: "pack.yml"), folder: f.pack,
                        description: try yaml.requiredString("description", what: "pack.yml"),
                        language: language, version: try yaml.string("version", what: "pack.yml"),
                        builtin: builtin, location: yaml.location)
    }

    static func isLanguageTag(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    static func decodeRule(_ f: SourceFile, compiler: PhraseCompiler, dataFiles: [String: SourceFile] = [:]) throws(RuleFileError) -> any Rule {
        guard let node = try YAMLDocument.parse(f.text, file: f.displayPath) else {
            throw RuleFileError(file: f.displayPath, "the rule file is empty; a rule needs kind, severity and message")
        }
        let yaml = try StrictMapping(node, file: f.displayPath, what: "rule")
        let kindName = try yaml.requiredString("kind", what: "a rule")
        guard let kind = RuleKinds.named(kindName) else {
            throw RuleFileError(yaml.locationOf("kind"), "unknown kind '\(kindName)'; valid kinds: \(RuleKinds.names.joined(separator: ", "))")
        }
        try yaml.allowOnly(commonKeys + kind.keys, what: "the \(kindName) rule")
        let stem = String(f.name.prefix(upTo: f.name.lastIndex(of: ".") ?? f.name.endIndex))
        guard let severity: Severity = try yaml.choice("severity", what: "rule") else {
            throw RuleFileError(yaml.location, "a rule is missing the required key 'severity'; valid values: error, warning, info")
        }
        let message = try yaml.requiredString("message", what: "a rule")
        var meta = RuleMeta(
            id: "\(f.pack)/\(stem)", pack: f.pack, kind: kindName, severity: severity, message: message,
            description: try yaml.string("description", what: "rule") ?? message,
            rationale: try yaml.string("rationale", what: "rule"),
            applicability: try yaml.choice("applicability", what: "rule") ?? .safe,
            fixable: false, examples: [], location: yaml.location)
        if let files = try yaml.stringList("files") {
            meta.fileTypes = Set(files.map { $0.0.lowercased().trimmingPrefix(".") }.map(String.init))
        }
        meta.fixable = kind.canFix(RuleDecodingContext(meta: meta, yaml: yaml, phrases: compiler, dataFiles: dataFiles))
        meta.examples = try decodeExamples(yaml, canFix: meta.fixable)
        return try kind.decode(RuleDecodingContext(meta: meta, yaml: yaml, phrases: compiler, dataFiles: dataFiles))
    }

    static func decodeExamples(_ yaml: StrictMapping, canFix: Bool) throws(RuleFileError) -> [RuleExample] {
        guard let items = try yaml.sequence("examples") else { return [] }
        var out: [RuleExample] = []
        for item in items {
            let ex = try StrictMapping(item, file: yaml.file, what: "an example")
            try ex.allowOnly(["bad", "fixed", "good"], what: "an example")
            if let bad = try ex.string("bad", what: "example") {
                if ex.has("good") { throw RuleFileError(ex.location, "an example is either 'bad' or 'good', not both") }
                let fixed = try ex.string("fixed", what: "example")
                if canFix && fixed == nil {
                    throw RuleFileError(ex.location, "this rule has fixes, so a 'bad' example needs 'fixed': the text after its fixes")
                }
                if !canFix && fixed != nil {
                    throw RuleFileError(ex.locationOf("fixed"), "this rule has no fix, so its examples take no 'fixed'")
                }
                out.append(RuleExample(text: bad, expectation: .bad(fixed: fixed), location: ex.location))
            } else if let good = try ex.string("good", what: "example") {
                if ex.has("fixed") { throw RuleFileError(ex.locationOf("fixed"), "'fixed' goes with 'bad', not 'good'") }
                out.append(RuleExample(text: good, expectation: .good, location: ex.location))
            } else {
                throw RuleFileError(ex.location, "an example needs 'bad' (with 'fixed' where the rule fixes) or 'good'")
            }
        }
        return out
    }
}

/// A value handed to another thread that only that thread uses from then on.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
