import Glibc

extension String {
    /// The text cut at an ASCII `separator` byte, empty pieces included, as
    /// `split(separator:omittingEmptySubsequences: false)` cuts it: the separators found in
    /// the UTF-8 bytes with the C library's `memchr`, since through `String.UTF8View` each
    /// byte cost an index step (and a generic split of the bytes 0.7 instructions a byte), and
    /// by `Character` a CRLF was one character (a Windows file one line). Cut at an ASCII
    /// byte, each piece is whole UTF-8.
    func pieces(cutAt separator: UInt8) -> [String] {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return [""] }
            var out: [String] = []
            var start = base
            let end = base + bytes.count
            while let hit = memchr(start, Int32(separator), end - start) {
                let cut = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                out.append(String(decoding: UnsafeBufferPointer(start: start, count: cut - start), as: UTF8.self))
                start = cut + 1
            }
            out.append(String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
            return out
        }
    }

    /// The lines of a data file (gazetteers, glossaries) without their line ends, LF or CRLF,
    /// numbered from 1 as an editor numbers them.
    func numberedLines() -> [(number: Int, text: String)] {
        pieces(cutAt: 0x0A).enumerated().map { i, line in
            (i + 1, line.utf8.last == 0x0D ? String(line.utf8.dropLast())! : line)
        }
    }
}
