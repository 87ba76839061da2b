/// Reads a 1–5 satisfaction score from an owner's answer.
///
/// A score written as a number wins over words, and the last one written wins ("两分都嫌多,给一分" → 1):
/// `5`, `5分`, `五分`, `五星`, `4颗星`, `给4分`, `打个5分`, `评分4`, `4/5`, `3 out of 5`, "4 stars", "five",
/// "I'd give it a 4", "rate it 5", "solid 4", "it was ok, 3", ★★★★, ⭐⭐⭐, "wu fen". A number out of range
/// (0, 6, `10分`, 8/10) gives nil. Without a number, words decide, the first one found:
/// 满分, 非常满意, 很满意, 好评, excellent → 5; 满意, 比较满意, 不错, satisfied, good → 4; 一般, 还行, 还可以,
/// 凑合, average, ok → 3; 不满意, 不太满意, 差 (alone), poor, bad → 2; 很差, 太差, 非常不满意, 差评, terrible → 1.
///
/// Words like 一般 and 满意 also occur outside ratings ("一般几点上班"), so callers should read a rating only
/// when one is expected (the bot asked for it, or the message is a `rate`).
public enum RatingParser: Sendable {
    /// The score in `text`, 1–5, or nil.
    public static func find(in text: String) -> Int? {
        // `TextNormalizer.basicFold` scalar by scalar: the same folding, without walking graphemes (ten times faster).
        let s = text.unicodeScalars.map(TextNormalizer.foldScalar)
        guard !s.isEmpty else { return nil }
        if let score = explicitScore(s) {
            return (1...5).contains(score) ? score : nil
        }
        return wordScore(s)
    }

    // MARK: - Numbers

    /// English number words; compared as scalars, since building a string per word costs more than the rest.
    private static let englishNumbers = words([
        ("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
        ("eight", 8), ("nine", 9), ("ten", 10),
    ])

    private static let pinyinNumbers = words([("yi", 1), ("er", 2), ("liang", 2), ("san", 3), ("si", 4), ("wu", 5)])

    /// Words before a bare number that make it a score: "give it a 4", "rate it 5", "rating 3", "let's say 3".
    private static let scoreLeads = words(
        ["a", "it", "rate", "rating", "score", "say", "solid", "rated", "give"].map { ($0, 0) })

    private static func words(_ pairs: [(String, Int)]) -> [(scalars: [Unicode.Scalar], value: Int)] {
        pairs.map { (Array($0.0.unicodeScalars), $0.1) }
    }

    /// The value of the word `s[start..<end]` in `table`, if it is there.
    private static func lookUp(
        _ s: [Unicode.Scalar], _ start: Int, _ end: Int, in table: [(scalars: [Unicode.Scalar], value: Int)]
    ) -> Int? {
        let length = end - start
        for entry in table where entry.scalars.count == length && entry.scalars[0] == s[start] {
            if s[start..<end].elementsEqual(entry.scalars) { return entry.value }
        }
        return nil
    }

    /// 分 followed by these is not a score: 分钟 (minutes), 分之 (fractions), 分钱, 分享, 分开.
    private static let notScoreAfterFen: Set<Unicode.Scalar> = [
        "钟", "之", "钱", "享", "开", "别", "配", "类", "析", "期", "摊", "手", "贝", "量", "明", "布", "散", "局", "店",
        "公", "子", "队", "批", "流", "居", "担",
    ]

    /// The last score written as a number, possibly out of range.
    private static func explicitScore(_ s: [Unicode.Scalar]) -> Int? {
        var last: Int?
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "★" || c == "⭐" || c == "🌟" {
                var count = 0
                var j = i
                while j < s.count, s[j] == "★" || s[j] == "⭐" || s[j] == "🌟" || s[j] == "\u{FE0F}" || s[j] == " " {
                    if s[j] != "\u{FE0F}" && s[j] != " " { count += 1 }
                    j += 1
                }
                last = count
                i = j
                continue
            }
            if let (value, end) = number(s, at: i) {
                if let score = score(s, value: value, start: i, end: end) { last = score }
                i = end
                continue
            }
            i += 1
        }
        return last
    }

    /// A number at `i`: ASCII digits, a short Chinese numeral, an English or pinyin number word.
    private static func number(_ s: [Unicode.Scalar], at i: Int) -> (Int, Int)? {
        let c = s[i]
        if isDigit(c) {
            guard i == 0 || !isDigit(s[i - 1]) && s[i - 1] != "." else { return nil }
            var j = i
            var value = 0
            while j < s.count, isDigit(s[j]) {
                if j - i < 6 { value = value * 10 + Int(s[j].value - 48) }
                j += 1
            }
            if j < s.count, s[j] == ".", j + 1 < s.count, isDigit(s[j + 1]) { return nil }  // 4.5
            return (j - i > 3 ? 1000 : value, j)
        }
        if isChineseNumeral(c) {
            guard i == 0 || !isChineseNumeral(s[i - 1]) else { return nil }
            var j = i
            while j < s.count, isChineseNumeral(s[j]), j - i < 2 { j += 1 }
            if j < s.count, isChineseNumeral(s[j]) { return nil }
            guard let value = ChineseNumber.value(s[i..<j]) else { return nil }
            return (value, j)
        }
        if isLatin(c), i == 0 || !isLatin(s[i - 1]) {
            var j = i
            while j < s.count, isLatin(s[j]) { j += 1 }
            guard j - i <= 5 else { return nil }
            if let value = lookUp(s, i, j, in: englishNumbers) ?? lookUp(s, i, j, in: pinyinNumbers) {
                return (value, j)
            }
            return nil
        }
        return nil
    }

