import Testing

@testable import WuyeNLU

@Suite("Phone parser")
struct PhoneParserTests {
    @Test(
        "a mobile number is found however it is grouped",
        arguments: [
            ("物叶 我家厨房下水又反味又堵 能不能今天来 电话13812345678", "13812345678"),
            ("我的手机 138 1234 5678 麻烦回电", "13812345678"),
            ("号码是138-1234-5678", "13812345678"),
            ("+86 138 1234 5678", "13812345678"),
            ("+8613812345678", "13812345678"),
            ("(+86)13912345678 王女士", "13912345678"),
            ("0086 138 1234 5678", "13812345678"),
            ("86-138-1234-5678", "13812345678"),
            ("联系电话13905716628，谢谢。", "13905716628"),
            ("电话：１３８１２３４５６７８", "13812345678"),
            ("我电话幺三八幺二三四五六七八", "13812345678"),
            ("3栋2单元501 13812345678", "13812345678"),
            ("5#1-302 13812345678", "13812345678"),
            ("call me on 15900001111 after 6pm", "15900001111"),
            ("138 12345678", "13812345678"),
            ("tel:19912345678.", "19912345678"),
        ] as [(String, String)])
    func finds(sentence: String, expected: String) {
        #expect(PhoneParser.find(in: sentence) == expected)
    }

    @Test(
        "numbers that are not a mobile are not a phone",
        arguments: [
            "12345678901",
            "订单13812345678901",
            "WX20240312017",
            "单号 2024-0315-088",
            "0571-88886666",
            "400-820-1234",
            "打12345热线",
            "10086",
            "138123456",
            "3-2-501",
            "1381234567 8",
            "",
            "一二三四五六七八九十",
        ])
    func notAPhone(sentence: String) {
        #expect(PhoneParser.find(in: sentence) == nil)
    }
}
