/// Judges whether a message reports an emergency, from lists of emergency words and patterns, negations and
/// exceptions.
///
/// Matching runs on the folded text (`TextNormalizer.basicFold`). An emergency entry is one of:
/// - a word or phrase (困人, "gas leak"), or several separated by "|" (咬伤|抓伤). Words are found leftmost and
///   longest first, without overlaps. Latin words match whole words only, so "fire" does not fire inside
///   "firework" or "fireplace"; a plural "s" is allowed ("fires", "floods"). A Chinese word may have one 了 inside
///   it (困了人 matches 困人, 着了火 matches 着火), as owners type it.
/// - a pattern: parts separated by "..." (or "…"), each a word or "|"-separated alternatives, that occur in this
///   order in one clause, close together: 困...电梯, 水...没过|齐膝, "stuck...elevator|lift|电梯". Between
///   consecutive parts there may be at most `maxChineseGap` (8) Chinese characters and `maxWordGap` (5) English
///   words or numbers; spaces are free. A pattern's clause ends at punctuation (an ellipsis excepted) and at a
///   contrasting conjunction (但, 可是, 不过, "but", "however", …), not at a space: owners type spaces for
///   commas, and the window already keeps the parts together.
/// - a pattern starting with "~": the same, with the parts in any order (~电梯...困 finds both 电梯里困了人 and
///   困在5号楼的电梯). Patterns of up to four parts are tried in every order; longer ones only as written.
///
/// A match is cancelled by:
/// - an exception phrase that contains it, or for a pattern one of its parts ("fire extinguisher",
///   "smoke detector", 油烟很大, 被困扰, 打不着火, "fire risk": a hazard where nobody is hurt yet is not an
///   emergency);
/// - a negation shortly before it in the same clause, for a pattern before any of its parts: 没有燃气味,
///   没闻到煤气味, 不是着火, "no gas smell", "there is no smoke", "not flooding", 电梯里没有人被困. "Shortly" is
///   at most six Chinese characters or three English words between them. A negation's clause ends at
///   punctuation, at a space next to Chinese text, at 了 and at conjunctions (但, 但是, 可是, 不过, "but", "and",
///   …), so "没有燃气味了但是电梯里困了人" is urgent.
///
/// Words that start like a negation without negating the emergency (没想到, 没人管, 是不是, "nobody came",
/// "not working") are listed in `nonNegations` and never count as negations.
///
/// Everything is compiled once, in `init`, into tries over scalar values and flat tables: a call folds the text,
/// walks it once through each trie (a bitmap of first scalars passes over most positions with one bit test),
/// notes where each pattern part occurs, and looks for a pattern only where all its parts occur. Nothing is
/// compiled per call; a 200-character message takes a few microseconds in a release build.
public struct UrgencyDetector: Sendable {
    /// At most this many Chinese characters between consecutive parts of a pattern…
    public static let maxChineseGap = 8
    /// …and at most this many English words or numbers.
    public static let maxWordGap = 5

    /// The entries as given, which `matches(in:)` names.
    private let entries: [String]
    /// Emergency words; for each, its entry.
    private let terms: PhraseTable
    private let termEntries: [Int32]
    /// Negations and non-negations; for each, whether it negates.
    private let negations: PhraseTable
    private let negates: [Bool]
    private let exceptions: PhraseTable
    /// The alternatives of every pattern part, and the patterns made of them.
    private let alternatives: PhraseTable
    private let patterns: PatternTable