    /// The score a number makes in its context, or nil when it is not a score (5分钟, 两个人, 3 days).
    private static func score(_ s: [Unicode.Scalar], value: Int, start: Int, end: Int) -> Int? {
        let spelled = isLatin(s[start])
        let isPinyin = spelled && lookUp(s, start, end, in: englishNumbers) == nil
        var j = end
        while j < s.count, s[j] == " " { j += 1 }
        // 5分, 五分 (not 5分钟, 十分满意).
        if j < s.count, s[j] == "分" || s[j] == "星" && !isPinyin {
            let next = j + 1 < s.count ? s[j + 1] : " "
            if s[j] == "分" {
                if notScoreAfterFen.contains(next) { return nil }
                if value == 10 && s[start] == "十" && next.value > 0x2E80 { return nil }
            } else if next == "期" {
                return nil
            }
            return isPinyin ? nil : value
        }
        // 4颗星, 一个星 (not 一个星期).
        if j + 1 < s.count, s[j] == "颗" || s[j] == "个", s[j + 1] == "星" {
            return j + 2 < s.count && s[j + 2] == "期" ? nil : value
        }
        if isPinyin {
            return isWord(s, "fen", at: j) || isWord(s, "xing", at: j) ? value : nil
        }
        // 4 stars, 4/5, 3 out of 5.
        if isWord(s, "star", at: j) || isWord(s, "stars", at: j) { return value }
        if j < s.count, s[j] == "/" {
            var k = j + 1
            while k < s.count, s[k] == " " { k += 1 }
            guard k < s.count, let (denominator, _) = number(s, at: k), !isLatin(s[k]) else { return nil }
            return denominator == 5 ? value : denominator == 10 ? 99 : nil
        }
        if isWord(s, "out", at: j) {
            var k = j + 3
            while k < s.count, s[k] == " " { k += 1 }
            if isWord(s, "of", at: k) {
                k += 2
                while k < s.count, s[k] == " " { k += 1 }
                if k < s.count, let (denominator, _) = number(s, at: k) {
                    return denominator == 5 ? value : denominator == 10 ? 99 : nil
                }
            }
        }
        // 给4, 打5, 评分4, 打个5分.
        var p = start - 1
        while p >= 0, s[p] == " " || s[p] == "个" || s[p] == ":" { p -= 1 }
        if p >= 0, s[p] == "给" || s[p] == "打" || s[p] == "评" || s[p] == "分" && p > 0 && s[p - 1] == "评" {
            return spelled ? nil : value
        }
        // "give it a 4", "rating 3", "solid 4".
        if let lead = wordBefore(s, start), lookUp(s, lead.lowerBound, lead.upperBound, in: scoreLeads) != nil,
            !spelled || value <= 10
        {
            return atBoundary(s, j) ? value : nil
        }
        // The whole answer is the number ("4", "five"), or it ends the message after a pause ("it was ok, 3").
        if isDigit(s[start]) || spelled {
            let before = trimmedStart(s, start)
            let after = trimmedEnd(s, j)
            if before == 0 && after == s.count { return value }
            if after == s.count, before > 0, ",-:;".unicodeScalars.contains(s[before - 1]), !spelled || value <= 10 {
                return value
            }
        }
        return nil
    }

    // MARK: - Words

