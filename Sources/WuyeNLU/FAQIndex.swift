import Foundation

/// Finds the FAQ entry an owner's question asks about: TF-IDF over character 1–3-grams of Chinese and stemmed
/// words (with their character trigrams) of English, and the cosine similarity of the question to each entry's
/// question variants pooled into one document (a nearest-centroid match). Pooling lets a question that mixes the
/// words of several variants still find its entry, where the closest single variant would favour whichever short
/// variant shares one common word. Below a minimum score, or too close to the runner-up, it answers nil, so that
/// the bot says it does not know rather than answering another question.
public struct FAQIndex: Sendable {
    /// When the index trusts its best entry, and which words never count.
    public struct Options: Sendable {
        /// The cosine similarity a question needs to its entry to be answered. Pooled entries are long documents, so
        /// even a question worded exactly like one of their variants scores only 0.2–0.4 (shipped FAQ: median 0.30);
        /// unrelated messages stay below 0.1.
        public var minimumScore = 0.12
        /// …and by how much the best entry must beat the next one: two entries about as close mean the question
        /// sits between them, and a wrong answer costs more than an inquiry ticket.
        public var minimumMargin = 0.03
        /// Words that say a question is asked rather than what it is about (请问, 怎么, 吗, how, do, i). They split
        /// the text where they stand, so no character n-gram bridges them.
        public var stopWords = FAQIndex.defaultStopWords
        public init() {}
    }

    /// Question words, particles and pronouns of Chinese and English. Kept to words that never carry a topic:
    /// 能, 有 and 哪 stay, as they sit inside 功能, 有人, 哪栋.
    public static let defaultStopWords = [
        "请问", "问一下", "问下", "想问", "想问问", "咨询", "咨询一下", "你好", "您好", "麻烦", "谢谢", "怎么", "怎么样", "怎样",
        "如何", "什么", "啥", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "哈", "的", "了", "我", "我们", "我家", "咱们", "你",
        "你们", "您", "是", "是不是", "是否", "还是", "可以", "可不可以", "能不能", "能否", "有没有", "要不要", "需要", "一下",
        "这个", "那个", "一般", "在哪", "在哪里", "哪里", "哪儿", "一个", "现在",
        "i", "im", "i'm", "me", "my", "we", "our", "us", "you", "your", "the", "a", "an", "is", "are", "am", "was",
        "be", "do", "does", "did", "how", "what", "whats", "what's", "where", "wheres", "which", "who", "can", "could",
        "would", "should", "will", "to", "of", "for", "in", "on", "at", "it", "its", "there", "this", "that", "please",
        "hi", "hello", "hey", "any", "and", "or", "if", "so", "just", "get", "need", "want", "with", "about", "from",
        "pls", "plz", "u", "ur",
    ]

    public let entries: [FAQEntry]
    public let options: Options
    let normalizer: TextNormalizer
    let synonyms: SynonymReplacer
    let stopWords: TermMatcher
    let table: FeatureTable
    let idf: [Float]
    /// The weight of a feature no question has: rarer than any, so that words the FAQ never uses lower the score.
    let unknownIDF: Float
    /// Postings by feature id: `postingStart[f]..<postingStart[f + 1]` index `postingDocument` and `postingWeight`
    /// (the document's normalised TF-IDF weight of f). Documents `0..<variantCount` are the question variants,
    /// the next `entries.count` the entries. Flat arrays keep a match free of allocation per feature.
    let postingStart: [Int32]
    let postingDocument: [Int32]
    let postingWeight: [Float]
    /// Variant → its entry and text.
    let variantEntry: [Int32]
    let variantText: [String]

