import Testing

@testable import WuyeNLU

@Suite("Chinese numbers")
struct ChineseNumberTests {
    @Test(
        "positional, digit-by-digit and mixed numerals have their value",
        arguments: [
            ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("一百", 100), ("一百零五", 105), ("一百一十", 110),
            ("一百一", 110), ("两千", 2000), ("两千五", 2500), ("一千零一", 1001), ("一万", 10_000), ("三万五", 35_000),
            ("一万零五", 10_005), ("一亿二千万", 120_000_000), ("七零三", 703), ("一一零一", 1101), ("幺洞幺", 101),
            ("零五", 5), ("3百", 300), ("30万", 300_000), ("５", 5), ("42", 42), ("两", 2), ("壹佰", 100),
            ("〇", 0),
        ] as [(String, Int)])
    func value(text: String, expected: Int) {
        #expect(ChineseNumber.value(text) == expected)
    }

    @Test(
        "text that is not one number has no value",
        arguments: ["", "十百", "五五十", "百", "一点", "三栋", "3 4", "万万", String(repeating: "九", count: 50), "abc"])
    func notANumber(text: String) {
        #expect(ChineseNumber.value(text) == nil)
    }

    @Test("digits keep the leading zeros of digit-by-digit numbers and write positional ones out")
    func digits() {
        #expect(ChineseNumber.digits("零五"[...]) == "05")
        #expect(ChineseNumber.digits("七零三"[...]) == "703")
        #expect(ChineseNumber.digits("五百零一"[...]) == "501")
        #expect(ChineseNumber.digits("栋"[...]) == nil)
    }

    @Test("幺 and 洞 are digits only when asked for spoken digits")
    func spokenDigits() {
        #expect(ChineseNumber.digit("幺") == nil)
        #expect(ChineseNumber.digit("幺", spoken: true) == 1)
        #expect(ChineseNumber.digit("洞", spoken: true) == 0)
        #expect(ChineseNumber.digit("７") == 7)
    }
}