    /// `terms` are emergency words and patterns, `negations` the cues that cancel one right after them,
    /// `exceptions` phrases that cancel a term they contain, `nonNegations` phrases that look like negations but
    /// are not. Only `terms` know the pattern syntax; the other lists are plain phrases.
    public init(
        terms: [String], negations: [String], exceptions: [String] = UrgencyDetector.defaultExceptions,
        nonNegations: [String] = UrgencyDetector.defaultNonNegations
    ) {
        var words: [[UInt32]] = []
        var termEntries: [Int32] = []
        var builder = PatternTable.Builder()
        for (e, entry) in terms.enumerated() {
            let (anyOrder, parts) = Self.parse(entry)
            if parts.count == 1 {
                words += parts[0]
                termEntries += Array(repeating: Int32(e), count: parts[0].count)
            } else if parts.count > 1 {
                builder.add(parts, anyOrder: anyOrder, entry: e)
            }
        }
        entries = terms
        self.terms = PhraseTable(words)
        self.termEntries = termEntries
        self.negations = PhraseTable((negations + nonNegations).map { Self.normalized(Self.prepare($0)) })
        negates = negations.map { _ in true } + nonNegations.map { _ in false }
        self.exceptions = PhraseTable(exceptions.map { Self.normalized(Self.prepare($0)) })
        (alternatives, patterns) = builder.build()
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
        "能不能", "要不要", "没完没了", "没动静", "没用", "不管用", "不行了", "不得了", "不小心", "没注意",
        "没站稳", "没拉住", "没扶稳", "没抓稳", "没踩稳", "没留神", "一不小心", "可怕", "害怕", "恐怕",
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

    /// The emergency entries (as given to `init`) found in `text` and not cancelled, in order, each once. A
    /// pattern is named only where no emergency word or earlier pattern was found already.
    public func matches(in text: String) -> [String] {
        let s = Self.prepare(text)
        guard !s.isEmpty else { return [] }
        let found = terms.scan(s, plural: true, particle: true)
        let patternsFound = findPatterns(in: s)
        guard !found.isEmpty || !patternsFound.isEmpty else { return [] }
        let excepted = exceptions.scan(s, plural: true, particle: false).map(\.range)
        let cues = negations.scan(s, plural: false, particle: false).filter { negates[$0.phrase] }.map(\.range)

        func isExcepted(_ range: Range<Int>) -> Bool {
            excepted.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
        }
        /// Whether a negation after `limit` cancels what is at `range`.
        func isNegated(_ range: Range<Int>, after limit: Int) -> Bool {
            // A cue may overlap the start of the term it negates (没闻到 + 闻到煤气, 并没有 + 有人受伤).
            guard
                let cue = cues.last(where: { $0.lowerBound < range.lowerBound && $0.upperBound <= range.upperBound }),
                cue.lowerBound >= limit
            else { return false }
            return cue.upperBound >= range.lowerBound || Self.inScope(s, cue.upperBound..<range.lowerBound)
        }

        var accepted: [(start: Int, entry: Int32)] = []
        var kept: [Range<Int>] = []
        var previousEnd = 0
        for match in found {
            defer { previousEnd = match.range.upperBound }
            if isExcepted(match.range) || isNegated(match.range, after: previousEnd) { continue }
            kept.append(match.range)
            accepted.append((match.range.lowerBound, termEntries[match.phrase]))
        }
        for match in patternsFound {
            let span = match.parts[0].lowerBound..<match.parts[match.parts.count - 1].upperBound
            // Each emergency is named once: by its word, or by the first pattern found there.
            if kept.contains(where: { $0.overlaps(span) }) || match.parts.contains(where: isExcepted) { continue }
            var limit = found.last(where: { $0.range.upperBound <= span.lowerBound })?.range.upperBound ?? 0
            var negated = false
            for part in match.parts {
                if isNegated(part, after: limit) {
                    negated = true
                    break
                }
                limit = part.upperBound
            }
            if !negated {
                kept.append(span)
                accepted.append((span.lowerBound, patterns.entry(match.pattern)))
            }
        }
        var result: [String] = []
        for (_, entry) in accepted.enumerated().sorted(by: {
            ($0.element.start, $0.offset) < ($1.element.start, $1.offset)
        }).map(\.element) where !result.contains(entries[Int(entry)]) {
            result.append(entries[Int(entry)])
        }
        return result
    }

    // MARK: - Scope of a negation

    private static let breakWords: [[UInt32]] = [
        "但", "可", "不过", "然而", "而且", "并且", "还有", "了", "却", "结果", "现在", "突然", "又", "而", "只是",
    ].map { $0.unicodeScalars.map(\.value) }
    private static let breakEnglish: [[UInt32]] = [
        "but", "and", "however", "though", "although", "yet", "so", "because", "then", "now", "suddenly",
        "while", "also", "except", "or",
    ].map { $0.unicodeScalars.map(\.value) }

    /// Whether a negation ending where `gap` starts reaches across it to the term where it ends.
    static func inScope(_ s: [UInt32], _ gap: Range<Int>) -> Bool {
        var chinese = 0
        var words = 0
        var i = gap.lowerBound
        while i < gap.upperBound {
            let c = s[i]
            if isBreak(c) || chinese > 6 || words > 3 { return false }
            if isLatin(c) || c == 0x27 {
                var end = i
                while end < gap.upperBound, isLatin(s[end]) || s[end] == 0x27 { end += 1 }
                words += 1
                if breakEnglish.contains(where: { $0.elementsEqual(s[i..<end]) }) { return false }
                i = end
                continue
            }
            if isSpace(c) {
                // A space next to Chinese text ends a clause, as a comma would.
                if i > 0 && s[i - 1] > 0x7F || i + 1 < s.count && s[i + 1] > 0x7F { return false }
            } else if c > 0x7F {
                chinese += 1
                if breakWords.contains(where: { starts(s, $0, at: i, before: gap.upperBound) }) { return false }
            }
            i += 1
        }
        return chinese <= 6 && words <= 3
    }

    // MARK: - Patterns

    struct PatternMatch {
        var pattern: Int
        /// Where each part was found, in the pattern's order.
        var parts: [Range<Int>]
    }

    /// Conjunctions that end a pattern's clause.
    private static let patternBreakWords: [[UInt32]] = ["但", "可是", "不过", "然而", "只是"].map {
        $0.unicodeScalars.map(\.value)
    }
    private static let patternBreakEnglish: [[UInt32]] = [
        "but", "however", "though", "although", "except", "whereas", "unless",
    ].map { $0.unicodeScalars.map(\.value) }
    /// Their first scalars, to pass over the rest quickly.
    private static let patternBreakFirsts: [UInt32] = (patternBreakWords + patternBreakEnglish).map { $0[0] }

    /// Every pattern found, in order of where it starts: each place where its first part occurs and its other
    /// parts follow within the window.
    func findPatterns(in s: [UInt32]) -> [PatternMatch] {
        guard !patterns.isEmpty else { return [] }
        // Where every part occurs, in one pass over the text: a pattern is looked for only when all its parts do.
        let occurrences = PartOccurrences(alternatives.scanAll(s), patterns: patterns)
        guard !occurrences.isEmpty else { return [] }
        var gaps: GapCounts?
        var found: [PatternMatch] = []
        var ranges: [Range<Int>] = []
        for first in 0..<patterns.partCount where occurrences.has(first) {
            for index in patterns.patterns(startingWith: first) {
                let p = patterns.startingPattern(index)
                guard patterns.allParts(of: p, occurIn: occurrences) else { continue }
                let gapCounts = gaps ?? GapCounts(s)
                gaps = gapCounts
                for o in occurrences.of(first) {
                    ranges.removeAll(keepingCapacity: true)
                    ranges.append(occurrences.range(o))
                    if extend(p, part: 1, from: ranges[0].upperBound, occurrences, gapCounts, &ranges) {
                        found.append(PatternMatch(pattern: p, parts: ranges))
                    }
                }
            }
        }
        return found.sorted { ($0.parts[0].lowerBound, $0.pattern) < ($1.parts[0].lowerBound, $1.pattern) }
    }

    /// Finds part `k` of `pattern` after `start`, and the parts after it, each within the window of the one
    /// before; tries later places of a part when the rest does not follow.
    func extend(
        _ pattern: Int, part k: Int, from start: Int, _ occurrences: PartOccurrences, _ gaps: GapCounts,
        _ ranges: inout [Range<Int>]
    ) -> Bool {
        guard let part = patterns.part(k, of: pattern) else { return true }
        for o in occurrences.of(part, from: start) {
            let range = occurrences.range(o)
            // Places are in order, so the first one too far away ends the search.
            guard gaps.allow(start..<range.lowerBound) else { return false }
            ranges.append(range)
            if extend(pattern, part: k + 1, from: range.upperBound, occurrences, gaps, &ranges) { return true }
            ranges.removeLast()
        }
        return false
    }

    /// Where each pattern part occurs in a text, grouped by part, each group in order.
    struct PartOccurrences {
        private var offsets: [Int32]
        private var starts: [Int32]
        private var ends: [Int32]

        init(_ matches: [PhraseTable.Match], patterns: PatternTable) {
            offsets = Array(repeating: 0, count: patterns.partCount + 1)
            guard !matches.isEmpty else {
                starts = []
                ends = []
                return
            }
            for match in matches {
                for index in patterns.parts(containing: match.phrase) {
                    offsets[patterns.containingPart(index) + 1] += 1
                }
            }
            for q in 0..<patterns.partCount { offsets[q + 1] += offsets[q] }
            var next = offsets
            starts = Array(repeating: 0, count: Int(offsets[patterns.partCount]))
            ends = starts
            for match in matches {
                for index in patterns.parts(containing: match.phrase) {
                    let q = patterns.containingPart(index)
                    starts[Int(next[q])] = Int32(match.range.lowerBound)
                    ends[Int(next[q])] = Int32(match.range.upperBound)
                    next[q] += 1
                }
            }
        }

        var isEmpty: Bool { starts.isEmpty }

        @inline(__always)
        func has(_ part: Int) -> Bool { offsets[part] < offsets[part + 1] }

        /// The occurrences of a part, as indices for `range(_:)`.
        @inline(__always)
        func of(_ part: Int) -> Range<Int> { Int(offsets[part])..<Int(offsets[part + 1]) }

        /// The occurrences of a part that start at `position` or later.
        func of(_ part: Int, from position: Int) -> Range<Int> {
            var (low, high) = (Int(offsets[part]), Int(offsets[part + 1]))
            let end = high
            while low < high {
                let middle = (low + high) / 2
                if Int(starts[middle]) < position { low = middle + 1 } else { high = middle }
            }
            return low..<end
        }

        @inline(__always)
        func range(_ o: Int) -> Range<Int> { Int(starts[o])..<Int(ends[o]) }
    }

    /// Running counts over a text of what limits the gap between two parts of a pattern: Chinese characters,
    /// English words and numbers, and clause ends (punctuation other than an ellipsis, contrasting conjunctions).
    struct GapCounts {
        /// For each position j, the counts in `s[0..<j]`: Chinese characters at 3j, words at 3j+1, clause ends at
        /// 3j+2.
        private let counts: [Int32]

        init(_ s: [UInt32]) {
            let breakWords = UrgencyDetector.patternBreakWords
            let breakEnglish = UrgencyDetector.patternBreakEnglish
            let breakFirsts = UrgencyDetector.patternBreakFirsts
            counts = [Int32](unsafeUninitializedCapacity: 3 * (s.count + 1)) { buffer, initialized in
                var (c0, w0, b0): (Int32, Int32, Int32) = (0, 0, 0)
                buffer[0] = 0
                buffer[1] = 0
                buffer[2] = 0
                for j in 0..<s.count {
                    let c = s[j]
                    if isWordScalar(c) {
                        if j == 0 || !isWordScalar(s[j - 1]) {
                            w0 += 1
                            if breakFirsts.contains(c) {
                                var end = j + 1
                                while end < s.count, isLatin(s[end]) { end += 1 }
                                if breakEnglish.contains(where: { $0.elementsEqual(s[j..<end]) }) { b0 += 1 }
                            }
                        }
                    } else if c <= 0x7F {
                        // An ellipsis ("...") is a pause, not the end of a clause.
                        let ellipsis = j > 0 && s[j - 1] == 0x2E || j + 1 < s.count && s[j + 1] == 0x2E
                        if c == 0x2E ? !ellipsis : isBreak(c) { b0 += 1 }
                    } else if isBreak(c) && c != 0x2026 {
                        b0 += 1
                    } else if !isSpace(c) && c != 0x2026 {
                        c0 += 1
                        if breakFirsts.contains(c),
                            breakWords.contains(where: { starts(s, $0, at: j, before: s.count) })
                        {
                            b0 += 1
                        }
                    }
                    buffer[3 * j + 3] = c0
                    buffer[3 * j + 4] = w0
                    buffer[3 * j + 5] = b0
                }
                initialized = 3 * (s.count + 1)
            }
        }

        /// Whether `gap` may lie between two parts: one clause, within the window.
        @inline(__always)
        func allow(_ gap: Range<Int>) -> Bool {
            let (a, b) = (3 * gap.lowerBound, 3 * gap.upperBound)
            return counts[b + 2] == counts[a + 2]
                && Int(counts[b] - counts[a]) <= UrgencyDetector.maxChineseGap
                && Int(counts[b + 1] - counts[a + 1]) <= UrgencyDetector.maxWordGap
        }
    }

    // MARK: - Entries

    /// An entry's parts, split at "..." or "…", each with its alternatives, split at "|", folded like the text;
    /// `anyOrder` when the entry starts with "~".
    static func parse(_ entry: String) -> (anyOrder: Bool, parts: [[[UInt32]]]) {
        let scalars = prepare(entry)
        var i = 0
        while i < scalars.count, isSpace(scalars[i]) { i += 1 }
        let anyOrder = i < scalars.count && scalars[i] == 0x7E
        if anyOrder { i += 1 }
        var parts: [[[UInt32]]] = []
        var part: [[UInt32]] = []
        var current: [UInt32] = []
        func endAlternative() {
            let alternative = normalized(current)
            if !alternative.isEmpty, !part.contains(alternative) { part.append(alternative) }
            current = []
        }
        func endPart() {
            endAlternative()
            if !part.isEmpty { parts.append(part) }
            part = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == 0x2026 {
                endPart()
                i += 1
            } else if c == 0x2E, i + 2 < scalars.count, scalars[i + 1] == 0x2E, scalars[i + 2] == 0x2E {
                endPart()
                while i < scalars.count, scalars[i] == 0x2E { i += 1 }
            } else if c == 0x7C {
                endAlternative()
                i += 1
            } else {
                current.append(c)
                i += 1
            }
        }
        endPart()
        return (anyOrder, parts)
    }

    /// Runs of whitespace as one space, trimmed.
    static func normalized(_ scalars: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        for scalar in scalars {
            if isSpace(scalar) {
                if let last = out.last, last != 0x20 { out.append(0x20) }
            } else {
                out.append(scalar)
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return out
    }

    /// The folded text as scalar values, with typographic apostrophes made plain.
    static func prepare(_ text: String) -> [UInt32] {
        // `TextNormalizer.basicFold` scalar by scalar: the same folding, without walking graphemes.
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            out.append(scalar == "\u{2019}" || scalar == "\u{2018}" ? 0x27 : TextNormalizer.foldScalar(scalar).value)
        }
        return out
    }

    // MARK: - Tables

    /// Phrases as a trie over scalar values: matching at a position walks the text once, however many phrases
    /// there are.
    struct PhraseTable: Sendable {
        struct Match {
            var range: Range<Int>
            var phrase: Int
        }

        /// The child of node `n` by scalar `c` is `edges[key(n, c)]`; node 0 is the root.
        private let edges: KeyMap
        /// For each node: the scalar that leads to it, and the phrase that ends there (or -1).
        private let incoming: [UInt32]
        private let terminal: [Int32]
        /// Each phrase's length in scalars.
        private let lengths: [Int32]
        /// The first scalars of all phrases in the Basic Multilingual Plane: most positions of a text start no
        /// phrase, and this says so with one bit test.
        private let starters: [UInt64]

        init(_ phrases: [[UInt32]]) {
            var children: [UInt64: Int32] = [:]
            var incoming: [UInt32] = [0]
            var terminal: [Int32] = [-1]
            var starters = [UInt64](repeating: 0, count: 1024)
            for (k, phrase) in phrases.enumerated() {
                guard let first = phrase.first else { continue }
                if first < 0x10000 { starters[Int(first >> 6)] |= 1 << UInt64(first & 63) }
                var node: Int32 = 0
                for c in phrase {
                    if let child = children[Self.key(node, c)] {
                        node = child
                    } else {
                        let child = Int32(incoming.count)
                        incoming.append(c)
                        terminal.append(-1)
                        children[Self.key(node, c)] = child
                        node = child
                    }
                }
                if terminal[Int(node)] < 0 { terminal[Int(node)] = Int32(k) }
            }
            edges = KeyMap(children)
            self.incoming = incoming
            self.terminal = terminal
            lengths = phrases.map { Int32($0.count) }
            self.starters = starters
        }

        @inline(__always)
        static func key(_ node: Int32, _ c: UInt32) -> UInt64 { UInt64(node) << 21 | UInt64(c) }

        var isEmpty: Bool { incoming.count == 1 }

        /// Finds the phrases that match at `i`: adds each to `all` when `keepAll`, and keeps the longest in `best`
        /// (the first given of equal ones). A space in a phrase matches a run of whitespace; Latin phrases need
        /// word boundaries, with a plural "s" allowed when `plural`; with `particle`, one 了 may stand between two
        /// Chinese scalars of a phrase.
        @inline(__always)
        func walk(
            _ s: [UInt32], at i: Int, plural: Bool, particle: Bool, keepAll: Bool, _ all: inout [Match],
            _ best: inout Match?
        ) {
            let first = s[i]
            if first < 0x10000, starters[Int(first >> 6)] & (1 << UInt64(first & 63)) == 0 { return }
            if i > 0, isLatin(first), isLatin(s[i - 1]) { return }
            follow(
                s, from: 0, start: i, at: i, skipped: false, plural: plural, particle: particle, keepAll, &all, &best)
        }

        /// Follows the text from `node` at `j`; a skipped 了 branches off (at most once per phrase).
        private func follow(
            _ s: [UInt32], from node: Int32, start: Int, at j: Int, skipped: Bool, plural: Bool, particle: Bool,
            _ keepAll: Bool, _ all: inout [Match], _ best: inout Match?
        ) {
            var node = node
            var j = j
            while true {
                let k = terminal[Int(node)]
                if k >= 0 {
                    var end = j
                    if isLatin(incoming[Int(node)]) {
                        if plural, end < s.count, s[end] == 0x73, end + 1 == s.count || !isLatin(s[end + 1]) {
                            end += 1
                        }
                        if end < s.count && isLatin(s[end]) { end = -1 }
                    }
                    if end >= 0 {
                        let match = Match(range: start..<end, phrase: Int(k))
                        if keepAll { all.append(match) }
                        if let current = best {
                            let (a, b) = (lengths[Int(k)], lengths[current.phrase])
                            if a > b || a == b && Int(k) < current.phrase { best = match }
                        } else {
                            best = match
                        }
                    }
                }
                guard j < s.count else { return }
                let c = s[j]
                if isSpace(c) {
                    let child = node == 0 ? -1 : edges.value(Self.key(node, 0x20))
                    guard child >= 0 else { return }
                    j += 1
                    while j < s.count, isSpace(s[j]) { j += 1 }
                    node = child
                    continue
                }
                if particle, !skipped, c == 0x4E86, node != 0, incoming[Int(node)] > 0x2E80, j + 1 < s.count,
                    s[j + 1] > 0x2E80, s[j + 1] != 0x4E86
                {
                    // One 了 inside a Chinese phrase (where the phrase itself has no 了).
                    let child = edges.value(Self.key(node, s[j + 1]))
                    if child >= 0 {
                        follow(
                            s, from: child, start: start, at: j + 2, skipped: true, plural: plural, particle: particle,
                            keepAll, &all, &best)
                    }
                }
                let child = edges.value(Self.key(node, c))
                guard child >= 0 else { return }
                node = child
                j += 1
            }
        }

        /// Leftmost-longest matches, without overlaps.
        func scan(_ s: [UInt32], plural: Bool, particle: Bool) -> [Match] {
            var found: [Match] = []
            guard !isEmpty else { return found }
            var i = 0
            while i < s.count {
                var best: Match?
                walk(s, at: i, plural: plural, particle: particle, keepAll: false, &found, &best)
                if let best {
                    found.append(best)
                    i = best.range.upperBound
                } else {
                    i += 1
                }
            }
            return found
        }

        /// Every match, overlaps included, in order of where they start.
        func scanAll(_ s: [UInt32]) -> [Match] {
            var found: [Match] = []
            guard !isEmpty else { return found }
            var best: Match?
            for i in 0..<s.count { walk(s, at: i, plural: true, particle: true, keepAll: true, &found, &best) }
            return found
        }
    }

    /// The patterns: each a list of parts, each part a list of alternatives (phrases of a `PhraseTable`).
    struct PatternTable: Sendable {
        /// Pattern `p` has the parts `partList[patternParts[p]]` and names `patternEntries[p]`.
        private let patternParts: [Range<Int32>]
        private let partList: [Int32]
        private let patternEntries: [Int32]
        /// Alternative `a` belongs to the parts `phrasePartList[phraseParts[a]]`.
        private let phraseParts: [Range<Int32>]
        private let phrasePartList: [Int32]
        /// The patterns that start with part `q` are `startList[partStarts[q]]`.
        private let partStarts: [Range<Int32>]
        private let startList: [Int32]
        let partCount: Int

        var isEmpty: Bool { patternParts.isEmpty }

        func entry(_ p: Int) -> Int32 { patternEntries[p] }

        /// Part `k` of pattern `p`, or nil past its last part.
        @inline(__always)
        func part(_ k: Int, of p: Int) -> Int? {
            let index = Int(patternParts[p].lowerBound) + k
            return index < Int(patternParts[p].upperBound) ? Int(partList[index]) : nil
        }

        /// Whether every part of pattern `p` occurs.
        func allParts(of p: Int, occurIn occurrences: PartOccurrences) -> Bool {
            for index in Int(patternParts[p].lowerBound)..<Int(patternParts[p].upperBound)
            where !occurrences.has(Int(partList[index])) {
                return false
            }
            return true
        }

        /// The patterns that start with part `q`, as indices for `startingPattern(_:)`.
        @inline(__always)
        func patterns(startingWith q: Int) -> Range<Int> {
            Int(partStarts[q].lowerBound)..<Int(partStarts[q].upperBound)
        }

        @inline(__always)
        func startingPattern(_ index: Int) -> Int { Int(startList[index]) }

        /// The parts that have alternative `a`, as indices for `containingPart(_:)`.
        @inline(__always)
        func parts(containing a: Int) -> Range<Int> { Int(phraseParts[a].lowerBound)..<Int(phraseParts[a].upperBound) }

        @inline(__always)
        func containingPart(_ index: Int) -> Int { Int(phrasePartList[index]) }

        /// Collects patterns, sharing equal parts and alternatives between them.
        struct Builder {
            var alternatives: [[UInt32]] = []
            var alternativeIndex: [[UInt32]: Int32] = [:]
            var parts: [[Int32]] = []
            var partIndex: [[Int32]: Int32] = [:]
            var patterns: [(parts: [Int32], entry: Int32)] = []
            var seen: Set<[Int32]> = []

            mutating func add(_ parts: [[[UInt32]]], anyOrder: Bool, entry: Int) {
                let ids = parts.map { part(for: $0) }
                for order in Self.orders(of: ids.count, all: anyOrder) {
                    let ordered = order.map { ids[$0] }
                    if seen.insert(ordered).inserted { patterns.append((ordered, Int32(entry))) }
                }
            }

            mutating func part(for alternatives: [[UInt32]]) -> Int32 {
                let ids = alternatives.map { alternative -> Int32 in
                    if let id = alternativeIndex[alternative] { return id }
                    self.alternatives.append(alternative)
                    alternativeIndex[alternative] = Int32(self.alternatives.count - 1)
                    return Int32(self.alternatives.count - 1)
                }
                if let id = partIndex[ids] { return id }
                parts.append(ids)
                partIndex[ids] = Int32(parts.count - 1)
                return Int32(parts.count - 1)
            }

            /// The orders in which to look for `n` parts: every order of up to four when `all`, else the given one.
            static func orders(of n: Int, all: Bool) -> [[Int]] {
                guard all, n <= 4 else { return [Array(0..<n)] }
                var result: [[Int]] = []
                func permute(_ prefix: [Int], _ rest: [Int]) {
                    if rest.isEmpty { result.append(prefix) }
                    for (k, x) in rest.enumerated() {
                        var remaining = rest
                        remaining.remove(at: k)
                        permute(prefix + [x], remaining)
                    }
                }
                permute([], Array(0..<n))
                return result
            }

            func build() -> (PhraseTable, PatternTable) {
                (PhraseTable(alternatives), PatternTable(self))
            }
        }

        init(_ builder: Builder) {
            var patternParts: [Range<Int32>] = []
            var partList: [Int32] = []
            for pattern in builder.patterns {
                patternParts.append(Int32(partList.count)..<Int32(partList.count + pattern.parts.count))
                partList += pattern.parts
            }
            var partsOfPhrase = Array(repeating: [Int32](), count: builder.alternatives.count)
            for (q, part) in builder.parts.enumerated() {
                for a in part { partsOfPhrase[Int(a)].append(Int32(q)) }
            }
            var phraseParts: [Range<Int32>] = []
            var phrasePartList: [Int32] = []
            for parts in partsOfPhrase {
                phraseParts.append(Int32(phrasePartList.count)..<Int32(phrasePartList.count + parts.count))
                phrasePartList += parts
            }
            self.patternParts = patternParts
            self.partList = partList
            patternEntries = builder.patterns.map(\.entry)
            var patternsOfPart = Array(repeating: [Int32](), count: builder.parts.count)
            for (p, pattern) in builder.patterns.enumerated() { patternsOfPart[Int(pattern.parts[0])].append(Int32(p)) }
            var partStarts: [Range<Int32>] = []
            var startList: [Int32] = []
            for patterns in patternsOfPart {
                partStarts.append(Int32(startList.count)..<Int32(startList.count + patterns.count))
                startList += patterns
            }
            self.phraseParts = phraseParts
            self.phrasePartList = phrasePartList
            self.partStarts = partStarts
            self.startList = startList
            partCount = builder.parts.count
        }
    }

    /// Keys to values, by open addressing: a lookup hashes with one multiplication.
    struct KeyMap: Sendable {
        private let keys: [UInt64]
        private let values: [Int32]
        private let mask: Int

        init(_ map: [UInt64: Int32]) {
            var size = 1
            while size < 2 * map.count { size <<= 1 }
            var keys = [UInt64](repeating: .max, count: size)
            var values = [Int32](repeating: -1, count: size)
            for (key, value) in map {
                var slot = Self.slot(key, size - 1)
                while keys[slot] != .max { slot = (slot + 1) & (size - 1) }
                keys[slot] = key
                values[slot] = value
            }
            self.keys = keys
            self.values = values
            mask = size - 1
        }

        @inline(__always)
        static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        }

        /// The value stored for `key`, or -1.
        @inline(__always)
        func value(_ key: UInt64) -> Int32 {
            var slot = Self.slot(key, mask)
            while true {
                let k = keys[slot]
                if k == key { return values[slot] }
                if k == .max { return -1 }
                slot = (slot + 1) & mask
            }
        }
    }

    // MARK: - Scalars

    /// Punctuation that ends a clause.
    @inline(__always)
    static func isBreak(_ c: UInt32) -> Bool {
        switch c {
        case 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0x3A, 0x0A, 0x0D, 0x09, 0x3001, 0x2026, 0x7E, 0x28, 0x29, 0x2014, 0x7C, 0x2F,
            0xFF0C, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x201C, 0x201D, 0x22:
            return true
        default: return false
        }
    }

    /// Latin letters, digits and the apostrophe inside English words: what counts as a word in a gap.
    @inline(__always)
    static func isWordScalar(_ c: UInt32) -> Bool {
        isLatin(c) || c >= 0x30 && c <= 0x39 || c == 0x27
    }

    /// Whether the English word `word` stands at `i`.
    private static func startsWord(_ s: [UInt32], _ word: [UInt32], at i: Int) -> Bool {
        starts(s, word, at: i, before: s.count) && (i + word.count == s.count || !isLatin(s[i + word.count]))
    }

    /// Whether `word` stands at `i` and ends by `limit`.
    private static func starts(_ s: [UInt32], _ word: [UInt32], at i: Int, before limit: Int) -> Bool {
        guard i + word.count <= limit else { return false }
        for k in 0..<word.count where s[i + k] != word[k] { return false }
        return true
    }

    @inline(__always)
    static func isLatin(_ c: UInt32) -> Bool {
        c >= 0x61 && c <= 0x7A || c >= 0x41 && c <= 0x5A
    }

    /// Unicode White_Space, without the property lookup (`properties.isWhitespace` is slow on hot paths).
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        switch c {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
