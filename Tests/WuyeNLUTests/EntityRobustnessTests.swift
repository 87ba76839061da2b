import Foundation
import Testing

@testable import WuyeNLU

/// Throws random and adversarial text at every entity parser: none may crash, whatever the input.
@Suite("Entity parsers under hostile input")
struct EntityRobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let detector = UrgencyDetector(
        terms: ["着火", "困人", "fire", "smoke", "gas leak", "了", " ", "s"],
        negations: ["没有", "no", "not", "不"], exceptions: ["fire lane", "油烟很大", ""])

    /// Runs every parser on `text`.
    static func exercise(_ text: String) {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        _ = RoomParser.find(in: text)
        _ = PhoneParser.find(in: text)
        _ = TicketReferenceParser.find(in: text)
        _ = TicketReferenceParser.canonicalWuyeID(text)
        _ = detector.isUrgent(text)
        _ = detector.matches(in: text)
        _ = TimeWindowParser.find(in: text, now: now, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        _ = TimeWindowParser.find(in: text, now: .distantPast, timeZone: TimeZone(secondsFromGMT: -43_200)!)
        _ = RatingParser.find(in: text)
        _ = ChineseNumber.value(text)
        _ = ChineseNumber.digits(text[...])
    }

    static let adversarial: [String] = [
        "",
        " ",
        "\u{0}",
        "\u{0}\u{1}\u{7F}\r\n\t\u{1B}[31m",
        String(repeating: "9", count: 10_000),
        String(repeating: "一", count: 10_000),
        String(repeating: "十百千万亿", count: 2_000),
        String(repeating: "3-", count: 5_000),
        String(repeating: "#", count: 5_000),
        String(repeating: "栋单元室", count: 3_000),
        String(repeating: "R-", count: 5_000) + "1",
        String(repeating: "没有", count: 5_000) + "着火",
        String(repeating: "no ", count: 5_000) + "fire",
        String(repeating: "★", count: 10_000),
        String(repeating: "a", count: 10_000),
        String(repeating: "1 ", count: 5_000),
        String(repeating: "点", count: 5_000),
        String(repeating: "周", count: 5_000),
        String(repeating: "月", count: 5_000) + "1",
        "99999999999999999999999999点",
        "99999999999999999999999999月99999999999999999号",
        "9223372036854775807分",
        "-9223372036854775808",
        "99:99 pm",
        "24:00以后",
        "23:59以后",
        "0点前",
        "between 99 and 0 pm",
        "13月40日",
        "2月29日",
        "00.00",
        "12.31下午",
        "0号上午",
        "👨‍👩‍👧‍👦🔥💨🚒 3栋2单元501 🔥",
        "🔥",
        "e\u{301}\u{301}\u{301}\u{301}",
        "３栋\u{301}２单元５０１",
        "ＲＲＲ－－１２",
        "\u{202E}3-2-501\u{202C}",
        "\u{FEFF}R-1024",
        "\u{D7FF}\u{E000}\u{FFFD}\u{10FFFF}",
        "5#",
        "#",
        "-",
        "+86",
        "+86 ",
        "86",
        "0086",
        "1",
        "一",
        "幺",
        "洞",
        "十",
        "/5",
        "5/",
        "out of",
        "3 out of",
        "give it a",
        "building",
        "building no.",
        "block A",
        "unit",
        "apt #",
        "单号",
        "工单号:",
        "order no.",
        "明天不",
        "下个",
        "星期",
        "between",
        "at",
        "from 2 to",
        "day after",
        "nov",
        "o'clock",
        "a.m.",
        "了了了了了",
        "没有了但是",
        "’’’'''",
    ]

    @Test("adversarial strings do not crash any parser", arguments: adversarial)
    func adversarialInput(text: String) {
        Self.exercise(text)
    }

    @Test("random strings do not crash any parser")
    func randomInput() {
        let alphabet: [Character] = Array(
            "0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿零〇幺洞"
                + "栋幢座号楼单元室房层区期#-–—:：.。,，、 \t\n/~～+()（）"
                + "abcdefghijklmnopqrstuvwxyzABCRQSWX'’"
                + "点半刻前后以之到至今明天周星期礼拜日上下午晚早中分星颗个满意差一般好评"
                + "没有不是无未但了着火冒烟燃气味困被电梯fire smoke no not gas"
                + "★⭐🔥👨‍👩‍👧\u{0}\u{7F}\u{301}\u{FEFF}\u{202E}")
        var generator = SplitMix(state: 20_261_129)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...80, using: &generator)
            var text = ""
            for _ in 0..<length {
                text.append(alphabet.randomElement(using: &generator)!)
            }
            Self.exercise(text)
        }
    }

    @Test("random unicode scalars do not crash any parser")
    func randomScalars() {
        var generator = SplitMix(state: 42)
        for _ in 0..<1_000 {
            let length = Int.random(in: 0...60, using: &generator)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                let value = UInt32.random(in: 0...0x10FFFF, using: &generator)
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            Self.exercise(String(scalars))
        }
    }
}
