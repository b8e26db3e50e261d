import BuiltinRules
import Foundation
import Testing
@testable import MTLintCore

/// Strict decoding: every mistake is an error at file:line:column that names the valid choices.
struct RuleLoaderTests {
    func loadErrors(_ rule: String, pack: String = "name: p\ndescription: d\n") -> [RuleFileError] {
        let dir = TempDir()
        dir.write("p/pack.yml", pack)
        dir.write("p/r.yml", rule)
        do {
            _ = try RuleLoader.load(builtin: false, directories: [dir.path])
            return []
        } catch {
            return error.errors
        }
    }

    func expectError(_ rule: String, line: Int, column: Int, containing parts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let errors = loadErrors(rule)
        #expect(errors.count == 1, sourceLocation: sourceLocation)
        guard let e = errors.first else { return }
        #expect(e.location.file.hasSuffix("p/r.yml"), sourceLocation: sourceLocation)
        #expect(e.location.line == line && e.location.column == column, "\(e)", sourceLocation: sourceLocation)
        for part in parts { #expect(e.message.contains(part), "\(e.message)", sourceLocation: sourceLocation) }
    }

    @Test func rulesDecodedOnEveryCoreKeepTheirOrderAndEveryError() throws {
        // Many rule files, some broken, decoded concurrently: the same rules and the same
        // errors in the same order, run after run.
        let dir = TempDir()
        dir.write("p/pack.yml", "name: p\ndescription: d\n")
        for i in 0..<40 {
            let body = i % 7 == 3 ? "kind: nonsense\nseverity: info\nmessage: m\n"
                                  : "kind: existence\nseverity: info\nmessage: m\ntokens: [word\(i)]\n"
            dir.write(String(format: "p/r%02d.yml", i), body)
        }
        func outcome() -> (rules: [String], errors: [String]) {
            do {
                let set = try RuleLoader.load(builtin: false, directories: [dir.path])
                return (set.rules.map(\.id), [])
            } catch {
                return ([], error.errors.map { "\($0.location.file):\($0.location.line)" })
            }
        }
        let first = outcome()
        #expect(first.errors.count == 6)
        #expect(first.errors == first.errors.sorted())
        for _ in 0..<5 { #expect(outcome() == first) }
    }

    @Test func unknownKeyNamesValidKeys() {
        expectError("kind: existence\nseverity: info\nmessage: m\ntokens: [a]\ntoken: [b]\n", line: 5, column: 1,
                    containing: ["unknown key 'token'", "valid keys:", "tokens", "severity"])
    }

    @Test func unknownKindNamesValidKinds() {
        expectError("kind: substitute\nseverity: info\nmessage: m\n", line: 1, column: 7,
                    containing: ["unknown kind 'substitute'", "substitution, existence, pattern, repetition"])
    }

    @Test func badSeverityNamesValidValues() {
        expectError("kind: existence\nseverity: fatal\nmessage: m\ntokens: [a]\n", line: 2, column: 11,
                    containing: ["invalid severity 'fatal'", "info, warning, error"])
    }

    @Test func wrongTypeIsNamed() {
        expectError("kind: substitution\nseverity: info\nmessage: m\nswap: [a, b]\n", line: 4, column: 7,
                    containing: ["'swap' must be a mapping, not a list"])
    }

    @Test func badRegexPointsAtThePattern() {
        expectError("kind: pattern\nseverity: info\nmessage: m\npattern: 'a(b'\n", line: 4, column: 10,
                    containing: ["bad ICU regular expression", "U_REGEX"])
    }

    @Test func replacementGroupMustExist() {
        expectError("kind: pattern\nseverity: info\nmessage: m\npattern: '(a)b'\nreplacement: '$2'\n", line: 5, column: 14,
                    containing: ["$2", "1 groups"])
    }

    @Test func invalidYAMLPointsAtTheFault() {
        let errors = loadErrors("kind: pattern\nseverity: [info\n")
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("invalid YAML") == true)
        #expect(errors.first?.location.line ?? 0 >= 2)
    }

    @Test func duplicateKeyIsAnError() {
        let errors = loadErrors("kind: existence\nkind: pattern\nseverity: info\nmessage: m\ntokens: [a]\n")
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("duplicate") == true)
    }

    @Test func badExampleNeedsFixedWhenTheRuleFixes() {
        expectError("kind: substitution\nseverity: info\nmessage: m\nswap: {a: b}\nexamples:\n  - bad: a\n", line: 6, column: 5,
                    containing: ["needs 'fixed'"])
    }

