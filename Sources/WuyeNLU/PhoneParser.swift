/// Finds a mainland China mobile number in a message and returns its 11 digits.
///
/// Accepted: `13812345678`, `138 1234 5678`, `138-1234-5678`, `1381234 5678`, `138 12345678`, with or without
/// `+86`, `86` or `0086` in front, in full- or half-width digits, and read out in Chinese digits
/// (幺三八幺二三四五六七八). A mobile starts with 1 and a second digit 3–9. The digits must stand alone: a run
/// of digits longer than the number (an order number, `WX20240312017`) is not a phone.
public enum PhoneParser: Sendable {
    /// The first mobile number in `text`, as 11 ASCII digits, or nil.
    public static func find(in text: String) -> String? {
        // `TextNormalizer.basicFold` scalar by scalar: the same folding, without walking graphemes (ten times faster).
        let s = text.unicodeScalars.map(TextNormalizer.foldScalar)
        var i = 0
        while i < s.count {
            // A mobile starts with 1, a country code with 8 or 0: other digits cannot start one.
            if let d = digit(s[i]), d == 1 || d == 8 || d == 0, i == 0 || digit(s[i - 1]) == nil,
                let phone = phone(s, from: i)
            {
                return phone
            }
            i += 1
        }
        return nil
    }

    /// The ways owners group the eleven digits.
    private static let groupings: [[Int]] = [[11], [3, 4, 4], [3, 8], [7, 4], [4, 4, 3], [3, 3, 5]]

    /// A mobile number whose first group starts at `start`, if the groups there make one.
    private static func phone(_ s: [Unicode.Scalar], from start: Int) -> String? {
        var groups: [[Int]] = []
        var i = start
        while i < s.count, groups.count < 5 {
            var group: [Int] = []
            while i < s.count, let d = digit(s[i]) {
                group.append(d)
                i += 1
                if group.count > 15 { return nil }
            }
            groups.append(group)
            // A separator is one to three spaces or dashes, with a digit after it.
            var j = i
            while j < s.count, j - i < 3, isSeparator(s[j]) { j += 1 }
            guard j > i, j < s.count, digit(s[j]) != nil else { break }
            i = j
        }
        guard var first = groups.first else { return nil }
        // Drop a country code: "86 138…", "+86 138…", "+8613812345678", "008613812345678".
        if first == [8, 6] || first == [0, 0, 8, 6] {
            groups.removeFirst()
        } else if first.count == 13 && first.starts(with: [8, 6]) {
            first.removeFirst(2)
            groups[0] = first
        } else if first.count == 15 && first.starts(with: [0, 0, 8, 6]) {
            first.removeFirst(4)
            groups[0] = first
        }
        let sizes = groups.map(\.count)
        for grouping in groupings where sizes.starts(with: grouping) {
            let digits = groups.prefix(grouping.count).flatMap { $0 }
            guard digits[0] == 1, digits[1] >= 3 else { return nil }
            return String(String.UnicodeScalarView(digits.map { Unicode.Scalar(UInt8(48 + $0)) }))
        }
        return nil
    }

    private static func digit(_ scalar: Unicode.Scalar) -> Int? {
        ChineseNumber.digit(scalar, spoken: true)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "-" || scalar == "\u{2013}" || scalar == "\u{2014}" || scalar == "\u{00A0}"
    }
}
