import Foundation

/// Reads the time an owner offers for a visit ("明天下午", "周六上午", "tomorrow after 6pm") as a `TimeWindow`.
///
/// Understood, in Chinese and English, in any order inside a sentence:
/// - days: 今天, 明天, 后天, 大后天, 今晚, 明早; 周六, 星期六, 礼拜六, 周日/周天; 下周一 (next week's), 这周六;
///   周末 (Saturday); 11月30日, 11月30号, 11.30, 30号 (before a part of the day or a time); today, tonight,
///   tomorrow, the day after tomorrow, saturday, next monday, this saturday, weekend, nov 30, 30 november.
///   A day gone by (上周五, "last friday") or ruled out right after it is named (今天不行, "tomorrow doesn't
///   work") is skipped, so "今天不行 明天下午" is tomorrow afternoon;
/// - parts of the day: 凌晨 00–06, 早上 08–12, 上午 09–12, 中午 11:30–13:30, 下午 13–18, 傍晚 17–19, 晚上 and
///   下班后 18–21, 夜里, 深夜 and 半夜 21–24, 白天 and 全天 09–18; morning, noon, afternoon, evening, tonight,
///   after work;
/// - times: 3点, 3点半, 3点15, 三点一刻, 15:30, 3pm, 3:30 pm, "at 3", "3 o'clock"; 6点以后 and "after 6pm" (until the
///   end of the part of the day named, else 21:00), 10点前 and "before 10am" (from the start of the part named,
///   else 08:00), 2点到4点, 2-4点, "between 2 and 4 pm", "from 2 to 4", "2-4pm". 一点 alone is read as a time
///   only with a day or part of the day before it or a clear ending (一点半, 一点以后), as it often means "a
///   little"; a bare English number only before words that go with a time ("at 3 tomorrow", not "about 10 cats").
///
/// Defaults: a time alone is a one-hour window from it. A day alone is 09:00–18:00. An hour with no am/pm and no
/// part of the day is read within visiting hours: 1–7 are afternoon (3点 = 15:00), 8–12 morning, 13–24 as is;
/// in the evening and at night 12点 is midnight (晚上十二点以后 starts at 00:00 the next day). A weekday is the
/// next such day, today if it is today and the window is still ahead; 下周一 and "next monday" are the Monday of
/// next week (weeks start on Monday). Without a day, a time or part of the day already over today means
/// tomorrow; one under way today starts now. A date already past this year is next year's. Text with no day,
/// part of the day or time gives nil.
///
/// The parser reads any time expression, also in a description ("晚上哗哗响" gives this evening); callers should
/// take the window as a visit time when they asked for one or the owner asks for a visit.
public enum TimeWindowParser: Sendable {
    /// The visit window `text` asks for, read against `now` in `timeZone`, or nil when it names no time.
    public static func find(in text: String, now: Date, timeZone: TimeZone) -> TimeWindow? {
        var scanner = Scanner(text)
        scanner.run()
        return resolve(scanner.reading, now: now, timeZone: timeZone)
    }

    // MARK: - What was read

    enum Week { case coming, this, next, last }

    enum Day {
        case offset(Int)
        case weekday(Int, Week)  // 0 = Monday … 6 = Sunday
        case date(month: Int, day: Int)
        case dayOfMonth(Int)
    }

    /// How an hour without am/pm is read within a part of the day.
    enum Shift { case morning, noon, afternoon, daytime, night }

    struct Part {
        var start: Int  // minutes after midnight
        var end: Int
        var shift: Shift
    }

    enum Meridiem { case am, pm }

    struct Time {
        var hour: Int
        var minute: Int
        var meridiem: Meridiem?
    }

    enum Relation { case at, after, before, between }

    struct Clock {
        var relation: Relation
        var first: Time
        var second: Time?
    }

    struct Reading {
        var day: Day?
        var part: Part?
        var clock: Clock?
        var isEmpty: Bool { day == nil && part == nil && clock == nil }
    }

    static let early = Part(start: 8 * 60, end: 12 * 60, shift: .morning)
    static let morning = Part(start: 9 * 60, end: 12 * 60, shift: .morning)
    static let noon = Part(start: 11 * 60 + 30, end: 13 * 60 + 30, shift: .noon)
    static let afternoon = Part(start: 13 * 60, end: 18 * 60, shift: .afternoon)
    static let dusk = Part(start: 17 * 60, end: 19 * 60, shift: .afternoon)
    static let evening = Part(start: 18 * 60, end: 21 * 60, shift: .night)
    static let night = Part(start: 21 * 60, end: 24 * 60, shift: .night)
    static let smallHours = Part(start: 0, end: 6 * 60, shift: .morning)
    static let daytime = Part(start: 9 * 60, end: 18 * 60, shift: .daytime)

