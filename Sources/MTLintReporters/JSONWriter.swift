/// Writes JSON with keys in the order given, as the output contract fixes them.
struct JSONWriter {
    private(set) var output = ""
    private var needsComma = [false]
    private let indentUnit: String

    init(pretty: Bool = true) { indentUnit = pretty ? "  " : "" }

    private var newline: String { indentUnit.isEmpty ? "" : "\n" }
    private var indent: String { String(repeating: indentUnit, count: needsComma.count - 1) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        output += newline + indent
    }

    private mutating func keyPrefix(_ key: String?) {
        guard needsComma.count > 1 else { return }
        separator()
        if let key { output += Self.quoted(key) + (indentUnit.isEmpty ? ":" : ": ") }
    }

    mutating func beginObject(_ key: String? = nil) { keyPrefix(key); output += "{"; needsComma.append(false) }
    mutating func beginArray(_ key: String? = nil) { keyPrefix(key); output += "["; needsComma.append(false) }

    mutating func endObject() { close("}") }
    mutating func endArray() { close("]") }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if hadItems { output += newline + indent }
        output += bracket
    }

    mutating func value(_ key: String?, _ s: String) { keyPrefix(key); output += Self.quoted(s) }
    mutating func value(_ key: String?, _ i: Int) { keyPrefix(key); output += String(i) }
    mutating func value(_ key: String?, _ b: Bool) { keyPrefix(key); output += b ? "true" : "false" }
    mutating func null(_ key: String?) { keyPrefix(key); output += "null" }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest
    /// as UTF-8. U+2028/9 are escaped too, for consumers that embed JSON in JavaScript.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
