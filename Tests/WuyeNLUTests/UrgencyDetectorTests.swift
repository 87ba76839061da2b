import Foundation
import Testing

@testable import WuyeNLU

@Suite("Urgency detector")
struct UrgencyDetectorTests {
    /// The project's own vocabulary, read from `intents/nlu/urgent.yml` (lists of `- word` under `- lookup:`).
    static let vocabulary: [String: [String]] = {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("intents/nlu/urgent.yml")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var lists: [String: [String]] = [:]
        var current: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- lookup:") {
                current = trimmed.dropFirst("- lookup:".count).trimmingCharacters(in: .whitespaces)
            } else if let name = current, line.hasPrefix("    - ") {
                lists[name, default: []].append(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces))
            } else if !line.hasPrefix(" ") {
                current = nil
            }
        }
        return lists
    }()

    static let detector = UrgencyDetector(
        terms: vocabulary["urgent"] ?? [], negations: vocabulary["negation"] ?? [],
        exceptions: UrgencyDetector.defaultExceptions)

    @Test("the project's urgent.yml has both lists")
    func vocabularyLoads() {
        #expect((Self.vocabulary["urgent"]?.count ?? 0) > 50)
        #expect((Self.vocabulary["negation"]?.count ?? 0) > 10)
    }

    @Test(
        "an emergency is urgent wherever it is said",
        arguments: [
            "电梯困人了 快来",
            "有人被困在电梯里了!!",
            "电梯里困了人",
            "没有燃气味了但是电梯里困了人",
            "没有燃气味 但是插座冒烟了",
            "厨房一股煤气味",
            "客厅插座冒火花了!!!吓死我了",
            "配电箱在冒烟 有焦糊味 快来人啊",
            "楼道里着火了",
            "热水管爆了 家里发大水了 总阀在哪关啊 救命",
            "家里没电了 插座还在冒烟",
            "没想到会着火",
            "是不是着火了 好大的烟",
            "电梯没反应 里面有人被困",
            "物业你好我家老人摔倒了",
            "there's smoke coming out of the socket",
            "I smell gas in the kitchen",
            "kid stuck in the elevator",
            "the basement is flooded",
            "someone is hurt, please send help",
            "my dad fell down the stairs and is bleeding",
            "nobody came, we're stuck in the lift",
            "nobody came we're stuck in the lift",
            "the lift is not moving and my kid is stuck in the lift",
            "no hot water and the bathroom is flooding",
            "FIRE!!! building 3",
            "there is no smoke but I can see flames",
            "someone is trapped in the lift",
            "电体困人",
        ])
    func urgent(sentence: String) {
        let urgent = Self.detector.isUrgent(sentence)
        #expect(urgent)
    }

    @Test(
        "negated emergencies, exceptions and everyday faults are not urgent",
        arguments: [
            "没有燃气味",
            "没闻到煤气味 就是想问下燃气费怎么交",
            "不是着火，是邻居在烧烤",
            "并没有人受伤",
            "没有人被困 只是电梯停了",
            "no gas smell, just checking",
            "there is no smoke",
            "no smoke, just a beeping smoke detector",
            "nobody is trapped, the lift just stopped",
            "not flooding, just a small drip under the sink",
            "no one is trapped in the lift",
            "I don't smell gas anymore",
            "the fire extinguisher in the corridor is expired",
            "car blocking the fire lane for two days",
            "cigarette smoke from the neighbour comes in my window",
            "the fireworks last night were so loud",
            "emergency lights in the stairwell are broken",
            "the smoke alarm battery is low",
            "被困扰很久了 楼上太吵",
            "小区有没有急救箱",
            "停电人都快疯了",
            "小区门口的小吃街油烟很大 整栋楼都闻得到",
            "我被锁在门外了",
            "电梯一直咣咣响",
            "楼道灯坏了",
            "热水器打不着火 洗不了澡",
            "燃气灶点不着火 打了好几次",
            "the flat is split into tiny rooms and it is a fire risk",
            "the emergency button in the elevator doesnt work",
            "车窗被砸了 车里的包被偷了",
            "天花板的石膏线掉下来了 差点砸到人",
            "建议物业组织保安参加急救培训",
            "",
        ])
    func notUrgent(sentence: String) {
        let matches = Self.detector.matches(in: sentence)
        #expect(matches.isEmpty)
    }

    @Test("matches name the terms found, in order, each once")
    func matches() {
        let several = Self.detector.matches(in: "燃气泄漏了 有人晕倒了 燃气泄漏")
        #expect(several == ["燃气泄漏", "晕倒"])
        let withLe = Self.detector.matches(in: "电梯里困了人")
        #expect(withLe == ["困人"])
    }

    @Test("English terms match whole words, with a plural s")
    func wordBoundaries() {
        let detector = UrgencyDetector(terms: ["fire", "gas leak"], negations: ["no"], exceptions: [])
        #expect(detector.isUrgent("fire!"))
        #expect(detector.isUrgent("two fires in the bins"))
        #expect(detector.isUrgent("a gas   leak"))
        #expect(!detector.isUrgent("fireworks"))
        #expect(!detector.isUrgent("fireplace"))
        #expect(!detector.isUrgent("ceasefire"))
        #expect(!detector.isUrgent("no fire"))
        #expect(detector.isUrgent("no, fire"))
        #expect(detector.isUrgent("know fire"))
    }

    @Test("a negation reaches a few words, not across a clause")
    func negationScope() {
        let detector = UrgencyDetector(terms: ["smoke", "冒烟"], negations: ["no", "没有"], exceptions: [])
        #expect(!detector.isUrgent("there is no sign of smoke"))
        #expect(detector.isUrgent("no idea why there is so much smoke"))
        #expect(detector.isUrgent("no water in the flat for hours now smoke"))
        #expect(!detector.isUrgent("没有看到冒烟"))
        #expect(detector.isUrgent("没有人来 冒烟了"))
        #expect(detector.isUrgent("没有的事情发生过很久以后冒烟"))
    }

    @Test("a detector with no words finds nothing")
    func empty() {
        let detector = UrgencyDetector(terms: [], negations: [], exceptions: [], nonNegations: [])
        #expect(!detector.isUrgent("着火了"))
        #expect(detector.matches(in: "") == [])
    }
}
