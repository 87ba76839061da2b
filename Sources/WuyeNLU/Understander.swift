import Foundation

/// The understanding pipeline: fold the text, apply synonyms, find lookup words and entities, take features,
/// and classify with a linear model trained from the catalog at start-up.
public final class Understander: Sendable {
    /// How the model is trained and when it falls back.
    public struct Options: Sendable {
        public var epochs = 12
        public var rate: Float = 0.3
        public var l2: Float = 1e-5
        /// Below this confidence the bot asks what the owner wants.
        public var fallbackConfidence = 0.45
        /// …and when the top two intents are closer than this.
        public var ambiguityMargin = 0.12
        /// A feature must occur in at least this many training examples to be kept.
        public var minimumExamples = 2
        public init() {}
    }

    public let labels: [String]
    let options: Options
    let normalizer: TextNormalizer
    let synonyms: SynonymReplacer
    let lookups: TermMatcher
    let regexes: [(name: String, regex: NSRegularExpression)]
    /// Rules with their phrases folded.
    let rules: [(rule: IntentCatalog.Rule, phrases: [String])]
    let urgency: UrgencyDetector
    let categoryPrecedence: [String: [String]]
    let table: FeatureTable
    let idf: [Float]
    let model: LinearModel
    let featurizer = Featurizer()

    /// Trains on the catalog's examples. Deterministic: the same catalog gives the same model.
    public init(catalog: IntentCatalog, options: Options = Options()) {
        self.options = options
        let normalizer = TextNormalizer(simplified: catalog.simplified)
        self.normalizer = normalizer
        synonyms = SynonymReplacer(synonyms: catalog.synonyms, normalizer: normalizer)
        lookups = TermMatcher(
            lists: catalog.lookups.filter { !["negation", "urgent_exception"].contains($0.key) }, normalizer: normalizer
        )
        regexes = catalog.regexes.sorted { $0.key < $1.key }.flatMap { name, patterns in
            patterns.compactMap { pattern in
                (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { (name, $0) }
            }
        }
        rules = catalog.rules.map { rule in (rule, rule.phrases.map(normalizer.normalize)) }
        urgency = UrgencyDetector(
            terms: catalog.lookups["urgent"] ?? [], negations: catalog.lookups["negation"] ?? [],
            exceptions: (catalog.lookups["urgent_exception"] ?? []) + UrgencyDetector.defaultExceptions)

        categoryPrecedence = catalog.categoryPrecedence
        let labels = catalog.intents
        self.labels = labels
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })

