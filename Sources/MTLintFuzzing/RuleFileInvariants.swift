import MTLintCore

/// What must hold for any rule file a user (or an attacker) writes: it loads, or every
/// problem comes back as an error naming a file; a rule that loads runs over a sample
/// without breaking the pipeline's invariants.
public final class RuleFileInvariants {
    /// Text in several scripts, with the marks, joiners and line ends rules trip over.
    public static let sample = Array("""
        \u{FEFF}President Antony Blinken said “we will not”, she said.\r
        Café e\u{301} 👩‍👩‍👧 中文 עברית العربية — the the  end\u{200B}.\r
        \r
        <b>Image source</b> https://example.com/a.jpg 400w, https://example.com/b.jpg
        """.utf8)

    let sample: [UInt8]

    /// `sample`: the text each rule that loads runs over.
    public init(sample: [UInt8] = RuleFileInvariants.sample) {
        self.sample = sample
    }

    public func violations(of bytes: [UInt8]) -> [String] {
        let rule = String(decoding: bytes, as: UTF8.self)
        let set: RuleSet
        do {
            set = try RuleLoader.load(texts: ["fuzz/pack.yml": "name: fuzz\ndescription: Fuzzed rules.\n", "fuzz/rule.yml": rule])
        } catch {
            let unnamed = error.errors.filter { !$0.description.hasPrefix("fuzz/") }
            return unnamed.map { "an error that names no rule file: \($0.description)" }
                + (error.errors.isEmpty ? ["loading failed with no error"] : [])
        }
        do {
            return try PipelineInvariants(linter: Linter(set), rulesMustSettle: false).violations(of: sample)
        } catch {
            return ["cannot open ICU: \(error)"]
        }
    }
}
