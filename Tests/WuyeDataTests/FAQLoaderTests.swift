import Foundation
import Testing
import WuyeData
import WuyeNLU

/// A folder holding only `faq.yml` with `text`.
func faqFolder(_ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wuye-faq-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try text.write(toFile: "\(dir)/faq.yml", atomically: true, encoding: .utf8)
    return dir
}

@Suite("The FAQ in intents/faq.yml")
struct FAQLoaderTests {
    @Test("entries load with their questions and answers")
    func loads() throws {
        let dir = try faqFolder(
            """
            version: "1"
            faq:
              - id: fees.payment
                questions: |
                  - 物业费怎么交
                  - how do i pay the fee
                answer:
                  zh: "在公众号缴费,或打 {office_phone}。"
                  en: "Pay in the WeChat account."
              - id: contact.phones
                questions: |
                  - 值班电话多少
                answer:
                  zh: "{duty_phone}"
            """)
        let entries = try FAQLoader.load(from: dir)
        #expect(entries.map(\.id) == ["fees.payment", "contact.phones"])
        #expect(entries[0].questions == ["物业费怎么交", "how do i pay the fee"])
        #expect(entries[0].answers == ["zh": "在公众号缴费,或打 {office_phone}。", "en": "Pay in the WeChat account."])
        #expect(entries[1].answers == ["zh": "{duty_phone}"])
    }

    @Test("a folder without faq.yml has an empty FAQ")
    func missing() throws {
        let dir = try faqFolder("")
        try FileManager.default.removeItem(atPath: "\(dir)/faq.yml")
        #expect(try FAQLoader.load(from: dir).isEmpty)
        #expect(FAQLoader.examine(dir).problems.isEmpty)
    }

    @Test(
        "each kind of mistake is named with its file and line",
        arguments: [
            (
                "faq:\n  - id: a\n    questions: |\n      - 一\n    answer: {zh: 甲}\n"
                    + "  - id: a\n    questions: |\n      - 二\n    answer: {zh: 乙}\n",
                "faq.yml:6: error: FAQ id \"a\" is listed twice; the first is at line 2"
            ),
            (
                "faq:\n  - id: a\n    answer: {zh: 甲}\n",
                "faq.yml:2: error: FAQ entry a has no questions"
            ),
            (
                "faq:\n  - id: a\n    questions: |\n      - 一\n    answer:\n      en: \"A\"\n",
                "faq.yml:6: error: FAQ entry a has no Chinese answer"
            ),
            (
                "faq:\n  - id: a\n    questions: |\n      - 一\n",
                "faq.yml:2: error: FAQ entry a has no Chinese answer"
            ),
            (
                "faq:\n  - id: a\n    questions: |\n      - how do i pay\n    answer: {zh: 甲}\n"
                    + "  - id: b\n    questions: |\n      - 门禁卡\n      - How Do  I Pay\n    answer: {zh: 乙}\n",
                "faq.yml:9: error: question \"How Do  I Pay\" is listed under two entries (a, b); the other is at line 4"
            ),
            (
                "faq:\n  - id: a\n    questions: |\n      - 一\n    answer:\n      zh: \"打 {dutyphone}\"\n",
                "faq.yml:6: error: unknown placeholder {dutyphone} in the zh answer of a"
            ),
            (
                "faq:\n  - id: a\n    questions: |\n      - 一\n      二\n    answer: {zh: 甲}\n",
                "faq.yml:5: error: a question line must start with \"- \""
            ),
            (
                "faq:\n  - id: a\n    question: |\n      - 一\n    answer: {zh: 甲}\n",
                "faq.yml:3: error: unknown key \"question\" in an FAQ entry"
            ),
            (
                "version: \"2\"\nfaq:\n  - id: a\n    questions: |\n      - 一\n    answer: {zh: 甲}\n",
                "faq.yml:1: error: version must be \"1\""
            ),
            ("faq:\n  - id: a\n    questions: [\n", "faq.yml:4: error: not valid YAML"),
            ("entries: []\n", "faq.yml:1: error: unknown key \"entries\" in faq.yml"),
        ])
    func mistakes(content: String, expected: String) throws {
        let dir = try faqFolder(content)
        let problems = FAQLoader.examine(dir).problems.map(\.description)
        #expect(problems.contains { $0.hasPrefix("\(dir)/\(expected)") }, "got: \(problems)")
        #expect(throws: DataProblems.self) { try FAQLoader.load(from: dir) }
    }

    @Test("the shipped FAQ loads clean, with 15 to 30 questions and both languages for each entry")
    func shipped() throws {
        #expect(FAQLoader.examine(shippedIntents).problems.isEmpty)
        let entries = try FAQLoader.load(from: shippedIntents)
        #expect(entries.count >= 15)
        for entry in entries {
            #expect((15...30).contains(entry.questions.count), "\(entry.id) has \(entry.questions.count) questions")
            #expect(entry.questions.contains { $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value < 0xA000 } })
            #expect(entry.questions.contains { $0.unicodeScalars.allSatisfy(\.isASCII) })
            #expect(entry.answers["zh"] != nil && entry.answers["en"] != nil, "\(entry.id)")
        }
    }
}
