import ICUText

/// The gazetteer prepared for lookups. Candidates for a token come from a SymSpell-style
/// index of deletions and from a phonetic-key index, never from a scan of every name.
struct NameIndex: Sendable {
    /// A token of some person's name that a misspelling can be near.
    struct Target: Sendable {
        var person: Int
        /// The folded token (of the name or of a variant).
        var folded: String
        /// The canonical token it stands for, as the gazetteer writes it.
        var canonical: String
        /// Whether it belongs to the short form (the surname, usually).
        var isShort: Bool
        /// `UnitHash` of `folded`.
        var hash: UInt64
    }

    struct Candidate {
        var id: Int32
        var target: Target
        var distance: Int
    }

    let people: [Person]
    /// `UnitHash`es of the folded tokens of every name and variant: a token here is a correct
    /// spelling of some name.
    private var known = HashedSet([])
    /// `UnitHash`es of every word in `known` or `wordClasses`: most capitalised words of an
    /// article are neither, and a bit test says so before a table is read.
    private(set) var vocabulary = HashBits([])
    /// Per person, every folded token of its name and variants, with the canonical token it
    /// stands for.
    private(set) var tokens: [[String: String]] = []
    /// Per person, the canonical tokens outside the short form (given names, usually), folded.
    private(set) var given: [[(folded: String, canonical: String)]] = []
    /// People by the `UnitHash` of each folded token of their short form.
    private(set) var shortOwners = HashedMap<[Int]>()
    /// Per person, the `UnitHash` of each folded token of the short form (the surname,
    /// usually), to count them in an article.
    private(set) var shortTokenHashes: [[UInt64]] = []
    /// Per person, the `UnitHash`es of the folded role words: a few, looked through in turn.
    private(set) var roleKeywords: [[UInt64]] = []
    /// Per person, those of the role words that point at few people ("nato", "turkish", "ecb").
    private(set) var specificRoleKeywords: [[UInt64]] = []
    /// What a folded word can be, by its `UnitHash`, in one lookup: part of a name, a title
    /// word, a title word few people share.
    private var wordClasses = HashedMap<WordClass>()

    struct WordClass: OptionSet, Sendable {
        let rawValue: UInt8
        static let namePart = WordClass(rawValue: 1)
        static let title = WordClass(rawValue: 2)
        static let specificTitle = WordClass(rawValue: 4)
    }
    private var targets: [Target] = []
    /// The UTF-8 bytes of every target's folded spelling, one after another: distances are
    /// measured on them without touching a String. Target `i` is at
    /// `targetBytes[targetStarts[i]..<targetStarts[i + 1]]`.
    private var targetBytes: [UInt8] = []
    private var targetStarts: [Int32] = [0]
    /// Targets by the hashes of their spellings with up to two letters deleted.
    private var deletes = HashedGroups()
    private var phonetic: [String: [Int32]] = [:]
    /// Per person, its targets.
    private var targetsOf: [[Int32]] = []
    /// People by each folded token of their names and variants.
    private(set) var owners: [String: [Int]] = [:]
    /// People by one-deletion variants of their given names, for given names written a
    /// little wrong ("Anthony" for "Antony").
    private var givenDeletes = HashedGroups()

    /// Shorter tokens ("Xi", "Kim", "Long") are too near too many words to match loosely.
    static let minimumLength = 5
    static let indexDeletes = 2
    /// The farthest a candidate spelling may be from a name; evidence decides how much of it counts.
    static let candidateDistance = 3
    static let roleStopwords: Set<String> = ["of", "the", "and", "for", "de", "du", "la", "to", "in", "on", "at"]
    /// Name parts that are also everyday words at the start of a sentence ("He" Lifeng,
    /// Theresa "May", Kim Jong "Un"): they do not make a run worth a closer look.
    static let functionWords: Set<String> = ["the", "and", "may", "his", "her", "but", "for", "not", "can", "will", "all", "one", "new", "say", "said"]

    /// Title words that many people share. They support other evidence but cannot stand
    /// alone: "President Bush" must not become "President Tusk".
    static let genericRoleWords: Set<String> = [
        "president", "vice", "prime", "minister", "premier", "secretary", "chancellor", "king", "queen", "prince",
        "princess", "leader", "chief", "general", "head", "deputy", "acting", "former", "caretaker", "state",
        "foreign", "defence", "defense", "finance", "affairs", "spokesman", "spokeswoman", "spokesperson",
        "mayor", "governor", "chair", "chairman", "chairwoman", "director", "managing", "executive", "speaker",
        "senator", "leader", "party", "national", "federal", "interior", "first", "pm", "boss", "founder",
        "minister", "commissioner", "ambassador", "envoy", "adviser", "advisor", "security", "council", "house",
    ]

