import Foundation
import Testing
import WuyeCore
import WuyeData

/// Writes `text` as console.yml in a fresh folder and returns the folder.
func consoleData(_ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wuye-console-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/console.yml"))
    return dir
}

/// A console.yml with every text, where `replacing` swaps one line for others.
func consoleYAML(replacing line: String? = nil, with replacement: String = "") -> String {
    var text = """
        welcome:
          zh: |
            欢迎来到{site}
            紧急请拨 {phone}
          en: Welcome
        prompt: {zh: 请输入, en: Type here}
        notices: {zh: 通知, en: Notices}
        refusal: {zh: 不能用命令, en: No commands}
        idle: {zh: 已清除, en: Cleared}
        goodbye: {zh: 再见, en: Goodbye}
        error: {zh: 出错了, en: Sorry}

        """
    if let line { text = text.replacingOccurrences(of: line + "\n", with: replacement) }
    return text
}

@Suite("console texts in intents/console.yml")
struct ConsoleTextsLoaderTests {
    @Test("the shipped texts load, in both languages")
    func shipped() throws {
        let texts = try ConsoleTextsLoader.load(from: shippedIntents)
        #expect(texts.welcome.zh.contains("{site}"))
        #expect(!texts.welcome.en.isEmpty)
        #expect(!texts.prompt.zh.contains("\n"))
        let privacy = try #require(texts.privacy, "the kiosk tells owners what it keeps (PIPL)")
        for text in [texts.refusal, texts.idle, texts.goodbye, texts.error, texts.notices, privacy] {
            #expect(!text.zh.isEmpty && !text.en.isEmpty)
        }
    }

    @Test("a text is trimmed, and its placeholders are filled in")
    func fill() throws {
        let texts = try ConsoleTextsLoader.load(from: try consoleData(consoleYAML()))
        #expect(texts.welcome.zh == "欢迎来到{site}\n紧急请拨 {phone}")
        #expect(texts.welcome.lines(site: "美嘉", phone: "110") == "欢迎来到美嘉\n紧急请拨 110\nWelcome")
        #expect(texts.promptLine(site: "美嘉", phone: "110") == "请输入 Type here> ")
    }

    @Test(
        "each mistake is named with its line, and nothing loads",
        arguments: [
            (
                consoleYAML(replacing: "goodbye: {zh: 再见, en: Goodbye}"),
                "console.yml:1: error: goodbye is missing; console.yml needs welcome, prompt, notices, refusal, idle, goodbye, error"
            ),
            (
                consoleYAML(replacing: "idle: {zh: 已清除, en: Cleared}", with: "idle: {zh: 已清除}\n"),
                "console.yml:9: error: the English text (en) of idle is missing"
            ),
            (
                consoleYAML(
                    replacing: "idle: {zh: 已清除, en: Cleared}", with: "idle: {zh: 已清除, en: Cleared, fr: Effacé}\n"),
                "console.yml:9: error: unknown key \"fr\" in idle; expected one of en, zh"
            ),
            (
                consoleYAML(replacing: "idle: {zh: 已清除, en: Cleared}", with: "idle: {zh: \"  \", en: Cleared}\n"),
                "console.yml:9: error: the Chinese text (zh) of idle must not be empty"
            ),
            (
                consoleYAML(replacing: "idle: {zh: 已清除, en: Cleared}", with: "idle: 已清除\n"),
                "console.yml:9: error: idle must be a mapping with a Chinese (zh) and an English (en) text"
            ),
            (
                consoleYAML(replacing: "error: {zh: 出错了, en: Sorry}", with: "error: {zh: \"出错了 {duty}\", en: Sorry}\n"),
                "console.yml:11: error: unknown placeholder {duty} in the Chinese text (zh) of error; known: {phone}, {site}"
            ),
            (
                consoleYAML(
                    replacing: "prompt: {zh: 请输入, en: Type here}", with: "prompt: {zh: \"请\\n输入\", en: Type here}\n"),
                "console.yml:6: error: the Chinese text (zh) of prompt must be one line"
            ),
            (
                consoleYAML() + "goodbye2: {zh: 再见, en: Bye}\n",
                "console.yml:12: error: unknown key \"goodbye2\" in console.yml; expected one of error, goodbye, idle, notices, privacy, prompt, refusal, welcome"
            ),
        ])
    func mistakes(_ text: String, _ expected: String) throws {
        let dir = try consoleData(text)
        let (texts, problems) = ConsoleTextsLoader.examine(dir)
        #expect(texts == nil)
        #expect(problems.map(\.description) == ["\(dir)/\(expected)"])
        #expect(throws: DataProblems.self) { try ConsoleTextsLoader.load(from: dir) }
    }

    @Test("a folder without console.yml is refused by name")
    func missing() throws {
        let dir = try consoleData("")
        try FileManager.default.removeItem(atPath: "\(dir)/console.yml")
        let (_, problems) = ConsoleTextsLoader.examine(dir)
        #expect(problems.map(\.description) == ["\(dir)/console.yml: error: cannot read the file"])
    }
}
