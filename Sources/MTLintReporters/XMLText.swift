import MTLintCore

/// Text for XML attributes and content: the five markup characters as entities, and the
/// characters XML 1.0 forbids (most C0 controls) as visible escapes, since they cannot be
/// written even as character references.
enum XMLText {
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                // U+FFFE and U+FFFF are not XML characters at all.
                if ControlCharacters.needsEscape(v) || v == 0xFFFE || v == 0xFFFF {
                    out += ControlCharacters.escape(v)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
