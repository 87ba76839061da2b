import Foundation

/// What one message was understood to mean.
public struct Understanding: Sendable {
    /// An intent with the model's probability for it.
    public struct Scored: Sendable, Hashable {
        public var intent: String
        public var confidence: Double
    }

    /// The PROTOCOL.md intent (a finer intent of the data reports its parent). Never empty: on a fallback it is
    /// the best guess.
    public var intent: String
    /// The intent as named in the data (`inquiry.fees`), or `intent`.
    public var detailedIntent: String
    public var confidence: Double
    /// The runners-up, best first.
    public var alternatives: [Scored]
    /// The model was unsure (low confidence, or two intents too close): the bot should ask what the owner wants.
    public var isFallback: Bool
    /// The data rule that decided the intent, if one did.
    public var rule: String?
    public var entities: Entities
    /// `zh` or `en`: the language to answer in.
    public var language: String
}

/// What a message names: each field is set only when found.
public struct Entities: Sendable, Hashable {
    /// The flat, `building-unit-room` (`3-2-501`, `6--1101`).
    public var room: String?
    /// A mainland mobile number, 11 digits.
    public var phone: String?
    public var name: String?
    /// The category for each kind whose words the message used: `["repair": "plumbing"]`.
    public var categories: [String: String] = [:]
    /// An emergency (INTENTS.md), judged on every message.
    public var urgent: Bool = false
    /// A ticket reference, as written.
    public var ticket: String?
    /// A time the owner asked for.
    public var when: TimeWindow?
    /// A 1–5 score.
    public var rating: Int?

    public init() {}

    /// The category for `intent`'s kind (repair or complaint), if the words named one.
    public func category(for intent: String) -> String? { categories[intent] }
}
