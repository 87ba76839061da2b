import Foundation
import Testing

@testable import WuyeNLU

@Suite("Time window parser")
struct TimeWindowParserTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// Wednesday 2026-11-25 10:30 in Shanghai.
    static let now = date(day: 25, "10:30")

    static func date(month: Int = 11, day: Int, _ time: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = time.split(separator: ":").compactMap { Int($0) }
        return calendar.date(
            from: DateComponents(year: 2026, month: month, day: day, hour: parts[0], minute: parts[1]))!
    }

    static func window(_ day: Int, _ start: String, _ end: String, month: Int = 11) -> TimeWindow {
        TimeWindow(start: date(month: month, day: day, start), end: date(month: month, day: day, end))
    }

    @Test(
        "a visit time becomes a window (now: Wednesday 25 November, 10:30)",
        arguments: [
            ("明天下午来修吧", window(26, "13:00", "18:00")),
            ("周六上午在家", window(28, "09:00", "12:00")),
            ("星期六上午", window(28, "09:00", "12:00")),
            ("礼拜六上午有人", window(28, "09:00", "12:00")),
            ("下周一下午", window(30, "13:00", "18:00")),
            ("后天晚上", window(27, "18:00", "21:00")),
            ("大后天中午", window(28, "11:30", "13:30")),
            ("今天傍晚", window(25, "17:00", "19:00")),
            ("明天下午3点", window(26, "15:00", "16:00")),
            ("明天3点半可以吗", window(26, "15:30", "16:30")),
            ("明天下午三点一刻", window(26, "15:15", "16:15")),
            ("明天早上8点前", window(26, "07:00", "08:00")),
            ("晚上7点以后都在家", window(25, "19:00", "21:00")),
            ("6点以后", window(25, "18:00", "21:00")),
            ("明天10点前", window(26, "08:00", "10:00")),
            ("11月30日上午", window(30, "09:00", "12:00")),
            ("十一月三十号下午", window(30, "13:00", "18:00")),
            ("11.30下午", window(30, "13:00", "18:00")),
            ("30号上午", window(30, "09:00", "12:00")),
            ("明天下午2点到4点", window(26, "14:00", "16:00")),
            ("明天2-4点", window(26, "14:00", "16:00")),
            ("明天14:30", window(26, "14:30", "15:30")),
            ("今天下午", window(25, "13:00", "18:00")),
            ("上午", window(25, "10:30", "12:00")),
            ("9点", window(26, "09:00", "10:00")),
            ("3点", window(25, "15:00", "16:00")),
            ("周三下午", window(25, "13:00", "18:00")),
            ("周三早上8点", window(2, "08:00", "09:00", month: 12)),
            ("明天不行 后天下午可以", window(27, "13:00", "18:00")),
            ("周末", window(28, "09:00", "18:00")),
            ("明早", window(26, "08:00", "12:00")),
            ("卫生间角阀漏水 明天上午在家 可以上门", window(26, "09:00", "12:00")),
            ("tomorrow after 6pm", window(26, "18:00", "21:00")),
            ("saturday morning works for me", window(28, "09:00", "12:00")),
            ("next monday afternoon", window(30, "13:00", "18:00")),
            ("can someone come at 3pm", window(25, "15:00", "16:00")),
            ("between 2 and 4 pm", window(25, "14:00", "16:00")),
            ("this evening", window(25, "18:00", "21:00")),
            ("tomorrow", window(26, "09:00", "18:00")),
            ("today", window(25, "10:30", "18:00")),
            ("tonight", window(25, "18:00", "21:00")),
            ("can you come tomorrow at 10am", window(26, "10:00", "11:00")),
            ("Friday 2-4pm", window(27, "14:00", "16:00")),
            ("nov 30 morning", window(30, "09:00", "12:00")),
            ("the day after tomorrow in the afternoon", window(27, "13:00", "18:00")),
            ("from 2 to 4 tomorrow", window(26, "14:00", "16:00")),
            ("tomorrow between 10 and 2pm", window(26, "10:00", "14:00")),
            ("tomorrow around 3:30 pm", window(26, "15:30", "16:30")),
            ("Tomorrow doesn't work, Friday morning is fine", window(27, "09:00", "12:00")),
            ("30 november in the morning", window(30, "09:00", "12:00")),
            ("凌晨两点还有人在楼下喝酒", window(26, "02:00", "03:00")),
            ("楼上高跟鞋走到半夜十二点", window(26, "00:00", "01:00")),
            ("晚上十二点以后", window(26, "00:00", "01:00")),
            ("深夜十一点", TimeWindow(start: date(day: 25, "23:00"), end: date(day: 26, "00:00"))),
            ("明天下午一点", window(26, "13:00", "14:00")),
            ("一点半过来", window(25, "13:30", "14:30")),
            ("上周五报的修 下周五下午来吧", window(4, "13:00", "18:00", month: 12)),
            ("last friday I reported it, can you come on saturday", window(28, "09:00", "18:00")),
        ] as [(String, TimeWindow)])
    func finds(sentence: String, expected: TimeWindow) {
        #expect(TimeWindowParser.find(in: sentence, now: Self.now, timeZone: Self.zone) == expected)
    }

    @Test(
        "messages without a time give no window",
        arguments: [
            "", "水管爆了", "3栋2单元501", "电话13812345678", "给5分", "等了2天", "快一点来", "有点漏水", "R-1024",
            "打12345热线", "4/5", "3 stars", "after 2 days", "一个星期了还没修", "5号楼电梯", "押金300元",
            "下周来", "稍微早一点", "5分钟就到了", "3-2-501", "at building 3", "one hour",
            "岗亭保安叼着烟跟我说话 一点礼貌都没有", "面积误差超过百分之三时怎么处理", "neighbour has about 10 cats",
            "quick question from 5-1-302", "上周五报的修",
        ])
    func none(sentence: String) {
        #expect(TimeWindowParser.find(in: sentence, now: Self.now, timeZone: Self.zone) == nil)
    }

    @Test("a date already past this year is next year's")
    func nextYear() {
        let window = TimeWindowParser.find(in: "3月5日上午", now: Self.now, timeZone: Self.zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.zone
        let expected = calendar.date(from: DateComponents(year: 2027, month: 3, day: 5, hour: 9))
        #expect(window?.start == expected)
    }

    @Test("an impossible date gives no window")
    func impossibleDate() {
        #expect(TimeWindowParser.find(in: "2月30日上午", now: Self.now, timeZone: Self.zone) == nil)
    }
}
