import ArgumentParser
import Foundation
import WuyeCore
import WuyeNLU

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure understanding on labelled messages, or cross-validate the training data.",
        discussion: """
            FILE.jsonl has one object a line with "text" and "intent" (optional "category", "room", "urgent").
            Intents the file never uses count as "other" when the file has an "other" label.
            Examples: wuye eval ../shared/eval/real-messages.jsonl
                      wuye eval --cross-validate 5
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The labelled messages (JSON lines).") var file: String?
    @Option(help: "Cross-validate over the training data with K folds instead.") var crossValidate: Int?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "How many of the worst mistakes to list.") var mistakes: Int = 15

    func run() async throws {
        try await reporting {
            let catalog = try store.catalog(store.rules())
            let evaluation: Evaluation
            var extra: [String: Any] = [:]
            if let k = crossValidate {
                guard k >= 2, k <= 20 else { throw WuyeError.badField("--cross-validate takes 2 to 20 folds") }
                evaluation = Understander.crossValidate(catalog, folds: k)
            } else {
                guard let file else { throw WuyeError.missingField("give a FILE.jsonl or --cross-validate K") }
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw WuyeError.badField("cannot read \(file)")
                }
                var items: [(text: String, intent: String, object: [String: Any])] = []
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty { continue }
                    guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any],
                        let t = object["text"] as? String, let intent = object["intent"] as? String
                    else {
                        throw WuyeError.badData(
                            "\(file):\(n + 1): error: expected an object with \"text\" and \"intent\" strings")
                    }
                    items.append((t, intent, object))
                }
                let understander = Understander(catalog: catalog)
                let gold = Set(items.map(\.intent))
                var rows: [Evaluation.Row] = []
                var categoryHits = 0, categoryTotal = 0, roomHits = 0, roomTotal = 0
                var urgentTP = 0, urgentFN = 0, urgentFP = 0
                for item in items {
                    let u = understander.understand(item.text)
                    rows.append(
                        .init(
                            text: item.text, gold: item.intent, predicted: Evaluation.mapped(u.intent, into: gold),
                            confidence: u.confidence))
                    if let category = item.object["category"] as? String {
                        categoryTotal += 1
                        if u.entities.categories.values.contains(category)
                            && (u.entities.category(for: item.intent) ?? category) == category
                        {
                            categoryHits += 1
                        }
                    }
                    if let room = item.object["room"] as? String {
                        roomTotal += 1
                        if u.entities.room == room { roomHits += 1 }
                    }
                    if let urgent = item.object["urgent"] as? Bool {
                        if urgent && u.entities.urgent { urgentTP += 1 }
                        if urgent && !u.entities.urgent { urgentFN += 1 }
                        if !urgent && u.entities.urgent { urgentFP += 1 }
                    }
                }
                evaluation = Evaluation(rows: rows)
                if categoryTotal > 0 { extra["category_accuracy"] = Double(categoryHits) / Double(categoryTotal) }
                if roomTotal > 0 { extra["room_accuracy"] = Double(roomHits) / Double(roomTotal) }
                if urgentTP + urgentFN + urgentFP > 0 {
                    extra["urgent"] = ["found": urgentTP, "missed": urgentFN, "false_alarms": urgentFP]
                }
            }
            if json {
                var object: [String: Any] = [
                    "messages": evaluation.rows.count, "accuracy": rounded(evaluation.accuracy),
                    "macro_f1": rounded(evaluation.macroF1),
                    "intents": evaluation.perIntent.map {
                        [
                            "intent": $0.intent, "precision": rounded($0.precision), "recall": rounded($0.recall),
                            "f1": rounded($0.f1), "support": $0.support,
                        ]
                    },
                    "confusion": evaluation.confusion,
                    "worst_mistakes": evaluation.worstMistakes(mistakes).map {
                        [
                            "text": $0.text, "gold": $0.gold, "predicted": $0.predicted,
                            "confidence": rounded($0.confidence),
                        ]
                    },
                ]
                object.merge(extra) { a, _ in a }
                try printJSONObject(object)
                return
            }
            print(
                "messages \(evaluation.rows.count)  accuracy \(String(format: "%.4f", evaluation.accuracy))  macro-F1 \(String(format: "%.4f", evaluation.macroF1))"
            )
            for (key, value) in extra.sorted(by: { $0.key < $1.key }) { print("\(key) \(value)") }
            print(
                "\n" + "intent".padded(to: 14) + "precision".padded(to: 11) + "recall".padded(to: 9)
                    + "f1".padded(to: 8) + "support")
            for s in evaluation.perIntent {
                print(
                    s.intent.padded(to: 14) + String(format: "%.3f", s.precision).padded(to: 11)
                        + String(format: "%.3f", s.recall).padded(to: 9)
                        + String(format: "%.3f", s.f1).padded(to: 8) + "\(s.support)")
            }
            let labels = evaluation.labels
            print("\nconfusion (rows: gold, columns: predicted)")
            print("".padded(to: 14) + labels.map { String($0.prefix(9)).padded(to: 10) }.joined())
            for gold in labels {
                print(
                    gold.padded(to: 14)
                        + labels.map { "\(evaluation.confusion[gold]?[$0] ?? 0)".padded(to: 10) }.joined())
            }
            print("\nworst mistakes")
            for row in evaluation.worstMistakes(mistakes) {
                print(
                    "  \(row.gold) → \(row.predicted) (\(String(format: "%.2f", row.confidence)))  \(String(row.text.prefix(60)).escapedForTerminal)"
                )
            }
        }
    }
}
