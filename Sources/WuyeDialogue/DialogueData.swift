import WuyeNLU

/// The conversation's own data from `intents/dialogue.yml`: phrases it listens for, shared places, emergency
/// hazards and every reply text.
public struct DialogueData: Sendable {
    /// A shared place whose fault is one ticket for every room that reports it.
    public struct CommonArea: Sendable, Hashable {
        public enum Scope: String, Sendable, Hashable, CaseIterable {
            case unit, building, site
        }
        /// The place's name as it goes into a ticket's `location` (电梯, 楼道…).
        public var place: String
        public var words: [String]
        public var scope: Scope

        public init(place: String, words: [String], scope: Scope) {
            self.place = place
            self.words = words
            self.scope = scope
        }
    }

    /// A kind of emergency and the words that name it; its advice is the reply `urgent_<id>`.
    public struct Hazard: Sendable, Hashable {
        public var id: String
        public var words: [String]

        public init(id: String, words: [String]) {
            self.id = id
            self.words = words
        }
    }

    /// A small-talk remark with an answer of its own ("你是机器人吗", "在吗"): its words and its reply key.
    public struct SmallTalk: Sendable, Hashable {
        public var reply: String
        public var words: [String]

        public init(reply: String, words: [String]) {
            self.reply = reply
            self.words = words
        }
    }

    /// Small-talk remarks answered with more than "好的", first match wins.
    public var smallTalk: [SmallTalk] = []

    /// Phrase lists by name (`vague`, `correction`, `gone`, `fixed`, `not_fixed`, `yes`, `skip`, `outage`).
    public var phrases: [String: [String]]
    public var commonAreas: [CommonArea]
    public var hazards: [Hazard]
    /// Reply templates: key → language → text.
    public var replies: [String: [String: String]]

    /// The phrase lists and reply keys the conversation uses; the loader checks that the data has them all.
    public static let phraseLists = [
        "vague", "correction", "gone", "fixed", "not_fixed", "yes", "skip", "outage", "applications",
    ]

    public init(
        phrases: [String: [String]], commonAreas: [CommonArea], hazards: [Hazard], replies: [String: [String: String]]
    ) {
        self.phrases = phrases
        self.commonAreas = commonAreas
        self.hazards = hazards
        self.replies = replies
    }
}
