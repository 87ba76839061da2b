import Foundation
import Testing
import WuyeData
import WuyeNLU

/// One model trained on the shipped data, shared by the tests (training takes a while in a debug build).
let shipped: Understander = {
    let catalog = try! IntentCatalogLoader.load(from: shippedIntents)
    return Understander(catalog: catalog)
}()

let shanghai = TimeZone(identifier: "Asia/Shanghai")!
let tuesdayMorning = Date(timeIntervalSince1970: 1_795_485_600)  // 2026-11-24 10:00 +08:00

/// The project's own labelled owner messages (text and whether urgent), written apart from the training data.
let ownerMessages: [(text: String, urgent: Bool)] = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WuyeNLUTests/Data/owner-messages.jsonl").path
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let text = object["text"] as? String
        else { return nil }
        return (text, object["urgent"] as? Bool ?? false)
    }
}()

@Suite("Understanding with the shipped data")
struct UnderstandingTests {
    @Test(
        "typical messages get their intent, category, room and urgency",
        arguments: [
            ("3栋2单元501厨房漏水了", "repair", "plumbing", "3-2-501", false),
            ("电体困人了!!快来 5号楼", "repair", "elevator", nil, true),
            ("楼上天天半夜装修 吵死了", "complaint", "renovation", nil, false),
            ("我的报修怎么样了", "progress", nil, nil, false),
            ("物业费怎么交", "inquiry", nil, nil, false),
            ("the hallway light on the 12th floor of building 8 is out", "repair", "electrical", nil, false),
            ("你好", "greet", nil, nil, false),
            ("what's the weather tomorrow", "out_of_scope", nil, nil, false),
        ] as [(String, String, String?, String?, Bool)])
    func typical(text: String, intent: String, category: String?, room: String?, urgent: Bool) {
        let u = shipped.understand(text, now: tuesdayMorning, timeZone: shanghai)
        #expect(u.intent == intent)
        if let category { #expect(u.entities.category(for: intent) == category) }
        #expect(u.entities.room == room)
        #expect(u.entities.urgent == urgent)
        #expect(!u.intent.isEmpty)
    }

    @Test(
        "nonsense falls back to asking what the owner wants, with a best guess still named",
        arguments: [
            "asdkjh qwezx", "zzzzzzzz", "🙂🙂🙂", "x7$#@!", "qwpoeiru zmxncbv lkjhg",
        ])
    func nonsense(text: String) {
        let u = shipped.understand(text)
        #expect(u.isFallback)
        #expect(IntentCatalog.protocolIntents.contains(u.intent))
    }

    @Test("clear messages do not fall back", arguments: ["厨房水管爆了 水漫出来了", "谢谢你们", "R-1024 到哪一步了"])
    func confident(text: String) {
        #expect(!shipped.understand(text).isFallback)
    }

    @Test("a negated emergency is not urgent")
    func negated() {
        #expect(!shipped.understand("没有燃气味了 就是灶打不着火").entities.urgent)
        #expect(shipped.understand("闻到很大的燃气味 快来人").entities.urgent)
    }

    @Test("no urgent message of our own test set is missed")
    func emergencies() throws {
        let urgent = ownerMessages.filter(\.urgent).map(\.text)
        try #require(urgent.count >= 30, "the test set is missing")
        let missed = urgent.filter { !shipped.understand($0).entities.urgent }
        #expect(missed.isEmpty, "missed: \(missed)")
    }

    @Test("the features that decided a message can be listed")
    func explain() {
        let rows = shipped.explain("厨房水管漏水")
        #expect(!rows.isEmpty)
        #expect(rows.first?.contributions.first?.0 == "repair")
        #expect(rows.contains { $0.feature.hasPrefix("字 ") })
    }

    @Test("training is deterministic: the same data gives the same answers")
    func deterministic() throws {
        let again = Understander(catalog: try IntentCatalogLoader.load(from: shippedIntents))
        for text in ["楼道灯不亮", "谢谢", "how do i pay the fee"] {
            #expect(again.understand(text).confidence == shipped.understand(text).confidence)
        }
    }
}
