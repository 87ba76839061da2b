/// Judges whether a message reports an emergency, from lists of emergency words, negations and exceptions.
///
/// Matching runs on the folded text (`TextNormalizer.basicFold`), leftmost and longest term first, without
/// overlaps. Latin terms match whole words only, so "fire" does not fire inside "firework" or "fireplace"; a
/// plural "s" is allowed ("fires", "floods"). A Chinese term may have one 了 inside it (困了人 matches 困人,
/// 着了火 matches 着火), as owners type it.
///
/// A match is cancelled by:
/// - an exception phrase that contains it ("fire extinguisher", "smoke detector", 油烟很大, 被困扰, 打不着火,
///   "fire risk": a hazard where nobody is hurt yet is not an emergency);
/// - a negation shortly before it in the same clause: 没有燃气味, 没闻到煤气味, 不是着火, "no gas smell",
///   "there is no smoke", "not flooding". "Shortly" is at most six Chinese characters or three English words
///   between them. A clause ends at punctuation, at a space next to Chinese text, at 了 and at conjunctions
///   (但, 但是, 可是, 不过, "but", "and", …), so "没有燃气味了但是电梯里困了人" is urgent.
///
/// Words that start like a negation without negating the emergency (没想到, 没人管, 是不是, "nobody came",
/// "not working") are listed in `nonNegations` and never count as negations.
public struct UrgencyDetector: Sendable {
    /// A phrase to look for, folded like the text.
    struct Phrase: Sendable {
        var scalars: [Unicode.Scalar]
        /// The phrase as the caller gave it.
        var text: String
        /// True for negations; false for `nonNegations` in the negation index.
        var negates: Bool
    }

    /// Phrases by their first scalar, longest first.
    typealias Index = [Unicode.Scalar: [Phrase]]

    private let terms: Index
    private let negations: Index
    private let exceptions: Index

    /// `terms` are emergency words, `negations` the cues that cancel one right after them, `exceptions` phrases
    /// that cancel a term they contain, `nonNegations` phrases that look like negations but are not.
    public init(
        terms: [String], negations: [String], exceptions: [String] = UrgencyDetector.defaultExceptions,
        nonNegations: [String] = UrgencyDetector.defaultNonNegations
    ) {
        self.terms = Self.index(terms.map { ($0, true) })
        self.negations = Self.index(negations.map { ($0, true) } + nonNegations.map { ($0, false) })
        self.exceptions = Self.index(exceptions.map { ($0, true) })
    }

    /// Phrases that contain an emergency word without being an emergency.
    public static let defaultExceptions: [String] = [
        "fire extinguisher", "fire lane", "fire exit", "fire escape", "fire door", "fire hydrant", "fire hose",
        "fire safety", "fire drill", "fire inspection", "fire alarm test", "fire station", "fire insurance",
        "smoke detector", "smoke alarm battery", "smoke alarm beeping", "smoke alarm keeps beeping",
        "smoke alarm chirping", "cigarette smoke", "second-hand smoke", "secondhand smoke", "second hand smoke",
        "bbq smoke", "barbecue smoke", "cooking smoke", "smoke from the bbq", "smoke from the barbecue",
        "smoke from cooking", "smoke break", "smoke-free", "flood light", "flood lamp", "emergency light",
        "emergency lighting", "emergency exit", "emergency stairs", "emergency stairway", "emergency number",
        "emergency contact", "in case of emergency", "in case of an emergency", "non-emergency",
        "not an emergency", "bleeding the radiator", "bleeding radiators", "radiator bleeding",
        "carbon monoxide detector", "carbon monoxide alarm", "fire risk", "fire hazard", "emergency button",
        "emergency call button", "emergency phone", "pulls any smoke", "pull any smoke", "pulls the smoke",
        "pull the smoke", "pulls smoke",
        "灭火器", "油烟很大", "烟瘾很大", "被困扰", "停电人", "充电人", "来电人", "用电人", "断电人", "没电人",
        "供电人", "急救箱", "急救包", "急救电话", "急救培训", "急救知识", "急救设备", "禁止明火", "火灾险",
        "火灾保险", "火灾隐患", "火灾风险", "一旦发生火灾", "万一发生火灾", "以免发生火灾", "防止火灾",
        "以免发生触电", "防止触电", "触电隐患", "触电风险", "一氧化碳报警器", "火花塞", "不着火", "车窗被砸",
        "窗户被砸", "玻璃被砸", "车被砸", "差点砸到人", "差点被砸", "差点砸伤", "险些砸到人",
    ]

