import Testing
import WuyeNLU

@Suite("FAQ index")
struct FAQIndexTests {
    static let entries = [
        FAQEntry(
            id: "fees.payment",
            questions: [
                "物业费怎么交", "物业费可以微信付吗", "在哪里缴物业费", "管理费能用支付宝吗", "how do i pay the management fee",
                "can i pay the property fee by wechat",
            ],
            answers: ["zh": "公众号缴费", "en": "Pay in the WeChat account"]),
        FAQEntry(
            id: "fees.invoice",
            questions: ["物业费发票怎么开", "能开电子发票吗", "发票抬头写错了", "how do i get an invoice", "e-invoice for the fee"],
            answers: ["zh": "缴费记录里申请开票"]),
        FAQEntry(
            id: "parking.monthly",
            questions: ["月租车位多少钱", "停车证怎么办", "地库停车包月", "how much is monthly parking", "parking permit"],
            answers: ["zh": "地下车库每月 300 元"]),
        FAQEntry(
            id: "garbage",
            questions: ["垃圾几点扔", "垃圾分类怎么分", "大件垃圾怎么处理", "when can i put out the rubbish", "garbage sorting"],
            answers: ["zh": "每天 7:00–9:00、18:00–20:00"]),
    ]

    static let index = FAQIndex(
        entries: entries, normalizer: TextNormalizer(simplified: ["發": "发", "費": "费", "開": "开"]),
        synonyms: ["物叶": "物业"])

    @Test(
        "a question worded differently from every variant finds its entry",
        arguments: [
            ("物业费能不能微信交", "fees.payment"),
            ("请问物业费在哪交", "fees.payment"),
            ("发票怎么开", "fees.invoice"),
            ("停车包月多少钱", "parking.monthly"),
            ("扔垃圾是几点", "garbage"),
            ("where do i pay the management fee", "fees.payment"),
            ("can i get an invoice for the property fee", "fees.invoice"),
            ("how much is parking per month", "parking.monthly"),
        ])
    func matches(text: String, id: String) throws {
        let match = try #require(Self.index.match(text))
        #expect(match.entry.id == id)
        #expect(match.score > 0 && match.score <= 1)
    }

    @Test("the best match names its closest variant and the entry that came second")
    func runnerUp() throws {
        let match = try #require(Self.index.match("物业费怎么交"))
        #expect(match.entry.id == "fees.payment")
        #expect(match.best.question == "物业费怎么交")
        // 物业费 is also in the invoice entry, so that one comes next, well behind.
        let runnerUp = try #require(match.runnerUp)
        #expect(runnerUp.entry.id == "fees.invoice")
        #expect(runnerUp.score < match.score - Self.index.options.minimumMargin)
        #expect(Self.index.ranked("物业费怎么交", limit: 4).map(\.entry.id).prefix(2) == ["fees.payment", "fees.invoice"])
    }

    @Test(
        "a message about something else gets no answer rather than the nearest one",
        arguments: ["厨房漏水了", "今天天气怎么样", "股票涨了没", "the lift is broken", "what's the weather like", ""])
    func unrelated(text: String) {
        #expect(Self.index.match(text) == nil)
    }

    @Test("question words alone (请问, 怎么, 吗, how do i) match nothing")
    func stopWordsAlone() {
        #expect(Self.index.ranked("请问一下 怎么 吗").isEmpty)
        #expect(Self.index.ranked("how do i").isEmpty)
        #expect(Self.index.match("how do i") == nil)
    }

    @Test("full-width letters, traditional characters and the synonyms' typos read as their plain forms")
    func normalisedText() {
        #expect(Self.index.match("物业費發票怎么開")?.entry.id == "fees.invoice")
        #expect(Self.index.match("物叶费怎么交")?.entry.id == "fees.payment")
        #expect(Self.index.match("ＨＯＷ ＤＯ Ｉ ＰＡＹ ＴＨＥ ＭＡＮＡＧＥＭＥＮＴ ＦＥＥ")?.entry.id == "fees.payment")
    }

    @Test("two entries about as close as each other give no answer: the margin")
    func margin() {
        let twins = [
            FAQEntry(id: "a", questions: ["门禁卡补办"], answers: ["zh": "甲"]),
            FAQEntry(id: "b", questions: ["门禁卡办理"], answers: ["zh": "乙"]),
        ]
        let index = FAQIndex(entries: twins)
        let ranked = index.ranked("门禁卡")
        #expect(ranked.count == 2)
        #expect(ranked[0].score - ranked[1].score < index.options.minimumMargin)
        #expect(index.match("门禁卡") == nil)
        var lenient = FAQIndex.Options()
        lenient.minimumMargin = 0
        #expect(FAQIndex(entries: twins, options: lenient).match("门禁卡") != nil)
    }

    @Test("below the minimum score there is no answer; lowering it answers")
    func minimumScore() {
        let text = "物业费发票"
        let score = Self.index.ranked(text).first?.score ?? 0
        var strict = FAQIndex.Options()
        strict.minimumScore = score + 0.01
        #expect(FAQIndex(entries: Self.entries, options: strict).match(text) == nil)
        var loose = FAQIndex.Options()
        loose.minimumScore = score - 0.01
        #expect(FAQIndex(entries: Self.entries, options: loose).match(text)?.entry.id == "fees.invoice")
    }

    @Test("an index without entries answers nothing")
    func empty() {
        #expect(FAQIndex(entries: []).match("物业费怎么交") == nil)
    }

    @Test("an answer is given in the asked language, else in Chinese, with its placeholders filled")
    func answers() {
        let entry = FAQEntry(
            id: "phones", questions: ["值班电话"],
            answers: ["zh": "值班电话 {duty_phone},服务中心 {office_phone}", "en": "Duty phone {duty_phone}"])
        #expect(entry.answer(in: "en", values: ["duty_phone": "110"]) == "Duty phone 110")
        #expect(entry.answer(in: "fr", values: ["duty_phone": "110"]) == "值班电话 110,服务中心 {office_phone}")
    }
}
