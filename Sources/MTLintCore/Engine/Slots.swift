import Foundation

/// One result per item, filled by concurrent workers that each write the slots of the items
/// they took. Writes to different slots need no lock, and a lock here was one that the
/// thread sanitizer cannot see (the standard library's `Mutex` is not instrumented), so it
/// reported every concurrent run as a race.
public final class Slots<T>: @unchecked Sendable {
    private let base: UnsafeMutableBufferPointer<T?>

    public init(count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: nil)
    }

    deinit {
        base.baseAddress?.deinitialize(count: base.count)
        base.deallocate()
    }

    /// Sets slot `i`; each slot is set by one worker only.
    public func set(_ i: Int, _ value: T) { base[i] = value }

    /// Every slot's value, once the workers are done (each must have set its slot).
    public func values() -> [T] { base.map { $0! } }
}

/// A value behind a lock that the thread sanitizer understands (a pthread mutex, through
/// `NSLock`), where the standard library's `Mutex` made it report races that are none.
final class Locked<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()

    init(_ value: T) { self.value = value }

    func withLock<R>(_ body: (inout T) throws -> R) rethrows -> R {
        lock.lockSpinning()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension NSLock {
    /// Takes the lock, first trying for a few microseconds before sleeping. The spelling
    /// pack's locks are held for one dictionary lookup (microseconds), and two workers meet
    /// at them thousands of times at the start of a run: sleeping and being woken at each
    /// meeting took longer than the lookups (2,000 sleeps in a run of the 50 MB corpus).
    @inline(__always)
    func lockSpinning() {
        if self.try() { return }
        for _ in 0..<Self.spins {
            if self.try() { return }
        }
        lock()
    }

    /// About 2 microseconds of `try` (512 failed tries took 1.8 µs on the development
    /// machine): a Hunspell check or two, and far below the millisecond of a suggestion, for
    /// which a waiter goes to sleep.
    private static var spins: Int { 512 }
}
