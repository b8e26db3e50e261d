/// Characters that change how a terminal or a log shows text instead of showing themselves:
/// C0 and C1 controls and DEL (ESC starts ANSI sequences), and the bidi controls
/// (embeddings, overrides, isolates and marks reorder a line). One list for the `unicode`
/// rules and for every output that shows article text, so that what a rule reports and
/// what a report escapes cannot drift apart.
public enum ControlCharacters {
    public static func isControl(_ v: UInt32) -> Bool { v < 0x20 || (0x7F...0x9F).contains(v) }

    public static func isBidi(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Whether output shows the character as an escape rather than as itself.
    public static func needsEscape(_ v: UInt32) -> Bool { isControl(v) || isBidi(v) }

    /// The visible form: `\u{1B}`.
    public static func escape(_ v: UInt32) -> String { "\\u{" + String(v, radix: 16, uppercase: true) + "}" }
}
