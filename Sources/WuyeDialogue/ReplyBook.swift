import Foundation
import WuyeNLU

/// Reply texts and phrase lists ready for use: templates filled by key and language, phrases folded once so that
/// owners' words are compared the way the understanding compares them.
public struct ReplyBook: Sendable {
    let data: DialogueData
    let normalizer: TextNormalizer
    private let folded: [String: [String]]
    private let areaWords: [(area: DialogueData.CommonArea, words: [String])]
    private let hazardWords: [(id: String, words: [String])]
    private let smallTalkWords: [(reply: String, words: [String])]

    public init(_ data: DialogueData, normalizer: TextNormalizer = TextNormalizer()) {
        self.data = data
        self.normalizer = normalizer
        folded = data.phrases.mapValues { $0.map(normalizer.normalize) }
        areaWords = data.commonAreas.map { ($0, $0.words.map(normalizer.normalize)) }
        hazardWords = data.hazards.map { ($0.id, $0.words.map(normalizer.normalize)) }
        smallTalkWords = data.smallTalk.map { ($0.reply, $0.words.map(normalizer.normalize)) }
    }

    /// The reply `key` in `language` (falling back to Chinese) with `{name}` placeholders filled.
    public func text(_ key: String, _ language: String, _ values: [String: String] = [:]) -> String {
        let templates = data.replies[key] ?? [:]
        var text = templates[language] ?? templates["zh"] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The folded form of an owner's message, as phrases are compared with it.
    public func fold(_ text: String) -> String { normalizer.normalize(text) }

    /// Whether the folded message contains a phrase of list `name`. Latin phrases match whole words only, so that
    /// "no" does not match inside "know".
    public func mentions(_ name: String, in folded: String) -> Bool {
        (self.folded[name] ?? []).contains { Self.contains(folded, $0) }
    }

    /// The phrase of list `name` found in the folded message, the longest first.
    public func phrase(_ name: String, in folded: String) -> String? {
        (self.folded[name] ?? []).filter { Self.contains(folded, $0) }.max { $0.count < $1.count }
    }

    /// The shared place the message names, if any.
    public func commonArea(in folded: String) -> DialogueData.CommonArea? {
        areaWords.first { $0.words.contains { Self.contains(folded, $0) } }?.area
    }

    /// The reply key for a small-talk remark with an answer of its own, if the message is one.
    public func smallTalkReply(in folded: String) -> String? {
        smallTalkWords.first { $0.words.contains { Self.contains(folded, $0) } }?.reply
    }

    /// The emergency the message names (the first hazard of the data whose words it uses), or `other`.
    public func hazard(in folded: String) -> String {
        hazardWords.first { $0.words.contains { Self.contains(folded, $0) } }?.id ?? "other"
    }

    /// Whether `text` contains `phrase`, a Latin phrase as whole words.
    public static func contains(_ text: String, _ phrase: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        guard phrase.unicodeScalars.first.map(isLatin) == true || phrase.unicodeScalars.last.map(isLatin) == true
        else { return text.contains(phrase) }
        var search = text[...]
        while let range = search.range(of: phrase) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let startsWord = phrase.unicodeScalars.first.map(isLatin) != true || before.map(isWordCharacter) != true
            let endsWord = phrase.unicodeScalars.last.map(isLatin) != true || after.map(isWordCharacter) != true
            if startsWord && endsWord { return true }
            search = text[text.index(after: range.lowerBound)...]
        }
        return false
    }

    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(isLatin) == true || character == "'"
    }
}
