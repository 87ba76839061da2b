/// Finds a ticket, order or report number an owner quotes, kept as written.
///
/// Recognised, wherever they stand in a message:
/// - Wuye's own ids: a kind letter R, C, Q or S, an optional dash, and digits (`R-1024`, `r1024`; `R 1024` with
///   a capital letter); `canonicalWuyeID` turns them into the stored form;
/// - other systems' codes, letters then at least five digits, in groups joined by dashes or spaces
///   (`WX20240312017`, `RF-20240105`, `WY-2023-1187`, `WX2024 0412 0031`);
/// - digit groups joined by dashes with at least six digits (`2024-0315-088`, `20240618-0027`, `2031-88`), but
///   not dates (`2026-11-29`), rooms (`3-2-501`), phone numbers or year ranges;
/// - a bare number of three or more digits after 单号, 工单, 订单, 编号, `#`, "order", "ticket", "ref" or "case"
///   (`#4127` → `4127`, `单号:7788` → `7788`, "order 5531" → `5531`).
///
/// "As written" keeps the owner's letters, case, dashes and spaces; only full-width characters become
/// half-width. When a message quotes several, the first one wins.
public enum TicketReferenceParser: Sendable {
    /// The first ticket reference in `text`, as written, or nil.
    public static func find(in text: String) -> String? {
        let original = Array(text.unicodeScalars)
        // `TextNormalizer.basicFold` scalar by scalar: the same folding, without walking graphemes (ten times faster).
        let s = original.map(TextNormalizer.foldScalar)
        var i = 0
        while i < s.count {
            if let range = reference(s, original: original, at: i) {
                return written(original[range])
            }
            i += 1
        }
        return nil
    }

    /// `R-1024` for any way of writing one of Wuye's own ids (`r1024`, `R 1024`, `Ｒ－１０２４`); nil for other text.
    public static func canonicalWuyeID(_ reference: String) -> String? {
        let s = reference.unicodeScalars.map(TextNormalizer.foldScalar)
        var i = 0
        while i < s.count, s[i] == " " { i += 1 }
        guard i < s.count, kindLetters.contains(s[i]) else { return nil }
        let letter = Character(s[i]).uppercased()
        i += 1
        if i < s.count, s[i] == "-" || s[i] == " " { i += 1 }
        var digits = ""
        while i < s.count, isDigit(s[i]) {
            digits.unicodeScalars.append(s[i])
            i += 1
        }
        while i < s.count, s[i] == " " { i += 1 }
        guard i == s.count, (1...12).contains(digits.utf8.count) else { return nil }
        return "\(letter)-\(digits)"
    }

    private static let kindLetters: Set<Unicode.Scalar> = ["r", "c", "q", "s"]

    /// The range of the reference starting at `i`, if one does.
    private static func reference(_ s: [Unicode.Scalar], original: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        let c = s[i]
        if isLetter(c) {
            guard i == 0 || !isLetter(s[i - 1]) && !isDigit(s[i - 1]) else { return nil }
            return code(s, original: original, at: i) ?? keyword(s, at: i)
        }
        if isDigit(c) {
            guard i == 0 || !isLetter(s[i - 1]) && !isDigit(s[i - 1]) && !".:/-".unicodeScalars.contains(s[i - 1])
            else { return nil }
            return dashGroups(s, at: i)
        }
        if c == "#" {
            guard i == 0 || !isDigit(s[i - 1]) else { return nil }
            return number(s, at: i + 1)
        }
        return keyword(s, at: i)
    }

    // MARK: - Letter codes

    /// English words that number a flat or a building, not a ticket.
    private static let placeWords: Set<String> = [
        "room", "rm", "apt", "unit", "flat", "bldg", "bld", "blk", "block", "no", "tel", "ph", "tower", "suite",
    ]

