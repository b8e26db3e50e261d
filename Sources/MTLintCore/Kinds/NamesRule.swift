import Foundation
import ICUText

/// Misspelled names of people in a gazetteer. A capitalised word that is no known name is
/// compared with names near it in spelling or sound, and the evidence decides: a given name
/// beside it, a title before it, the right spelling elsewhere in the article. Once an
/// article ties a spelling to a person, every occurrence gets the same finding and fix.
struct NamesRule: Rule, RuleKind {
    static let name = "names"
    static let keys = ["gazetteer", "common_given_names"]

    let meta: RuleMeta
    let people: [Person]
    let index: NameIndex
    /// Folded given names that many people share ("John"): weak evidence on their own.
    let commonGivenNames: Set<String>

    static func canFix(_ c: RuleDecodingContext) -> Bool { c.meta.applicability != .displayOnly }

    static func decode(_ c: RuleDecodingContext) throws(RuleFileError) -> any Rule {
        guard c.yaml.has("gazetteer") else {
            throw RuleFileError(c.yaml.location, "a names rule needs 'gazetteer': a data file of the pack, or a list of them")
        }
        let people = try c.gazetteer()
        var common: Set<String> = []
        if let name = try c.yaml.string("common_given_names", what: "rule") {
            let f = try c.dataFile(named: name, key: "common_given_names")
            // Folded as the article's words are ("José" as "jose"), or such a name would never
            // be found.
            let folder = ASCIIFolder()
            for line in f.text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                let n = line.trimmingBlanks()
                if !n.isEmpty { common.insert(NameFolding.fold(n, transliterator: folder)) }
            }
        }
        return try NamesRule(meta: c.meta, people: people, commonGivenNames: common)
    }

    init(meta: RuleMeta, people: [Person], commonGivenNames: Set<String>) throws(RuleFileError) {
        self.meta = meta
        self.commonGivenNames = commonGivenNames
        self.people = try Self.merged(people)
        do {
            index = NameIndex(self.people, words: try BreakIterator(.word), transliterator: ASCIIFolder())
        } catch {
            throw RuleFileError(meta.location, "cannot open ICU for names: \(error)")
        }
    }

    func addingPeople(_ more: [Person]) throws(RuleFileError) -> any Rule {
        try NamesRule(meta: meta, people: people + more, commonGivenNames: commonGivenNames)
    }

    /// One entry per canonical name: later lines add variants and roles to earlier ones.
    static func merged(_ people: [Person]) throws(RuleFileError) -> [Person] {
        var out: [Person] = []
        var at: [String: Int] = [:]
        for p in people {
            if let i = at[p.name] {
                if out[i].short != p.short {
                    throw RuleFileError(p.location, "'\(p.name)' is already at \(out[i].location) with the short form '\(out[i].short)'")
                }
                out[i].variants += p.variants.filter { !out[i].variants.contains($0) }
                out[i].roles += p.roles.filter { !out[i].roles.contains($0) }
            } else {
                at[p.name] = out.count
                out.append(p)
            }
        }
        return out
    }

    var collects: Bool { true }

    func makeCollector(for document: Document, workspace: Workspace) -> (any ArticleCollector)? {
        let cache = workspace.ruleCaches[meta.id] as? NameLookupCache ?? NameLookupCache()
        workspace.ruleCaches[meta.id] = cache
        return NamesCollector(rule: self, document: document, transliterator: workspace.toASCII, cache: cache,
                              shared: SharedNameRuns.of(document, in: workspace))
    }
}

/// Lookups by folded word, kept by one worker across articles: the same words come back in
/// article after article.
final class NameLookupCache {
    // Keyed by the words' `UnitHash`, which the tokenizer made: no String is made or hashed
    // for a word seen before.
    private var near = HashedMap<NearTargets>(capacity: 1024)
    private var facts = HashedMap<WordFacts>(capacity: 1024)
    static let limit = 200_000

    /// Who a folded word points at, in one lookup instead of one per question. A class, so
    /// that handing it around costs one reference count, not one per array.
    final class WordFacts {
        let peopleNamed: [Int]
        let commonGivenName: Bool
        let owners: [Int]

        init(peopleNamed: [Int], commonGivenName: Bool, owners: [Int]) {
            self.peopleNamed = peopleNamed
            self.commonGivenName = commonGivenName
            self.owners = owners
        }
    }

