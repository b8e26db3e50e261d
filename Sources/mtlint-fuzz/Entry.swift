#if canImport(Glibc)
import Glibc
#endif
import MTLintCore
import MTLintFuzzing
#if FUZZING
import CLibFuzzer
#endif

// Built two ways (see scripts/fuzz). With MTLINT_FUZZ=1 it is linked with libFuzzer and
// hands it every argument; the target is named by MTLINT_FUZZ_TARGET. Otherwise it replays
// inputs: `mtlint-fuzz TARGET FILE...` checks the files (crash inputs, regression cases) and
// exits 1 when an invariant breaks.
@main
struct Entry {
    nonisolated(unsafe) static var check: (([UInt8]) -> [String])? = nil

    static func main() {
        #if FUZZING
        let name = getenv("MTLINT_FUZZ_TARGET").map { String(cString: $0) } ?? "pipeline"
        guard let target = FuzzTarget(rawValue: name), let made = try? target.checker() else {
            fatalError("MTLINT_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue)), and ICU must open")
        }
        check = made
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
            let broken = Entry.check!(bytes)
            if !broken.isEmpty { fatalError("invariant broken: " + broken.joined(separator: "; ")) }
            return 0
        })
        #else
        replay()
        #endif
    }

    static func replay() {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: mtlint-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE...")
            exit(2)
        }
        guard let check = try? target.checker() else {
            print("mtlint-fuzz: cannot open ICU")
            exit(2)
        }
        var failed = false
        for path in args.dropFirst() {
            let bytes: [UInt8]
            switch FileReader.read(path) {
            case .success(let b): bytes = b
            case .failure(let e):
                print("\(path): \(e.message)")
                failed = true
                continue
            }
            let broken = check(bytes)
            for b in broken { print("\(path): \(b)") }
            failed = failed || !broken.isEmpty
        }
        exit(failed ? 1 : 0)
    }
}