    /// `R-1024`, `r1024`, `R 1024`, `WX20240312017`, `RF-20240105`, `WY-2023-1187`, `WX2024 0412 0031`.
    private static func code(_ s: [Unicode.Scalar], original: [Unicode.Scalar], at start: Int) -> Range<Int>? {
        var i = start
        while i < s.count, isLetter(s[i]) { i += 1 }
        let letters = i - start
        guard letters <= 5, i < s.count else { return nil }
        // Only letters followed by digits (or a dash or space and digits) can be a code.
        guard isDigit(s[i]) || i + 1 < s.count && (s[i] == "-" || s[i] == " ") && isDigit(s[i + 1]) else { return nil }
        let word = ascii(s, start..<i)
        guard !placeWords.contains(word) else { return nil }
        var separator: Unicode.Scalar?
        if s[i] == "-" || s[i] == " " {
            separator = s[i]
            i += 1
        }
        let digitsStart = i
        while i < s.count, isDigit(s[i]) { i += 1 }
        let firstGroup = i - digitsStart
        guard firstGroup > 0 else { return nil }
        // Wuye's own: one kind letter, then the number.
        if letters == 1, kindLetters.contains(s[start]) {
            let enoughDigits = separator == " " ? firstGroup >= 3 : firstGroup >= 2
            let capital = separator != " " || original[start].properties.isUppercase
            if enoughDigits, capital, firstGroup <= 12, !endsInPlace(s, at: i) {
                return start..<i
            }
        }
        // Another system's code: more groups may follow, joined by dashes (or spaces between long groups).
        guard separator != " " else { return nil }
        var end = i
        var total = firstGroup
        var longest = firstGroup
        while end < s.count, s[end] == "-" || s[end] == " " {
            var j = end + 1
            while j < s.count, isDigit(s[j]) { j += 1 }
            let group = j - end - 1
            guard group > 0, s[end] == "-" || group >= 3 && longest >= 3 else { break }
            total += group
            longest = max(longest, group)
            end = j
        }
        guard total >= 5, letters >= 2 || longest >= 5, total <= 30, !endsInPlace(s, at: end) else { return nil }
        return start..<end
    }

    /// Whether the code ends in a letter or a building mark, so it names a place (C12栋, b3-1204室).
    private static func endsInPlace(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i < s.count else { return false }
        return isLetter(s[i]) || "栋幢座号楼层单室房#".unicodeScalars.contains(s[i])
    }

    // MARK: - Digit groups

    /// `2024-0315-088`, `20240618-0027`, `2031-88`; not dates, rooms, phones or year ranges.
    private static func dashGroups(_ s: [Unicode.Scalar], at start: Int) -> Range<Int>? {
        var groups: [Range<Int>] = []
        var i = start
        while i < s.count {
            let groupStart = i
            while i < s.count, isDigit(s[i]) { i += 1 }
            guard i > groupStart else { break }
            groups.append(groupStart..<i)
            guard i + 1 < s.count, isDash(s[i]), isDigit(s[i + 1]), groups.count < 8 else { break }
            i += 1
        }
        guard groups.count >= 2, let end = groups.last?.upperBound else { return nil }
        // Glued to more digits of another kind (2024-03-15:10, 3-2.5) or to letters, it is something else.
        if end < s.count, isLetter(s[end]) { return nil }
        if end + 1 < s.count, ".:/".unicodeScalars.contains(s[end]), isDigit(s[end + 1]) { return nil }
        let values = groups.map { s[$0] }
        let total = values.reduce(0) { $0 + $1.count }
        guard total >= 6, total <= 30 else { return nil }
        if isDate(values) || isRoom(values) || isPhone(values) || isYearRange(values) { return nil }
        return start..<end
    }

    private static func number(_ digits: ArraySlice<Unicode.Scalar>) -> Int {
        digits.prefix(9).reduce(0) { $0 * 10 + Int($1.value - 48) }
    }

    /// YYYY-M(-D) with a plausible year, month and day.
    private static func isDate(_ groups: [ArraySlice<Unicode.Scalar>]) -> Bool {
        guard groups.count <= 3, groups[0].count == 4, (1900...2099).contains(number(groups[0])) else {
            return false
        }
        guard groups[1].count <= 2, (1...12).contains(number(groups[1])) else { return false }
        return groups.count == 2 || groups[2].count <= 2 && (1...31).contains(number(groups[2]))
    }