    /// Phrases that begin like a negation but do not negate what follows.
    public static let defaultNonNegations: [String] = [
        "没想到", "没多久", "没一会", "没过多久", "没几分钟", "没几秒", "没办法", "没法", "无法", "没人管",
        "没人理", "没人接", "没人来", "没人应", "无人接", "无人管", "无人理", "无人应答", "没反应", "没信号",
        "没电", "没水", "没网", "没关", "未来", "无论", "不知道", "是不是", "会不会", "有没有", "是否",
        "能不能", "要不要", "没完没了", "没动静", "没用", "不管用", "不行了", "不得了",
        "nobody came", "no one came", "nobody answers", "nobody answered", "nobody is answering",
        "no one answers", "no one answered", "no one is answering", "nobody picks up", "no one picks up",
        "no answer", "no response", "not responding", "no signal", "no power", "no electricity", "no water",
        "no hot water", "not working", "doesn't work", "didn't work", "isn't working", "not moving",
        "won't open", "doesn't open", "didn't open", "not sure", "don't know", "no idea", "no way out",
        "not stop", "won't stop", "doesn't stop", "didn't stop", "can't stop", "no time", "not only",
    ]

    /// Whether `text` reports an emergency.
    public func isUrgent(_ text: String) -> Bool {
        !matches(in: text).isEmpty
    }

    /// The emergency terms (as given to `init`) found in `text` and not cancelled, in order, each once.
    public func matches(in text: String) -> [String] {
        let s = Self.prepare(text)
        guard !s.isEmpty, !terms.isEmpty else { return [] }
        let found = Self.scan(terms, in: s, plural: true, particle: true)
        guard !found.isEmpty else { return [] }
        let excepted = exceptions.isEmpty ? [] : Self.scan(exceptions, in: s, plural: true, particle: false)
        let cues =
            negations.isEmpty
            ? [] : Self.scan(negations, in: s, plural: false, particle: false).filter(\.phrase.negates)
        var result: [String] = []
        var previousEnd = 0
        for match in found {
            defer { previousEnd = match.range.upperBound }
            if excepted.contains(where: {
                $0.range.lowerBound <= match.range.lowerBound
                    && match.range.upperBound <= $0.range.upperBound
            }) {
                continue
            }
            // A cue may overlap the start of the term it negates (没闻到 + 闻到煤气, 并没有 + 有人受伤).
            if let cue = cues.last(where: {
                $0.range.lowerBound < match.range.lowerBound && $0.range.upperBound <= match.range.upperBound
            }),
                cue.range.lowerBound >= previousEnd,
                cue.range.upperBound >= match.range.lowerBound
                    || Self.inScope(s, cue.range.upperBound..<match.range.lowerBound)
            {
                continue
            }
            if !result.contains(match.phrase.text) { result.append(match.phrase.text) }
        }
        return result
    }

    // MARK: - Scope of a negation

    private static let breakScalars: Set<Unicode.Scalar> = [
        ",", ".", ";", "!", "?", ":", "\n", "\r", "\t", "、", "…", "~", "(", ")", "—", "|", "/", "，", "。", "！",
        "？", "；", "：", "“", "”", "\"",
    ]
    private static let breakWords: [[Unicode.Scalar]] = [
        "但", "可", "不过", "然而", "而且", "并且", "还有", "了", "却", "结果", "现在", "突然", "又", "而", "只是",
    ].map { Array($0.unicodeScalars) }
    private static let breakEnglish: Set<String> = [
        "but", "and", "however", "though", "although", "yet", "so", "because", "then", "now", "suddenly",
        "while", "also", "except", "or",
    ]

