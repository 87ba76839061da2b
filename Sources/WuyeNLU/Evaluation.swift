/// Scores of predicted intents against gold labels: accuracy, per-intent precision/recall/F1, macro-F1,
/// a confusion matrix, and the most confident mistakes.
public struct Evaluation: Sendable {
    public struct Row: Sendable, Hashable {
        public var text: String
        public var gold: String
        public var predicted: String
        public var confidence: Double

        public init(text: String, gold: String, predicted: String, confidence: Double) {
            self.text = text
            self.gold = gold
            self.predicted = predicted
            self.confidence = confidence
        }
    }

    public struct Scores: Sendable, Hashable {
        public var intent: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public let rows: [Row]
    public let labels: [String]

    public init(rows: [Row]) {
        self.rows = rows
        labels = Array(Set(rows.map(\.gold) + rows.map(\.predicted))).sorted()
    }

    public var accuracy: Double {
        rows.isEmpty ? 0 : Double(rows.filter { $0.gold == $0.predicted }.count) / Double(rows.count)
    }

    public var perIntent: [Scores] {
        labels.map { label in
            let tp = rows.filter { $0.gold == label && $0.predicted == label }.count
            let predicted = rows.filter { $0.predicted == label }.count
            let actual = rows.filter { $0.gold == label }.count
            let p = predicted == 0 ? 0 : Double(tp) / Double(predicted)
            let r = actual == 0 ? 0 : Double(tp) / Double(actual)
            return Scores(
                intent: label, precision: p, recall: r, f1: p + r == 0 ? 0 : 2 * p * r / (p + r), support: actual)
        }
    }

    /// The mean F1 over the intents that occur in the gold labels.
    public var macroF1: Double {
        let scored = perIntent.filter { $0.support > 0 }
        return scored.isEmpty ? 0 : scored.map(\.f1).reduce(0, +) / Double(scored.count)
    }

    /// confusion[gold][predicted] = count.
    public var confusion: [String: [String: Int]] {
        var m: [String: [String: Int]] = [:]
        for row in rows { m[row.gold, default: [:]][row.predicted, default: 0] += 1 }
        return m
    }

    /// Wrong answers, most confident first.
    public func worstMistakes(_ limit: Int) -> [Row] {
        Array(rows.filter { $0.gold != $0.predicted }.sorted { $0.confidence > $1.confidence }.prefix(limit))
    }

    /// The predicted intent in the gold file's terms: an intent the file never uses counts as `other` when the
    /// file has an `other` label (its small talk and out-of-scope bucket).
    public static func mapped(_ predicted: String, into goldLabels: Set<String>) -> String {
        goldLabels.contains(predicted) || !goldLabels.contains("other") ? predicted : "other"
    }
}

extension Understander {
    /// K-fold cross-validation over the catalog's own examples (stratified by intent), scored on PROTOCOL intents.
    public static func crossValidate(_ catalog: IntentCatalog, folds: Int, options: Options = Options()) -> Evaluation {
        var byIntent: [String: [IntentCatalog.Example]] = [:]
        for example in catalog.examples { byIntent[example.intent, default: []].append(example) }
        var foldOf: [Int: [IntentCatalog.Example]] = [:]
        for intent in byIntent.keys.sorted() {
            for (i, example) in byIntent[intent]!.enumerated() { foldOf[i % folds, default: []].append(example) }
        }
        var rows: [Evaluation.Row] = []
        for k in 0..<folds {
            var training = catalog
            training.examples = (0..<folds).filter { $0 != k }.flatMap { foldOf[$0] ?? [] }
            let understander = Understander(catalog: training, options: options)
            for example in foldOf[k] ?? [] {
                let u = understander.understand(example.text)
                rows.append(
                    .init(
                        text: example.text, gold: IntentCatalog.parent(of: example.intent), predicted: u.intent,
                        confidence: u.confidence))
            }
        }
        return Evaluation(rows: rows)
    }
}