    /// The facts of the folded word whose `UnitHash` is `hash`; `folded` makes its spelling
    /// for a word not seen before.
    func facts(_ hash: UInt64, folded: () -> String, in rule: NamesRule) -> WordFacts {
        if let hit = facts[hash] { return hit }
        if facts.count >= Self.limit { facts.removeAll() }
        let index = rule.index
        let spelling = folded()
        let found = WordFacts(peopleNamed: index.peopleNamed(spelling), commonGivenName: rule.commonGivenNames.contains(spelling),
                              owners: index.owners[spelling] ?? [])
        facts.insert(hash, value: found)
        return found
    }

    /// The candidates for a word among the names of `people` (and its `near` targets, when
    /// asked for them), by `NameIndex.candidates`: they depend on the word and those people
    /// alone, and a misspelled name comes back beside the same name article after article.
    /// Kept by a hash of the word's hash and the people, the people kept too, so that two
    /// lists that share a hash are never taken for each other.
    func candidates(hash: UInt64, people: [Int], near: NearTargets?, folded: () -> String, in index: NameIndex) -> [NameIndex.Candidate] {
        var key = hash ^ (near == nil ? 0 : 0x5BD1_E995)
        for p in people {
            key = (key ^ UInt64(truncatingIfNeeded: p)) &* 0x9E37_79B9_7F4A_7C15
            key ^= key >> 29
        }
        let known = byPeople.index(of: key)
        if let known, byPeople.values[known].people == people, byPeople.values[known].near == (near != nil) {
            return byPeople.values[known].candidates
        }
        let found = index.candidates(folded(), near: [], people: people, maxDistance: NameIndex.candidateDistance, seed: near?.all ?? [])
        if known == nil {
            if byPeople.count >= Self.limit { byPeople.removeAll() }
            byPeople.insert(key, value: (people, near != nil, found))
        }
        return found
    }

    private var byPeople = HashedMap<(people: [Int], near: Bool, candidates: [NameIndex.Candidate])>(capacity: 1024)

    /// The targets near a word within the candidate distance, nearest first.
    struct NearTargets {
        var all: [NameIndex.Candidate]
        /// Those of `all` in a short form (surnames): with no person's name beside it, a word
        /// can only be a misspelled surname.
        var short: [NameIndex.Candidate]
    }

    /// The targets near the word whose folded `UnitHash` is `hash`: they depend on the word
    /// alone, and the same words come back in article after article. `folded` makes its
    /// spelling for a word not seen before.
    func nearCandidates(hash: UInt64, folded makeFolded: () -> String, in index: NameIndex) -> NearTargets {
        if let hit = near[hash] { return hit }
        if near.count >= Self.limit { near.removeAll() }
        let folded = makeFolded()
        let all = index.candidates(folded, near: index.nearTargets(folded), people: [], maxDistance: NameIndex.candidateDistance)
        let found = NearTargets(all: all, short: all.filter(\.target.isShort))
        near.insert(hash, value: found)
        return found
    }
}

/// What the names rule learns from one article.
final class NamesCollector: ArticleCollector {
    let rule: NamesRule
    private(set) var document: Document
    let transliterator: ASCIIFolder
    let cache: NameLookupCache
    let shared: SharedNameRuns
    /// The worker's runs (`shared.runs`), of the article being read.
    let runs: NameRuns

    init(rule: NamesRule, document: Document, transliterator: ASCIIFolder, cache: NameLookupCache, shared: SharedNameRuns) {
        self.rule = rule
        self.shared = shared
        self.runs = shared.runs
        self.document = document
        self.transliterator = transliterator
        self.cache = cache
    }

    private func raw(_ w: NameRuns.Word) -> String { document.text.string(w.range) }
    private func folded(_ k: Int) -> String { runs.folded(k, document.text) }
    /// The gazetteer's facts of each word of `runs.words`, looked up on first need.
    private var facts: [NameLookupCache.WordFacts?] = []

    /// What a word can be in a name; the gazetteer's small table answers it faster than
    /// the cache of everything else.
    private func classes(_ k: Int) -> NameIndex.WordClass {
        let known = wordClasses[k]
        if known != Self.notLooked { return NameIndex.WordClass(rawValue: known) }
        let found = rule.index.classes(of: runs.words[k].hash)
        wordClasses[k] = found.rawValue
        return found
    }

