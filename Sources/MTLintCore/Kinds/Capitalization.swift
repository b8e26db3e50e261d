import ICUText

/// Carries a match's capitalisation over to its replacement: "Long-distance armistice"
/// becomes "Ceasefire", "LONG-DISTANCE ARMISTICE" becomes "CEASEFIRE", and a lower-case
/// match keeps the replacement as the rule wrote it ("Image caption" stays capitalised).
enum Capitalization {
    static func transfer(from match: String, to replacement: String) -> String {
        let letters = match.unicodeScalars.filter { CharacterProperties.isAlphabetic($0.value) }
        guard let first = letters.first else { return replacement }
        if letters.count > 1, letters.allSatisfy({ !CharacterProperties.isLowercase($0.value) }) {
            return CaseMapping.uppercased(replacement)
        }
        if CharacterProperties.isUppercase(first.value) {
            guard let head = replacement.first else { return replacement }
            return CaseMapping.uppercased(String(head)) + replacement.dropFirst()
        }
        return replacement
    }
}
