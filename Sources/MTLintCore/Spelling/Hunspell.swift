import CHunspell
import Foundation

/// One Hunspell dictionary (Debian's `hunspell-en-us` or `hunspell-en-gb`, both `SET UTF-8`,
/// so words go in and come out as UTF-8). Hunspell's handles are not documented as
/// thread-safe (the checker keeps state from one call to the next), so every call takes the
/// lock; callers reach it only for words that their caches have not seen.
public final class HunspellDictionary: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    public let name: String

    /// nil when the `.aff` or `.dic` file is missing: Hunspell would open an empty dictionary
    /// that rejects every word.
    ///
    /// Without `ngramSuggestions`, the affix file is the edited one of `quickSuggestions`:
    /// Hunspell's n-gram suggester compares a word with the whole dictionary, 20 ms a word,
    /// and on news text its finds beyond edit distance 1 were mostly for words that are no
    /// misspelling ("desmoteplase": "plasmodesmata"). The other suggesters (its replacement
    /// table, moved and doubled letters, split words) stay, at a millisecond or two a word.
    /// Checking lower-case words is the same either way (a test holds it to that).
    public init?(directory: String, name: String, ngramSuggestions: Bool = false) {
        let aff = directory + "/" + name + ".aff", dic = directory + "/" + name + ".dic"
        let fm = FileManager.default
        guard fm.isReadableFile(atPath: aff), fm.isReadableFile(atPath: dic) else { return nil }
        var edited: EditedAffixFile? = nil
        if !ngramSuggestions, let data = fm.contents(atPath: aff) {
            edited = EditedAffixFile(Self.quickSuggestions(data), name: name)
        }
        defer { edited?.remove() }
        guard let h = Self.create(aff: edited?.path ?? aff, dic: dic) else { return nil }
        handle = h
        self.name = name
    }

    deinit { Hunspell_destroy(handle) }

    /// `Hunspell_create`, safe to call from two threads at once. Hunspell 1.7 fills a global
    /// case table when it reads `SET UTF-8`, with no lock: two dictionaries opened at once
    /// (as `SpellingDictionaries` opens them) could both make it, one copy leaking (the
    /// 393,216 bytes, 65,536 entries of 6, that LeakSanitizer reported now and then), and
    /// one could read it while the other was still filling it. The table is filled here once
    /// first, through the library's exported `initialize_utf_tbl()`; should a library lack
    /// it, dictionaries open one at a time.
    private static func create(aff: String, dic: String) -> OpaquePointer? {
        if caseTableFilled { return Hunspell_create(aff, dic) }
        serialCreate.lock()
        defer { serialCreate.unlock() }
        return Hunspell_create(aff, dic)
    }

    /// Whether the case table was filled before any dictionary opened (once per process).
    static let caseTableFilled: Bool = {
        // The C++ name of `void initialize_utf_tbl()`; it keeps a count, which this call
        // raises by one for good, so the table also outlives every dictionary closed.
        guard let process = dlopen(nil, RTLD_NOW), let fill = dlsym(process, "_Z18initialize_utf_tblv") else { return false }
        unsafeBitCast(fill, to: (@convention(c) () -> Void).self)()
        return true
    }()

    private static let serialCreate = NSLock()

    /// The affix file with `MAXNGRAMSUGS 0` added, and its `TRY` letters (tried in every
    /// position of a word to suggest) cut to lower-case ASCII and the apostrophe: the words
    /// checked are lower case, and the capitals and accented letters doubled the time of a
    /// suggestion without changing it on English news.
    ///
    /// Its `COMPOUNDRULE` lines go too. In Debian's English dictionaries they join digits and
    /// ordinal endings ("21st"), and the words checked here have no digits; but with them
    /// Hunspell tries every word it does not know as a compound, under a time limit that
    /// reads the process's CPU clock (a system call that takes a lock shared by all
    /// threads) again and again. Checks of the 18,500 lower-case words of `bench/news` give
    /// the same answers without them.
    static func quickSuggestions(_ aff: Data) -> Data {
        var lines = String(decoding: aff, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeAll { $0.hasPrefix("COMPOUNDRULE") }
        for i in lines.indices where lines[i].hasPrefix("TRY ") {
            let letters = lines[i].dropFirst(4).unicodeScalars.filter { ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "'" }
            lines[i] = "TRY " + String(String.UnicodeScalarView(letters))
        }
        return Data((lines.joined(separator: "\n") + "\nMAXNGRAMSUGS 0\n").utf8)
    }

    /// Whether the dictionary has `word`, given as UTF-8 bytes ending in a NUL.
    public func check(nulTerminated word: UnsafePointer<CChar>) -> Bool {
        lock.lockSpinning()
        defer { lock.unlock() }
        return Hunspell_spell(handle, word) != 0
    }

    public func check(_ word: String) -> Bool {
        word.withCString { check(nulTerminated: $0) }
    }

    /// Hunspell's suggestions, best first. Slow (milliseconds): only for words found wrong.
    public func suggest(_ word: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        let n = word.withCString { Hunspell_suggest(handle, &list, $0) }
        guard n > 0, let items = list else { return [] }
        var out: [String] = []
        for i in 0..<Int(n) { if let s = items[i] { out.append(String(cString: s)) } }
        Hunspell_free_list(handle, &list, n)
        return out
    }
}

