/// Turns prepared text into sparse features: character 1–3-grams of Chinese runs, words, word bigrams and
/// in-word character trigrams of Latin runs, digit-run shapes, `?`/`!`, how the message begins and ends, a length
/// bucket, plus whole-message tags
/// (the lookup lists, regexes and entities the message hit). Each feature is a 64-bit hash of its kind and text;
/// its readable name is built only when asked for (to explain a decision).
public struct Featurizer: Sendable {
    public init() {}

    /// What kind of character this is, for splitting text into runs.
    enum Script { case han, latin, digit, other }

    @inline(__always)
    static func script(_ s: Unicode.Scalar) -> Script {
        let v = s.value
        if (v >= 0x3400 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FFFF) {
            return .han
        }
        if (v >= 97 && v <= 122) || (v >= 65 && v <= 90) { return .latin }
        if v >= 48 && v <= 57 { return .digit }
        return .other
    }

    /// Calls `sink` once per feature occurrence with its hash, whether it is content (characters and words, as
    /// opposed to shapes: length, punctuation, digits, tags) and a closure that names it.
    public func extract(
        _ text: [Unicode.Scalar], tags: [String], into sink: (UInt64, Bool, () -> String) -> Void
    ) {
        var i = 0
        var previousWord: Range<Int>? = nil
        var length = 0
        let n = text.count
        while i < n {
            let kind = Self.script(text[i])
            var j = i + 1
            while j < n && Self.script(text[j]) == kind { j += 1 }
            switch kind {
            case .han:
                length += j - i
                previousWord = nil
                for k in i..<j {
                    sink(Self.hash(1, text, k, k + 1), true) { "字 " + Self.string(text, k, k + 1) }
                    if k + 2 <= j { sink(Self.hash(2, text, k, k + 2), true) { "字 " + Self.string(text, k, k + 2) } }
                    if k + 3 <= j { sink(Self.hash(3, text, k, k + 3), true) { "字 " + Self.string(text, k, k + 3) } }
                }
            case .latin:
                length += 1
                sink(Self.hash(4, text, i, j), j - i > 1) { "word " + Self.string(text, i, j) }
                if let p = previousWord {
                    var h = Self.hash(5, text, p.lowerBound, p.upperBound)
                    h = Self.mix(h, 32)
                    for k in i..<j { h = Self.mix(h, text[k].value) }
                    let (a, b) = (p, i..<j)
                    sink(h, true) {
                        "words " + Self.string(text, a.lowerBound, a.upperBound) + " "
                            + Self.string(text, b.lowerBound, b.upperBound)
                    }
                }
                if j - i >= 3 {
                    // Character trigrams of "<word>", so typos still share most of them.
                    for k in (i - 1)...(j - 2) {
                        let (lo, hi) = (k, k + 3)
                        sink(Self.wordTrigramHash(text, k, word: i..<j), true) {
                            "chars " + (lo < i ? "<" : "") + Self.string(text, max(lo, i), min(hi, j))
                                + (hi > j ? ">" : "")
                        }
                    }
                }
                previousWord = i..<j
            case .digit:
                length += 1
                let shape = UInt32(min(j - i, 6))
                sink(Self.mix(Self.seed(7), shape), false) { "digits ×\(shape)" }
            case .other:
                for k in i..<j {
                    let v = text[k].value
                    if v == 0x3F || v == 0xFF1F { sink(Self.mix(Self.seed(8), 0x3F), false) { "mark ?" } }
                    if v == 0x21 || v == 0xFF01 { sink(Self.mix(Self.seed(8), 0x21), false) { "mark !" } }
                    if v != 0x20 { previousWord = nil }
                }
            }
            i = j
        }
        // How a message begins and ends (请问…, …吗, …了吧, "ho…"), past punctuation and spaces.
        var first = 0
        while first < n && Self.script(text[first]) == .other { first += 1 }
        var last = n
        while last > first && Self.script(text[last - 1]) == .other { last -= 1 }
        if last - first >= 2 {
            let (a, b) = (first, first + 2)
            let (c, d) = (last - 2, last)
            sink(Self.hash(12, text, a, b), true) { "starts " + Self.string(text, a, b) }
            sink(Self.hash(13, text, c, d), true) { "ends " + Self.string(text, c, d) }
        }
        let bucket: UInt32 = length <= 2 ? 0 : length <= 6 ? 1 : length <= 15 ? 2 : length <= 40 ? 3 : 4
        sink(Self.mix(Self.seed(9), bucket), false) { "length " + ["≤2", "≤6", "≤15", "≤40", ">40"][Int(bucket)] }
        for tag in tags {
            var h = Self.seed(10)
            for s in tag.unicodeScalars { h = Self.mix(h, s.value) }
            sink(h, false) { tag }
        }
    }

    @inline(__always)
    static func seed(_ kind: UInt32) -> UInt64 { mix(0xcbf2_9ce4_8422_2325, kind) }

    /// The hash of the character trigram starting at `k` of "<word>" (`<` and `>` standing for the word's edges),
    /// for the Latin word `text[word]`; `k` runs from `word.lowerBound - 1` to `word.upperBound - 2`.
    @inline(__always)
    static func wordTrigramHash(_ text: [Unicode.Scalar], _ k: Int, word: Range<Int>) -> UInt64 {
        var h = seed(6)
        for m in k..<(k + 3) {
            h = mix(h, m < word.lowerBound ? 60 : m >= word.upperBound ? 62 : text[m].value)
        }
        return h
    }

    /// One FNV-1a step over a 32-bit value.
    @inline(__always)
    static func mix(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* 0x100_0000_01b3 }

    @inline(__always)
    static func hash(_ kind: UInt32, _ text: [Unicode.Scalar], _ from: Int, _ to: Int) -> UInt64 {
        var h = seed(kind)
        for k in from..<to { h = mix(h, text[k].value) }
        return h
    }

    static func string(_ text: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[from..<to])
        return String(view)
    }
}