    private static let scoreWords: [(scalars: [Unicode.Scalar], score: Int, latin: Bool)] = {
        let pairs: [(String, Int)] = [
            ("满分", 5), ("非常满意", 5), ("很满意", 5), ("特别满意", 5), ("十分满意", 5), ("超级满意", 5), ("相当满意", 5),
            ("太满意", 5), ("非常好", 5), ("很好", 5), ("特别好", 5), ("好评", 5), ("完美", 5), ("超赞", 5),
            ("满意", 4), ("比较满意", 4), ("还算满意", 4), ("挺满意", 4), ("蛮满意", 4), ("还不错", 4), ("不错", 4),
            ("挺好", 4), ("不是很满意", 2), ("不是太满意", 2), ("不算满意", 2), ("不是特别满意", 3), ("一般", 3), ("一般般", 3), ("还行", 3),
            ("还可以", 3), ("凑合", 3), ("马马虎虎", 3),
            ("中规中矩", 3), ("及格", 3), ("不太满意", 2), ("不满意", 2), ("不怎么样", 2), ("较差", 2), ("比较差", 2),
            ("有点差", 2), ("不太好", 2), ("不好", 2), ("失望", 2), ("很差", 1), ("非常差", 1), ("太差", 1),
            ("真差", 1), ("特别差", 1), ("极差", 1), ("差劲", 1), ("很不满意", 1), ("非常不满意", 1), ("特别不满意", 1),
            ("十分不满意", 1), ("太不满意", 1), ("差评", 1), ("垃圾", 1), ("糟糕", 1), ("太烂", 1), ("很烂", 1),
            ("full marks", 5), ("full score", 5), ("excellent", 5), ("perfect", 5), ("very satisfied", 5),
            ("extremely satisfied", 5), ("outstanding", 5), ("amazing", 5), ("great", 5), ("very good", 5),
            ("satisfied", 4), ("good", 4), ("pretty good", 4), ("not bad", 4), ("happy", 4), ("average", 3),
            ("mediocre", 3), ("ok", 3), ("okay", 3), ("so-so", 3), ("so so", 3), ("fine", 3), ("meh", 3),
            ("poor", 2), ("bad", 2), ("not good", 2), ("not great", 2), ("not satisfied", 2), ("dissatisfied", 2),
            ("unsatisfied", 2), ("unhappy", 2), ("disappointed", 2), ("disappointing", 2), ("very poor", 1),
            ("very bad", 1), ("terrible", 1), ("awful", 1), ("horrible", 1), ("worst", 1), ("useless", 1),
            ("very dissatisfied", 1), ("very unsatisfied", 1), ("not satisfied at all", 1),
        ]
        return pairs.map { (Array($0.0.unicodeScalars), $0.1, isLatin($0.0.unicodeScalars.first!)) }
            .sorted { $0.scalars.count > $1.scalars.count }
    }()

    /// `scoreWords` by first scalar, longest first.
    private static let scoreIndex: [Unicode.Scalar: [(scalars: [Unicode.Scalar], score: Int, latin: Bool)]] =
        Dictionary(grouping: scoreWords, by: { $0.scalars[0] })

    /// The first score word, longest first; bare 差 counts only as the whole answer (差, 太差了).
    private static func wordScore(_ s: [Unicode.Scalar]) -> Int? {
        var i = 0
        while i < s.count {
            let c = s[i]
            let latinStart = isLatin(c) && (i == 0 || !isLatin(s[i - 1]))
            guard latinStart || c.value > 0x7F, let entries = scoreIndex[c] else {
                i += 1
                continue
            }
            for entry in entries where matches(s, entry.scalars, at: i) {
                let end = i + entry.scalars.count
                if entry.latin, i > 0 && isLatin(s[i - 1]) || end < s.count && isLatin(s[end]) { continue }
                return entry.score
            }
            i += 1
        }
        guard s.count <= 12 else { return nil }
        let core = s.filter { !isSpace($0) && !"了的啊吧呀!.,~".unicodeScalars.contains($0) }
        if core == ["差"] { return 2 }
        return nil
    }

    // MARK: - Scalars

    private static func matches(_ s: [Unicode.Scalar], _ word: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + word.count <= s.count else { return false }
        for k in 0..<word.count where s[i + k] != word[k] { return false }
        return true
    }

    /// Whether the whole English word at `i` is `word`.
    private static func isWord(_ s: [Unicode.Scalar], _ word: String, at i: Int) -> Bool {
        var j = i
        for scalar in word.unicodeScalars {
            guard j < s.count, s[j] == scalar else { return false }
            j += 1
        }
        return j == s.count || !isLatin(s[j])
    }

    /// The range of the English word before `i`, skipping spaces.
    private static func wordBefore(_ s: [Unicode.Scalar], _ i: Int) -> Range<Int>? {
        var j = i - 1
        while j >= 0, s[j] == " " { j -= 1 }
        let end = j + 1
        while j >= 0, isLatin(s[j]) { j -= 1 }
        return end > j + 1 ? (j + 1)..<end : nil
    }

    private static func atBoundary(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        i >= s.count || !isLatin(s[i]) && !isDigit(s[i])
    }

    /// Where the answer starts once leading spaces and fillers are skipped back from `i`.
    private static func trimmedStart(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j > 0, isSpace(s[j - 1]) || "\"'“(".unicodeScalars.contains(s[j - 1]) { j -= 1 }
        return j
    }

    /// Where the answer ends once trailing spaces, punctuation and particles are skipped from `i`.
    private static func trimmedEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j < s.count, isSpace(s[j]) || "!.~?\"'”)吧啊呀了".unicodeScalars.contains(s[j]) { j += 1 }
        return j
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    private static func isLatin(_ c: Unicode.Scalar) -> Bool { c.value >= 0x61 && c.value <= 0x7A }
    private static func isChineseNumeral(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "零", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }

    /// Unicode White_Space, without the property lookup (`properties.isWhitespace` is slow on hot paths).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