    /// Indexes every question of `entries`. `normalizer` and `synonyms` should be the catalog's, so that the FAQ
    /// reads 物叶费 and 電梯 as the understanding does.
    public init(
        entries: [FAQEntry], normalizer: TextNormalizer = TextNormalizer(), synonyms: [String: String] = [:],
        options: Options = Options()
    ) {
        self.entries = entries
        self.options = options
        self.normalizer = normalizer
        let synonyms = SynonymReplacer(synonyms: synonyms, normalizer: normalizer)
        let stopWords = TermMatcher(lists: ["stop": options.stopWords], normalizer: normalizer)
        self.synonyms = synonyms
        self.stopWords = stopWords

        var variantEntry: [Int32] = []
        var variantText: [String] = []
        for (e, entry) in entries.enumerated() {
            for question in entry.questions {
                variantEntry.append(Int32(e))
                variantText.append(question)
            }
        }
        // Every variant's features by id, and each entry's: a feature counts once for every variant that has it.
        var table = FeatureTable(capacity: variantText.count * 24)
        var variants: [[(id: Int32, weight: Float)]] = []
        var pooled = [[Int32: (kind: Float, variants: Float)]](repeating: [:], count: entries.count)
        for (v, text) in variantText.enumerated() {
            let features = Self.counted(Self.features(of: Self.prepare(text, normalizer, synonyms, stopWords)))
            variants.append(
                features.map { f in
                    let id = table.insert(f.hash)
                    pooled[Int(variantEntry[v])][id, default: (f.kind, 0)].variants += 1
                    return (id, f.weight)
                })
        }
        let entryDocuments = pooled.map { features in
            features.sorted { $0.key < $1.key }.map { id, f in (id: id, weight: f.kind * (1 + logf(f.variants))) }
        }
        // Document frequency over entries, not variants: a word every fee question shares (物业费) tells the fee
        // entries apart no better than the word 的 would, however many variants repeat it.
        var frequency = [Float](repeating: 0, count: table.count)
        for document in entryDocuments {
            for feature in document { frequency[Int(feature.id)] += 1 }
        }
        let total = Float(entries.count)
        let idf = frequency.map { logf((total + 1) / ($0 + 1)) + 1 }
        self.idf = idf
        unknownIDF = logf(total + 1) + 1

        var postings = [[(Int32, Float)]](repeating: [], count: table.count)
        for (d, document) in (variants + entryDocuments).enumerated() {
            let weights = document.map { $0.weight * idf[Int($0.id)] }
            let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            for (feature, w) in zip(document, weights) { postings[Int(feature.id)].append((Int32(d), w / norm)) }
        }
        var start: [Int32] = [0]
        var documents: [Int32] = []
        var weights: [Float] = []
        for list in postings {
            for (d, w) in list {
                documents.append(d)
                weights.append(w)
            }
            start.append(Int32(documents.count))
        }
        self.table = table
        postingStart = start
        postingDocument = documents
        postingWeight = weights
        self.variantEntry = variantEntry
        self.variantText = variantText
    }

    /// The entry `text` asks about, or nil when no entry is close enough or two are too close to call.
    public func match(_ text: String) -> FAQMatch? {
        let top = ranked(text, limit: 2)
        guard let best = top.first, best.score >= options.minimumScore else { return nil }
        let runnerUp = top.count > 1 ? top[1] : nil
        if let runnerUp, best.score - runnerUp.score < options.minimumMargin { return nil }
        return FAQMatch(best: best, runnerUp: runnerUp)
    }

    /// The entries most similar to `text`, best first, at most `limit` of them, whatever their scores: what staff
    /// look at to see why a question went unanswered.
    public func ranked(_ text: String, limit: Int = 3) -> [FAQMatch.Candidate] {
        let query = Self.counted(Self.features(of: Self.prepare(text, normalizer, synonyms, stopWords)))
        guard !query.isEmpty, !entries.isEmpty else { return [] }
        let variantCount = variantEntry.count
        var scores = [Float](repeating: 0, count: variantCount + entries.count)
        var norm: Float = 0
        scores.withUnsafeMutableBufferPointer { scores in
            postingDocument.withUnsafeBufferPointer { documents in
                postingWeight.withUnsafeBufferPointer { weights in
                    for feature in query {
                        let id = table.find(feature.hash)
                        let w = feature.weight * (id >= 0 ? idf[Int(id)] : unknownIDF)
                        norm += w * w
                        guard id >= 0 else { continue }
                        for p in Int(postingStart[Int(id)])..<Int(postingStart[Int(id) + 1]) {
                            scores[Int(documents[p])] += w * weights[p]
                        }
                    }
                }
            }
        }
        norm = norm.squareRoot()
        // The closest variant of each entry, to show which question the entry was taken for.
        var closest = [Int](repeating: -1, count: entries.count)
        for v in 0..<variantCount where scores[v] > 0 {
            let e = Int(variantEntry[v])
            if closest[e] < 0 || scores[v] > scores[closest[e]] { closest[e] = v }
        }
        // Ties go to the entry listed first, so that the same data always gives the same answer.
        let ranked = entries.indices.filter { scores[variantCount + $0] > 0 }.sorted { a, b in
            let (x, y) = (scores[variantCount + a], scores[variantCount + b])
            return x != y ? x > y : a < b
        }
        return ranked.prefix(limit).map { e in
            FAQMatch.Candidate(
                entry: entries[e], score: min(1, Double(scores[variantCount + e] / norm)),
                question: closest[e] >= 0 ? variantText[closest[e]] : "")
        }
    }

