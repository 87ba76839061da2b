/// Finds the flat a message names and normalises it as `building-unit-room` (`3-2-501`; no unit: `6--1101`).
///
/// Understood forms, inside any sentence and in full- or half-width: `3-2-501`, `3-2-501室`, `5#1-302`,
/// `3栋2单元501`, `四栋一单元302`, `十一栋四单元七零三`, `5号楼1单元302室`, `6幢1101`, `3栋501`, `A座1201`,
/// `B3-1204` (a letter-and-digits building), `5号1单元302`, a unit and room (`1单元302`, `1203室`) whose building
/// is named elsewhere in the message, and English: "Block 8, entrance 3, apt 1204", "Building 3, unit 2, room
/// 501", "unit 1502 of building 9", "apt 1204, block 8", "bldg 5 unit 1 rm 302". Prefixes such as 二区 or 一期
/// are skipped.
///
/// Limits that keep other numbers out: a building has at most three digits (or is a letter with up to two
/// digits), a unit at most two; a room has three or four digits, a floor 1–99 and a door 01–99 (`501`, `1101`),
/// unless 室, 房 or an English word (room, apt, flat, unit) marks it, when two to five digits are enough.
/// A building or floor alone (`5号楼电梯`, `8栋1单元12楼`) is not a room; nor are phone numbers, dates, times,
/// money, ticket numbers, counts or parking spaces (`B2层88号`). When a message names several flats, the first
/// complete one wins.
public enum RoomParser: Sendable {
    /// The flat `text` names, normalised (`3-2-501`, `6--1101`, `A--1201`), or nil when it names none.
    public static func find(in text: String) -> String? {
        let original = Array(text.unicodeScalars)
        // `TextNormalizer.basicFold` scalar by scalar: the same folding, without walking graphemes (ten times faster).
        let folded = original.map(TextNormalizer.foldScalar)
        let tokens = tokenize(folded)
        guard tokens.contains(where: { $0.kind == .number || $0.kind == .chineseNumber }) else { return nil }
        var parts: [Part] = []
        var i = 0
        while i < tokens.count {
            if let (part, next) = chain(tokens, at: i)
                ?? unitFirst(tokens, at: i)
                ?? explicitRoom(tokens, at: i)
                ?? english(tokens, at: i, original: original)
            {
                if part.building != nil && part.room != nil { return part.normalized }
                parts.append(part)
                i = max(next, i + 1)
            } else {
                i += 1
            }
        }
        return assemble(parts)
    }

    // MARK: - Tokens

    /// A run of the folded text: digits, Chinese numerals, Latin letters, whitespace, or one other scalar.
    struct Token {
        enum Kind { case number, chineseNumber, word, space, mark, other }
        var kind: Kind
        /// Offset of the first scalar in the text.
        var start: Int
        /// ASCII digits for numbers, the letters of a word, the scalar of a mark.
        var text: String
        var scalar: Unicode.Scalar = " "

        func isMark(_ s: Unicode.Scalar) -> Bool { kind == .mark && scalar == s }
        var isNumeric: Bool { kind == .number || kind == .chineseNumber }
    }

    /// Characters after which a trailing 一 of a numeral run is the start of a word (五零一一直 → 501 + 一直).
    private static let wordAfterOne: Set<Unicode.Scalar> = [
        "直", "下", "点", "个", "些", "样", "天", "股", "次", "边", "起", "定", "般", "楼", "层", "会", "共", "晚", "早",
        "整", "片", "堆", "周", "月", "年", "到", "动", "碰", "打", "开", "冲", "按", "拧", "摸", "看", "听", "进", "出",
        "走", "阵", "口", "米", "块", "刻", "旦", "声", "趟", "遍", "把", "张", "条", "只", "台",
    ]