    /// `classes(k)` of each word of the article, asked several times a word.
    private var wordClasses: [UInt8] = []
    private static let notLooked: UInt8 = 0xFF

    private func fact(_ k: Int) -> NameLookupCache.WordFacts {
        if let f = facts[k] { return f }
        let f = cache.facts(runs.words[k].hash, folded: { folded(k) }, in: rule)
        facts[k] = f
        return f
    }

    func observe(_ paragraph: inout Paragraph) {
        shared.observe(&paragraph, text: document.text, transliterator: transliterator)
    }

    func reuse(for document: Document, workspace: Workspace) -> Bool {
        // The runs are the worker's one article state, reset for the new article (only the
        // workspace that made a collector reuses it, so the cache is that worker's too).
        guard SharedNameRuns.of(document, in: workspace) === shared else { return false }
        self.document = document
        for p in surnamesAsked { surnameMentioned[p] = 0 }
        surnamesAsked.removeAll(keepingCapacity: true)
        return true
    }

    /// A spelling the article ties to a person.
    struct Resolution {
        var person: Int
        var canonical: String
        var applicability: Applicability
        var evidence: [String]
    }

    func finish(into findings: inout [RawFinding]) {
        let index = rule.index
        // By the spellings' `UnitHash`.
        var resolved: [UInt64: Resolution] = [:]
        var ambiguous: Set<UInt64> = []
        /// Findings that cover a misspelled given name too, by the word they were found at.
        var combined: [Int: (range: Range<Int>, replacement: String)] = [:]
        var givenFixes: [(word: Int, person: Int, canonical: String, title: Bool)] = []
        let words = runs.words
        Self.reset(&facts, to: nil, count: words.count)
        Self.reset(&wordClasses, to: Self.notLooked, count: words.count)

        for run in runs.runs {
            let span = run.words
            // Most runs point at nobody, so cheap looks come before any fuzzy lookup. A lone
            // capitalised word ("The", "London") has no name beside it; only a title just
            // before it could make it worth a look. Otherwise a run needs a word that may be
            // a misspelled name (long enough, no known name part, no title), or two words
            // for a misspelled given name beside a surname.
            if span.count == 1 && run.contextRange.isEmpty { continue }
            var all: NameIndex.WordClass = []
            var open = false
            for k in span {
                let c = classes(k)
                all.formUnion(c)
                if c.isEmpty && words[k].length >= NameIndex.minimumLength { open = true }
            }
            guard open || (span.count >= 2 && all.contains(.namePart)) else { continue }
            for h in runs.contextHashes(of: run) { all.formUnion(index.classes(of: h)) }
            let specificTitle = all.contains(.specificTitle)
            let anyTitle = all.contains(.title)
            guard all.contains(.namePart) || anyTitle else { continue }
            // With a title, a given name one edit from someone's ("Anthony") points too.
            func points(_ j: Int) -> Bool {
                guard span.contains(j) else { return false }
                return anyTitle ? !fact(j).peopleNamed.isEmpty : classes(j).contains(.namePart)
            }
            // The words a title may be among: the capitalised words before the run and its own.
            // An array, made only for a word that gets past the cheap looks below; a title few
            // people share is among them exactly when `specificTitle` says so.
            var madeTitles: [UInt64]? = nil
            func titles() -> [UInt64] {
                if let t = madeTitles { return t }
                let t = Array(runs.contextHashes(of: run)) + words[span].map(\.hash)
                madeTitles = t
                return t
            }
            for k in span {
                let w = words[k]
                if index.isKnown(w.hash) {
                    givenFixes += misspelledGivenNames(beside: k, in: span, title: titles)
                    continue
                }
                guard w.length >= NameIndex.minimumLength, runs.isWordLike(k, document.text),
                      specificTitle || points(k - 1) || points(k + 1) else { continue }
                guard let best = bestMatch(for: k, in: span, titleWords: titles, specific: specificTitle) else { continue }
                if let r = resolved[w.hash], r.person != best.resolution.person || r.canonical != best.resolution.canonical {
                    ambiguous.insert(w.hash)
                }
                if resolved[w.hash] == nil || best.resolution.applicability == .safe {
                    resolved[w.hash] = best.resolution
                }
                if let g = best.givenFix { combined[k] = g }
            }
        }

        for (k, w) in words.enumerated() where !resolved.isEmpty {
            guard let r = resolved[w.hash], !ambiguous.contains(w.hash) else { continue }
            let person = index.people[r.person]
            let evidence = r.evidence.isEmpty ? "" : "; evidence: " + r.evidence.joined(separator: ", ")
            if let c = combined[k] {
                let matched = document.text.string(c.range)
                findings.append(RawFinding(range: c.range,
                                           message: rule.meta.message(match: matched, replacement: c.replacement) + " (\(person.label)\(evidence))",
                                           replacement: fix(c.replacement, r.applicability), applicability: r.applicability))
            } else {
                findings.append(RawFinding(range: w.range,
                                           message: rule.meta.message(match: raw(w), replacement: r.canonical) + " (\(person.label)\(evidence))",
                                           replacement: fix(r.canonical, r.applicability), applicability: r.applicability))
            }
        }
        for g in givenFixes where combined.isEmpty || !combined.values.contains(where: { $0.range.contains(words[g.word].range.lowerBound) }) {
            let w = words[g.word]
            let person = index.people[g.person]
            let applicability: Applicability = g.title ? .safe : .unsafe
            findings.append(RawFinding(range: w.range,
                                       message: rule.meta.message(match: raw(w), replacement: g.canonical) + " (\(person.label); evidence: surname '\(person.short)' beside it)",
                                       replacement: fix(g.canonical, applicability), applicability: applicability))
        }
    }

