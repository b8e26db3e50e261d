import Foundation
import Testing
@testable import MTLintCore

/// Folder walking, configuration lookup and globs: the serial work before linting starts.
struct InputCollectionTests {
    @Test func walksFoldersInSortedOrderSkippingHiddenEntriesLinksAndOtherExtensions() throws {
        let dir = TempDir()
        _ = dir.write("b/z.txt", "z")
        _ = dir.write("b/a.MD", "a")
        _ = dir.write("a.markdown", "m")
        _ = dir.write("notes.rst", "r")
        _ = dir.write(".hidden/x.txt", "h")
        _ = dir.write("b/.secret.txt", "s")
        _ = dir.write("txt", "no extension")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link.txt", withDestinationPath: dir.path + "/a.markdown")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/loop", withDestinationPath: dir.path)
        let result = InputCollector.collect([dir.path + "/"], stdin: { [] }, stdinName: "-")
        #expect(result.errors.isEmpty)
        #expect(result.inputs.map(\.path) == [dir.path + "/a.markdown", dir.path + "/b/a.MD", dir.path + "/b/z.txt"])
        #expect(result.inputs.allSatisfy { !$0.explicit })
    }

    @Test func namedFilesAreKeptAsGivenAndMissingOnesReported() {
        let dir = TempDir()
        let file = dir.write("x.rst", "text")
        let result = InputCollector.collect([file, dir.path + "/missing"], stdin: { [] }, stdinName: "-")
        #expect(result.inputs.map(\.path) == [file])
        #expect(result.inputs.first?.explicit == true)
        #expect(result.errors == ["\(dir.path)/missing: error: no such file or folder"])
    }

    @Test func aFolderThatCannotBeListedIsReportedWithWhy() {
        // Permissions cannot make the failure here (tests may run as root), a vanished one can.
        var walker = FolderWalker()
        var found: [String] = []
        walker.walk("/nonexistent-mtlint-folder", into: &found)
        #expect(found.isEmpty)
        #expect(walker.errors == ["/nonexistent-mtlint-folder: error: cannot list this folder: No such file or directory"])
    }

    @Test func globsMatchWithinAndAcrossFolders() {
        #expect(Glob.matches("*.txt", "a.txt"))
        #expect(!Glob.matches("*.txt", "d/a.txt"))
        #expect(Glob.matches("articles/**", "articles/x/y.md"))
        #expect(Glob.matches("**/draft-?.md", "draft-1.md"))
        #expect(Glob.matches("**/draft-?.md", "a/b/draft-2.md"))
        #expect(!Glob.matches("**/draft-?.md", "a/b/xdraft-2.md"))
        #expect(!Glob.matches("draft-?.md", "draft-10.md"))
        #expect(Glob.matches("a/**/b.txt", "a/b.txt"))
        #expect(Glob.matches("a/**/b.txt", "a/x/y/b.txt"))
        #expect(Glob.matches("**.md", "x/y.md"))
        #expect(!Glob.matches("a?c", "a/c"))
        #expect(Glob.matches("résumé/*", "résumé/é.txt"))
    }

    @Test func lexicalPathsResolveDotsWithoutTheFileSystem() {
        #expect(LexicalPath.absolute("/a/./b/../c//d") == "/a/c/d")
        #expect(LexicalPath.absolute("/..") == "/")
        #expect(LexicalPath.absolute("x/y") == LexicalPath.currentFolder + "/x/y")
        #expect(LexicalPath.parent(of: "/a/b") == "/a")
        #expect(LexicalPath.parent(of: "/a") == "/")
        #expect(LexicalPath.parent(of: "/") == "/")
        #expect(LexicalPath.parent(of: "/é/ü/x.txt") == "/é/ü")
    }

    @Test func pathsSortInStringsOrderWhetherOrNotTheyAreASCII() {
        // Decomposed accents, combining marks after ASCII letters (which sort after every
        // ASCII letter once composed), emoji, CJK, right-to-left, prefixes of each other.
        let pieces = ["a", "b", "B", "a\u{301}", "\u{E1}", "e\u{300}x", "ex", "z", "Z.txt", "d/x", "d.x", "d", "👩‍💻", "中文", "עברית", "a-b", "a_b", ""]
        var rng = SystemRandomNumberGenerator()
        var paths: [String] = []
        for _ in 0..<400 {
            paths.append((0..<Int.random(in: 1...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined(separator: "/"))
        }
        #expect(LexicalPath.sorted(paths) == paths.sorted())
        let ascii = paths.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(ascii.count > 20)
        #expect(LexicalPath.sorted(ascii) == ascii.sorted())
        // Paths alike for more than the sixteen bytes after their shared prefix, and prefixes
        // of each other.
        let long = "corpus/d1/" + String(repeating: "a", count: 20)
        let alike = [long + "b.txt", long + "a.txt", long, long + ".txt", long + "/x.txt", "corpus/d1/a.txt", "corpus/d10/a.txt", "corpus/d1.txt"]
        for _ in 0..<20 { let shuffled = alike.shuffled(using: &rng); #expect(LexicalPath.sorted(shuffled) == shuffled.sorted()) }
        #expect(LexicalPath.sorted([]) == [] && LexicalPath.sorted(["x"]) == ["x"])
    }

    @Test func configurationLookupIsSharedByTheFilesOfAFolder() {
        let dir = TempDir()
        let config = dir.write("team/.mtlint.yml", "fail_level: error\n")
        var lookup = ConfigLookup()
        #expect(lookup.nearest(to: dir.path + "/team/a/x.txt") == config)
        // Once found, the folder's answer stands even after the file is gone.
        try? FileManager.default.removeItem(atPath: config)
        #expect(lookup.nearest(to: dir.path + "/team/a/y.txt") == config)
        #expect(lookup.nearest(to: dir.path + "/team/./a/../b.txt") == config)
        var fresh = ConfigLookup()
        #expect(fresh.nearest(to: dir.path + "/team/a/y.txt") != config)
        #expect(lookup.nearest(to: dir.path + "/other.txt") != config)
    }
}

/// The blank trimming that replaced `trimmingCharacters(in: .whitespaces)`.
struct BlankTrimmingTests {
    @Test func trimsWhatFoundationsWhitespacesHold() {
        let samples = [" a b ", "\t\u{00A0}x\u{3000}", "\u{2003}", "", "a", " \n a \n ", "\u{200B}a\u{200B}", "\u{FEFF} x", "é\u{2009}"]
        for s in samples {
            #expect(s.trimmingBlanks() == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(s[...].trimmingBlanks() == s.trimmingCharacters(in: .whitespaces))
        }
        // Every scalar of the Basic Multilingual Plane is a blank to both or to neither.
        let differing = (0..<0x1_0000).compactMap(Unicode.Scalar.init).filter {
            $0.isBlank != CharacterSet.whitespaces.contains($0)
        }
        #expect(differing.map { String($0.value, radix: 16) } == [])
    }
}

/// Reading files through a worker's open folder gives what reading them by path gives.
struct OpenFolderTests {
    private func read(_ path: String, _ folder: OpenFolder?) -> String {
        switch FileReader.read(path, unlessLargerThan: .max, folder: folder) {
        case .success(let bytes?): return "ok:" + String(decoding: bytes, as: UTF8.self)
        case .success(nil): return "too large"
        case .failure(let e): return "error:" + e.message
        }
    }

    @Test func filesInOneFolderAndAcrossFoldersReadAsByPath() throws {
        let dir = TempDir()
        let paths = [dir.write("a/1.txt", "one"), dir.write("a/2.txt", "two"), dir.write("b/c/3.txt", "three 漢字"),
                     dir.write("a/4.txt", ""), dir.path + "/a/missing.txt", dir.path + "/a", dir.path + "/nowhere/5.txt"]
        let folder = OpenFolder()
        // Twice, the second time with the folder open from the first round's last file.
        for path in paths + paths {
            #expect(read(path, folder) == read(path, nil), "\(path)")
        }
        #expect(read(paths[0], folder) == "ok:one")
        #expect(read(paths[2], folder) == "ok:three 漢字")
        #expect(read(dir.path + "/a/missing.txt", folder) == "error:cannot open: No such file or directory")
        #expect(read(dir.path + "/a", folder) == "error:is a folder")
    }

    @Test func filesWrittenWhileTheFolderIsOpenAreReadAsTheyAreNow() throws {
        // The folder stays open between files of one run: a file made since is found, and a
        // file replaced since is read as it is now.
        let dir = TempDir()
        let first = dir.write("x/a.txt", "first")
        let folder = OpenFolder()
        #expect(read(first, folder) == "ok:first")
        _ = dir.write("x/b.txt", "second")
        #expect(read(dir.path + "/x/b.txt", folder) == "ok:second")
        try "third".write(toFile: first, atomically: true, encoding: .utf8)
        #expect(read(first, folder) == "ok:third")
    }

    @Test func namesWithoutAFolderAndAtTheRootAreOpenedByPath() throws {
        let folder = OpenFolder()
        #expect(read("/proc/self/comm", folder) == read("/proc/self/comm", nil))
        #expect(read("/", folder) == "error:is a folder")
        #expect(read("/tmp/", folder) == "error:is a folder")
        #expect(read("no-such-file-here.txt", folder) == "error:cannot open: No such file or directory")
    }
}
