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
        public init() {}
    }

    public let labels: [String]
    let normalizer: TextNormalizer
    let synonyms: TermMatcher
    let synonymTargets: [String: String]
    let lookups: TermMatcher
    let regexes: [(name: String, regex: NSRegularExpression)]
    let rules: [IntentCatalog.Rule]
    let urgency: UrgencyDetector
    let featureIndex: [UInt64: Int32]
    let idf: [Float]
    let model: LinearModel
    let options: Options
    let featurizer = Featurizer()

    /// Trains on the catalog's examples. Deterministic: the same catalog gives the same model.
    public init(catalog: IntentCatalog, options: Options = Options()) {
        self.options = options
        normalizer = TextNormalizer(simplified: catalog.simplified)
        var variants: [String: [String]] = [:]
        var targets: [String: String] = [:]
        for (variant, canonical) in catalog.synonyms {
            let folded = normalizer.normalize(variant)
            variants[folded, default: []].append(folded)
            targets[folded] = normalizer.normalize(canonical)
        }
        synonyms = TermMatcher(lists: variants, normalizer: normalizer)
        synonymTargets = targets
        lookups = TermMatcher(
            lists: catalog.lookups.filter { !["negation", "urgent_exception"].contains($0.key) }, normalizer: normalizer
        )
        regexes = catalog.regexes.sorted { $0.key < $1.key }.flatMap { name, patterns in
            patterns.compactMap { pattern in
                (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { (name, $0) }
            }
        }
        rules = catalog.rules
        urgency = UrgencyDetector(
            terms: catalog.lookups["urgent"] ?? [], negations: catalog.lookups["negation"] ?? [],
            exceptions: (catalog.lookups["urgent_exception"] ?? []) + UrgencyDetector.defaultExceptions)

        let labels = catalog.intents
        self.labels = labels
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })

        // Features of every example, counted once per example for document frequencies.
        var index: [UInt64: Int32] = [:]
        var documentFrequency: [Int] = []
        var rows: [[Int32: Float]] = []
        rows.reserveCapacity(catalog.examples.count)
        let prep = Self.prepare(normalizer: normalizer, synonyms: synonyms, targets: targets)
        for example in catalog.examples {
            var counts: [Int32: Float] = [:]
            let (chars, tags) = Self.analyse(
                example.text, prepare: prep, lookups: lookups, regexes: regexes, urgency: urgency)
            featurizer.extract(chars, tags: tags) { hash, _ in
                let id: Int32
                if let known = index[hash] {
                    id = known
                } else {
                    id = Int32(index.count)
                    index[hash] = id
                    documentFrequency.append(0)
                }
                counts[id, default: 0] += 1
            }
            for id in counts.keys { documentFrequency[Int(id)] += 1 }
            rows.append(counts)
        }
        let n = Float(max(1, catalog.examples.count))
        idf = documentFrequency.map { logf((n + 1) / Float($0 + 1)) + 1 }
        featureIndex = index
        var model = LinearModel(classes: labels.count, features: index.count)
        let idf = self.idf
        let data = zip(rows, catalog.examples).map { counts, example in
            (Self.vector(counts, idf: idf), labelIndex[example.intent]!)
        }
        model.train(data, epochs: options.epochs, rate: options.rate, l2: options.l2)
        self.model = model
    }

    /// Understands one message. `now` and `timeZone` place relative times (明天下午).
    public func understand(_ text: String, now: Date = Date(), timeZone: TimeZone = .current) -> Understanding {
        let prep = Self.prepare(normalizer: normalizer, synonyms: synonyms, targets: synonymTargets)
        let chars = prep(text)
        var entities = Entities()
        let folded = TextNormalizer.basicFold(text)
        entities.room = RoomParser.find(in: folded)
        entities.phone = PhoneParser.find(in: folded)
        entities.ticket = TicketReferenceParser.find(in: text)
        entities.urgent = urgency.isUrgent(String(chars))
        entities.when = TimeWindowParser.find(in: text, now: now, timeZone: timeZone)
        entities.rating = RatingParser.find(in: text)
        let hits = lookups.matches(in: chars)
        entities.categories = Self.categories(from: hits)
        let tags = Self.tags(hits: hits, chars: chars, regexes: regexes, entities: entities)

        var counts: [Int32: Float] = [:]
        var seen = 0
        var known = 0
        featurizer.extract(chars, tags: tags) { hash, _ in
            seen += 1
            if let id = featureIndex[hash] {
                known += 1
                counts[id, default: 0] += 1
            }
        }
        let probabilities = LinearModel.probabilities(model.scores(Self.vector(counts, idf: idf)))
        var ranked = zip(labels, probabilities).map { Understanding.Scored(intent: $0, confidence: Double($1)) }
        ranked.sort { $0.confidence > $1.confidence }
        // A message made mostly of things the data never showed is unknown, however the scores fall.
        let familiarity = seen == 0 ? 0 : Double(known) / Double(seen)
        if familiarity < 0.5 {
            for i in ranked.indices { ranked[i].confidence *= familiarity / 0.5 }
        }

        let margin = ranked[0].confidence - (ranked.count > 1 ? ranked[1].confidence : 0)
        let isFallback = ranked[0].confidence < options.fallbackConfidence || margin < options.ambiguityMargin
        var result = Understanding(
            intent: CatalogName.parent(ranked[0].intent), detailedIntent: ranked[0].intent,
            confidence: ranked[0].confidence, alternatives: Array(ranked.dropFirst().prefix(4)),
            isFallback: isFallback, rule: nil, entities: entities, language: Self.language(of: chars))
        if let rule = rule(for: String(chars)) {
            result.intent = CatalogName.parent(rule.intent)
            result.detailedIntent = rule.intent
            result.confidence = max(result.confidence, 0.99)
            result.isFallback = false
            result.rule = rule.phrases.first
        }
        return result
    }

    /// The features of a message with their contributions to each of the top two intents, largest first.
    public func explain(_ text: String, now: Date = Date(), timeZone: TimeZone = .current, limit: Int = 12)
        -> [(feature: String, contributions: [(String, Double)])]
    {
        let understanding = understand(text, now: now, timeZone: timeZone)
        let prep = Self.prepare(normalizer: normalizer, synonyms: synonyms, targets: synonymTargets)
        let chars = prep(text)
        let hits = lookups.matches(in: chars)
        let tags = Self.tags(hits: hits, chars: chars, regexes: regexes, entities: understanding.entities)
        var named: [Int32: String] = [:]
        var counts: [Int32: Float] = [:]
        featurizer.extract(chars, tags: tags) { hash, name in
            if let id = featureIndex[hash] {
                counts[id, default: 0] += 1
                if named[id] == nil { named[id] = name() }
            }
        }
        let vector = Self.vector(counts, idf: idf)
        let top = [understanding.detailedIntent] + understanding.alternatives.prefix(1).map(\.intent)
        let classIndex = top.compactMap { labels.firstIndex(of: $0) }
        var rows: [(String, [(String, Double)], Double)] = []
        for (k, id) in vector.indices.enumerated() {
            let contributions = classIndex.map { c in
                (labels[c], Double(model.weights[Int(id) * labels.count + c] * vector.values[k]))
            }
            rows.append((named[id] ?? "?", contributions, abs(contributions.first?.1 ?? 0)))
        }
        rows.sort { $0.2 > $1.2 }
        return rows.prefix(limit).map { ($0.0, $0.1) }
    }

    // MARK: - Steps

    typealias Prepare = (String) -> [Character]

    /// Folding, then synonyms replaced by their canonical words.
    static func prepare(normalizer: TextNormalizer, synonyms: TermMatcher, targets: [String: String]) -> Prepare {
        { text in
            let chars = Array(normalizer.normalize(text))
            let matches = synonyms.matches(in: chars)
            guard !matches.isEmpty else { return chars }
            var out: [Character] = []
            var i = 0
            for m in matches {
                out += chars[i..<m.start]
                out += Array(targets[m.term] ?? m.term)
                i = m.end
            }
            out += chars[i...]
            return out
        }
    }

    static func analyse(
        _ text: String, prepare: Prepare, lookups: TermMatcher, regexes: [(name: String, regex: NSRegularExpression)],
        urgency: UrgencyDetector
    ) -> ([Character], [String]) {
        let chars = prepare(text)
        var entities = Entities()
        let folded = TextNormalizer.basicFold(text)
        entities.room = RoomParser.find(in: folded)
        entities.phone = PhoneParser.find(in: folded)
        entities.ticket = TicketReferenceParser.find(in: text)
        entities.urgent = urgency.isUrgent(String(chars))
        entities.rating = RatingParser.find(in: text)
        let hits = lookups.matches(in: chars)
        return (chars, tags(hits: hits, chars: chars, regexes: regexes, entities: entities))
    }

    /// Whole-message features: lookup lists hit (and their kind), regexes matched, entities found.
    static func tags(
        hits: [TermMatcher.Match], chars: [Character], regexes: [(name: String, regex: NSRegularExpression)],
        entities: Entities
    ) -> [String] {
        var tags = Set<String>()
        for hit in hits {
            for name in hit.names {
                tags.insert("lookup \(name)")
                if let slash = name.firstIndex(of: "/") { tags.insert("lookup \(name[..<slash])") }
            }
        }
        if !regexes.isEmpty {
            let text = String(chars)
            let range = NSRange(text.startIndex..., in: text)
            for (name, regex) in regexes where regex.firstMatch(in: text, range: range) != nil {
                tags.insert("regex \(name)")
            }
        }
        if entities.room != nil { tags.insert("entity room") }
        if entities.phone != nil { tags.insert("entity phone") }
        if entities.ticket != nil { tags.insert("entity ticket") }
        if entities.urgent { tags.insert("entity urgent") }
        return tags.sorted()
    }

    /// The best category per kind: the list whose words cover most of the message (longer words weigh more).
    static func categories(from hits: [TermMatcher.Match]) -> [String: String] {
        var score: [String: Int] = [:]
        for hit in hits {
            for name in hit.names where name.contains("/") {
                score[name, default: 0] += hit.term.count + (name.hasSuffix("/other") ? 0 : 1)
            }
        }
        var best: [String: (String, Int)] = [:]
        for (name, points) in score.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if points > best[parts[0]]?.1 ?? 0 { best[parts[0]] = (parts[1], points) }
        }
        return best.mapValues(\.0)
    }

    func rule(for text: String) -> IntentCatalog.Rule? {
        rules.first { rule in
            rule.phrases.contains { phrase in
                let p = normalizer.normalize(phrase)
                return rule.contains ? text.contains(p) : text == p
            }
        }
    }

    /// Sublinear term frequency × IDF, L2-normalised.
    static func vector(_ counts: [Int32: Float], idf: [Float]) -> LinearModel.Vector {
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
    static func language(of chars: [Character]) -> String {
        var han = 0
        var latin = 0
        for c in chars {
            switch Featurizer.script(c) {
            case .han: han += 1
            case .latin: latin += 1
            default: break
            }
        }
        if han == 0 && latin == 0 { return "zh" }
        return han * 4 >= latin ? "zh" : "en"
    }
}

/// Intent names of the data.
enum CatalogName {
    static func parent(_ intent: String) -> String { IntentCatalog.parent(of: intent) }
}
