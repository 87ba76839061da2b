import ArgumentParser
import Foundation
import WuyeCore
import WuyeData
import WuyeNLU

extension StoreOptions {
    /// The catalog of the intents folder, checked against the categories of `rules` (its routing.yml).
    func catalog(_ rules: ServiceRules) throws -> IntentCatalog {
        try IntentCatalogLoader.load(from: intentsPath(), categories: rules.routing.categoryNames)
    }
}

extension Routing {
    /// Kind name → category names, as the catalog loader checks lookups against them.
    var categoryNames: [String: [String]] {
        Dictionary(uniqueKeysWithValues: categories.map { ($0.key.rawValue, $0.value) })
    }
}

struct IntentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents", abstract: "Check the training and service data.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Validate a data folder (training data, service rules, FAQ): prints path:line: error: … for each "
                + "problem and exits non-zero.",
            discussion: "Example: wuye intents check intents/")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The data folder (default: the intents folder in use).") var directory: String?

        func run() async throws {
            let dir = directory ?? store.intentsPath()
            var problems: [DataProblem] = []
            var categories: [String: [String]] = [:]
            do {
                categories = try ServiceRulesLoader.load(from: dir).routing.categoryNames
            } catch let error as DataProblems {
                problems += error.problems
            }
            let (catalog, catalogProblems) = IntentCatalogLoader.examine(dir, categories: categories)
            problems += catalogProblems
            do {
                _ = try DialogueLoader.load(from: dir)
            } catch let error as DataProblems {
                problems += error.problems
            }
            let (faq, faqProblems) = FAQLoader.examine(dir)
            problems += faqProblems
            // The console's texts, when the folder has them (only `wuye console` needs them).
            if FileManager.default.fileExists(atPath: "\(dir)/console.yml") {
                problems += ConsoleTextsLoader.examine(dir).1
            }
            if problems.isEmpty {
                let intents = Set(catalog.examples.map(\.intent)).count
                print(
                    "\(dir): ok: \(catalog.examples.count) examples of \(intents) intents, \(catalog.synonyms.count) synonyms, "
                        + "\(catalog.lookups.count) lookup tables, \(catalog.rules.count) rules, "
                        + "\(faq.count) FAQ entries with \(faq.map(\.questions.count).reduce(0, +)) questions")
                return
            }
            let out = problems.sorted().map(\.description).joined(separator: "\n") + "\n"
            FileHandle.standardError.write(out.data(using: .utf8)!)
            throw ExitCode(1)
        }
    }
}

/// PROTOCOL.md's `entities` object: each key only when found.
func entitiesJSON(_ understanding: Understanding, timeZone: TimeZone) -> [String: Any] {
    let e = understanding.entities
    var out: [String: Any] = [:]
    if let room = e.room { out["room"] = room }
    if let phone = e.phone { out["phone"] = phone }
    if let name = e.name { out["name"] = name }
    if let category = e.category(for: understanding.intent) { out["category"] = category }
    if e.urgent { out["urgent"] = true }
    if let ticket = e.ticket { out["ticket"] = ticket }
    if let when = e.when { out["when"] = timeZone.iso8601(when.start) }
    if let rating = e.rating { out["rating"] = rating }
    return out
}

func printJSONObject(_ object: Any) throws {
    let data = try JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    print(String(data: data, encoding: .utf8)!)
}

struct UnderstandCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "understand",
        abstract: "Show how a message is understood: intent, confidence, alternatives, entities.",
        discussion: "Example: wuye understand \"3栋2单元501厨房漏水了\" --why")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The owner's message.") var text: String
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Also list the features and scores that decided it.") var why = false

    func run() async throws {
        try await reporting {
            let rules = try store.rules()
            let catalog = try store.catalog(rules)
            let zone = rules.defaultSite?.timeZone ?? .current
            let understander = Understander(catalog: catalog)
            let now = try Clock.now()()
            let u = understander.understand(text, now: now, timeZone: zone)
            let explanation = why ? understander.explain(text, now: now, timeZone: zone) : []
            if json {
                var object: [String: Any] = [
                    "intent": u.intent, "detailed_intent": u.detailedIntent, "confidence": rounded(u.confidence),
                    "fallback": u.isFallback, "awaiting": u.isFallback ? "intent" : NSNull(), "lang": u.language,
                    "alternatives": u.alternatives.map { ["intent": $0.intent, "confidence": rounded($0.confidence)] },
                    "entities": entitiesJSON(u, timeZone: zone),
                ]
                if let rule = u.rule { object["rule"] = rule }
                if why {
                    object["features"] = explanation.map { row in
                        [
                            "feature": row.feature,
                            "scores": Dictionary(uniqueKeysWithValues: row.contributions.map { ($0.0, rounded($0.1)) }),
                        ]
                    }
                }
                try printJSONObject(object)
                return
            }
            print(
                "intent      \(u.intent)\(u.detailedIntent != u.intent ? " (\(u.detailedIntent))" : "")  confidence \(rounded(u.confidence))"
                    + (u.isFallback ? "  → fallback: ask what the owner wants" : "")
                    + (u.rule.map { "  (rule: \($0))" } ?? ""))
            print("language    \(u.language)")
            print(
                "next        " + u.alternatives.map { "\($0.intent) \(rounded($0.confidence))" }.joined(separator: ", ")
            )
            let entities = entitiesJSON(u, timeZone: zone)
            print(
                "entities    "
                    + (entities.isEmpty
                        ? "none"
                        : entities.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  ")))
            if why {
                let heads = explanation.first?.contributions.map(\.0) ?? []
                print("features    (contribution to " + heads.joined(separator: " / ") + ")")
                for row in explanation {
                    print(
                        "  " + row.feature.escapedForTerminal.padded(to: 26)
                            + row.contributions.map { String(format: "%+.3f", $0.1) }.joined(separator: "  "))
                }
            }
        }
    }
}

func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
