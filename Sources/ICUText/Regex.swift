internal import CICUShim

/// A compiled ICU regular expression. Matching happens through `Matcher`s, one per thread,
/// because an ICU regex object holds its match state.
public final class ICURegex: @unchecked Sendable {
    public struct Options: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let caseInsensitive = Options(rawValue: 1)
        public static let multiline = Options(rawValue: 2)
    }

    /// A syntax error in a pattern, with ICU's position of it.
    public struct SyntaxError: Error, Sendable {
        public let name: String
        /// 1-based line and 0-based UTF-16 offset in that line, as ICU reports them.
        public let line: Int
        public let offset: Int
    }

    private let compiled: OpaquePointer
    public let pattern: String
    public let groupCount: Int

    public init(_ pattern: String, options: Options = []) throws(SyntaxError) {
        var status: Int32 = 0
        var line: Int32 = 0, offset: Int32 = 0
        let units = Array(pattern.utf16)
        let re = units.withUnsafeBufferPointer {
            cicu_regex_open($0.baseAddress, Int32($0.count), options.contains(.caseInsensitive) ? 1 : 0,
                            options.contains(.multiline) ? 1 : 0, &line, &offset, &status)
        }
        guard let re, status <= 0 else {
            if let re { cicu_regex_close(re) }
            throw SyntaxError(name: ICUError(status).name, line: Int(line), offset: Int(offset))
        }
        self.compiled = re
        self.pattern = pattern
        self.groupCount = Int(cicu_regex_group_count(re, &status))
    }

    deinit { cicu_regex_close(compiled) }

    /// A matcher of its own for one thread. `timeLimit` is in ICU's match steps (each about
    /// ten thousand turns of the match loop, a few milliseconds); it bounds a user's
    /// catastrophic pattern, and 0 means none. Each text adds a step per 2,000 units to it:
    /// one search over a long line that holds no match walks all of it, and a fixed limit
    /// stopped the built-in patterns on a 40 MB line.
    public func matcher(timeLimit: Int32 = 1000) throws(ICUError) -> Matcher {
        var status: Int32 = 0
        guard let clone = cicu_regex_clone(compiled, &status) else { throw ICUError(status) }
        try check(status)
        return Matcher(clone, groupCount: groupCount, timeLimit: timeLimit)
    }

    public final class Matcher {
        private let re: OpaquePointer
        public let groupCount: Int
        private var text: UTF16Buffer?

        /// The limit for an empty text; 0 for none.
        private let timeLimit: Int32

        init(_ re: OpaquePointer, groupCount: Int, timeLimit: Int32) {
            self.re = re
            self.groupCount = groupCount
            self.timeLimit = timeLimit
        }

        deinit { cicu_regex_close(re) }

        /// Matches run over `text` (kept alive here, since ICU keeps its pointer), within the
        /// time limit grown by the text's length.
        public func reset(_ text: UTF16Buffer) throws(ICUError) {
            self.text = text
            var status: Int32 = 0
            cicu_regex_set_text(re, text.base, Int32(text.count), &status)
            try check(status)
            let limit = timeLimit == 0 ? 0 : Int32(clamping: Int(timeLimit) + text.count / 2000)
            cicu_regex_set_time_limit(re, limit, &status)
            try check(status)
        }

        /// Limits the next matches to `range` of the text: each starts and ends in it, while
        /// lookarounds, `^`, `$` and `\b` still read the text around it, so that a match found
        /// is one that a search of the whole text finds too.
        public func restrict(to range: Range<Int>) throws(ICUError) {
            var status: Int32 = 0
            cicu_regex_set_region(re, Int32(range.lowerBound), Int32(range.upperBound), &status)
            try check(status)
        }

        /// The next match: the whole match and each group (nil where a group did not take part).
        public func next() throws(ICUError) -> [Range<Int>?]? {
            var status: Int32 = 0
            guard cicu_regex_find_next(re, &status) != 0 else {
                try check(status)
                return nil
            }
            try check(status)
            var groups: [Range<Int>?] = []
            groups.reserveCapacity(groupCount + 1)
            for g in 0...groupCount {
                let s = cicu_regex_start(re, Int32(g), &status)
                let e = cicu_regex_end(re, Int32(g), &status)
                try check(status)
                groups.append(s < 0 ? nil : Int(s)..<Int(e))
            }
            return groups
        }
    }
}
