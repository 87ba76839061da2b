/// Turns prepared text into sparse features: character 1–3-grams of Chinese runs, words, word bigrams and
/// in-word character trigrams of Latin runs, digit-run shapes, `?`/`!`, a length bucket, plus the lookup lists,
/// regexes and entities the message hit. Each feature is a 64-bit hash of its kind and text; its readable name
/// is built only when asked for (to explain a decision).
public struct Featurizer: Sendable {
    public init() {}

    /// What kind of character this is, for splitting text into runs.
    enum Script { case han, latin, digit, other }

    static func script(_ c: Character) -> Script {
        guard let scalar = c.unicodeScalars.first else { return .other }
        let v = scalar.value
        if (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FFFF).contains(v) {
            return .han
        }
        if (97...122).contains(v) || (65...90).contains(v) { return .latin }
        if (48...57).contains(v) { return .digit }
        return .other
    }

    /// Calls `sink` once per feature occurrence with its hash and a closure that names it.
    /// `tags` are extra whole-message features (lookup hits, regex hits, entities).
    public func extract(_ chars: [Character], tags: [String], into sink: (UInt64, () -> String) -> Void) {
        var i = 0
        var previousWord: [Character]? = nil
        var length = 0
        while i < chars.count {
            let kind = Self.script(chars[i])
            var j = i + 1
            while j < chars.count && Self.script(chars[j]) == kind { j += 1 }
            let run = chars[i..<j]
            switch kind {
            case .han:
                length += run.count
                previousWord = nil
                let r = Array(run)
                for k in 0..<r.count {
                    sink(Self.hash("1", r[k...k])) { "字 \(String(r[k...k]))" }
                    if k + 1 < r.count { sink(Self.hash("2", r[k...k + 1])) { "字 \(String(r[k...k + 1]))" } }
                    if k + 2 < r.count { sink(Self.hash("3", r[k...k + 2])) { "字 \(String(r[k...k + 2]))" } }
                }
            case .latin:
                length += 1
                let word = Array(run)
                sink(Self.hash("w", word[...])) { "word \(String(word))" }
                if let previous = previousWord {
                    let pair = previous + [" "] + word
                    sink(Self.hash("b", pair[...])) { "words \(String(pair))" }
                }
                if word.count >= 3 {
                    let padded = ["<"] + word + [">"]
                    for k in 0..<(padded.count - 2) {
                        let tri = padded[k..<k + 3]
                        sink(Self.hash("t", tri)) { "chars \(String(tri))" }
                    }
                }
                previousWord = word
            case .digit:
                length += 1
                let shape = Character(String(min(run.count, 6)))
                sink(Self.hash("d", [shape][...])) { "digits ×\(shape)" }
            case .other:
                for c in run where c == "?" || c == "!" || c == "？" || c == "！" {
                    let mark: Character = (c == "?" || c == "？") ? "?" : "!"
                    sink(Self.hash("p", [mark][...])) { "mark \(mark)" }
                }
                if run.contains(where: { !$0.isWhitespace }) { previousWord = nil }
            }
            i = j
        }
        let bucket: Character = length <= 2 ? "a" : length <= 6 ? "b" : length <= 15 ? "c" : length <= 40 ? "d" : "e"
        sink(Self.hash("n", [bucket][...])) {
            "length \(["a": "≤2", "b": "≤6", "c": "≤15", "d": "≤40", "e": ">40"][bucket]!)"
        }
        for tag in tags {
            sink(Self.hash("x", Array(tag)[...])) { tag }
        }
    }

    /// FNV-1a over the kind and the characters' scalars.
    static func hash(_ kind: Character, _ chars: ArraySlice<Character>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for s in kind.unicodeScalars {
            h = (h ^ UInt64(s.value)) &* 0x100_0000_01b3
        }
        for c in chars {
            for s in c.unicodeScalars {
                h = (h ^ UInt64(s.value)) &* 0x100_0000_01b3
            }
            h = (h ^ 0xff) &* 0x100_0000_01b3
        }
        return h
    }
}
