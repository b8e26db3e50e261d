import Foundation
import MTLintCore
import MTLintFuzzing
import Testing

/// Every input under Regressions/ (an input that once broke an invariant, or an adversarial
/// case written by hand) keeps every invariant of its fuzz target; scripts/fuzz seeds its
/// runs with them.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")

    static func cases(_ target: FuzzTarget) -> [String] {
        let dir = folder.appendingPathComponent(target.rawValue)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test(arguments: FuzzTarget.allCases)
    func regressionsKeepTheInvariants(_ target: FuzzTarget) throws {
        let check = try target.checker()
        let cases = Self.cases(target)
        #expect(cases.count >= 4, "the regression folder of \(target) is missing")
        for path in cases {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(check(bytes) == [], "\(path)")
        }
    }

    @Test func fixesThatNeverSettleBreakTheBuiltInInvariantsAndAreWithheldForAUsersRule() throws {
        // Two substitutions undoing each other: fixing again changes the text again.
        let rule = "kind: substitution\nseverity: warning\nmessage: \"{match} to {replacement}\"\nswap:\n  colour: hue\n  hue: colour\n"
        let sample = Array("The colour of the sky.".utf8)
        let set = try RuleLoader.load(texts: ["fuzz/pack.yml": "name: fuzz\ndescription: Fuzzed rules.\n", "fuzz/rule.yml": rule])
        // Held to the built-in packs' standard, it is reported.
        let strict = try PipelineInvariants(linter: Linter(set)).violations(of: sample)
        #expect(strict.contains { $0.contains("do not converge") }, "\(strict)")
        // As a user's rule, its fixes are withheld, and fixing is still idempotent.
        #expect(RuleFileInvariants(sample: sample).violations(of: Array(rule.utf8)) == [])
    }

    @Test func invariantsSeeErrorsThatNameNoFile() {
        // Not YAML at all still fails with an error that names the rule file.
        #expect(RuleFileInvariants().violations(of: Array("\u{0}: [".utf8)) == [])
    }
}