    @Test func missingRequiredKey() {
        expectError("kind: existence\nmessage: m\ntokens: [a]\n", line: 1, column: 1, containing: ["'severity'"])
    }

    @Test func packNeedsPackYML() {
        let dir = TempDir()
        dir.write("q/r.yml", "kind: existence\nseverity: info\nmessage: m\ntokens: [a]\n")
        #expect(throws: RuleLoadErrors.self) { try RuleLoader.load(builtin: false, directories: [dir.path]) }
    }

    @Test func badLanguageTag() {
        let errors = loadErrors("kind: existence\nseverity: info\nmessage: m\ntokens: [a]\n", pack: "name: p\ndescription: d\nlanguage: english!\n")
        #expect(errors.first?.message.contains("BCP 47") == true)
        #expect(errors.first?.location.line == 3)
    }

    @Test func aliasBombIsRefused() {
        // Anchors inside a real key, so that only the alias check can refuse the file.
        var yaml = "kind: existence\nseverity: info\nmessage: m\nexamples:\n  - good: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1..<9 { yaml += "  - good: &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "tokens: [a]\n"
        let errors = loadErrors(yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("alias bomb") == true, "\(errors)")
    }

    @Test func deeplyNestedYAMLIsRefused() {
        // Flow collections past the parser's own limit, and block lists past mtlint's.
        let flow = "kind: existence\nseverity: info\nmessage: m\nexamples: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let flowErrors = loadErrors(flow)
        #expect(flowErrors.count == 1)
        #expect(flowErrors.first?.message.contains("nesting") == true, "\(flowErrors)")
        var block = "kind: existence\nseverity: info\nmessage: m\nexamples:\n"
        for depth in 1...100 { block += String(repeating: "  ", count: depth) + "-\n" }
        let blockErrors = loadErrors(block)
        #expect(blockErrors.count == 1)
        #expect(blockErrors.first?.message.contains("nested deeper than") == true, "\(blockErrors)")
    }

    /// 50,000 rules in one pack (each a file, as packs are written) load, each rule intact.
    @Test func aPackOfFiftyThousandRulesLoads() throws {
        var texts = ["big/pack.yml": "name: big\ndescription: d\n"]
        for k in 0..<50_000 {
            texts["big/r\(k).yml"] = "kind: substitution\nseverity: warning\nmessage: \"{match}\"\nswap:\n  wrongterm\(k): right\(k)\n"
        }
        let set = try RuleLoader.load(texts: texts)
        #expect(set.rules.count == 50_000)
        let report = Linter(set).lint(try Document(path: "a.txt", text: "The wrongterm49999 and wrongterm7 here.\n"), workspace: try Workspace())
        #expect(report.findings.map(\.fix?.replacement) == ["right49999", "right7"])
    }

    @Test func userPacksCannotShadowBuiltinPacks() {
        let dir = TempDir()
        dir.write("general/pack.yml", "name: g\ndescription: d\n")
        dir.write("general/x.yml", "kind: existence\nseverity: info\nmessage: m\ntokens: [a]\n")
        #expect(throws: RuleLoadErrors.self) { try RuleLoader.load(directories: [dir.path]) }
    }

    @Test func userPackLoadsBesideBuiltins() throws {
        let dir = TempDir()
        dir.write("house/pack.yml", "name: House style\ndescription: d\nlanguage: en-GB\n")
        dir.write("house/truce.yml", "kind: substitution\nseverity: error\nmessage: \"use {replacement}\"\nswap: {truce: ceasefire}\n")
        let set = try RuleLoader.load(directories: [dir.path])
        #expect(set.rule("house/truce") != nil)
        #expect(set.rule("general/doubled-words") != nil)
        let findings = try lint("A truce held.", rules: set.filtered(only: ["house"], disable: []))
        #expect(findings.map(\.text) == ["truce"])
        #expect(findings.first?.fix?.replacement == "ceasefire")
        #expect(findings.first?.severity == .error)
    }

    @Test func everyBuiltinFileUnderRulesIsEmbedded() throws {
        // The build plugin can miss a new file until the package is re-planned; this catches it.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let rules = root.appendingPathComponent("Rules")
        var onDisk: [String] = []
        let walker = FileManager.default.enumerator(atPath: rules.path)!
        for case let f as String in walker where [".yml", ".yaml", ".tsv"].contains(where: f.hasSuffix) { onDisk.append(f) }
        #expect(Set(onDisk) == Set(BuiltinRules.files.map(\.path)), "touch Package.swift and rebuild to re-embed Rules/")
    }
}
