import Foundation
import WuyeNLU

/// Reply texts and phrase lists ready for use: templates filled by key and language, phrases folded once so that
/// owners' words are compared the way the understanding compares them.
public struct ReplyBook: Sendable {
    let data: DialogueData
    let normalizer: TextNormalizer
    /// Phrases as folded scalars, compared scalar by scalar.
    private typealias Words = [[Unicode.Scalar]]
    private let folded: [String: Words]
    private let areaWords: [(area: DialogueData.CommonArea, words: Words)]
    private let hazardWords: [(id: String, words: Words)]
    private let smallTalkWords: [(reply: String, words: Words)]

    public init(_ data: DialogueData, normalizer: TextNormalizer = TextNormalizer()) {
        self.data = data
        self.normalizer = normalizer
        let fold = { (words: [String]) in words.map { normalizer.scalars($0) } }
        folded = data.phrases.mapValues(fold)
        areaWords = data.commonAreas.map { ($0, fold($0.words)) }
        hazardWords = data.hazards.map { ($0.id, fold($0.words)) }
        smallTalkWords = data.smallTalk.map { ($0.reply, fold($0.words)) }
    }

    /// The reply `key` in `language` (falling back to Chinese) with `{name}` placeholders filled.
    public func text(_ key: String, _ language: String, _ values: [String: String] = [:]) -> String {
        let templates = data.replies[key] ?? [:]
        return Self.fill(templates[language] ?? templates["zh"] ?? key, values)
    }

    /// `template` with each `{name}` that `values` knows replaced, in one pass; unknown names stay as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] {
                out += value
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The folded form of an owner's message, as phrases are compared with it.
    public func fold(_ text: String) -> String { normalizer.normalize(text) }

    /// Whether the folded message contains a phrase of list `name`. Latin phrases match whole words only, so that
    /// "no" does not match inside "know".
    public func mentions(_ name: String, in folded: String) -> Bool {
        let text = Array(folded.unicodeScalars)
        return (self.folded[name] ?? []).contains { Self.contains(text, $0) }
    }

    /// The shared place the message names, if any.
    public func commonArea(in folded: String) -> DialogueData.CommonArea? {
        let text = Array(folded.unicodeScalars)
        return areaWords.first { $0.words.contains { Self.contains(text, $0) } }?.area
    }

    /// The reply key for a small-talk remark with an answer of its own, if the message is one.
    public func smallTalkReply(in folded: String) -> String? {
        let text = Array(folded.unicodeScalars)
        return smallTalkWords.first { $0.words.contains { Self.contains(text, $0) } }?.reply
    }

    /// The emergency the message names (the first hazard of the data whose words it uses), or `other`.
    public func hazard(in folded: String) -> String {
        let text = Array(folded.unicodeScalars)
        return hazardWords.first { $0.words.contains { Self.contains(text, $0) } }?.id ?? "other"
    }

    /// Whether `text` contains `phrase`, a Latin phrase as whole words.
    public static func contains(_ text: String, _ phrase: String) -> Bool {
        contains(Array(text.unicodeScalars), Array(phrase.unicodeScalars))
    }

    /// The same on scalars: a plain search, far cheaper than Foundation's locale-aware `range(of:)`.
    static func contains(_ t: [Unicode.Scalar], _ p: [Unicode.Scalar]) -> Bool {
        guard let first = p.first, let last = p.last, p.count <= t.count else { return false }
        let wordStart = isLatin(first)
        let wordEnd = isLatin(last)
        outer: for i in 0...(t.count - p.count) where t[i] == first {
            for k in 1..<p.count where t[i + k] != p[k] { continue outer }
            if wordStart, i > 0, isWordScalar(t[i - 1]) { continue }
            if wordEnd, i + p.count < t.count, isWordScalar(t[i + p.count]) { continue }
            return true
        }
        return false
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool { isLatin(scalar) || scalar == "'" }

    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