    /// A building (up to three digits), an optional unit (up to two) and a room (three or four): 3-2-501.
    private static func isRoom(_ groups: [ArraySlice<Unicode.Scalar>]) -> Bool {
        guard groups.count == 2 || groups.count == 3, groups[0].count <= 3, let room = groups.last,
            room.count == 3 || room.count == 4
        else { return false }
        return groups.count == 2 || groups[1].count <= 2
    }

    /// 138-1234-5678, 0571-88886666, 400-800-1234.
    private static func isPhone(_ groups: [ArraySlice<Unicode.Scalar>]) -> Bool {
        let all = groups.flatMap { $0 }
        if all.count == 11, all[0] == "1", all[1] >= "3" { return true }
        if groups[0].first == "0", (3...4).contains(groups[0].count), groups.count == 2,
            (7...8).contains(groups[1].count)
        {
            return true
        }
        let head = String(String.UnicodeScalarView(groups[0]))
        return all.count == 10 && (head == "400" || head == "800")
    }

    /// 2024-2025.
    private static func isYearRange(_ groups: [ArraySlice<Unicode.Scalar>]) -> Bool {
        groups.count == 2 && groups.allSatisfy { $0.count == 4 && (1900...2099).contains(number($0)) }
    }

    // MARK: - Keywords

    /// Words after which a bare number is a ticket, order or report number.
    private static let keywords: [[Unicode.Scalar]] = [
        "报修单", "保修单", "投诉单", "单号", "工单", "订单", "编号", "单子", "order", "ticket", "ref", "reference",
        "case",
    ].map { Array($0.unicodeScalars) }

    /// Fillers between a keyword and its number: 号, 是, :, "no.", "number", "#".
    private static let fillerWords: [[Unicode.Scalar]] = ["number", "no.", "no", "id", "is", "号码", "号", "是", "为", "码"]
        .map { Array($0.unicodeScalars) }

    /// A keyword at `i` followed by its number.
    private static func keyword(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        for keyword in keywords where matches(s, keyword, at: i) {
            if isLetter(keyword[0]) {
                let end = i + keyword.count
                if end < s.count, isLetter(s[end]) { continue }
            }
            var j = i + keyword.count
            var steps = 0
            while j < s.count, steps < 6 {
                if s[j] == " " || s[j] == ":" || s[j] == "#" || s[j] == "(" || s[j] == ")" {
                    j += 1
                } else if let filler = fillerWords.first(where: { matches(s, $0, at: j) }) {
                    if isLetter(filler[0]), j + filler.count < s.count, isLetter(s[j + filler.count]) { break }
                    j += filler.count
                } else {
                    break
                }
                steps += 1
            }
            guard j < s.count, isDigit(s[j]) else { return nil }
            return number(s, at: j)
        }
        return nil
    }

    /// Digits from `i` (three or more), with any dash-joined groups after them.
    private static func number(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        var end = i
        while end < s.count, isDigit(s[end]) { end += 1 }
        guard end - i >= 3, end - i <= 30 else { return nil }
        if end < s.count, isLetter(s[end]) || s[end] == "." && end + 1 < s.count && isDigit(s[end + 1]) {
            return nil
        }
        while end + 1 < s.count, isDash(s[end]), isDigit(s[end + 1]) {
            end += 1
            while end < s.count, isDigit(s[end]) { end += 1 }
        }
        return i..<end
    }

    // MARK: - Scalars

    private static func matches(_ s: [Unicode.Scalar], _ word: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + word.count <= s.count else { return false }
        for k in 0..<word.count where s[i + k] != word[k] { return false }
        return true
    }

    /// The original scalars, with full-width forms made half-width and the case kept.
    private static func written(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for scalar in scalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.append(half)
            } else if scalar.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    private static func isLetter(_ c: Unicode.Scalar) -> Bool { c.value >= 0x61 && c.value <= 0x7A }
    private static func isDash(_ c: Unicode.Scalar) -> Bool { c == "-" || c == "\u{2013}" || c == "\u{2014}" }

    /// The ASCII scalars `s[range]` as a string, without the slow generic scalar-view append.
    static func ascii(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (k, i) in range.enumerated() { buffer[k] = UInt8(truncatingIfNeeded: s[i].value) }
            return range.count
        }
    }
}