    /// Whether the article spells person `p`'s surname right somewhere: asked of a few people
    /// per article, so looked up per person rather than worked out for every word.
    private func mentionedBySurname(_ p: Int) -> Bool {
        if surnameMentioned.isEmpty { surnameMentioned = Array(repeating: 0, count: rule.index.people.count) }
        if surnameMentioned[p] != 0 { return surnameMentioned[p] == 2 }
        let index = rule.index
        let found = index.shortTokenHashes[p].contains { runs.counts.count(of: $0) > 0 }
        surnameMentioned[p] = found ? 2 : 1
        surnamesAsked.append(p)
        return found
    }

    /// `mentionedBySurname` by person for this article (0 not asked yet, 1 no, 2 yes): a
    /// common given name beside a word asks it of everyone who has that name.
    private var surnameMentioned: [UInt8] = []
    /// The people `surnameMentioned` has an answer for, to clear for the next article.
    private var surnamesAsked: [Int] = []

    private func fix(_ replacement: String, _ applicability: Applicability) -> String? {
        rule.meta.applicability == .displayOnly ? nil : replacement
    }

    private struct Match {
        var resolution: Resolution
        var score: Int
        var givenFix: (range: Range<Int>, replacement: String)?
    }

    /// The gazetteer token that word `k` most likely misspells, if the evidence allows one.
    ///
    /// How far a spelling may be from a name grows with the name's length (`base`) and with
    /// the evidence: another part of the same person's name beside the word (a given name
    /// that many people share counts only with a title or the right spelling elsewhere), a
    /// title of that person before it, and the right spelling elsewhere in the article. A
    /// title alone allows one edit on a long surname, and only a title few people share.
    /// `specific`: whether a title few people share is among `titleWords`, which are made
    /// only for a word that has candidates.
    private func bestMatch(for k: Int, in span: Range<Int>, titleWords makeTitles: () -> [UInt64], specific: Bool) -> Match? {
        let index = rule.index
        let words = runs.words
        let w = words[k]
        func mayName(_ n: Int) -> Int? {
            span.contains(n) && words[n].length >= 3 && !NameRuns.isParticle(length: Int(words[n].length), hash: words[n].hash) ? n : nil
        }
        let neighbours = Neighbours(left: mayName(k - 1), right: mayName(k + 1))
        var best: [Match] = []
        // A loop rather than a flatMap: most neighbours name nobody, and then nothing is made.
        var people: [Int] = []
        for n in neighbours {
            let f = fact(n)
            guard !f.peopleNamed.isEmpty else { continue }
            // A common given name ("John") points at many people; without a title few share,
            // only those whose surname the article spells right elsewhere can be meant by it.
            // People it is merely near ("Anthony" and Antony Blinken) stay: a title decides.
            guard !specific, f.commonGivenName else {
                people += f.peopleNamed
                continue
            }
            // `owners` is in ascending order: the index adds people in turn.
            people += f.peopleNamed.filter { !Self.sortedContains(f.owners, $0) || mentionedBySurname($0) }
        }
        // Evidence from a neighbour needs the person to own it, so `people` covers that; a
        // spelling alone is looked up only where a title few people share may decide.
        guard specific || !people.isEmpty else { return nil }
        // The cache knows a word it has seen by its hash; the spelling is made for a new word.
        let near = specific ? cache.nearCandidates(hash: w.hash, folded: { folded(k) }, in: index) : nil
        // With nobody's name beside it (only a title before it), a word can only be a
        // misspelled surname; most such words are near no surname at all, and end here.
        let candidates: [NameIndex.Candidate]
        if people.isEmpty {
            guard let short = near?.short, !short.isEmpty else { return nil }
            candidates = short
        } else {
            candidates = cache.candidates(hash: w.hash, people: people, near: near, folded: { folded(k) }, in: index)
        }
        guard !candidates.isEmpty else { return nil }
        let spelling = folded(k)
        let titleWords = makeTitles()
        let neighbourSpellings = neighbours.map { (word: $0, folded: folded($0)) }
        for c in candidates where c.target.folded.utf8.count >= NameIndex.minimumLength {
            if Self.differByEnding(spelling, c.target.folded) { continue }
            let p = c.target.person
            let length = Swift.max(Int(w.length), c.target.folded.utf8.count)
            let base = length >= 8 ? 2 : (length >= 5 ? 1 : 0)
            var exactNeighbour = false, commonNeighbour = false
            var namedNeighbour: Int? = nil
            var fuzzyNeighbour: (word: Int, canonical: String)? = nil
            for (n, nf) in neighbourSpellings {
                if let part = index.tokens[p][nf] {
                    // The same part of the name ("Hong" beside "Kong") is no evidence.
                    guard part != c.target.canonical else { continue }
                    if fact(n).commonGivenName { commonNeighbour = true } else { exactNeighbour = true }
                    namedNeighbour = n
                } else if c.target.isShort, nf.utf8.count >= NameIndex.minimumLength,
                          let g = index.given[p].first(where: { NameFolding.distance($0.folded, nf, limit: 1) <= 1 }) {
                    fuzzyNeighbour = (n, g.canonical)
                }
            }
            let title = index.hasRole(p, among: titleWords)
            let specificTitle = index.hasRole(p, among: titleWords, specific: true)
            let elsewhere = runs.counts.count(of: c.target.hash) > 0
            var allowance: Int
            if exactNeighbour {
                allowance = base + (title ? 1 : 0) + (elsewhere ? 1 : 0)
                if NameFolding.phoneticKey(spelling) == NameFolding.phoneticKey(c.target.folded) { allowance += 1 }
            } else if commonNeighbour && (specificTitle || elsewhere) {
                allowance = base
            } else if fuzzyNeighbour != nil && (title || elsewhere) {
                allowance = base + (title ? 1 : 0) + (elsewhere ? 1 : 0)
            } else if specificTitle && c.target.isShort && length >= 6 && spelling.utf8.first == c.target.folded.utf8.first
                        && neighbours.allSatisfy({ index.roleKeywords[p].contains(words[$0].hash) }) {
                // Only titles beside the word: "Home Secretary Charles Clarke" names someone else.
                allowance = 1
            } else {
                continue
            }
            // A given name on its own is a common word ("Oliver"): only the person's own
            // surname beside it makes a near spelling of it a misspelling.
            if !c.target.isShort && !exactNeighbour { continue }
            allowance = Swift.min(allowance, 3, length * 2 / 5)
            guard c.distance <= allowance else { continue }
            var evidence: [String] = []
            if let n = namedNeighbour { evidence.append("name '\(raw(words[n]))'") }
            if let f = fuzzyNeighbour { evidence.append("given name '\(raw(words[f.word]))' near '\(f.canonical)'") }
            if title { evidence.append("title") }
            if elsewhere { evidence.append("the right spelling elsewhere in the article") }
            let strong = exactNeighbour || (fuzzyNeighbour != nil && title) || (specificTitle && (elsewhere || commonNeighbour))
            // Another part of the same person's name outweighs one edit.
            let score = c.distance * 10 - (exactNeighbour ? 12 : 0) - (fuzzyNeighbour != nil || commonNeighbour ? 1 : 0)
                - (title ? 2 : 0) - (elsewhere ? 2 : 0)
            var givenFix: (Range<Int>, String)? = nil
            if let f = fuzzyNeighbour, !exactNeighbour {
                let n = words[f.word]
                let given = styled(f.canonical, like: raw(n)), surname = styled(c.target.canonical, like: raw(w))
                givenFix = f.word < k ? (n.range.lowerBound..<w.range.upperBound, "\(given) \(surname)")
                                      : (w.range.lowerBound..<n.range.upperBound, "\(surname) \(given)")
            }
            best.append(Match(resolution: Resolution(person: p, canonical: styled(c.target.canonical, like: raw(w)),
                                                     applicability: strong ? .safe : .unsafe, evidence: evidence),
                              score: score, givenFix: givenFix))
        }
        best.sort { $0.score < $1.score }
        guard let first = best.first else { return nil }
        // Two different names equally close: say nothing rather than guess.
        if best.count > 1, best[1].score == first.score, best[1].resolution.canonical != first.resolution.canonical { return nil }
        return first
    }

