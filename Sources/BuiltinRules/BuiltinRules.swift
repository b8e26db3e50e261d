/// The rule packs under `Rules/`, compiled into the binary by EmbedRulesPlugin so that
/// `mtlint` works from any folder.
public enum BuiltinRules {
    /// Each YAML file's path relative to `Rules/` and its text, sorted by path.
    public static var files: [(path: String, text: String)] { builtinRuleFiles }
}
