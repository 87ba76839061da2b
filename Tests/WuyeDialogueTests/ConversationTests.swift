import Foundation
import Testing
import WuyeCore
import WuyeDialogue
import WuyeNLU

/// The state machine alone: understood turns and hand-made facts in, orders and replies out, no store.
@Suite("Conversation state machine")
struct ConversationTests {
    let shipped = Shipped.shared
    let now = Date(timeIntervalSince1970: 1_795_485_600)

    func conversation() throws -> Conversation {
        Conversation(book: ReplyBook(shipped.dialogue), rules: shipped.rules, site: try shipped.rules.site(nil))
    }

    func turn(_ text: String, owner: OwnerInfo? = nil) -> Turn {
        Turn(
            text: text, understanding: shipped.understander.understand(text, now: now), owner: owner, now: now)
    }

    @Test("a complete report with the owner given orders a ticket at once")
    func reportWithOwner() throws {
        var c = try conversation()
        let d = c.receive(turn("卫生间水管漏水了", owner: OwnerInfo(room: "3-2-501")), facts: Facts())
        guard case .open(let report, let escalate) = d.orders.first else {
            Issue.record("expected an open order, got \(d.orders)")
            return
        }
        #expect(report.kind == .repair && report.category == "plumbing" && report.room == Room("3-2-501"))
        #expect(escalate == nil)
        #expect(d.lines.map(\.key).starts(with: ["filed_repair"]))
    }

    @Test("an emergency without a room advises first and orders nothing yet")
    func emergencyWithoutRoom() throws {
        var c = try conversation()
        let d = c.receive(turn("电梯困人了 快来"), facts: Facts())
        #expect(d.orders.isEmpty)
        #expect(d.lines.map(\.key) == ["urgent_elevator", "urgent_duty", "urgent_ask_room"])
        #expect(d.awaiting == .room)
        #expect(c.state.pending?.urgent == true)
    }

    @Test("an active ticket of the same room and category is added to, not duplicated")
    func duplicate() throws {
        var c = try conversation()
        var facts = Facts()
        let rules = shipped.rules
        facts.tickets = [
            Ticket(
                id: "R-1001", kind: .repair, status: .assigned, category: "plumbing", site: "meijia-1",
                room: Room("3-2-501")!, reporters: [Room("3-2-501")!], priority: .normal,
                department: rules.routing.department(for: .repair, category: "plumbing"), summary: "厨房漏水",
                text: "厨房漏水", createdAt: now, acceptDueAt: now, resolveDueAt: nil, updatedAt: now,
                timeZone: .current)
        ]
        let d = c.receive(turn("厨房又漏水了", owner: OwnerInfo(room: "3-2-501")), facts: facts)
        #expect(d.orders == [.addReport(ticket: "R-1001", room: Room("3-2-501")!, text: "厨房又漏水了")])
        #expect(d.lines.map(\.key) == ["duplicate"])
    }

    @Test("a session's state survives encoding, as the store keeps it")
    func stateRoundTrip() throws {
        var c = try conversation()
        _ = c.receive(turn("厨房漏水了"), facts: Facts())
        let data = try JSONEncoder().encode(c.state)
        #expect(try JSONDecoder().decode(SessionState.self, from: data) == c.state)
        #expect(c.state.awaiting == .room)
    }
}

@Suite("Reply texts and phrases")
struct ReplyBookTests {
    @Test(
        "summaries drop the flat, the phone and the particles",
        arguments: [
            ("3栋2单元501厨房漏水了", "厨房漏水"),
            ("你好,5#1-302 卫生间马桶堵了!!", "卫生间马桶堵"),
            ("Building 3, unit 2, room 501 - the toilet is blocked", "- the toilet is blocked"),
            ("hinge of the wardrobe door broke", "hinge of the wardrobe door broke"),
            ("客厅灯不亮 电话13812345678", "客厅灯不亮"),
        ])
    func summaries(_ text: String, _ summary: String) {
        #expect(Conversation.summary(of: text) == summary)
    }

    @Test("English phrases match whole words only")
    func wholeWords() {
        #expect(ReplyBook.contains("no thanks", "no"))
        #expect(!ReplyBook.contains("i know", "no"))
        #expect(ReplyBook.contains("不用了", "不用"))
    }

    @Test("every reply the conversation uses has Chinese and English text")
    func repliesComplete() {
        for (key, texts) in Shipped.shared.dialogue.replies {
            #expect(texts["zh"]?.isEmpty == false, "\(key) zh")
            #expect(texts["en"]?.isEmpty == false, "\(key) en")
        }
    }
}

@Suite("Reply templates")
struct ReplyTemplateTests {
    @Test("placeholders are filled in one pass; unknown ones stay as written")
    func fill() {
        let book = ReplyBook(Shipped.shared.dialogue)
        #expect(book.text("progress_item", "zh", ["ticket": "R-1", "summary": "{x}", "status": "ok"]) == "R-1 {x}(ok)")
        #expect(book.text("progress_item", "en", ["ticket": "R-2"]) == "R-2 {summary} ({status})")
    }
}