    // MARK: - Features

    /// One feature occurrence with the weight of its kind; after `counted`, that weight × (1 + ln count).
    struct Feature {
        var hash: UInt64
        var kind: Float
        var weight: Float

        init(hash: UInt64, kind: Float) {
            self.hash = hash
            self.kind = kind
            self.weight = kind
        }
    }

    /// How much each kind of feature counts. Single characters and pairs carry Chinese meaning (owners shorten:
    /// 缴 for 缴费); triples mostly repeat them or bridge two words, so they count little. An English word counts a
    /// little more than a character, and its character trigrams catch typos (paymnet) without outweighing it.
    /// Chosen by leave-one-out over the shipped FAQ: each question matched against the others.
    static let unigramWeight: Float = 1
    static let bigramWeight: Float = 1
    static let trigramWeight: Float = 0.3
    static let wordWeight: Float = 1.2
    static let wordTrigramWeight: Float = 0.5

    /// Folded text, synonyms replaced, stop words turned into spaces.
    static func prepare(
        _ text: String, _ normalizer: TextNormalizer, _ synonyms: SynonymReplacer, _ stopWords: TermMatcher
    ) -> [Unicode.Scalar] {
        var scalars = synonyms.replace(in: normalizer.scalars(text))
        for m in stopWords.matches(in: scalars) {
            for i in m.start..<m.end { scalars[i] = " " }
        }
        return scalars
    }

    /// Character 1–3-grams of each Chinese run; of each Latin run the stemmed word and the character trigrams of
    /// "<word>". Digits and punctuation only separate runs.
    static func features(of text: [Unicode.Scalar]) -> [Feature] {
        var out: [Feature] = []
        out.reserveCapacity(text.count * 4)
        let n = text.count
        var i = 0
        while i < n {
            let kind = Featurizer.script(text[i])
            var j = i + 1
            while j < n && Featurizer.script(text[j]) == kind { j += 1 }
            switch kind {
            case .han:
                for k in i..<j {
                    out.append(Feature(hash: Featurizer.hash(1, text, k, k + 1), kind: unigramWeight))
                    if k + 2 <= j { out.append(Feature(hash: Featurizer.hash(2, text, k, k + 2), kind: bigramWeight)) }
                    if k + 3 <= j { out.append(Feature(hash: Featurizer.hash(3, text, k, k + 3), kind: trigramWeight)) }
                }
            case .latin:
                let stem = i + stemLength(text, i, j)
                out.append(Feature(hash: Featurizer.hash(4, text, i, stem), kind: wordWeight))
                if j - i >= 3 {
                    for k in (i - 1)...(j - 2) {
                        out.append(
                            Feature(hash: Featurizer.wordTrigramHash(text, k, word: i..<j), kind: wordTrigramWeight))
                    }
                }
            case .digit, .other:
                break
            }
            i = j
        }
        return out
    }

    /// How much of the word `text[from..<to]` is its stem: a crude suffix stripper, enough that renovation and
    /// renovating, recycling and recyclables, deliveries and delivery, moving and move meet. Only the first suffix
    /// that fits goes, and at least three letters stay.
    static func stemLength(_ text: [Unicode.Scalar], _ from: Int, _ to: Int) -> Int {
        var n = to - from
        for suffix in stemSuffixes where n > suffix.count + 2 {
            if (0..<suffix.count).allSatisfy({ text[from + n - suffix.count + $0] == suffix[$0] }) {
                if suffix != ["s"] || text[from + n - 2] != "s" { n -= suffix.count }
                break
            }
        }
        if n > 3 && text[from + n - 1] == "e" { n -= 1 }
        return n
    }

    /// Longest first within each family, so that -ations goes before -s.
    static let stemSuffixes: [[Unicode.Scalar]] = [
        "ations", "ation", "ating", "ate", "ions", "ion", "ables", "able", "ings", "ing", "ies", "ed", "y", "s",
    ].map { Array($0.unicodeScalars) }

    /// Each distinct feature once, with its weight × (1 + ln count), in hash order.
    static func counted(_ features: [Feature]) -> [Feature] {
        guard !features.isEmpty else { return [] }
        let sorted = features.sorted { $0.hash < $1.hash }
        var out: [Feature] = []
        out.reserveCapacity(sorted.count)
        var count: Float = 1
        for k in 1...sorted.count {
            if k < sorted.count && sorted[k].hash == sorted[k - 1].hash {
                count += 1
                continue
            }
            var f = sorted[k - 1]
            f.weight = f.kind * (1 + logf(count))
            out.append(f)
            count = 1
        }
        return out
    }
}
