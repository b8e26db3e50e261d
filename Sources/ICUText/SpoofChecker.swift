internal import CICUShim

/// ICU's spoof checker, for whether two strings look alike. Its checks are read-only, but
/// each worker keeps its own, as with every ICU object here.
public final class SpoofChecker {
    private let handle: OpaquePointer

    public init() throws(ICUError) {
        var status: Int32 = 0
        guard let sc = cicu_spoof_open(&status), status <= 0 else { throw ICUError(status) }
        handle = sc
    }

    deinit { cicu_spoof_close(handle) }

    /// Whether a reader could take `a` for `b` (ICU's whole-script, mixed-script or
    /// single-script confusability).
    public func areConfusable(_ a: String, _ b: String) -> Bool {
        var status: Int32 = 0
        let x = Array(a.utf16), y = Array(b.utf16)
        let result = x.withUnsafeBufferPointer { xa in
            y.withUnsafeBufferPointer { yb in
                cicu_spoof_are_confusable(handle, xa.baseAddress, Int32(xa.count), yb.baseAddress, Int32(yb.count), &status)
            }
        }
        return status <= 0 && result != 0
    }
}
