import Foundation

/// A large file cut into sections at blank lines, so that memory stays bounded by the
/// section rather than the file and every core shares the file's work. Paragraphs never
/// cross a blank line, so the phrase, paragraph and structure checks see the same text as in
/// one piece; what reads a whole article (a name spelled right elsewhere, quotation styles,
/// paragraph endings) reads each section as one.
public struct FileSections: Sendable {
    public struct Section: Sendable, Equatable {
        /// Byte range in the file.
        public var bytes: Range<Int>
        /// Line breaks before the section (0-based line of its first byte).
        public var lineOffset: Int
    }

    /// Files larger than this are linted in sections.
    public static let threshold = 16 << 20
    /// About how long a section is: the first blank line after this many bytes ends it.
    public static let targetSize = 4 << 20

    public let sections: [Section]

    /// Reads the file once to find where sections start: at the start of a blank line (only
    /// spaces, tabs and line breaks) after `target` bytes, outside a fenced code block. A file
    /// with no blank line for four targets is cut at a line end instead.
    public static func plan(path: String, target: Int = targetSize) -> Result<FileSections, FileReader.ReadError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(FileReader.ReadError(message: "cannot open: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var scanner = BoundaryScanner(target: target)
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileReader.ReadError(message: "cannot read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            block.withUnsafeBufferPointer { scanner.scan(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return .success(FileSections(sections: scanner.finish()))
    }

    /// The bytes of one section.
    public static func read(path: String, _ section: Section) -> Result<[UInt8], FileReader.ReadError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(FileReader.ReadError(message: "cannot open: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: section.bytes.count)
        var filled = 0
        while filled < out.count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(section.bytes.lowerBound + filled)) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileReader.ReadError(message: "cannot read: \(String(cString: strerror(errno)))"))
            }
            // The file shrank while being read: lint what is there.
            if n == 0 { out.removeSubrange(filled...); break }
            filled += n
        }
        return .success(out)
    }
}

/// The state of the one pass that finds section starts.
struct BoundaryScanner {
    let target: Int
    private var sections: [FileSections.Section] = []
    private var sectionStart = 0
    private var sectionLines = 0
    private var offset = 0
    private var lines = 0
    private var lineStart = 0
    private var lineBlank = true
    /// The first bytes of the line (after up to three spaces), for fences.
    private var lineHead: [UInt8] = []
    private var leadingSpaces = 0
    private var inFence = false
    private var fence: [UInt8] = []
    private var pendingCR = false

    init(target: Int) {
        self.target = target
        lineHead.reserveCapacity(3)
    }

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            if pendingCR {
                pendingCR = false
                if b == 0x0A { offset += 1; endLine(at: offset); continue }
                endLine(at: offset)
            }
            offset += 1
            switch b {
            case 0x0A: endLine(at: offset)
            case 0x0D: pendingCR = true
            case 0x20, 0x09:
                if lineHead.isEmpty && b == 0x20 { leadingSpaces += 1 }
                if !lineHead.isEmpty, lineHead.count < 3 { lineHead.append(b) }
            default:
                lineBlank = false
                if lineHead.count < 3 { lineHead.append(b) }
            }
        }
    }

    /// A line ended just before `next` (the offset after its line break).
    private mutating func endLine(at next: Int) {
        if !inFence, lineStart - sectionStart >= target {
            // The blank line itself starts the new section; with none for four targets, the
            // line after this one does.
            if lineBlank {
                cut(at: lineStart, lines: lines)
            } else if next - sectionStart >= target * 4 {
                cut(at: next, lines: lines + 1)
            }
        }
        if leadingSpaces <= 3, lineHead.count == 3, lineHead[0] == lineHead[1], lineHead[1] == lineHead[2],
           lineHead[0] == UInt8(ascii: "`") || lineHead[0] == UInt8(ascii: "~") {
            if !inFence {
                inFence = true
                fence = lineHead
            } else if lineHead == fence {
                inFence = false
            }
        }
        lines += 1
        lineStart = next
        lineBlank = true
        lineHead.removeAll(keepingCapacity: true)
        leadingSpaces = 0
    }

    private mutating func cut(at start: Int, lines startLine: Int) {
        sections.append(FileSections.Section(bytes: sectionStart..<start, lineOffset: sectionLines))
        sectionStart = start
        sectionLines = startLine
    }

    mutating func finish() -> [FileSections.Section] {
        if pendingCR { pendingCR = false }
        if offset > sectionStart || sections.isEmpty {
            sections.append(FileSections.Section(bytes: sectionStart..<offset, lineOffset: sectionLines))
        }
        return sections
    }
}
