import Testing

@testable import WuyeNLU

@Suite("Rating parser")
struct RatingParserTests {
    @Test(
        "a score is read from numbers, stars and words",
        arguments: [
            ("5", 5), ("5分", 5), ("五分", 5), ("4分", 4), ("两分", 2), ("一分", 1), ("5星", 5), ("五星", 5),
            ("五星好评", 5), ("4星吧", 4), ("二星", 2), ("给个4分吧", 4), ("打5分", 5), ("打五分", 5), ("给五星", 5),
            ("给5颗星", 5), ("3颗星吧", 3), ("给两颗星", 2), ("就一颗星", 1), ("满分", 5), ("给满分", 5),
            ("满意", 4), ("非常满意", 5), ("很满意", 5), ("比较满意", 4), ("还算满意", 4), ("挺满意的", 4),
            ("一般", 3), ("一般般", 3), ("还行", 3), ("凑合", 3), ("不太满意", 2), ("不满意", 2), ("非常不满意", 1),
            ("很差", 1), ("非常差", 1), ("差评", 1), ("好评", 5), ("差", 2), ("太差了", 1), ("勉强3分", 3),
            ("还可以 4分", 4), ("挺好的给4星", 4), ("不太满意 2分", 2), ("太差了 给1分", 1), ("满意 五分", 5),
            ("五星五星", 5), ("4", 4), ("就给５分吧", 5), ("３", 3), ("★★★★★", 5), ("★★★", 3), ("⭐⭐⭐⭐", 4),
            ("⭐️⭐️", 2), ("评5分", 5), ("评分4", 4), ("打三分吧", 3), ("给两分 太慢了", 2), ("1分 再也不想找你们了", 1),
            ("四颗星 扣一颗是因为来晚了", 4), ("十分满意", 5),
            ("师傅来得挺快的,就是走的时候没把地上收拾干净,给个4分吧", 4),
            ("本次维修服务整体还算满意,处理速度一般,综合评价三分", 3),
            ("问题是解决了,但是前前后后拖了一个星期,打电话催了好几次,只能给两分", 2),
            ("说实话这次体验很差,约好的时间没来,来了也没修好,一星", 1),
            ("这次报修从打电话到修好一共用了不到两个小时,师傅态度也很好,非常满意,五分", 5),
            ("维修本身没什么问题,但是约的上午十点,师傅下午两点才到,中间也没人通知我,所以只能给三分", 3),
            ("非常不满意,来了两次都没修好,第三次才换了零件,耽误我好几天,一分", 1),
            ("真心不满意,换个零件跑了三趟,最后还是我自己买的配件,两分都嫌多,给一分", 1),
            ("wu fen", 5), ("five", 5), ("five stars", 5), ("5 stars", 5), ("4 stars", 4), ("four", 4),
            ("three stars", 3), ("two", 2), ("one star", 1), ("I'd give it a 4", 4), ("i'd rate it 5", 5),
            ("rating 3", 3), ("4/5", 4), ("5/5", 5), ("3 out of 5", 3), ("2 out of five", 2), ("excellent", 5),
            ("very satisfied", 5), ("satisfied", 4), ("average", 3), ("poor", 2), ("very poor", 1), ("terrible", 1),
            ("mediocre", 3), ("it was ok, 3", 3), ("solid 4", 4), ("full marks", 5), ("5 stars great job", 5),
            ("1 star, nobody showed up", 1),
            ("the fix worked but the guy was late, so 4 stars from me", 4),
            ("honestly not great, they left a mess and it took days, I'd say 2 out of 5", 2),
            ("overall pretty happy, the technician fixed it in half an hour, I'd give it a 5", 5),
            ("it got fixed in the end but I had to chase three times before anyone came, so 2 stars", 2),
            ("service was average, it took two days to get someone out but the repair seems fine, let's say 3", 3),
            ("not bad", 4), ("not satisfied", 2),
        ] as [(String, Int)])
    func finds(answer: String, expected: Int) {
        #expect(RatingParser.find(in: answer) == expected)
    }

    @Test(
        "out-of-range numbers and answers without a score give nil",
        arguments: [
            "0", "6", "10分", "给6星", "8/10", "10", "5分钟就到了", "一个星期了", "", "你好", "3栋2单元501",
            "电话13812345678", "两个小时", "差不多吧", "R-1024", "4.5", "twenty", "the one on the left",
        ])
    func none(answer: String) {
        #expect(RatingParser.find(in: answer) == nil)
    }
}