    init(_ people: [Person], words: BreakIterator, transliterator: ASCIIFolder) {
        self.people = people
        var knownNames: Set<String> = []
        var classesByName: [String: WordClass] = [:]
        var shortOwnersByName: [String: [Int]] = [:]
        var givenDeletePairs: [(hash: UInt64, member: Int32)] = []
        var deletePairs: [(hash: UInt64, member: Int32)] = []
        for (p, person) in people.enumerated() {
            let fold = { (s: String) in NameFolding.fold(s, transliterator: transliterator) }
            let nameTokens = NameFolding.tokens(of: person.name, words: words)
            let shortTokens = Set(NameFolding.tokens(of: person.short, words: words))
            var mine: [String: String] = [:]
            var givenTokens: [(String, String)] = []
            var canonical: [(folded: String, raw: String, isShort: Bool)] = []
            for t in shortTokens { shortOwnersByName[fold(t), default: []].append(p) }
            shortTokenHashes.append(shortTokens.map { UnitHash.of(fold($0).utf16) })
            for t in nameTokens {
                let f = fold(t)
                mine[f] = t
                canonical.append((f, t, shortTokens.contains(t)))
                if !shortTokens.contains(t) { givenTokens.append((f, t)) }
            }
            for t in canonical where t.folded.utf8.count >= Self.minimumLength {
                addTarget(Target(person: p, folded: t.folded, canonical: t.raw, isShort: t.isShort, hash: UnitHash.of(t.folded.utf16)),
                          deletes: &deletePairs)
            }
            for variant in person.variants {
                for t in NameFolding.tokens(of: variant, words: words) {
                    let f = fold(t)
                    guard mine[f] == nil,
                          // A variant token stands for the canonical token it is nearest to.
                          let nearest = canonical.min(by: { NameFolding.distance($0.folded, f) < NameFolding.distance($1.folded, f) })
                    else { continue }
                    mine[f] = nearest.raw
                    if f.utf8.count >= Self.minimumLength {
                        addTarget(Target(person: p, folded: f, canonical: nearest.raw, isShort: nearest.isShort, hash: UnitHash.of(f.utf16)),
                                  deletes: &deletePairs)
                    }
                }
            }
            knownNames.formUnion(mine.keys)
            for f in mine.keys { owners[f, default: []].append(p) }
            for g in givenTokens where g.0.utf8.count >= Self.minimumLength {
                for d in DeletionHashes.of(g.0, upTo: 1) { givenDeletePairs.append((d, Int32(p))) }
            }
            tokens.append(mine)
            given.append(givenTokens)
            var keywords: Set<String> = []
            for role in person.roles {
                // By byte: splitting by Character was a sixth of the index's build.
                for w in role.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D }) {
                    let k = fold(String(Substring(w)))
                    if !Self.roleStopwords.contains(k) { keywords.insert(k) }
                }
            }
            let specific = keywords.filter { !Self.genericRoleWords.contains($0) }
            // Sorted, so that the index is the same from run to run.
            roleKeywords.append(keywords.sorted().map { UnitHash.of($0.utf16) })
            specificRoleKeywords.append(specific.sorted().map { UnitHash.of($0.utf16) })
            for k in keywords { classesByName[k, default: []].insert(.title) }
            for k in specific { classesByName[k, default: []].insert(.specificTitle) }
            for f in mine.keys where f.utf8.count >= 3 && !Self.functionWords.contains(f) {
                classesByName[f, default: []].insert(.namePart)
            }
        }
        deletes = HashedGroups(deletePairs)
        givenDeletes = HashedGroups(givenDeletePairs)
        known = HashedSet(knownNames.sorted().map { UnitHash.of($0.utf16) })
        wordClasses = HashedMap(classesByName.sorted { $0.key < $1.key }.map { (UnitHash.of($0.key.utf16), $0.value) })
        shortOwners = HashedMap(shortOwnersByName.sorted { $0.key < $1.key }.map { (UnitHash.of($0.key.utf16), $0.value) })
        vocabulary = HashBits(knownNames.union(classesByName.keys).map { UnitHash.of($0.utf16) })
    }

    /// What a folded word can be in a name; `hash` is its `UnitHash`.
    func classes(of hash: UInt64) -> WordClass {
        vocabulary.mayContain(hash) ? wordClasses[hash] ?? [] : []
    }

    /// Whether a folded word is a correct spelling of some name part; `hash` is its `UnitHash`.
    func isKnown(_ hash: UInt64) -> Bool {
        vocabulary.mayContain(hash) && known.contains(hash)
    }

    /// Whether any of `words` (`UnitHash`es) is one of person `p`'s role words, or with
    /// `specific`, one of those few people share.
    func hasRole(_ p: Int, among words: [UInt64], specific: Bool = false) -> Bool {
        let roles = specific ? specificRoleKeywords[p] : roleKeywords[p]
        return words.contains(where: roles.contains)
    }

    /// The folded tokens of every name and variant, without the lookup indexes.
    static func knownTokens(_ people: [Person], words: BreakIterator, transliterator: ASCIIFolder) -> Set<String> {
        var out: Set<String> = []
        for person in people {
            for name in [person.name] + person.variants {
                for t in NameFolding.tokens(of: name, words: words) { out.insert(NameFolding.fold(t, transliterator: transliterator)) }
            }
        }
        return out
    }

    /// Adds target `t`, and the pairs of `deletes` for it to `pairs`.
    private mutating func addTarget(_ t: Target, deletes pairs: inout [(hash: UInt64, member: Int32)]) {
        let id = Int32(targets.count)
        targets.append(t)
        targetBytes += t.folded.utf8
        targetStarts.append(Int32(targetBytes.count))
        while targetsOf.count <= t.person { targetsOf.append([]) }
        targetsOf[t.person].append(id)
        for d in DeletionHashes.of(t.folded, upTo: Self.indexDeletes) { pairs.append((d, id)) }
        phonetic[NameFolding.phoneticKey(t.folded), default: []].append(id)
    }

    /// Targets whose spelling is near `folded`: one deletion on this side against up to two
    /// on the gazetteer's (every single edit, and pairs of edits that delete), and the same
    /// phonetic key. Costly enough to be worth remembering per worker.
    func nearTargets(_ folded: String) -> [Int32] {
        var ids: Set<Int32> = []
        for d in DeletionHashes.of(folded, upTo: 1) {
            if let hit = deletes[d] { ids.formUnion(hit) }
        }
        if let hit = phonetic[NameFolding.phoneticKey(folded)] { ids.formUnion(hit) }
        return Array(ids)
    }

    /// People a neighbouring word points at: those whose name has it, and those whose given
    /// name is one edit from it.
    func peopleNamed(_ folded: String) -> [Int] {
        var people = owners[folded] ?? []
        if folded.utf8.count >= Self.minimumLength {
            for d in DeletionHashes.of(folded, upTo: 1) {
                if let hit = givenDeletes[d] { people += hit.lazy.map(Int.init) }
            }
        }
        return people
    }

    /// Candidates within `maxDistance` of `folded` among `near` (from `nearTargets`) and the
    /// names of `people`, nearest first.
    /// `seed`: candidates already found (from a cache of `near`), which are kept and not
    /// looked at again.
    func candidates(_ folded: String, near: [Int32], people: [Int], maxDistance: Int, seed: [Candidate] = []) -> [Candidate] {
        var out = seed
        var seen = seed.map(\.id)
        var word = folded
        word.withUTF8 { w in
            targetBytes.withUnsafeBufferPointer { bytes in
                func consider(_ id: Int32) {
                    // The lists are short: a linear look beats building a set for every word.
                    guard !seen.contains(id) else { return }
                    seen.append(id)
                    let start = Int(targetStarts[Int(id)]), end = Int(targetStarts[Int(id) + 1])
                    guard abs(end - start - w.count) <= maxDistance else { return }
                    let d = NameFolding.distance(w, UnsafeBufferPointer(rebasing: bytes[start..<end]), limit: maxDistance)
                    if d >= 1 && d <= maxDistance { out.append(Candidate(id: id, target: targets[Int(id)], distance: d)) }
                }
                for id in near { consider(id) }
                for p in people where p < targetsOf.count {
                    for id in targetsOf[p] { consider(id) }
                }
            }
        }
        guard out.count > 1 else { return out }
        return out.sorted { ($0.distance, $0.target.person, $0.target.folded) < ($1.distance, $1.target.person, $1.target.folded) }
    }
}