    /// `array` made `count` copies of `value` in the room it has: emptying it and appending
    /// went through the generic path that replaces a range, at fifty instructions an element.
    private static func reset<T>(_ array: inout [T], to value: T, count: Int) {
        if array.count > count { array.removeLast(array.count - count) }
        array.withUnsafeMutableBufferPointer { for i in $0.indices { $0[i] = value } }
        if array.count < count { array.append(contentsOf: repeatElement(value, count: count - array.count)) }
    }

    private static func sortedContains(_ sorted: [Int], _ x: Int) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == x
    }

    /// The words beside a word in its run that may name someone: at most two, and no array
    /// to allocate for them at every word looked at.
    private struct Neighbours: Sequence, IteratorProtocol {
        var left: Int?
        var right: Int?

        mutating func next() -> Int? {
            if let l = left { left = nil; return l }
            if let r = right { right = nil; return r }
            return nil
        }
    }

    /// The canonical spelling in the article's own style: an article that writes names
    /// without accents ("Erdogen") gets "Erdogan", which the gazetteer accepts too.
    private func styled(_ canonical: String, like written: String) -> String {
        guard written.utf8.allSatisfy({ $0 < 0x80 }), !canonical.utf8.allSatisfy({ $0 < 0x80 }) else { return canonical }
        return transliterator.apply(canonical)
    }

    /// Endings that make another word of a name or a place: plurals, demonyms, patronymics.
    static let endings: Set<Substring> = ["s", "es", "e", "n", "an", "ian", "er", "ers", "on", "son", "sen", "ese", "ish", "ns"]

    /// Names that differ by such an ending ("Williams" and "Williamson", "Korea" and
    /// "Korean", "Airline" and "Airlines") are different words rather than misspellings.
    static func differByEnding(_ a: String, _ b: String) -> Bool {
        // Folded names are ASCII but for a few: counting bytes spares a walk over characters.
        if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
            let (short, long) = a.utf8.count < b.utf8.count ? (a.utf8, b.utf8) : (b.utf8, a.utf8)
            guard short.count != long.count, long.starts(with: short) else { return false }
            return endings.contains(Substring(long.dropFirst(short.count)))
        }
        guard a.count != b.count else { return false }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return long.hasPrefix(short) && endings.contains(long.dropFirst(short.count))
    }

    /// A given name one edit away from the given name of the person whose surname stands
    /// beside it ("Anthony Blinken" for "Antony Blinken").
    private func misspelledGivenNames(beside k: Int, in span: Range<Int>,
                                      title titles: () -> [UInt64]) -> [(word: Int, person: Int, canonical: String, title: Bool)] {
        let index = rule.index
        let words = runs.words
        guard let owners = index.shortOwners[words[k].hash], owners.count == 1, let p = owners.first else { return [] }
        var out: [(Int, Int, String, Bool)] = []
        // Without a title of the person's, a near given name may be someone else's own
        // ("Michael Martin" is not Micheál Martin).
        let title = titles()
        guard index.hasRole(p, among: title) else { return [] }
        for n in [k - 1, k + 1] where span.contains(n) {
            guard words[n].length >= NameIndex.minimumLength else { continue }
            let nf = folded(n)
            guard index.tokens[p][nf] == nil,
                  let g = index.given[p].first(where: { NameFolding.distance($0.folded, nf, limit: 1) == 1 }) else { continue }
            out.append((n, p, styled(g.canonical, like: raw(words[n])), index.hasRole(p, among: title, specific: true)))
        }
        return out
    }
}


