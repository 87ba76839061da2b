import Foundation
import Testing
import WuyeData
import WuyeNLU

/// A data folder holding the shipped routing, SLA, calendars and sites, plus the given training files.
func dataFolder(_ files: [String: String]) throws -> String {
    let dir = try copyOfShippedData()
    for (name, content) in files {
        let path = "\(dir)/\(name)"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try content.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return dir
}

/// Minimal training data that teaches every intent of PROTOCOL.md once.
let everyIntent =
    "version: \"3.1\"\nnlu:\n"
    + IntentCatalog.protocolIntents.map {
        "- intent: \($0)\n  examples: |\n    - example of \($0)\n"
    }.joined()

let categories = ["repair": ["plumbing", "electrical"], "complaint": ["noise"]]

@Suite("Training data in intents/ (Rasa format)")
struct IntentCatalogLoaderTests {
    @Test("Rasa's format loads: intents, synonyms, regexes, lookups, entity markup, finer intents")
    func loads() throws {
        let dir = try dataFolder([
            "nlu/all.yml": everyIntent,
            "nlu/more.yml": """
            version: "3.1"
            nlu:
            - intent: inquiry.fees
              examples: |
                - 物业费怎么交
                - how much is the fee for [3-2-501](room)
            - synonym: 电梯
              examples: |
                - 电体
            - regex: ticket_id
              examples: |
                - \\b[RCQS]-\\d+\\b
            - lookup: repair/plumbing
              examples: |
                - 水龙头
            """,
        ])
        let catalog = try IntentCatalogLoader.load(from: dir, categories: categories)
        #expect(catalog.examples.count == IntentCatalog.protocolIntents.count + 2)
        let fee = try #require(catalog.examples.first { $0.text.hasPrefix("how much") })
        #expect(fee.text == "how much is the fee for 3-2-501")
        #expect(fee.intent == "inquiry.fees")
        #expect(fee.line == 6)
        #expect(fee.path == "\(dir)/nlu/more.yml")
        #expect(catalog.synonyms["电体"] == "电梯")
        #expect(catalog.regexes["ticket_id"] == ["\\b[RCQS]-\\d+\\b"])
        #expect(catalog.lookups["repair/plumbing"] == ["水龙头"])
    }

    @Test(
        "each kind of mistake is named with its file and line",
        arguments: [
            (
                "nlu/x.yml",
                "nlu:\n- intent: repair\n  examples: |\n    - 水管漏了\n- intent: complaint\n  examples: |\n    - 水管漏了\n",
                "nlu/x.yml:7: error: example \"水管漏了\" is listed under two intents (repair, complaint)"
            ),
            (
                "nlu/x.yml", "nlu:\n- lookup: repair/plumbnig\n  examples: |\n    - 水龙头\n",
                "nlu/x.yml:2: error: unknown repair category \"plumbnig\""
            ),
            (
                "nlu/x.yml", "nlu:\n- regex: broken\n  examples: |\n    - ([a-z\n",
                "nlu/x.yml:4: error: bad regex ([a-z in broken"
            ),
            (
                "nlu/x.yml", "nlu:\n- intent: repair\n  examples: |\n    - 好\n  - oops: [\n",
                "nlu/x.yml:5: error: not valid YAML"
            ),
            (
                "nlu/x.yml", "nlu:\n- intent: [repair, {broken\n  examples: |\n    - 好\n",
                "nlu/x.yml:3: error: not valid YAML: did not find expected ',' or '}'"
                    + " (while parsing a flow mapping that begins at line 2)"
            ),
            (
                "nlu/x.yml", "nlu:\n- intent: repiar\n  examples: |\n    - 水管漏了\n",
                "nlu/x.yml:2: error: unknown intent \"repiar\""
            ),
            (
                "nlu/x.yml", "nlu:\n- intent: repair\n  examples: |\n    - 水管漏了\n    水管又漏了\n",
                "nlu/x.yml:5: error: an example line must start with \"- \""
            ),
            ("nlu/x.yml", "nlu:\n- intent: repair\n", "nlu/x.yml:2: error: intent repair has no examples"),
            ("nlu/x.yml", "hello: world\n", "nlu/x.yml:1: error: not Rasa NLU training data"),
            (
                "nlu/x.yml", "version: 9\nnlu:\n- intent: repair\n  examples: |\n    - 水管漏了\n",
                "nlu/x.yml:1: error: version must be a Rasa training-data version"
            ),
            (
                "rules.yml", "rules:\n  - intent: hman\n    exactly: [转人工]\n",
                "rules.yml:2: error: unknown intent \"hman\""
            ),
        ])
    func mistakes(file: String, content: String, expected: String) throws {
        let dir = try dataFolder(["nlu/all.yml": everyIntent, file: content])
        let problems = IntentCatalogLoader.check(dir, categories: categories).map(\.description)
        #expect(problems.contains { $0.hasPrefix("\(dir)/") && $0.contains(expected) }, "got: \(problems)")
        #expect(throws: DataProblems.self) { try IntentCatalogLoader.load(from: dir, categories: categories) }
    }

    @Test("an intent with no examples at all is named")
    func missingIntent() throws {
        let dir = try dataFolder(["nlu/x.yml": "nlu:\n- intent: repair\n  examples: |\n    - 水管漏了\n"])
        let problems = IntentCatalogLoader.check(dir).map(\.description)
        #expect(problems.contains("\(dir): error: no examples for intent human"))
    }

    @Test("the shipped intents/ has examples for every intent of PROTOCOL.md, and checks clean")
    func shipped() throws {
        let rules = try ServiceRulesLoader.load(from: shippedIntents)
        let kinds = Dictionary(uniqueKeysWithValues: rules.routing.categories.map { ($0.key.rawValue, $0.value) })
        #expect(IntentCatalogLoader.check(shippedIntents, categories: kinds).isEmpty)
        let catalog = try IntentCatalogLoader.load(from: shippedIntents, categories: kinds)
        for intent in IntentCatalog.protocolIntents {
            let count = catalog.examples.filter { IntentCatalog.parent(of: $0.intent) == intent }.count
            #expect(count >= 100, "\(intent) has only \(count) examples")
        }
        for core in ["repair", "complaint", "inquiry", "progress"] {
            #expect(catalog.examples.filter { $0.intent == core }.count >= 300)
        }
        for category in rules.routing.categories[.repair]! + rules.routing.categories[.complaint]!.map({ "c:" + $0 }) {
            let name = category.hasPrefix("c:") ? "complaint/" + category.dropFirst(2) : "repair/" + category
            #expect((catalog.lookups[name]?.count ?? 0) >= 20, "lookup \(name) is thin")
        }
        #expect((catalog.lookups["urgent"]?.count ?? 0) > 50)
        #expect(catalog.simplified["電"] == "电")
    }
}
