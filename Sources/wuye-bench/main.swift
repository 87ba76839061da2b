// Prints the understanding benchmarks of issue 3: training time, single-message latency (one message at a
// time, as a bot sees them), and memory; then the FAQ's index build time and match latency.
// Usage: wuye-bench [INTENTS_DIR] [MESSAGES.jsonl]
import Foundation
import WuyeData
import WuyeNLU

/// Peak and current resident memory of this process, in KiB (Linux /proc).
func memory() -> (peak: Int, now: Int) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        status.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap {
            Int($0.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "")
        } ?? 0
    }
    return (field("VmHWM:"), field("VmRSS:"))
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
}

func micros(_ seconds: Double) -> String { String(format: "%.1f µs", seconds * 1e6) }
func millis(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1e3) }

let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : "intents"
let before = memory()

// Options can be varied from the environment to compare settings: NLU_EPOCHS, NLU_RATE, NLU_L2.
var options = Understander.Options()
let environment = ProcessInfo.processInfo.environment
if let v = environment["NLU_EPOCHS"].flatMap(Int.init) { options.epochs = v }
if let v = environment["NLU_RATE"].flatMap(Float.init) { options.rate = v }
if let v = environment["NLU_L2"].flatMap(Float.init) { options.l2 = v }
if let v = environment["NLU_MIN_EXAMPLES"].flatMap(Int.init) { options.minimumExamples = v }

var clock = ContinuousClock.now
let catalog = try IntentCatalogLoader.load(from: directory)
let loadTime =
    Double((ContinuousClock.now - clock).components.attoseconds) / 1e18
    + Double((ContinuousClock.now - clock).components.seconds)

// Training: the first (cold) run, then the median of five more.
var trainings: [Double] = []
var understander: Understander!
for _ in 0..<6 {
    clock = ContinuousClock.now
    understander = Understander(catalog: catalog, options: options)
    let d = ContinuousClock.now - clock
    trainings.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
}
let afterTraining = memory()

// Messages: the catalog's own examples (a realistic mix of short and long), or a JSONL file's texts.
var messages = catalog.examples.map(\.text)
if arguments.count > 2, let text = try? String(contentsOfFile: arguments[2], encoding: .utf8) {
    messages = text.split(separator: "\n").compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["text"] as? String
    }
}
let now = Date()
let zone = TimeZone(identifier: "Asia/Shanghai")!
for message in messages.prefix(200) { _ = understander.understand(message, now: now, timeZone: zone) }
var latencies: [Double] = []
latencies.reserveCapacity(messages.count * 3)
for _ in 0..<3 {
    for message in messages {
        let start = ContinuousClock.now
        let u = understander.understand(message, now: now, timeZone: zone)
        let d = ContinuousClock.now - start
        if u.intent.isEmpty { print("empty intent") }
        latencies.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
}
latencies.sort()
let averageLength = Double(messages.map(\.count).reduce(0, +)) / Double(max(1, messages.count))
let after = memory()

print("understanding benchmark (release build, one message at a time)")
print("  data             \(catalog.examples.count) examples of \(catalog.intents.count) intents from \(directory)")
print("  load intents/    \(millis(loadTime)) (YAML parsing and checks)")
print("  training         cold \(millis(trainings[0])), median of next 5 \(millis(trainings.dropFirst().sorted()[2]))")
print(
    "  messages         \(latencies.count) turns over \(messages.count) messages, average \(Int(averageLength)) characters"
)
print(
    "  latency          p50 \(micros(percentile(latencies, 0.5)))  p99 \(micros(percentile(latencies, 0.99)))  max \(micros(latencies.last!))"
)
print(
    "  memory           RSS before \(before.now / 1024) MB, after training \(afterTraining.now / 1024) MB, peak \(after.peak / 1024) MB"
)
print(
    "  model            \(understander.featureCount) features × \(understander.labels.count) intents = \(understander.featureCount * understander.labels.count * 4 / 1024) KiB of weights"
)

// With a labelled file, also the accuracy these options give, and 5-fold cross-validation over the data.
if let labelled = environment["NLU_EVAL"], let text = try? String(contentsOfFile: labelled, encoding: .utf8) {
    let rows = text.split(separator: "\n").compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]).flatMap { o in
            (o["text"] as? String).flatMap { t in (o["intent"] as? String).map { (t, $0) } }
        }
    }
    let gold = Set(rows.map(\.1))
    let evaluation = Evaluation(
        rows: rows.map { text, intent in
            let u = understander.understand(text)
            return .init(
                text: text, gold: intent, predicted: Evaluation.mapped(u.intent, into: gold), confidence: u.confidence)
        })
    let cv = Understander.crossValidate(catalog, folds: 5, options: options)
    print(
        String(
            format: "  accuracy         %@ %.4f (macro-F1 %.4f); 5-fold cross-validation %.4f (macro-F1 %.4f)",
            labelled, evaluation.accuracy, evaluation.macroF1, cv.accuracy, cv.macroF1))
}

// The FAQ: building its index, and matching the inquiry examples one at a time (the inquiry path of a turn).
let faq = try FAQLoader.load(from: directory)
if !faq.isEmpty {
    let normalizer = TextNormalizer(simplified: catalog.simplified)
    var builds: [Double] = []
    var index: FAQIndex!
    for _ in 0..<6 {
        clock = ContinuousClock.now
        index = FAQIndex(entries: faq, normalizer: normalizer, synonyms: catalog.synonyms)
        let d = ContinuousClock.now - clock
        builds.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    let questions = catalog.examples.filter { IntentCatalog.parent(of: $0.intent) == "inquiry" }.map(\.text)
    var answered = 0
    var matches: [Double] = []
    for _ in 0..<5 {
        for question in questions {
            let start = ContinuousClock.now
            let match = index.match(question)
            let d = ContinuousClock.now - start
            if match != nil { answered += 1 }
            matches.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
    }
    matches.sort()
    let variants = faq.map(\.questions.count).reduce(0, +)
    let length = Double(questions.map(\.count).reduce(0, +)) / Double(max(1, questions.count))
    print("FAQ benchmark (release build, one question at a time)")
    print("  data             \(faq.count) entries, \(variants) question variants from \(directory)/faq.yml")
    print("  build index      cold \(millis(builds[0])), median of next 5 \(millis(builds.dropFirst().sorted()[2]))")
    print(
        "  questions        \(questions.count) inquiry examples, average \(Int(length)) characters, "
            + "\(answered / 5) answered by the FAQ")
    print(
        "  match            p50 \(micros(percentile(matches, 0.5)))  p99 \(micros(percentile(matches, 0.99)))  max \(micros(matches.last!))"
    )
}
