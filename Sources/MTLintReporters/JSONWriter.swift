/// Writes JSON with keys in the order given, as the output contract fixes them.
struct JSONWriter {
    private(set) var output = ""
    private var needsComma = [false]
    private let indentUnit: String

    init(pretty: Bool = true) { indentUnit = pretty ? "  " : "" }

    /// A writer of items for an array at `depth` that another writer has open: its output
    /// is spliced in with `appendItems`. `continuing`: items stand before these.
    init(itemsAtDepth depth: Int, continuing: Bool, pretty: Bool = true) {
        self.init(pretty: pretty)
        needsComma = Array(repeating: true, count: depth) + [continuing]
    }

    /// Output of writers made with `init(itemsAtDepth:continuing:)` for the array open here,
    /// in order.
    mutating func appendItems(_ fragments: [String]) {
        for f in fragments where !f.isEmpty {
            output += f
            needsComma[needsComma.count - 1] = true
        }
    }

    /// How deep the innermost open array or object is.
    var depth: Int { needsComma.count - 1 }

    /// A line break and the indentation of each depth, made once: a finding writes dozens.
    private var breaks: [String] = []

    private mutating func lineBreak() {
        let depth = needsComma.count - 1
        guard !indentUnit.isEmpty else { return }
        while breaks.count <= depth { breaks.append("\n" + String(repeating: indentUnit, count: breaks.count)) }
        output += breaks[depth]
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        lineBreak()
    }

    private mutating func keyPrefix(_ key: String?) {
        guard needsComma.count > 1 else { return }
        separator()
        if let key {
            appendQuoted(key)
            output += indentUnit.isEmpty ? ":" : ": "
        }
    }

    mutating func beginObject(_ key: String? = nil) { keyPrefix(key); output += "{"; needsComma.append(false) }
    mutating func beginArray(_ key: String? = nil) { keyPrefix(key); output += "["; needsComma.append(false) }

    mutating func endObject() { close("}") }
    mutating func endArray() { close("]") }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if hadItems { lineBreak() }
        output += bracket
    }

    mutating func value(_ key: String?, _ s: String) { keyPrefix(key); appendQuoted(s) }
    mutating func value(_ key: String?, _ i: Int) { keyPrefix(key); output += String(i) }
    mutating func value(_ key: String?, _ b: Bool) { keyPrefix(key); output += b ? "true" : "false" }
    mutating func null(_ key: String?) { keyPrefix(key); output += "null" }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest
    /// as UTF-8. U+2028/9 are escaped too, for consumers that embed JSON in JavaScript.
    /// `quoted(s)` appended to the output without a String of its own in between.
    private mutating func appendQuoted(_ s: String) {
        if s.utf8.contains(where: Self.mayNeedEscape) {
            output += Self.quoted(s)
        } else {
            output += "\""
            output += s
            output += "\""
        }
    }

    static func quoted(_ s: String) -> String {
        if !s.utf8.contains(where: Self.mayNeedEscape) { return "\"" + s + "\"" }
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

    /// Bytes of UTF-8 that start something `quoted` escapes: control characters, quote,
    /// backslash, DEL, and the lead byte of U+2028/9.
    @inline(__always)
    private static func mayNeedEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2
    }
}
