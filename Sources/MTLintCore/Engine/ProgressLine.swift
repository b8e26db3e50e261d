import Foundation

/// The progress line a long run draws on a terminal: files done of all, and MB/s read.
/// Redrawn at most five times a second and cleared at the end, so it never mixes with the
/// report; short runs (`minimumFiles`) draw nothing.
public final class ProgressLine: Sendable {
    private struct State {
        var total = 0
        var done = 0
        var bytes = 0
        var lastDraw: ContinuousClock.Instant?
        /// The first file's end: rules load before linting starts, and that is not reading.
        var start: ContinuousClock.Instant?
    }

    private let state = Locked(State())
    private let minimumFiles: Int
    private let write: @Sendable (String) -> Void

    public init(minimumFiles: Int = 50, write: @escaping @Sendable (String) -> Void) {
        self.minimumFiles = minimumFiles
        self.write = write
    }

    /// Sets the number of files of the whole run, which may lint them in several groups.
    public func begin(total: Int) {
        state.withLock { $0.total = total }
    }

    /// `bytes` more bytes read and `files` more files (one, or none for a section of a large
    /// file) finished; called from any worker.
    public func fileDone(bytes: Int, files: Int = 1) {
        let now = ContinuousClock.now
        let drawn: (done: Int, total: Int, read: Int, since: ContinuousClock.Instant)? = state.withLock { s in
            s.done += files
            guard let start = s.start else { s.start = now; return nil }
            s.bytes += bytes
            if s.done < s.total, let last = s.lastDraw, now - last < .milliseconds(200) { return nil }
            s.lastDraw = now
            return (s.done, s.total, s.bytes, start)
        }
        guard let (done, total, read, since) = drawn, total >= minimumFiles else { return }
        let elapsed = now - since
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        write(done >= total ? "\r\u{1B}[K" : "\r\u{1B}[K" + Self.render(done: done, total: total, bytes: read, seconds: seconds))
    }

    /// "[120/1000] 3.4 MB/s": the rate of the files after the first.
    public static func render(done: Int, total: Int, bytes: Int, seconds: Double) -> String {
        let rate = Double(bytes) / 1_000_000 / max(seconds, 0.001)
        return "[\(done)/\(total)] " + String(format: "%.1f MB/s", rate)
    }
}
