import Testing

@testable import WuyeNLU

@Suite("Ticket reference parser")
struct TicketReferenceParserTests {
    @Test(
        "a quoted ticket, order or report number is found as written",
        arguments: [
            ("R-1024 派给谁了", "R-1024"),
            ("R-1024 status?", "R-1024"),
            ("报修编号 r-3320 啥情况", "r-3320"),
            ("我的单号是R 1133 什么时候来人", "R 1133"),
            ("查工单 R-77", "R-77"),
            ("r1024 到哪了", "r1024"),
            ("编号R-0098处理了吗", "R-0098"),
            ("我的咨询工单Q-1203 怎么还没人回", "Q-1203"),
            ("当时提交过投诉(单号C-0417)", "C-0417"),
            ("ticket R-3381 still open?", "R-3381"),
            ("谢谢啊 麻烦再看下R-2214的进度", "R-2214"),
            ("单号WX20240312017到哪一步了", "WX20240312017"),
            ("update on WX20240312017?", "WX20240312017"),
            ("订单号DD20240611002的退款到哪了", "DD20240611002"),
            ("押金退款单号RF-20240105 查一下", "RF-20240105"),
            ("工单号：WY-2023-1187 查一下进度", "WY-2023-1187"),
            ("单号是WX2024 0412 0031 帮我看看", "WX2024 0412 0031"),
            ("单号ＷＸ２０２４０７０１００５ 查进度", "WX20240701005"),
            ("单号 2024-0315-088 什么状态", "2024-0315-088"),
            ("2024-0315-088 什么状态", "2024-0315-088"),
            ("工单:20240618-0027 还没派单?", "20240618-0027"),
            ("工单2031-88 怎么没动静", "2031-88"),
            ("#4127 进度", "4127"),
            ("工单 #902 还在排队吗", "902"),
            ("#15530 麻烦看下进度", "15530"),
            ("#８８１２ 有进展吗", "8812"),
            ("单号:7788 有人管没", "7788"),
            ("单号7788 有人管没", "7788"),
            ("工单4521现在什么情况", "4521"),
            ("报修单号20240501003 麻烦查下", "20240501003"),
            ("order 5531 status pls", "5531"),
            ("order号 5531 怎么样了", "5531"),
            ("checking on order #902", "902"),
            ("whats the status of ticket #4127", "4127"),
            ("any update on ticket 7788", "7788"),
            ("order no. 5531", "5531"),
            ("ref 88123 please", "88123"),
            ("你好,我是5#1-302的业主,上周报修的热水器漏水工单 #6214,师傅来看过", "6214"),
            ("本人为B3-1204业主,于2月底通过电话报修外窗密封条老化导致漏风,工单号WX20240228009", "WX20240228009"),
            ("本人是幸福里小区7栋2单元602业主,工单号R-2214,至今已过去一周", "R-2214"),
        ] as [(String, String)])
    func finds(sentence: String, expected: String) {
        #expect(TicketReferenceParser.find(in: sentence) == expected)
    }

    @Test(
        "rooms, dates, phones and other numbers are not ticket references",
        arguments: [
            "3-2-501厨房漏水",
            "5#1-302 的报修单 到哪了",
            "B3-1204 门禁的工单什么时候处理",
            "2026-11-29 上午来修",
            "电话13812345678",
            "138-1234-5678",
            "0571-88886666",
            "400-820-1234",
            "查一下我的工单",
            "我的工单为什么被退回了",
            "打12345热线",
            "18:30以后在家",
            "押金300元",
            "车位B2层88号",
            "快递单号是多少",
            "2024-2025年的物业费",
            "3栋2单元501",
            "11-4-703",
            "12-1001",
            "I have 3 kids",
            "room 1204",
            "apt 1204, block 8",
            "C栋1201",
            "iphone15 掉电梯缝里了",
            "",
        ])
    func notAReference(sentence: String) {
        #expect(TicketReferenceParser.find(in: sentence) == nil)
    }

    @Test(
        "any writing of one of Wuye's own ids has one canonical form",
        arguments: [
            ("R-1024", "R-1024"), ("r1024", "R-1024"), ("R 1024", "R-1024"), ("Ｒ－１０２４", "R-1024"),
            ("c-0417", "C-0417"), ("q12", "Q-12"), (" S-88 ", "S-88"),
        ] as [(String, String)])
    func canonical(reference: String, expected: String) {
        #expect(TicketReferenceParser.canonicalWuyeID(reference) == expected)
    }

    @Test(
        "other references are not Wuye ids",
        arguments: ["WX20240312017", "4127", "R-", "RR-12", "R-12a", "X-12", "R--12", "", "2024-0315-088"])
    func notCanonical(reference: String) {
        #expect(TicketReferenceParser.canonicalWuyeID(reference) == nil)
    }
}
