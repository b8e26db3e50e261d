extension Substring {
    /// The text without leading and trailing blanks: what `CharacterSet.whitespaces` holds
    /// (tab, the space separators, U+200B), without a trip through NSString, which costs more
    /// than the rest of reading a large glossary.
    func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        return String(Substring(scalars[first...last]))
    }
}

extension String {
    func trimmingBlanks() -> String { self[...].trimmingBlanks() }
}

extension Unicode.Scalar {
    /// Tab, a space separator (general category Zs), or U+200B, which Foundation's set
    /// holds too.
    var isBlank: Bool {
        value == 0x20 || value == 0x09 || (value >= 0x80 && (value == 0x200B || properties.generalCategory == .spaceSeparator))
    }
}
