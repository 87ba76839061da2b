import Foundation

/// What the console says to owners (the kiosk's welcome, prompt, refusal, idle and goodbye lines), in Chinese and
/// English: read from `intents/console.yml`, so a property company words it without a code change.
public struct ConsoleTexts: Sendable, Hashable {
    /// One text in both languages; `{site}` and `{phone}` stand for the site's name and duty phone.
    public struct Text: Sendable, Hashable {
        public var zh: String
        public var en: String

        public init(zh: String, en: String) {
            self.zh = zh
            self.en = en
        }

        /// The Chinese text, then the English one on the next line, with the placeholders filled in.
        public func lines(site: String, phone: String) -> String {
            ConsoleTexts.fill(zh, site: site, phone: phone) + "\n" + ConsoleTexts.fill(en, site: site, phone: phone)
        }
    }

    /// The placeholders a text may use.
    public static let placeholders: Set<String> = ["site", "phone"]

    /// Shown on a clean screen when the kiosk starts and after each idle reset.
    public var welcome: Text
    /// The prompt before the owner's input; one line.
    public var prompt: Text
    /// The heading over the current notices under the welcome.
    public var notices: Text
    /// The answer to a `/command` typed at the kiosk.
    public var refusal: Text
    /// Shown after an idle reset that ended a conversation.
    public var idle: Text
    /// Shown when the console ends.
    public var goodbye: Text
    /// Shown to an owner instead of a failure's technical message.
    public var error: Text
    /// What the kiosk keeps about an owner and why (PIPL), shown under the welcome; none when the file has none.
    public var privacy: Text?

    public init(welcome: Text, prompt: Text, notices: Text, refusal: Text, idle: Text, goodbye: Text, error: Text) {
        self.welcome = welcome
        self.prompt = prompt
        self.notices = notices
        self.refusal = refusal
        self.idle = idle
        self.goodbye = goodbye
        self.error = error
    }

    /// The prompt as one line: `请输入 Your message> `.
    public func promptLine(site: String, phone: String) -> String {
        Self.fill(prompt.zh, site: site, phone: phone) + " " + Self.fill(prompt.en, site: site, phone: phone) + "> "
    }

    static func fill(_ text: String, site: String, phone: String) -> String {
        text.replacingOccurrences(of: "{site}", with: site).replacingOccurrences(of: "{phone}", with: phone)
    }
}