    /// Whether a negation ending where `gap` starts reaches across it to the term where it ends.
    static func inScope(_ s: [Unicode.Scalar], _ gap: Range<Int>) -> Bool {
        var chinese = 0
        var words = 0
        var word = ""
        var i = gap.lowerBound
        func endWord() -> Bool {
            defer { word = "" }
            guard !word.isEmpty else { return true }
            words += 1
            return !breakEnglish.contains(word)
        }
        while i < gap.upperBound {
            let c = s[i]
            if breakScalars.contains(c) || chinese > 6 || words > 3 { return false }
            if isLatin(c) || c == "'" {
                word.unicodeScalars.append(c)
            } else {
                guard endWord() else { return false }
                if isSpace(c) {
                    // A space next to Chinese text ends a clause, as a comma would.
                    let before = i > 0 ? s[i - 1] : " "
                    let after = i + 1 < s.count ? s[i + 1] : " "
                    if before.value > 0x7F || after.value > 0x7F { return false }
                } else if c.value > 0x7F {
                    chinese += 1
                    if breakWords.contains(where: { starts(s[gap], $0, at: i) }) { return false }
                }
            }
            i += 1
        }
        guard endWord() else { return false }
        return chinese <= 6 && words <= 3
    }

    // MARK: - Matching

    struct Match {
        var range: Range<Int>
        var phrase: Phrase
    }

    /// The folded text, with typographic apostrophes made plain.
    static func prepare(_ text: String) -> [Unicode.Scalar] {
        // `TextNormalizer.basicFold` scalar by scalar: the same folding, without walking graphemes.
        text.unicodeScalars.map { $0 == "\u{2019}" || $0 == "\u{2018}" ? "'" : TextNormalizer.foldScalar($0) }
    }

    private static func index(_ phrases: [(String, Bool)]) -> Index {
        var index: Index = [:]
        for (text, negates) in phrases {
            var scalars: [Unicode.Scalar] = []
            for scalar in prepare(text) {
                if isSpace(scalar) {
                    if let last = scalars.last, last != " " { scalars.append(" ") }
                } else {
                    scalars.append(scalar)
                }
            }
            if scalars.last == " " { scalars.removeLast() }
            guard let first = scalars.first else { continue }
            index[first, default: []].append(Phrase(scalars: scalars, text: text, negates: negates))
        }
        for key in index.keys {
            index[key]!.sort { $0.scalars.count > $1.scalars.count }
        }
        return index
    }

    /// Leftmost-longest matches of the indexed phrases, without overlaps.
    static func scan(_ index: Index, in s: [Unicode.Scalar], plural: Bool, particle: Bool) -> [Match] {
        var found: [Match] = []
        var i = 0
        while i < s.count {
            var advanced = false
            if let candidates = index[s[i]] {
                for phrase in candidates {
                    if let end = match(phrase.scalars, in: s, at: i, plural: plural, particle: particle) {
                        found.append(Match(range: i..<end, phrase: phrase))
                        i = end
                        advanced = true
                        break
                    }
                }
            }
            if !advanced { i += 1 }
        }
        return found
    }

    /// The end of `phrase` matched at `i`, or nil. Latin ends need word boundaries; `plural` allows an "s" after
    /// a Latin phrase, `particle` one 了 inside a Chinese one.
    static func match(
        _ phrase: [Unicode.Scalar], in s: [Unicode.Scalar], at i: Int, plural: Bool, particle: Bool
    ) -> Int? {
        if isLatin(phrase[0]), i > 0, isLatin(s[i - 1]) { return nil }
        var j = i
        var k = 0
        var skippedLe = false
        while k < phrase.count {
            let c = phrase[k]
            if c == " " {
                guard j < s.count, isSpace(s[j]) else { return nil }
                while j < s.count, isSpace(s[j]) { j += 1 }
                k += 1
                continue
            }
            guard j < s.count else { return nil }
            if s[j] == c {
                j += 1
                k += 1
            } else if particle, !skippedLe, k > 0, s[j] == "了", phrase[k - 1].value > 0x2E80, c.value > 0x2E80 {
                j += 1
                skippedLe = true
            } else {
                return nil
            }
        }
        if let last = phrase.last, isLatin(last) {
            if plural, j < s.count, s[j] == "s", j + 1 == s.count || !isLatin(s[j + 1]) { j += 1 }
            if j < s.count, isLatin(s[j]) { return nil }
        }
        return j
    }

    private static func starts(_ s: ArraySlice<Unicode.Scalar>, _ word: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + word.count <= s.endIndex else { return false }
        for k in 0..<word.count where s[i + k] != word[k] { return false }
        return true
    }

    static func isLatin(_ c: Unicode.Scalar) -> Bool {
        c.value >= 0x61 && c.value <= 0x7A || c.value >= 0x41 && c.value <= 0x5A
    }

    /// Unicode White_Space, without the property lookup (`properties.isWhitespace` is slow on hot paths).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