        // Features of every example; document frequencies count each feature once per example.
        var table = FeatureTable(capacity: 1 << 16)
        var documentFrequency: [Int32] = []
        var rows: [[(Int32, Float)]] = []
        rows.reserveCapacity(catalog.examples.count)
        // For each feature: the last example it was seen in, and its place in that example's counts.
        var seenIn: [Int32] = []
        var place: [Int32] = []
        var counts: [(Int32, Float)] = []
        // Hashing every example's features is independent work: spread it over the cores, then number the
        // features in example order so that the model is the same however the work was split.
        let examples = catalog.examples
        var hashes = [[UInt64]](repeating: [], count: examples.count)
        let workers = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let (synonymReplacer, lookupMatcher, patterns, featurizer) = (synonyms, lookups, regexes, featurizer)
        hashes.withUnsafeMutableBufferPointer { out in
            let slots = Slots(buffer: out)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for n in stride(from: worker, to: examples.count, by: workers) {
                    let analysis = Self.analyse(
                        examples[n].text, normalizer: normalizer, synonyms: synonymReplacer, lookups: lookupMatcher,
                        regexes: patterns)
                    var list: [UInt64] = []
                    list.reserveCapacity(analysis.text.count * 3 + 8)
                    featurizer.extract(analysis.text, tags: analysis.tags) { hash, _, _ in list.append(hash) }
                    slots.buffer[n] = list
                }
            }
        }
        for (n, list) in hashes.enumerated() {
            counts.removeAll(keepingCapacity: true)
            for hash in list {
                let id = table.insert(hash)
                if Int(id) == documentFrequency.count {
                    documentFrequency.append(0)
                    seenIn.append(-1)
                    place.append(0)
                }
                if seenIn[Int(id)] != Int32(n) {
                    seenIn[Int(id)] = Int32(n)
                    place[Int(id)] = Int32(counts.count)
                    documentFrequency[Int(id)] += 1
                    counts.append((id, 1))
                } else {
                    counts[Int(place[Int(id)])].1 += 1
                }
            }
            rows.append(counts)
        }
        // A feature of a single example teaches nothing that carries over, and most features are such: keep
        // those seen in at least `minimumExamples` examples (fewer weights, faster training and answers).
        let minimum = Int32(options.minimumExamples)
        var kept = FeatureTable(capacity: table.count)
        var renumber = [Int32](repeating: -1, count: documentFrequency.count)
        var keptFrequency: [Int32] = []
        for list in hashes {
            for hash in list {
                let old = table.find(hash)
                guard documentFrequency[Int(old)] >= minimum, renumber[Int(old)] < 0 else { continue }
                renumber[Int(old)] = kept.insert(hash)
                keptFrequency.append(documentFrequency[Int(old)])
            }
        }
        rows = rows.map { row in
            row.compactMap { id, count in renumber[Int(id)] >= 0 ? (renumber[Int(id)], count) : nil }
        }
        let total = Float(max(1, catalog.examples.count))
        let idf = keptFrequency.map { logf((total + 1) / Float($0 + 1)) + 1 }
        self.idf = idf
        self.table = kept
        var model = LinearModel(classes: labels.count, features: kept.count)
        let data = zip(rows, catalog.examples).map { counts, example in
            (Self.vector(counts, idf: idf), labelIndex[example.intent]!)
        }
        model.train(data, epochs: options.epochs, rate: options.rate, l2: options.l2)
        self.model = model
    }

    /// How many distinct features the model knows.
    public var featureCount: Int { table.count }

    /// Understands one message. `now` and `timeZone` place relative times (明天下午).
    public func understand(_ text: String, now: Date = Date(), timeZone: TimeZone = .current) -> Understanding {
        let analysis = Self.analyse(
            text, normalizer: normalizer, synonyms: synonyms, lookups: lookups, regexes: regexes)
        var entities = analysis.entities
        // Judged after synonyms, so that typos (电体困人, 煤汽味) count too.
        entities.urgent = urgency.isUrgent(Featurizer.string(analysis.text, 0, analysis.text.count))
        entities.when = TimeWindowParser.find(in: text, now: now, timeZone: timeZone)
        entities.categories = categories(from: analysis.hits)

        var ids: [Int32] = []
        ids.reserveCapacity(analysis.text.count * 3 + analysis.tags.count + 2)
        var content = 0
        var knownContent = 0
        featurizer.extract(analysis.text, tags: analysis.tags) { hash, isContent, _ in
            let id = table.find(hash)
            if id >= 0 { ids.append(id) }
            if isContent {
                content += 1
                if id >= 0 { knownContent += 1 }
            }
        }
        let counts = Self.counted(ids)
        let probabilities = model.probabilities(Self.vector(counts, idf: idf))
        var ranked = zip(labels, probabilities).map { Understanding.Scored(intent: $0, confidence: Double($1)) }
        ranked.sort { $0.confidence > $1.confidence }
        // A message made mostly of words the data never showed is unknown, however the scores fall; length,
        // punctuation and digit shapes alone say nothing.
        let familiarity = content == 0 ? 0 : Double(knownContent) / Double(content)
        if familiarity < 0.5 {
            for i in ranked.indices { ranked[i].confidence *= familiarity / 0.5 }
        }
        let margin = ranked[0].confidence - (ranked.count > 1 ? ranked[1].confidence : 0)
        var result = Understanding(
            intent: IntentCatalog.parent(of: ranked[0].intent), detailedIntent: ranked[0].intent,
            confidence: ranked[0].confidence, alternatives: Array(ranked.dropFirst().prefix(4)),
            isFallback: ranked[0].confidence < options.fallbackConfidence || margin < options.ambiguityMargin,
            rule: nil, entities: entities, language: Self.language(of: analysis.text))
        if let rule = rule(for: analysis.text) {
            result.intent = IntentCatalog.parent(of: rule.intent)
            result.detailedIntent = rule.intent
            result.confidence = max(result.confidence, 0.99)
            result.isFallback = false
            result.rule = rule.phrases.first
        }
        // Scores and "一般" appear in descriptions too; a rating counts only when rating is what the owner does.
        if result.intent == "rate" { result.entities.rating = RatingParser.find(in: text) }
        return result
    }

    /// The features of a message with their contributions to each of the top two intents, largest first.
    public func explain(_ text: String, now: Date = Date(), timeZone: TimeZone = .current, limit: Int = 12)
        -> [(feature: String, contributions: [(String, Double)])]
    {
        let understanding = understand(text, now: now, timeZone: timeZone)
        let analysis = Self.analyse(
            text, normalizer: normalizer, synonyms: synonyms, lookups: lookups, regexes: regexes)
        var named: [Int32: String] = [:]
        var ids: [Int32] = []
        featurizer.extract(analysis.text, tags: analysis.tags) { hash, _, name in
            let id = table.find(hash)
            guard id >= 0 else { return }
            ids.append(id)
            if named[id] == nil { named[id] = name() }
        }
        let vector = Self.vector(Self.counted(ids), idf: idf)
        let top = [understanding.detailedIntent] + understanding.alternatives.prefix(1).map(\.intent)
        let classIndex = top.compactMap { labels.firstIndex(of: $0) }
        var rows: [(String, [(String, Double)], Double)] = []
        for (k, id) in vector.indices.enumerated() {
            let contributions = classIndex.map { c in
                (labels[c], Double(model.weight(feature: Int(id), class: c) * vector.values[k]))
            }
            rows.append((named[id] ?? "?", contributions, abs(contributions.first?.1 ?? 0)))
        }
        rows.sort { $0.2 > $1.2 }
        return rows.prefix(limit).map { ($0.0, $0.1) }
    }

    // MARK: - Steps

    /// A message prepared for features: folded text with synonyms replaced, the lookup words found in it,
    /// the entities that shape features (room, phone, ticket) and the whole-message tags.
    struct Analysis {
        var text: [Unicode.Scalar]
        var hits: [TermMatcher.Match]
        var entities: Entities
        var tags: [String]
    }

    static func analyse(
        _ raw: String, normalizer: TextNormalizer, synonyms: SynonymReplacer, lookups: TermMatcher,
        regexes: [(name: String, regex: NSRegularExpression)]
    ) -> Analysis {
        let text = synonyms.replace(in: normalizer.scalars(raw))
        let hits = lookups.allMatches(in: text)
        var entities = Entities()
        if mayNameAPlace(text) {
            entities.room = RoomParser.find(in: raw)
            entities.phone = PhoneParser.find(in: raw)
            entities.ticket = TicketReferenceParser.find(in: raw)
        }
        var tags: [String] = []
        for hit in hits {
            for tag in lookups.terms[hit.term].tags where !tags.contains(tag) { tags.append(tag) }
        }
        if !regexes.isEmpty {
            let string = Featurizer.string(text, 0, text.count)
            let range = NSRange(string.startIndex..., in: string)
            for (name, regex) in regexes where regex.firstMatch(in: string, range: range) != nil {
                if !tags.contains("regex \(name)") { tags.append("regex \(name)") }
            }
        }
        if entities.room != nil { tags.append("entity room") }
        if entities.phone != nil { tags.append("entity phone") }
        if entities.ticket != nil { tags.append("entity ticket") }
        return Analysis(text: text, hits: hits, entities: entities, tags: tags)
    }

    /// Rooms, phones and ticket references all need a digit or one of the words that mark a flat; most messages
    /// have neither, and skip those parsers.
    static func mayNameAPlace(_ text: [Unicode.Scalar]) -> Bool {
        text.contains { s in
            let v = s.value
            return (v >= 48 && v <= 57) || v == 0x23 || v == 0x680B || v == 0x5E62 || v == 0x5EA7 || v == 0x5355
                || v == 0x5BA4 || v == 0x53F7 || v == 0x697C
        }
    }

    /// The category per kind: one of the kind's precedence categories if its words occur (renovation over noise),
    /// else the list whose words cover most of the message (longer words weigh more).
    func categories(from hits: [TermMatcher.Match]) -> [String: String] {
        var score: [String: Int] = [:]
        for hit in hits {
            let term = lookups.terms[hit.term]
            for name in term.names where name.contains("/") {
                score[name, default: 0] += term.scalars.count + (name.hasSuffix("/other") ? 0 : 1)
            }
        }
        var best: [String: (String, Int)] = [:]
        for (name, points) in score.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if points > best[parts[0]]?.1 ?? 0 { best[parts[0]] = (parts[1], points) }
        }
        var result = best.mapValues(\.0)
        for (kind, order) in categoryPrecedence {
            if let first = order.first(where: { score["\(kind)/\($0)"] != nil }) { result[kind] = first }
        }
        return result
    }

    func rule(for text: [Unicode.Scalar]) -> IntentCatalog.Rule? {
        guard !rules.isEmpty else { return nil }
        let string = Featurizer.string(text, 0, text.count)
        return rules.first { rule, phrases in
            phrases.contains { rule.contains ? string.contains($0) : string == $0 }
        }?.rule
    }

    /// Each distinct id with how often it occurs.
    static func counted(_ ids: [Int32]) -> [(Int32, Float)] {
        guard !ids.isEmpty else { return [] }
        let sorted = ids.sorted()
        var out: [(Int32, Float)] = [(sorted[0], 1)]
        for id in sorted.dropFirst() {
            if id == out[out.count - 1].0 { out[out.count - 1].1 += 1 } else { out.append((id, 1)) }
        }
        return out
    }

    /// Sublinear term frequency × IDF, L2-normalised.
    static func vector(_ counts: [(Int32, Float)], idf: [Float]) -> LinearModel.Vector {
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(counts.count)
        values.reserveCapacity(counts.count)
        var norm: Float = 0
        for (id, count) in counts {
            let v = (1 + logf(count)) * idf[Int(id)]
            indices.append(id)
            values.append(v)
            norm += v * v
        }
        norm = norm.squareRoot()
        if norm > 0 { for i in values.indices { values[i] /= norm } }
        return LinearModel.Vector(indices: indices, values: values)
    }

    /// `zh` when the message has Chinese characters and not far more Latin letters, else `en`.
    static func language(of text: [Unicode.Scalar]) -> String {
        var han = 0
        var latin = 0
        for s in text {
            switch Featurizer.script(s) {
            case .han: han += 1
            case .latin: latin += 1
            default: break
            }
        }
        if han == 0 && latin == 0 { return "zh" }
        return han * 4 >= latin ? "zh" : "en"
    }
}

/// The per-example results of the parallel feature pass.
// Safe to share: concurrentPerform returns only when every worker is done, so the buffer outlives them, and
// worker w writes only the slots n with n % workers == w, so no two threads touch the same element.
private struct Slots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[UInt64]>
}
