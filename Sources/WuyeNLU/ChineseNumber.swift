/// Reads numbers written with Chinese numerals, digits, or a mix of both.
///
/// Two shapes are understood:
/// - positional, with the units 十 百 千 万 亿: 十一 = 11, 二十三 = 23, 一百零五 = 105, 两千 = 2000, 一百一 = 110,
///   两千五 = 2500, 三万五 = 35000, and digits as coefficients: 3百 = 300, 30万 = 300000;
/// - digit by digit, as room and phone numbers are read out: 七零三 = 703, 幺洞幺 = 101 (幺 and 洞 are the
///   spoken 1 and 0).
///
/// ASCII and full-width digits count as digits, and so do the financial forms 壹贰叁肆伍陆柒捌玖拾佰仟.
public enum ChineseNumber: Sendable {
    /// The largest number of scalars `value` looks at; longer text is not a number anyone writes.
    static let maximumLength = 40

    /// The digit 0–9 that `scalar` stands for; with `spoken`, 幺 (1) and 洞 (0) count too.
    public static func digit(_ scalar: Unicode.Scalar, spoken: Bool = false) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: break
        }
        switch scalar {
        case "零", "〇": return 0
        case "一", "壹": return 1
        case "二", "两", "贰", "兩": return 2
        case "三", "叁": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陆", "陸": return 6
        case "七", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        case "幺": return spoken ? 1 : nil
        case "洞": return spoken ? 0 : nil
        default: return nil
        }
    }

    /// The multiplier a unit character stands for: 十 10, 百 100, 千 1000, 万 10⁴, 亿 10⁸; nil for anything else.
    public static func unit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十", "拾": return 10
        case "百", "佰": return 100
        case "千", "仟": return 1000
        case "万", "萬": return 10_000
        case "亿", "億": return 100_000_000
        default: return nil
        }
    }

    /// Whether `scalar` is an ASCII or full-width digit 0–9.
    static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value) || (0xFF10...0xFF19).contains(scalar.value)
    }

    /// The value of `text` when all of it is one number (no spaces or other characters), else nil.
    public static func value(_ text: Substring) -> Int? {
        let scalars = Array(text.unicodeScalars.prefix(maximumLength + 1))
        guard !scalars.isEmpty, scalars.count <= maximumLength else { return nil }
        return value(scalars[...])
    }

    /// The value of `text` when all of it is one number, else nil.
    public static func value(_ text: String) -> Int? {
        value(text[...])
    }

    /// The number as a string of ASCII digits: digit-by-digit text keeps its leading zeros (零五 → "05"),
    /// positional text gives its value (一百零五 → "105"); nil when `text` is not a number.
    public static func digits(_ text: Substring) -> String? {
        let scalars = Array(text.unicodeScalars.prefix(maximumLength + 1))
        guard !scalars.isEmpty, scalars.count <= maximumLength else { return nil }
        return digits(scalars[...])
    }

    /// `digits` over scalars the caller has already cut out.
    static func digits(_ scalars: ArraySlice<Unicode.Scalar>) -> String? {
        guard !scalars.isEmpty, scalars.count <= maximumLength else { return nil }
        if scalars.contains(where: { unit($0) != nil }) {
            return positional(scalars).map(String.init)
        }
        var out = ""
        for scalar in scalars {
            guard let d = digit(scalar, spoken: true) else { return nil }
            out.unicodeScalars.append(Unicode.Scalar(UInt8(48 + d)))
        }
        return out
    }

    /// `value` over scalars the caller has already cut out.
    static func value(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !scalars.isEmpty, scalars.count <= maximumLength else { return nil }
        if scalars.contains(where: { unit($0) != nil }) {
            return positional(scalars)
        }
        // Digit by digit; 18 digits always fit in an Int.
        guard scalars.count <= 18 else { return nil }
        var total = 0
        for scalar in scalars {
            guard let d = digit(scalar, spoken: true) else { return nil }
            total = total * 10 + d
        }
        return total
    }

    /// Positional reading with units; nil for shapes nobody writes (十百, 五五十).
    private static func positional(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        var total = 0  // finished 万 and 亿 groups
        var section = 0  // the part below the current 万
        var pending: Int?  // a coefficient waiting for its unit
        var lastUnit = 0  // the last of 十 百 千 in this section, for 一百一 = 110
        var lastBig = 0  // the last 万 or 亿, for 三万五 = 35000
        var afterZero = false  // 一百零五: the 五 is not abbreviated
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if let u = unit(scalar) {
                if u >= 10_000 {
                    let group = section + (pending ?? 0)
                    guard group > 0, lastBig == 0 || u < lastBig else { return nil }
                    total += group * u
                    lastBig = u
                    section = 0
                    lastUnit = 0
                } else {
                    let coefficient = pending ?? (u == 10 ? 1 : nil)
                    guard let coefficient, coefficient <= 9, lastUnit == 0 || u < lastUnit else { return nil }
                    section += coefficient * u
                    lastUnit = u
                }
                pending = nil
                afterZero = false
                i += 1
            } else if isASCIIDigit(scalar) {
                // A run of digits is one coefficient: 30万, 3百.
                guard pending == nil else { return nil }
                var run = 0
                var length = 0
                while i < scalars.endIndex, isASCIIDigit(scalars[i]), let d = digit(scalars[i]) {
                    run = run * 10 + d
                    length += 1
                    guard length <= 9 else { return nil }
                    i += 1
                }
                pending = run
            } else if let d = digit(scalar, spoken: true) {
                guard pending == nil else { return nil }
                if d == 0 {
                    afterZero = true
                } else {
                    pending = d
                }
                i += 1
            } else {
                return nil
            }
        }
        if let pending {
            if !afterZero && lastUnit >= 100 && pending <= 9 {
                section += pending * lastUnit / 10
            } else if !afterZero && lastUnit == 0 && lastBig > 0 && section == 0 && pending <= 9 {
                section += pending * lastBig / 10
            } else {
                section += pending
            }
        }
        return total + section
    }
}
