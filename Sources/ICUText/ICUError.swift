internal import CICUShim

/// An ICU call failed; `name` is ICU's own error name (e.g. U_REGEX_RULE_SYNTAX).
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let name: String
    public let code: Int32
    /// For pattern errors: where in the pattern ICU stopped (0-based UTF-16 offset), if known.
    public let patternOffset: Int?

    init(_ status: Int32, patternOffset: Int? = nil) {
        self.name = String(cString: cicu_error_name(status))
        self.code = status
        self.patternOffset = patternOffset
    }

    public var isTimeout: Bool { code == cicu_status_regex_time_out() }
    public var description: String { name }
}

@inline(__always)
func check(_ status: Int32) throws(ICUError) {
    if status > 0 { throw ICUError(status) }
}
