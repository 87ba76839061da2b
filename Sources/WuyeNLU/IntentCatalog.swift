/// Everything the understanding is trained and configured from, as read from `intents/` (Rasa's NLU training-data
/// format plus Wuye's rules). Pure data; WuyeData reads it from files.
public struct IntentCatalog: Sendable {
    /// One training example and where it came from.
    public struct Example: Sendable, Hashable {
        public var text: String
        public var intent: String
        public var path: String
        public var line: Int

        public init(text: String, intent: String, path: String = "", line: Int = 0) {
            self.text = text
            self.intent = intent
            self.path = path
            self.line = line
        }
    }

    /// A rule that decides the intent before the model, where the data says so.
    public struct Rule: Sendable, Hashable {
        public var intent: String
        /// Phrases; the rule fires when the whole folded message is one of them, or (with `contains`) holds one.
        public var phrases: [String]
        public var contains: Bool

        public init(intent: String, phrases: [String], contains: Bool) {
            self.intent = intent
            self.phrases = phrases
            self.contains = contains
        }
    }

    public var examples: [Example]
    /// variant → canonical word, applied before features are taken.
    public var synonyms: [String: String]
    /// Named word lists: `repair/plumbing`, `complaint/noise`, `urgent`, `negation`, …
    public var lookups: [String: [String]]
    /// Named regular expressions (Rasa `regex:`); a match is a feature.
    public var regexes: [String: [String]]
    public var rules: [Rule]
    /// Traditional → simplified characters.
    public var simplified: [Character: Character]
    /// Per kind, categories that win over the others when a message's words fit several, first first.
    public var categoryPrecedence: [String: [String]] = [:]

    public init(
        examples: [Example], synonyms: [String: String] = [:], lookups: [String: [String]] = [:],
        regexes: [String: [String]] = [:], rules: [Rule] = [], simplified: [Character: Character] = [:]
    ) {
        self.examples = examples
        self.synonyms = synonyms
        self.lookups = lookups
        self.regexes = regexes
        self.rules = rules
        self.simplified = simplified
    }

    /// The intents of PROTOCOL.md, the only ones a reply reports.
    public static let protocolIntents = [
        "repair", "complaint", "inquiry", "progress", "suggestion", "greet", "thanks", "goodbye", "chitchat", "affirm",
        "deny", "cancel", "human", "rate", "out_of_scope",
    ]

    /// The PROTOCOL.md intent an intent of the data reports: itself, or for a finer intent such as
    /// `inquiry.fees` the part before the dot.
    public static func parent(of intent: String) -> String {
        String(intent.split(separator: ".", maxSplits: 1).first ?? Substring(intent))
    }

    /// The intents the examples teach, sorted.
    public var intents: [String] { Array(Set(examples.map(\.intent))).sorted() }
}
