import Testing
@testable import MTLintCore

/// Every rule file's examples, each also run behind emoji/combining/RTL text, with CRLF and
/// after a BOM (see ExampleRunner.variants).
struct RuleExampleTests {
    static let ruleIDs = builtinRules.rules.map(\.id)

    @Test("rule examples pass", arguments: ruleIDs)
    func examples(_ id: String) throws {
        let rule = try #require(builtinRules.rule(id))
        let failures = try ExampleRunner.run(rule, workspace: Workspace())
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    /// The engine calls only the rules that declare a hook; a rule whose severity the
    /// configuration changed must declare what the rule it wraps does.
    @Test func configuredRulesDeclareTheHooksOfTheirRule() {
        for rule in builtinRules.rules {
            let configured = ConfiguredRule(base: rule, severity: .error)
            #expect(configured.checksDocuments == rule.checksDocuments, "\(rule.id)")
            #expect(configured.checksParagraphs == rule.checksParagraphs, "\(rule.id)")
            #expect(configured.collects == rule.collects, "\(rule.id)")
        }
        // Every kind with a hook is among the built-in rules, so the loop above sees each.
        #expect(builtinRules.rules.contains { $0.checksDocuments })
        #expect(builtinRules.rules.contains { $0.collects })
    }

    /// The engine asks only rules that declare `collects` for a collector and only rules
    /// that declare `checksDocuments` to check a document: a rule that does either without
    /// saying so would be silently skipped.
    @Test func rulesDeclareTheHooksTheyUse() throws {
        let workspace = try Workspace()
        for rule in builtinRules.rules {
            for example in rule.meta.examples {
                let document = try Document(path: "example.txt", text: example.text)
                if !rule.collects {
                    #expect(rule.makeCollector(for: document, workspace: workspace) == nil, "\(rule.id) makes a collector")
                }
                if !rule.checksDocuments {
                    var found: [RawFinding] = []
                    try rule.check(document: document, workspace: workspace, into: &found)
                    #expect(found.isEmpty, "\(rule.id) checks documents")
                }
            }
        }
    }

    @Test func everyRuleFileHasBadAndGoodExamples() {
        for rule in builtinRules.rules where rule.meta.kind != "encoding" {
            #expect(rule.meta.examples.contains { if case .bad = $0.expectation { true } else { false } }, "\(rule.id)")
            #expect(rule.meta.examples.contains { $0.expectation == .good }, "\(rule.id)")
        }
    }

    @Test func aFailingExampleIsReported() throws {
        let dir = TempDir()
        dir.write("p/pack.yml", "name: p\ndescription: d\n")
        dir.write("p/r.yml", """
            kind: existence
            severity: info
            message: m
            tokens: [armistice]
            examples:
              - bad: "no match here"
              - good: "the armistice"
            """)
        let set = try RuleLoader.load(builtin: false, directories: [dir.path])
        let failures = try ExampleRunner.run(set)
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.location.file.hasSuffix("p/r.yml") })
        #expect(failures.map(\.location.line).sorted() == [6, 7])
    }
}
