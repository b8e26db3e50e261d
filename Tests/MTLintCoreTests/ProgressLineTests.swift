import Foundation
import MTLintCore
import Synchronization
import Testing

struct ProgressLineTests {
    @Test func rendersFilesAndMegabytesPerSecond() {
        #expect(ProgressLine.render(done: 120, total: 1000, bytes: 6_800_000, seconds: 2) == "[120/1000] 3.4 MB/s")
        #expect(ProgressLine.render(done: 0, total: 10, bytes: 0, seconds: 0) == "[0/10] 0.0 MB/s")
    }

    @Test func drawsAtMostFiveTimesASecondAndClearsAtTheEnd() {
        let written = Mutex<[String]>([])
        let line = ProgressLine(minimumFiles: 3) { s in written.withLock { $0.append(s) } }
        line.begin(total: 100)
        for _ in 1...100 { line.fileDone(bytes: 1000) }
        let out = written.withLock { $0 }
        #expect(out.first?.hasPrefix("\r\u{1B}[K[2/100] ") == true)
        #expect(out.count < 10, "redraws are throttled, not one per file")
        #expect(out.last == "\r\u{1B}[K")
    }

    @Test func shortRunsDrawNothing() {
        let written = Mutex<[String]>([])
        let line = ProgressLine(minimumFiles: 50) { s in written.withLock { $0.append(s) } }
        line.begin(total: 3)
        for _ in 1...3 { line.fileDone(bytes: 10) }
        #expect(written.withLock { $0.isEmpty })
    }
}