    // MARK: - Resolving against the calendar

    static func resolve(_ reading: Reading, now: Date, timeZone: TimeZone) -> TimeWindow? {
        guard !reading.isEmpty else { return nil }
        var start: Int
        var end: Int
        var isPoint = false
        if let clock = reading.clock {
            let first = minutes(clock.first, part: reading.part, pairedWith: clock.second)
            switch clock.relation {
            case .at:
                (start, end) = (first, first + 60)
                isPoint = true
            case .after:
                start = first
                if let part = reading.part, part.end > first {
                    end = part.end
                } else {
                    end = max(21 * 60, first + 60)
                }
            case .before:
                end = first
                start = reading.part?.start ?? 8 * 60
                if start >= end { start = end - 60 }
            case .between:
                start = first
                end = clock.second.map { minutes($0, part: reading.part, pairedWith: nil) } ?? first + 60
                if end <= start { end = start + 60 }
            }
        } else if let part = reading.part {
            (start, end) = (part.start, part.end)
        } else {
            (start, end) = (daytime.start, daytime.end)
        }
        start = max(0, start)

        // Plain day arithmetic on local time: a Foundation Calendar costs more than all the scanning.
        let secondsNow = now.timeIntervalSince1970
        guard secondsNow.isFinite, abs(secondsNow) < 1e13 else { return nil }
        let offsetNow = timeZone.secondsFromGMT(for: now)
        let today = Int(((secondsNow + Double(offsetNow)) / 86_400).rounded(.down))
        func date(_ dayOffset: Int, _ minute: Int) -> Date {
            let local = Double((today + dayOffset) * 86_400 + minute * 60)
            // The offset at the target itself, once refined, so a daylight-saving change in between is right.
            var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(offsetNow)))
            offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(offset)))
            return Date(timeIntervalSince1970: local - Double(offset))
        }
        func aheadToday() -> Bool {
            isPoint ? date(0, start) > now : date(0, end) > now
        }

        var offset: Int
        switch reading.day {
        case nil:
            offset = aheadToday() ? 0 : 1
        case .offset(let days):
            offset = days
        case .weekday(let target, let week):
            // 1970-01-01 was a Thursday (3 when Monday is 0).
            let weekday = ((today % 7) + 7 + 3) % 7
            switch week {
            case .next: offset = 7 - weekday + target
            case .this, .coming, .last:
                offset = (target - weekday + 7) % 7
                if offset == 0 && !aheadToday() { offset = 7 }
            }
        case .date(let month, let day):
            guard let days = daysUntil(month: month, day: day, today: today, rollMonths: false) else { return nil }
            offset = days
        case .dayOfMonth(let day):
            guard let days = daysUntil(month: nil, day: day, today: today, rollMonths: true) else { return nil }
            offset = days
        }
        var first = date(offset, start)
        let last = date(offset, end)
        if offset == 0, !isPoint, first < now, now < last {
            first = now
        }
        return TimeWindow(start: first, end: last)
    }

    /// Days from `today` (days since 1970-01-01, local) to the next `month`/`day`: this year, else next year;
    /// with `rollMonths`, the `day` of this month, else of the months after. Nil when no such date exists.
    private static func daysUntil(month: Int?, day: Int, today: Int, rollMonths: Bool) -> Int? {
        let (year, currentMonth, _) = civil(fromDays: today)
        for step in 0..<(rollMonths ? 3 : 2) {
            var y = year
            var m = month ?? currentMonth
            if rollMonths {
                m += step
                if m > 12 {
                    m -= 12
                    y += 1
                }
            } else {
                y += step
            }
            guard (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(day) else { continue }
            let target = days(year: y, month: m, day: day)
            if target >= today { return target - today }
        }
        return nil
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Minutes after midnight for `time`, reading an hour without am/pm by the part of the day (or visiting
    /// hours), and borrowing the am/pm of the time it is paired with ("between 2 and 4 pm").
    static func minutes(_ time: Time, part: Part?, pairedWith other: Time?) -> Int {
        var hour = time.hour
        var meridiem = time.meridiem
        if meridiem == nil, let otherMeridiem = other?.meridiem, let otherHour = other?.hour {
            // "10 to 2pm" is 10:00–14:00; "2 to 4pm" is 14:00–16:00.
            let borrowed = otherMeridiem == .pm && hour < 12 ? hour + 12 : hour
            let otherValue = otherMeridiem == .pm && otherHour < 12 ? otherHour + 12 : otherHour
            meridiem = borrowed < otherValue ? otherMeridiem : .am
        }
        switch meridiem {
        case .pm?:
            if hour < 12 { hour += 12 }
        case .am?:
            if hour == 12 { hour = 0 }
        case nil:
            switch part?.shift {
            case .morning?: break
            case .noon?: if hour <= 6 { hour += 12 }
            case .afternoon?: if hour < 12 { hour += 12 }
            case .night?:
                // 晚上7点 is 19:00, 晚上12点 midnight, 半夜2点 the small hours after it.
                if hour == 12 || hour <= 4 {
                    hour += hour == 12 ? 12 : 24
                } else if hour < 12 {
                    hour += 12
                }
            case .daytime?, nil: if hour >= 1 && hour <= 7 { hour += 12 }
            }
        }
        return hour * 60 + time.minute
    }

    // MARK: - Scanning

    /// Words, in folded scalars, with what they say.
    typealias Entry<Value> = (scalars: [Unicode.Scalar], value: Value)

    static func table<Value>(_ pairs: [(String, Value)]) -> [Entry<Value>] {
        pairs.map { (Array($0.0.unicodeScalars), $0.1) }.sorted { $0.scalars.count > $1.scalars.count }
    }

    static let chineseDays: [Entry<(Int, Part?)>] = table([
        ("大后天", (3, nil)), ("后天", (2, nil)), ("明天", (1, nil)), ("明日", (1, nil)), ("明儿", (1, nil)),
        ("明早", (1, early)), ("明晨", (1, early)), ("明晚", (1, evening)), ("今天", (0, nil)), ("今日", (0, nil)),
        ("今儿", (0, nil)), ("今早", (0, early)), ("今晚", (0, evening)), ("当天", (0, nil)),
    ])

    static let chineseParts: [Entry<Part>] = table([
        ("下班以后", evening), ("下班之后", evening), ("下班后", evening), ("午饭后", afternoon),
        ("午饭以后", afternoon), ("午后", afternoon), ("上午", morning), ("早上", early), ("早晨", early),
        ("清早", early), ("一早", early), ("中午", noon), ("下午", afternoon), ("傍晚", dusk), ("晚上", evening),
        ("晚间", evening), ("夜里", night), ("夜间", night), ("深夜", night), ("半夜", night), ("凌晨", smallHours),
        ("白天", daytime), ("全天", daytime), ("一整天", daytime),
    ])

    /// The scalars a Chinese day, weekday or part of the day can start with, to skip the rest quickly.
    static let chineseStarts: Set<Unicode.Scalar> = Set(
        chineseDays.map { $0.scalars[0] } + chineseParts.map { $0.scalars[0] } + ["上", "下", "这", "本", "周", "星", "礼"])

    /// Words after a day that rule it out: 今天不行, 明天没空.
    static let refusals: [[Unicode.Scalar]] = [
        "不行", "没空", "不在", "不方便", "没时间", "不可以", "不能", "没人", "来不了", "不太行", "没在",
    ].map { Array($0.unicodeScalars) }

    enum Keyword {
        case day(Int)
        case weekday(Int)
        case part(Part)
        case month(Int)
        case relation(Relation)
    }

    /// Every English word the scanner acts on, in one table so a word costs one lookup.
    static let englishKeywords: [String: Keyword] = {
        var table: [String: Keyword] = [:]
        for (word, relation) in relationWords { table[word] = .relation(relation) }
        for (word, month) in months { table[word] = .month(month) }
        for (word, part) in englishParts { table[word] = .part(part) }
        for (word, weekday) in weekdays { table[word] = .weekday(weekday) }
        for (word, offset) in englishDays { table[word] = .day(offset) }
        return table
    }()

    static let englishDays: [String: Int] = [
        "today": 0, "tonight": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "tomorow": 1, "tommorow": 1,
        "tommorrow": 1, "tomorrows": 1,
    ]

    static let weekdays: [String: Int] = [
        "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2,
        "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sunday": 6,
        "weekend": 5,
    ]

    static let englishParts: [String: Part] = [
        "morning": morning, "noon": noon, "midday": noon, "lunchtime": noon, "afternoon": afternoon,
        "evening": evening, "night": evening, "tonight": evening,
    ]

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// Words that may follow a bare hour ("at 3 tomorrow", "from 2 to 4"); any other word makes it a quantity.
    static let wordsAfterTime: Set<String> = [
        "tomorrow", "today", "tonight", "tmr", "tmrw", "on", "in", "this", "next", "or", "and", "to", "till",
        "until", "please", "pls", "if", "is", "works", "would", "will", "should", "ok", "okay", "then", "for",
        "sharp", "latest", "at", "morning", "afternoon", "evening", "night", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "weekend",
    ]

    /// What may follow 一点 or N时 to make it a clock time.
    static let clockEndings: [String] = [
        "半", "钟", "以后", "之后", "以前", "之前", "前", "后", "到", "至", "左右", "多", "整", "许", "分", "-", "~",
        "一刻", "三刻",
    ]

    static let relationSuffixes: [(String, Relation)] = [
        ("以后", .after), ("之后", .after), ("过后", .after), ("后", .after), ("以前", .before), ("之前", .before),
        ("前", .before),
    ]

    static let meridiems: [(String, Meridiem)] = [("a.m.", .am), ("p.m.", .pm), ("am", .am), ("pm", .pm)]

    static let relationWords: [String: Relation] = [
        "at": .at, "around": .at, "about": .at, "after": .after, "since": .after, "from": .after,
        "before": .before, "by": .before, "until": .before, "till": .before, "between": .between,
    ]

    /// Characters before a Chinese numeral that make 一点 "a little" rather than one o'clock.
    static let adverbs: Set<Unicode.Scalar> = [
        "快", "早", "晚", "慢", "好", "大", "小", "多", "少", "有", "差", "高", "低", "近", "远", "轻", "重", "这", "那",
        "几", "第", "点", "再", "稍", "还", "微", "一", "强", "弱", "长", "短", "亮", "暗", "热", "冷", "清", "简",
    ]

    struct Scanner {
        let s: [Unicode.Scalar]
        var reading = Reading()

        init(_ text: String) {
            // `TextNormalizer.basicFold` scalar by scalar: the same folding, without walking graphemes (ten times faster).
            s = text.unicodeScalars.map { $0 == "\u{2019}" ? "'" : TextNormalizer.foldScalar($0) }
        }

        mutating func run() {
            var i = 0
            while i < s.count {
                let next = step(at: i)
                i = max(next, i + 1)
            }
        }

        /// Reads whatever starts at `i`; returns where to go on.
        mutating func step(at i: Int) -> Int {
            let c = s[i]
            if isLatin(c) {
                guard i == 0 || !isLatin(s[i - 1]) else { return i + 1 }
                return english(at: i)
            }
            if isDigit(c) || isChineseNumeral(c) {
                if let end = numeric(at: i) { return end }
            }
            if c.value >= 0x2E80 {
                if let end = chinese(at: i) { return end }
            }
            return i + 1
        }

        // MARK: Chinese words

        mutating func chinese(at i: Int) -> Int? {
            guard TimeWindowParser.chineseStarts.contains(s[i]) else { return nil }
            if let entry = TimeWindowParser.chineseDays.first(where: { has($0.scalars, at: i) }) {
                let end = i + entry.scalars.count
                if !refused(after: end) {
                    setDay(.offset(entry.value.0))
                    if let part = entry.value.1 { setPart(part) }
                }
                return end
            }
            if let (weekday, week, end) = chineseWeekday(at: i) {
                // 上周五 is a day gone by, not one offered for a visit.
                if week != .last && !refused(after: end) { setDay(.weekday(weekday, week)) }
                return end
            }
            if let entry = TimeWindowParser.chineseParts.first(where: { has($0.scalars, at: i) }) {
                setPart(entry.value)
                return i + entry.scalars.count
            }
            return nil
        }

        /// 周六, 星期六, 礼拜天, 下周一, 这周五, 周末.
        func chineseWeekday(at i: Int) -> (Int, Week, Int)? {
            var j = i
            var week = Week.coming
            if has("上个", at: j) {
                week = .last
                j += 2
            } else if has("上", at: j) {
                week = .last
                j += 1
            } else if has("下个", at: j) {
                week = .next
                j += 2
            } else if has("下", at: j) {
                week = .next
                j += 1
            } else if has("这个", at: j) {
                week = .this
                j += 2
            } else if has("这", at: j) || has("本", at: j) {
                week = .this
                j += 1
            }
            if has("星期", at: j) || has("礼拜", at: j) {
                j += 2
            } else if has("周", at: j) {
                j += 1
            } else {
                return nil
            }
            guard j < s.count else { return nil }
            let day: Int
            switch s[j] {
            case "一", "1": day = 0
            case "二", "2": day = 1
            case "三", "3": day = 2
            case "四", "4": day = 3
            case "五", "5": day = 4
            case "六", "6", "末": day = 5
            case "日", "天", "七", "7": day = 6
            default: return nil
            }
            // 周1 but not 周12; 周一 but not 一周一次 read backwards.
            if j + 1 < s.count, isDigit(s[j]), isDigit(s[j + 1]) { return nil }
            return (day, week, j + 1)
        }

        /// Whether the owner rules the day out right after naming it (今天不行, "tomorrow doesn't work").
        func refused(after end: Int) -> Bool {
            var j = end
            while j < s.count, j - end < 3, s[j] == " " || s[j] == "," || s[j] == "是" || s[j] == "的" { j += 1 }
            if TimeWindowParser.refusals.contains(where: { has($0, at: j) }) { return true }
            let next = words(from: end, count: 2)
            if let first = next.first {
                if ["busy", "bad", "not"].contains(first) { return true }
                if ["doesn't", "won't", "isn't", "can't", "cannot"].contains(first) { return true }
                if first == "is", next.count > 1, ["bad", "not", "no", "busy"].contains(next[1]) { return true }
            }
            return false
        }

        // MARK: Numbers

        /// Times, dates and day numbers that start with a digit or a Chinese numeral.
        mutating func numeric(at i: Int) -> Int? {
            if i > 0, isDigit(s[i - 1]) || isChineseNumeral(s[i - 1]) || s[i - 1] == "." || s[i - 1] == ":" {
                return nil
            }
            if let end = chineseDate(at: i) { return end }
            if let end = dottedDate(at: i) { return end }
            if let end = dayMonth(at: i) { return end }
            guard let (first, afterFirst, explicit) = time(at: i) else { return nil }
            if let (second, end) = rangeEnd(after: afterFirst, firstExplicit: explicit) {
                setClock(Clock(relation: .between, first: first, second: second))
                return end
            }
            guard explicit else { return nil }
            let (relation, end) = suffix(after: afterFirst)
            setClock(Clock(relation: relation, first: first, second: nil))
            return end
        }

        /// A time at `i`: 3点, 3点半, 三点一刻, 3点15, 15:30, 3pm, 3:30 pm, 3 o'clock; or a bare hour (explicit false).
        func time(at i: Int) -> (Time, Int, Bool)? {
            guard let (hour, afterHour, chineseNumeral) = number(at: i, maxDigits: 2), hour <= 24 else { return nil }
            var j = afterHour
            if j < s.count, s[j] == "点" || s[j] == "时" {
                if chineseNumeral, i > 0, TimeWindowParser.adverbs.contains(s[i - 1]) { return nil }
                let marker = s[j]
                j += 1
                if j < s.count, "点儿也都".unicodeScalars.contains(s[j]) { return nil }
                if chineseNumeral {
                    // 一点 is as often "a little" (一点礼貌都没有), and 三时 part of 百分之三时: without a day or part
                    // of the day before them, such times need a clear ending (一点半, 一点以后, 三时许).
                    let clear =
                        TimeWindowParser.clockEndings.contains { has($0, at: j) } || j < s.count && isDigit(s[j])
                    let ambiguous = marker == "时" || hour == 1 && afterHour - i == 1
                    if ambiguous && !clear && reading.part == nil && reading.day == nil { return nil }
                }
                if has("钟", at: j) { j += 1 }
                var minute = 0
                if has("半", at: j) {
                    minute = 30
                    j += 1
                } else if has("一刻", at: j) {
                    minute = 15
                    j += 2
                } else if has("三刻", at: j) {
                    minute = 45
                    j += 2
                } else if let (m, afterMinute, chineseMinute) = number(at: j, maxDigits: 2), m <= 59 {
                    if has("分", at: afterMinute) {
                        minute = m
                        j = afterMinute + 1
                    } else if !chineseMinute, afterMinute - j == 2 {
                        minute = m
                        j = afterMinute
                    }
                }
                return (Time(hour: hour, minute: minute, meridiem: nil), j, true)
            }
            guard !chineseNumeral else { return (Time(hour: hour, minute: 0, meridiem: nil), j, false) }
            var minute = 0
            var explicit = false
            if j + 2 < s.count, s[j] == ":", isDigit(s[j + 1]), isDigit(s[j + 2]) {
                guard j + 3 >= s.count || !isDigit(s[j + 3]) else { return nil }
                minute = Int(s[j + 1].value - 48) * 10 + Int(s[j + 2].value - 48)
                guard minute <= 59 else { return nil }
                j += 3
                explicit = true
            }
            var k = j
            while k < s.count, s[k] == " ", k - j < 2 { k += 1 }
            if let (meridiem, end) = meridiem(at: k), hour <= 12 {
                return (Time(hour: hour, minute: minute, meridiem: meridiem), end, true)
            }
            if has("o'clock", at: k) || has("oclock", at: k) {
                return (Time(hour: hour, minute: minute, meridiem: nil), k + (has("o'clock", at: k) ? 7 : 6), true)
            }
            // A bare number followed by a word is a time only before words that go with one ("at 3 tomorrow"),
            // not before a noun ("about 10 cats", "after 2 days").
            if !explicit, let word = words(from: j, count: 1).first, !TimeWindowParser.wordsAfterTime.contains(word) {
                return nil
            }
            if !explicit, j < s.count, "%元块号楼栋层月日天次个分秒年岁米".unicodeScalars.contains(s[j]) { return nil }
            return (Time(hour: hour, minute: minute, meridiem: nil), j, explicit)
        }

        /// am, pm, a.m., p.m. at `i`, ending on a word boundary.
        func meridiem(at i: Int) -> (Meridiem, Int)? {
            for (text, value) in TimeWindowParser.meridiems where has(text, at: i) {
                let end = i + text.count
                if end < s.count, isLatin(s[end]) { continue }
                return (value, end)
            }
            return nil
        }

        /// The end of a range after a first time: 到5点, -5点, to 4pm, and 4, till 6.
        /// With `bareWords`, two bare hours joined by a word make a range too ("from 2 to 4").
        func rangeEnd(after i: Int, firstExplicit: Bool, bareWords: Bool = false) -> (Time, Int)? {
            var j = i
            while j < s.count, s[j] == " ", j - i < 2 { j += 1 }
            var connector = 0
            var isWord = false
            if j < s.count, "到至-~–—".unicodeScalars.contains(s[j]) {
                connector = 1
            } else if let word = words(from: j, count: 1).first, ["to", "till", "until", "and"].contains(word) {
                connector = word.unicodeScalars.count
                isWord = true
            }
            guard connector > 0 else { return nil }
            j += connector
            while j < s.count, s[j] == " ", j - i < 6 { j += 1 }
            guard j < s.count, isDigit(s[j]) || isChineseNumeral(s[j]), let (second, end, explicit) = time(at: j)
            else { return nil }
            guard firstExplicit || explicit || bareWords && isWord else { return nil }
            // "5-1-302" is not 5 to 1: a bare second hour glued to more digits ends nothing.
            if !explicit, end < s.count, isDigit(s[end]) || "-./:#".unicodeScalars.contains(s[end]) { return nil }
            return (second, end)
        }

        /// The relation after a time: 以后, 之后, 后 → after; 以前, 之前, 前 → before; otherwise at.
        func suffix(after i: Int) -> (Relation, Int) {
            var j = i
            while j < s.count, s[j] == " ", j - i < 2 { j += 1 }
            for (text, relation) in TimeWindowParser.relationSuffixes where has(text, at: j) {
                return (relation, j + text.count)
            }
            return (.at, i)
        }

        /// 11月30日, 11月30号, 11月30; 30号 before a part of the day or a time.
        mutating func chineseDate(at i: Int) -> Int? {
            guard let (first, afterFirst, _) = number(at: i, maxDigits: 2) else { return nil }
            if has("月", at: afterFirst) {
                guard (1...12).contains(first), let (day, afterDay, _) = number(at: afterFirst + 1, maxDigits: 2),
                    (1...31).contains(day)
                else { return nil }
                var end = afterDay
                if has("日", at: end) || has("号", at: end) { end += 1 }
                setDay(.date(month: first, day: day))
                return end
            }
            guard (1...31).contains(first), has("号", at: afterFirst) else { return nil }
            let end = afterFirst + 1
            var j = end
            while j < s.count, s[j] == " ", j - end < 2 { j += 1 }
            let partFollows = TimeWindowParser.chineseParts.contains { has($0.scalars, at: j) }
            let timeFollows = j < s.count && (isDigit(s[j]) || isChineseNumeral(s[j])) && time(at: j)?.2 == true
            guard partFollows || timeFollows else { return nil }
            setDay(.dayOfMonth(first))
            return end
        }

        /// 11.30: a month, a dot and a two-digit day, standing alone.
        mutating func dottedDate(at i: Int) -> Int? {
            guard let (month, afterMonth, chineseNumeral) = number(at: i, maxDigits: 2), !chineseNumeral,
                (1...12).contains(month), afterMonth + 2 < s.count, s[afterMonth] == ".",
                isDigit(s[afterMonth + 1]), isDigit(s[afterMonth + 2])
            else { return nil }
            let end = afterMonth + 3
            if end < s.count, isDigit(s[end]) || s[end] == "." || isLatin(s[end]) { return nil }
            if end < s.count, "%元块分万米号楼栋层".unicodeScalars.contains(s[end]) { return nil }
            let day = Int(s[afterMonth + 1].value - 48) * 10 + Int(s[afterMonth + 2].value - 48)
            guard (1...31).contains(day) else { return nil }
            setDay(.date(month: month, day: day))
            return end
        }

        /// A number at `i`: up to `maxDigits` ASCII digits, or a short Chinese numeral (三, 十一, 两).
        func number(at i: Int, maxDigits: Int) -> (Int, Int, Bool)? {
            guard i < s.count else { return nil }
            var j = i
            if isDigit(s[i]) {
                var value = 0
                while j < s.count, isDigit(s[j]) {
                    value = value * 10 + Int(s[j].value - 48)
                    j += 1
                    if j - i > maxDigits { return nil }
                }
                return (value, j, false)
            }
            while j < s.count, isChineseNumeral(s[j]), j - i < 3 { j += 1 }
            guard j > i, let value = ChineseNumber.value(s[i..<j]) else { return nil }
            return (value, j, true)
        }

        // MARK: English words

        mutating func english(at i: Int) -> Int {
            var end = i
            while end < s.count, isLatin(s[end]) || s[end] == "'" && end + 1 < s.count && isLatin(s[end + 1]) {
                end += 1
            }
            // Every keyword has at most nine letters; longer words are skipped without building a string.
            guard end - i <= 9 else { return end }
            let word = TimeWindowParser.ascii(s, i..<end)
            if word == "day" {
                if words(from: end, count: 2) == ["after", "tomorrow"] { setDay(.offset(2)) }
                return end
            }
            guard let keyword = TimeWindowParser.englishKeywords[word] else { return end }
            switch keyword {
            case .day(let offset):
                if wordBefore(i) != "not" && !refused(after: end) {
                    setDay(.offset(offset))
                    if word == "tonight" { setPart(TimeWindowParser.evening) }
                }
                return end
            case .weekday(let weekday):
                let previous = wordBefore(i)
                let week: Week = previous == "next" ? .next : previous == "this" ? .this : .coming
                if previous != "not" && previous != "last" && !refused(after: end) { setDay(.weekday(weekday, week)) }
                return end
            case .part(let part):
                if wordBefore(i) == "this" { setDay(.offset(0)) }
                setPart(part)
                return end
            case .month(let month):
                return monthDate(month, after: end) ?? end
            case .relation(let relation):
                if word == "after", words(from: end, count: 1) == ["work"] {
                    setPart(TimeWindowParser.evening)
                    return end
                }
                var j = end
                while j < s.count, s[j] == " ", j - end < 3 { j += 1 }
                guard j < s.count, isDigit(s[j]), let (first, afterFirst, explicit) = time(at: j), first.hour <= 23
                else { return end }
                if let (second, rangeEnd) = rangeEnd(after: afterFirst, firstExplicit: explicit, bareWords: true) {
                    setClock(Clock(relation: .between, first: first, second: second))
                    return rangeEnd
                }
                guard relation != .between else { return afterFirst }
                // "at 3-2-501", "by 5.5": a bare number glued to more is not a time.
                if !explicit, afterFirst < s.count,
                    "-./#:".unicodeScalars.contains(s[afterFirst]) || isLatin(s[afterFirst])
                {
                    return afterFirst
                }
                setClock(Clock(relation: relation, first: first, second: nil))
                return afterFirst
            }
        }

        /// "30 november", "30th of nov": a day number, then a month name.
        mutating func dayMonth(at i: Int) -> Int? {
            guard let (day, afterDay, chineseNumeral) = number(at: i, maxDigits: 2), !chineseNumeral,
                (1...31).contains(day)
            else { return nil }
            var j = afterDay
            for ordinal in ["st", "nd", "rd", "th"] where has(ordinal, at: j) { j += 2 }
            guard j < s.count, s[j] == " " else { return nil }
            var next = words(from: j, count: 2)
            if next.first == "of" { next.removeFirst() }
            guard let name = next.first, case .month(let month)? = TimeWindowParser.englishKeywords[name] else {
                return nil
            }
            // Skip to the end of the month name.
            var end = j
            while end < s.count, s[end] == " " { end += 1 }
            if has("of", at: end) {
                end += 2
                while end < s.count, s[end] == " " { end += 1 }
            }
            while end < s.count, isLatin(s[end]) { end += 1 }
            setDay(.date(month: month, day: day))
            return end
        }

        /// "nov 30", "november 30th" after a month name.
        mutating func monthDate(_ month: Int, after end: Int) -> Int? {
            var j = end
            while j < s.count, s[j] == " " || s[j] == ".", j - end < 2 { j += 1 }
            guard let (day, afterDay, chineseNumeral) = number(at: j, maxDigits: 2), !chineseNumeral,
                (1...31).contains(day)
            else { return nil }
            var k = afterDay
            for ordinal in ["st", "nd", "rd", "th"] where has(ordinal, at: k) { k += 2 }
            if k < s.count, isLatin(s[k]) || isDigit(s[k]) || s[k] == ":" { return nil }
            setDay(.date(month: month, day: day))
            return k
        }

        /// The English word just before `i`, if only spaces separate them.
        func wordBefore(_ i: Int) -> String? {
            var j = i - 1
            while j >= 0, s[j] == " " { j -= 1 }
            guard j >= 0, j < i - 1, isLatin(s[j]) else { return nil }
            let end = j + 1
            while j >= 0, isLatin(s[j]) { j -= 1 }
            return TimeWindowParser.ascii(s, (j + 1)..<end)
        }

        /// Up to `count` English words from `i`, separated by spaces only.
        func words(from i: Int, count: Int) -> [String] {
            var out: [String] = []
            var j = i
            while out.count < count {
                while j < s.count, s[j] == " " { j += 1 }
                let start = j
                while j < s.count, isLatin(s[j]) || s[j] == "'" { j += 1 }
                guard j > start else { break }
                out.append(TimeWindowParser.ascii(s, start..<j))
            }
            return out
        }

        // MARK: Filling the reading

        mutating func setDay(_ day: Day) {
            if reading.day == nil { reading.day = day }
        }

        mutating func setPart(_ part: Part) {
            if reading.part == nil { reading.part = part }
        }

        mutating func setClock(_ clock: Clock) {
            if reading.clock == nil { reading.clock = clock }
        }

        func has(_ word: String, at i: Int) -> Bool {
            guard i >= 0 else { return false }
            var j = i
            for scalar in word.unicodeScalars {
                guard j < s.count, s[j] == scalar else { return false }
                j += 1
            }
            return true
        }

        func has(_ word: [Unicode.Scalar], at i: Int) -> Bool {
            guard i >= 0, i + word.count <= s.count else { return false }
            for k in 0..<word.count where s[i + k] != word[k] { return false }
            return true
        }
    }

    static func isLatin(_ c: Unicode.Scalar) -> Bool { c.value >= 0x61 && c.value <= 0x7A }
    static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0.value >= 0x30 && $0.value <= 0x39 } ?? false }
    static func isChineseNumeral(_ c: Unicode.Scalar?) -> Bool {
        guard let c, c.value >= 0x3000 else { return false }
        switch c {
        case "零", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }

    /// The ASCII scalars `s[range]` as a string, without the slow generic scalar-view append.
    static func ascii(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (k, i) in range.enumerated() { buffer[k] = UInt8(truncatingIfNeeded: s[i].value) }
            return range.count
        }
    }
}
