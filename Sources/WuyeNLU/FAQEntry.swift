/// One question the front desk can answer: the ways owners ask it and the answer in each language.
public struct FAQEntry: Sendable, Hashable {
    /// Stable name such as `fees.payment`, for logs, tests and staff.
    public var id: String
    /// The variants owners type; the index matches a message against each of them.
    public var questions: [String]
    /// Language (`zh`, `en`) → answer text, which may hold placeholders such as `{duty_phone}`.
    public var answers: [String: String]

    /// The placeholders an answer may hold; the dialogue fills them from the site's data.
    public static let placeholders = ["duty_phone", "office_phone"]

    public init(id: String, questions: [String], answers: [String: String]) {
        self.id = id
        self.questions = questions
        self.answers = answers
    }

    /// The answer in `language`, else in Chinese (every entry has one), with each `{name}` of `values` filled in;
    /// a placeholder without a value stays as written, so a missing phone number is visible rather than blank.
    public func answer(in language: String, values: [String: String] = [:]) -> String {
        var text = answers[language] ?? answers["zh"] ?? answers.values.sorted().first ?? ""
        for (name, value) in values { text = text.replacing("{\(name)}", with: value) }
        return text
    }
}