/// A file for Hunspell, which reads its affix file only by path, with the edited text. In
/// memory (`memfd_create`, read through `/proc/self/fd`) where the system allows, since a run
/// that ends while a dictionary opens (`mtlint check-rules`, which lints no article while the
/// spelling pack preloads; a signal) would leave a temporary file behind; else a private
/// temporary file, removed once Hunspell has read it.
struct EditedAffixFile {
    let path: String
    private let descriptor: Int32?

    /// nil when neither can be made: the caller then uses the original affix file.
    init?(_ data: Data, name: String) {
        let fd = memfd_create("mtlint-\(name).aff", 1 /* MFD_CLOEXEC */)
        if fd >= 0 {
            let path = "/proc/self/fd/\(fd)"
            if Self.write(data, to: fd), access(path, R_OK) == 0 {
                self.path = path
                descriptor = fd
                return
            }
            close(fd)
        }
        let path = NSTemporaryDirectory() + "/mtlint-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)-\(name).aff"
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else { return nil }
        self.path = path
        descriptor = nil
    }

    /// Closes the memory file or removes the temporary one.
    func remove() {
        if let descriptor { close(descriptor) } else { try? FileManager.default.removeItem(atPath: path) }
    }

    private static func write(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { bytes -> Bool in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }
}

/// The two dictionaries the spelling pack uses, opened once per process on first use (each
/// takes a tenth of a second) and shared by every worker.
public final class SpellingDictionaries: @unchecked Sendable {
    /// Debian's location; `MTLINT_HUNSPELL_DIR` names another folder with the same files.
    public static let directory = ProcessInfo.processInfo.environment["MTLINT_HUNSPELL_DIR"] ?? "/usr/share/hunspell"
    public static let shared = SpellingDictionaries(directory: directory)

    public let directory: String
    private let opened = Locked<(us: HunspellDictionary?, gb: HunspellDictionary?)?>(nil)

    public init(directory: String) { self.directory = directory }

    /// Both dictionaries, or nil with what is missing. The two open on two threads at once.
    public func both() -> (us: HunspellDictionary, gb: HunspellDictionary)? {
        let pair = opened.withLock { state -> (us: HunspellDictionary?, gb: HunspellDictionary?) in
            if let state { return state }
            let dir = directory
            let gbSlot = Slots<HunspellDictionary?>(count: 1)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global(qos: .userInitiated).async {
                gbSlot.set(0, HunspellDictionary(directory: dir, name: "en_GB"))
                done.signal()
            }
            let us = HunspellDictionary(directory: dir, name: "en_US")
            done.wait()
            let gb = gbSlot.values()[0]
            state = (us, gb)
            return (us, gb)
        }
        guard let us = pair.us, let gb = pair.gb else { return nil }
        return (us, gb)
    }

    /// Starts opening the dictionaries on another thread, so that they are ready when the
    /// first article needs them (rules load while the folders are walked).
    public func preload() {
        DispatchQueue.global(qos: .userInitiated).async { _ = self.both() }
    }

    /// Why `both()` is nil, for the rule's error.
    public var missingMessage: String {
        "no Hunspell dictionaries en_US and en_GB in \(directory); install hunspell-en-us and hunspell-en-gb (scripts/setup does)"
    }
}