    static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 2 + 1)
        var i = 0
        while i < s.count {
            let c = s[i]
            let start = i
            if isDigit(c) {
                while i < s.count, isDigit(s[i]) { i += 1 }
                // A run too long for any building, unit or room keeps only its length's worth of meaning.
                tokens.append(Token(kind: .number, start: start, text: ascii(s, start..<min(i, start + 8))))
            } else if isLetter(c) {
                while i < s.count, isLetter(s[i]) { i += 1 }
                tokens.append(Token(kind: .word, start: start, text: ascii(s, start..<min(i, start + 16))))
            } else if isSpace(c) {
                while i < s.count, isSpace(s[i]) { i += 1 }
                tokens.append(Token(kind: .space, start: start, text: " "))
            } else if isChineseNumeral(c) {
                while i < s.count, isChineseNumeral(s[i]) { i += 1 }
                var end = i
                if end - start >= 4, s[end - 1] == "一", end < s.count, wordAfterOne.contains(s[end]) {
                    end -= 1
                    i = end
                }
                let run = s[start..<end]
                let spokenOnly = run.contains { $0 == "幺" || $0 == "洞" }
                if spokenOnly && run.count < 2 {
                    tokens.append(Token(kind: .other, start: start, text: "", scalar: c))
                } else if let digits = ChineseNumber.digits(run) {
                    tokens.append(Token(kind: .chineseNumber, start: start, text: digits))
                } else {
                    tokens.append(Token(kind: .other, start: start, text: "", scalar: c))
                }
            } else {
                i += 1
                tokens.append(Token(kind: .mark, start: start, text: "", scalar: c))
            }
        }
        return tokens
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isLetter(_ c: Unicode.Scalar) -> Bool { c.value >= 0x61 && c.value <= 0x7A }

    /// Digits and the units a room or building is written with; not 万 or 亿, which start names (万科).
    static func isChineseNumeral(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x3000 { return false }
        if let unit = ChineseNumber.unit(c) { return unit < 10_000 }
        return ChineseNumber.digit(c, spoken: true) != nil
    }

    // MARK: - Parts

    /// What one stretch of the text says: a building, a unit, a room, or several of them together.
    struct Part {
        var building: String?
        var unit: String?
        var room: String?

        var normalized: String { "\(building ?? "")-\(unit ?? "")-\(room ?? "")" }
    }

    /// The first complete flat, else the first room completed with the nearest building (and unit) named apart.
    private static func assemble(_ parts: [Part]) -> String? {
        for (index, part) in parts.enumerated() where part.room != nil {
            var best: (distance: Int, part: Part)?
            for (other, candidate) in parts.enumerated() where candidate.building != nil {
                let distance = abs(other - index) * 2 + (other > index ? 1 : 0)
                if best == nil || distance < best!.distance { best = (distance, candidate) }
            }
            guard let building = best?.part else { continue }
            var result = part
            result.building = building.building
            if result.unit == nil {
                if let unit = building.unit {
                    result.unit = unit
                } else {
                    var nearest: (distance: Int, unit: String)?
                    for (other, candidate) in parts.enumerated() where candidate.room == nil {
                        guard candidate.building == nil, let unit = candidate.unit else { continue }
                        let distance = abs(other - index)
                        if nearest == nil || distance < nearest!.distance { nearest = (distance, unit) }
                    }
                    result.unit = nearest?.unit
                }
            }
            return result.normalized
        }
        return nil
    }

    // MARK: - Chinese and dash forms

    private enum Marker { case strong, needsUnit, dash }

    /// A building, then optionally a unit and a room: 3栋2单元501, 5#1-302, 3-2-501, B3-1204, 5号楼电梯.
    private static func chain(_ t: [Token], at i: Int) -> (Part, Int)? {
        guard let (building, marker, afterBuilding) = building(t, at: i) else { return nil }
        if marker == .dash {
            if let (unit, room, end) = dashUnitRoom(t, at: afterBuilding) {
                return (Part(building: building, unit: unit, room: room), end)
            }
            if let (room, end) = room(t, at: afterBuilding) {
                return (Part(building: building, unit: nil, room: room), end)
            }
            return nil
        }
        let k = skipSeparators(t, from: afterBuilding)
        if let (unit, afterUnit) = unit(t, at: k) {
            if let (room, end) = room(t, at: skipSeparators(t, from: afterUnit)) {
                return (Part(building: building, unit: unit, room: room), end)
            }
            return (Part(building: building, unit: unit, room: nil), afterUnit)
        }
        if let (unit, room, end) = dashUnitRoom(t, at: k) {
            return (Part(building: building, unit: unit, room: room), end)
        }
        guard marker == .strong else { return nil }
        if let (room, end) = room(t, at: k) {
            return (Part(building: building, unit: nil, room: room), end)
        }
        return (Part(building: building, unit: nil, room: nil), afterBuilding)
    }

    /// A unit before its room, the building named elsewhere: 1单元302; or a unit alone (2单元).
    private static func unitFirst(_ t: [Token], at i: Int) -> (Part, Int)? {
        guard !joined(t, before: i), let (unit, afterUnit) = unit(t, at: i) else { return nil }
        if let (room, end) = room(t, at: skipSeparators(t, from: afterUnit)) {
            return (Part(building: nil, unit: unit, room: room), end)
        }
        return (Part(building: nil, unit: unit, room: nil), afterUnit)
    }

    /// A room marked by 室 or 房 (1203室), the building named elsewhere.
    private static func explicitRoom(_ t: [Token], at i: Int) -> (Part, Int)? {
        guard t[i].isNumeric, !joined(t, before: i), let suffixEnd = roomSuffix(t, at: i + 1),
            let room = validRoom(t[i].text, explicit: true)
        else { return nil }
        return (Part(building: nil, unit: nil, room: room), suffixEnd)
    }

    /// Whether the token before `i` glues it to a longer code or number (2024-0315, wx2024, 18:30, 3.5).
    private static func joined(_ t: [Token], before i: Int) -> Bool {
        guard i > 0 else { return false }
        let previous = t[i - 1]
        switch previous.kind {
        case .word, .number, .chineseNumber: return true
        case .mark: return isDash(previous.scalar) || ".:/+_#".unicodeScalars.contains(previous.scalar)
        default: return false
        }
    }

    private static func building(_ t: [Token], at i: Int) -> (String, Marker, Int)? {
        let token = t[i]
        var value: String
        var j = i + 1
        switch token.kind {
        case .number, .chineseNumber:
            guard !joined(t, before: i), let building = validBuilding(token.text) else { return nil }
            value = building
        case .word:
            // A letter building: A座, B3-1204, c栋; one letter, up to two digits.
            guard token.text.unicodeScalars.count == 1 else { return nil }
            if i > 0, t[i - 1].isNumeric || t[i - 1].isMark("-") { return nil }
            value = token.text.uppercased()
            if j < t.count, t[j].kind == .number, t[j].text.count <= 2, !t[j].text.hasPrefix("0") {
                value += t[j].text
                j += 1
            }
        default:
            return nil
        }
        // "3 栋 2 单元 501": one space may stand before a Chinese marker.
        if j + 1 < t.count, t[j].kind == .space, t[j + 1].kind == .mark,
            "栋幢座棟号".unicodeScalars.contains(t[j + 1].scalar)
        {
            j += 1
        }
        guard j < t.count, t[j].kind == .mark else { return nil }
        switch t[j].scalar {
        case "栋", "幢", "座", "棟":
            return (value, .strong, j + 1)
        case "#":
            if j + 1 < t.count, t[j + 1].isMark("楼") { return (value, .strong, j + 2) }
            return (value, .strong, j + 1)
        case "号":
            if j + 1 < t.count, t[j + 1].isMark("楼") { return (value, .strong, j + 2) }
            if i > 0, t[i - 1].isMark("月") { return nil }
            return token.kind == .word ? nil : (value, .needsUnit, j + 1)
        case "楼":
            return token.kind == .word ? nil : (value, .needsUnit, j + 1)
        default:
            guard isDash(t[j].scalar), token.kind != .chineseNumber else { return nil }
            // A letter alone before a dash is a ticket (R-1024), not a building.
            if token.kind == .word && j == i + 1 { return nil }
            return (value, .dash, j + 1)
        }
    }

    /// `N单元`, returning the unit and the index after 单元.
    private static func unit(_ t: [Token], at i: Int) -> (String, Int)? {
        guard i < t.count, t[i].isNumeric, let unit = validUnit(t[i].text) else { return nil }
        var j = i + 1
        if j < t.count, t[j].kind == .space { j += 1 }
        guard j + 1 < t.count, t[j].isMark("单"), t[j + 1].isMark("元") else { return nil }
        return (unit, j + 2)
    }

    /// `U-R` after a building: the 1-302 of 5#1-302.
    private static func dashUnitRoom(_ t: [Token], at i: Int) -> (String, String, Int)? {
        guard i + 2 < t.count, t[i].kind == .number, let unit = validUnit(t[i].text), t[i + 1].kind == .mark,
            isDash(t[i + 1].scalar), t[i + 2].kind == .number, let (room, end) = room(t, at: i + 2)
        else { return nil }
        return (unit, room, end)
    }

    /// A room number at `i` with what may follow it: 501, 501室, 七零三; not 12楼, 300元, 2026-11.
    private static func room(_ t: [Token], at i: Int) -> (String, Int)? {
        guard i < t.count, t[i].isNumeric else { return nil }
        if let end = roomSuffix(t, at: i + 1) {
            return validRoom(t[i].text, explicit: true).map { ($0, end) }
        }
        guard !endsNumber(t, at: i + 1), let room = validRoom(t[i].text, explicit: false) else { return nil }
        return (room, i + 1)
    }

    /// The index after 室, 房 or 号房 at `i`, if one is there.
    private static func roomSuffix(_ t: [Token], at i: Int) -> Int? {
        guard i < t.count, t[i].kind == .mark else { return nil }
        switch t[i].scalar {
        case "室", "房": return i + 1
        case "号" where i + 1 < t.count && t[i + 1].isMark("房"): return i + 2
        default: return nil
        }
    }

    /// Marks that make the number before them a floor, a date, money, a count or a part of a longer number.
    private static let notAfterRoom: Set<Unicode.Scalar> = [
        "楼", "层", "栋", "幢", "座", "单", "元", "块", "次", "天", "年", "月", "日", "点", "时", "分", "秒", "个", "米",
        "平", "岁", "斤", "度", "%", "万", "多", "余", "期", "届", "#", "*", "°", "周", "遍", "趟", "份", "张", "件",
        "台", "辆", "把", "条", "只", "位", "名", "人", "毫", "公",
    ]

    /// Whether the token at `i` turns the number before it into something other than a room.
    private static func endsNumber(_ t: [Token], at i: Int) -> Bool {
        guard i < t.count else { return false }
        let next = t[i]
        switch next.kind {
        case .word: return true
        case .number: return true
        case .mark:
            if notAfterRoom.contains(next.scalar) { return true }
            if isDash(next.scalar) || ".:/~+_".unicodeScalars.contains(next.scalar) {
                return i + 1 < t.count && t[i + 1].isNumeric
            }
            return false
        default: return false
        }
    }

    private static func skipSeparators(_ t: [Token], from i: Int) -> Int {
        var j = i
        while j < t.count,
            t[j].kind == .space
                || t[j].kind == .mark && (",、/".unicodeScalars.contains(t[j].scalar) || isDash(t[j].scalar))
        {
            j += 1
        }
        return j
    }

    private static func isDash(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "\u{2013}" || c == "\u{2014}" || c == "\u{2212}"
    }

    // MARK: - English

    private static let buildingWords: Set<String> = ["building", "bldg", "bld", "block", "blk", "tower", "bldng"]
    private static let unitWords: Set<String> = ["entrance", "entry", "staircase", "stairwell", "stair", "unit"]
    private static let roomWords: Set<String> = ["room", "rm", "apt", "apartment", "flat", "suite", "unit"]

    /// "building 3", "block A", "entrance 3", "apt 1204", "unit 1502" (in English a unit may be the flat).
    private static func english(_ t: [Token], at i: Int, original: [Unicode.Scalar]) -> (Part, Int)? {
        guard t[i].kind == .word else { return nil }
        let word = t[i].text
        let isBuilding = buildingWords.contains(word)
        let isUnit = unitWords.contains(word)
        let isRoom = roomWords.contains(word)
        guard isBuilding || isUnit || isRoom else { return nil }
        let j = skipFiller(t, from: i + 1)
        guard j < t.count, j > i + 1 || t[j].kind == .number else { return nil }
        let number = t[j]
        if isBuilding {
            if number.kind == .number, let building = validBuilding(number.text), !followedByLetters(t, at: j + 1) {
                return (Part(building: building, unit: nil, room: nil), j + 1)
            }
            // "Block A": one capital letter (a lower-case "a" is more likely the article).
            if number.kind == .word, number.text.unicodeScalars.count == 1,
                original.indices.contains(number.start), original[number.start].properties.isUppercase
            {
                var value = number.text.uppercased()
                var end = j + 1
                if end < t.count, t[end].kind == .number, t[end].text.count <= 2 {
                    value += t[end].text
                    end += 1
                }
                return (Part(building: value, unit: nil, room: nil), end)
            }
            return nil
        }
        guard number.kind == .number, !endsNumber(t, at: j + 1) else { return nil }
        if isUnit, let unit = validUnit(number.text) {
            return (Part(building: nil, unit: unit, room: nil), j + 1)
        }
        if isRoom, let room = validRoom(number.text, explicit: true) {
            return (Part(building: nil, unit: nil, room: room), j + 1)
        }
        return nil
    }

    /// Skips the spaces, "no.", "number" and "#" between an English word and its number.
    private static func skipFiller(_ t: [Token], from i: Int) -> Int {
        var j = i
        while j < t.count {
            let token = t[j]
            if token.kind == .space || token.isMark("#") || token.isMark(".") || token.isMark(":") {
                j += 1
            } else if token.kind == .word, token.text == "no" || token.text == "number" || token.text == "num" {
                j += 1
            } else {
                break
            }
            if j - i > 6 { break }
        }
        return j
    }

    private static func followedByLetters(_ t: [Token], at i: Int) -> Bool {
        i < t.count && t[i].kind == .word
    }

    // MARK: - Values

    /// One to three digits, not starting with 0.
    static func validBuilding(_ digits: String) -> String? {
        let count = digits.utf8.count
        guard count >= 1, count <= 3, digits.utf8.first != UInt8(ascii: "0") else { return nil }
        return digits
    }

    /// One or two digits, not zero; a leading zero is dropped (01 → 1).
    static func validUnit(_ digits: String) -> String? {
        let count = digits.utf8.count
        guard count >= 1, count <= 2 else { return nil }
        let trimmed = String(digits.drop(while: { $0 == "0" }))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A floor 1–99 and a door 01–99 (501, 1101); marked rooms (501室, room 12) may have two to five digits.
    static func validRoom(_ digits: String, explicit: Bool) -> String? {
        let count = digits.utf8.count
        guard count <= 5 else { return nil }
        if explicit {
            let trimmed = String(digits.drop(while: { $0 == "0" }))
            return trimmed.utf8.count >= 2 ? trimmed : nil
        }
        guard count == 3 || count == 4, digits.utf8.first != UInt8(ascii: "0"), !digits.hasSuffix("00") else {
            return nil
        }
        return digits
    }

    /// Unicode White_Space, without the property lookup (`properties.isWhitespace` is slow on hot paths).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
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
