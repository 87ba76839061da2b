import Foundation
import WuyeCore
import WuyeDialogue

/// A FrontDesk that records every call and answers from what the test set: no store, no dialogue.
actor FakeDesk: FrontDesk {
    /// One call as the console made it.
    enum Call: Hashable {
        case chat(session: String, text: String, room: String?)
        case resetSession(String)
        case ticket(String)
        case tickets(statuses: [TicketStatus]?, site: String?)
        case update(String, TicketAction, StepDetails, by: String)
        case report(Month, site: String?)
        case notices(site: String?)
    }

    private(set) var calls: [Call] = []
    /// The reply of every chat turn.
    var reply = "好的"
    var explanation: String? = "because"
    /// When set, every call throws it.
    var failure: WuyeError?
    var queue: [Ticket] = []
    var posted: [Notice] = []

    func set(reply: String) { self.reply = reply }
    func set(failure: WuyeError?) { self.failure = failure }
    func set(queue: [Ticket]) { self.queue = queue }
    func set(notices: [Notice]) { self.posted = notices }

    private func record(_ call: Call) throws {
        calls.append(call)
        if let failure { throw failure }
    }

    func chat(_ request: ChatRequest) async throws -> ChatResponse {
        try record(.chat(session: request.session, text: request.text, room: request.owner?.room))
        var entities = TurnEntities()
        entities.room = "3-2-501"
        entities.category = "plumbing"
        return ChatResponse(
            reply: reply, language: "zh", intent: "repair", confidence: 0.875, entities: entities,
            awaiting: .confirm, ticket: FakeDesk.ticket(), explanation: explanation)
    }

    func resetSession(_ session: String) async throws {
        try record(.resetSession(session))
    }

    func ticket(_ id: String) async throws -> Ticket {
        try record(.ticket(id))
        return FakeDesk.ticket(id: id)
    }

    func tickets(_ query: TicketQuery) async throws -> [Ticket] {
        try record(.tickets(statuses: query.statuses, site: query.site))
        return queue
    }

    func update(_ id: String, action: TicketAction, details: StepDetails, by actor: String) async throws -> Ticket {
        try record(.update(id, action, details, by: actor))
        var ticket = FakeDesk.ticket(id: id)
        ticket.status = action.status(after: ticket.status)
        ticket.assignee = details.assignee
        return ticket
    }

    func report(month: Month, site: String?) async throws -> MonthlyReport {
        try record(.report(month, site: site))
        return MonthlyReport(month: month, site: site, tickets: [], now: FakeDesk.monday)
    }

    func notices(site: String?) async throws -> [Notice] {
        try record(.notices(site: site))
        return posted
    }

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// 2026-11-30 10:00 in Shanghai.
    static let monday = Date(timeIntervalSince1970: 1_796_004_000)

    static func ticket(id: String = "R-1001", summary: String = "厨房漏水", createdAt: Date = monday) -> Ticket {
        Ticket(
            id: id, kind: .repair, category: "plumbing", site: "meijia-1", room: Room("3-2-501")!, priority: .normal,
            department: "engineering", summary: summary, text: summary, createdAt: createdAt,
            acceptDueAt: createdAt.addingTimeInterval(1800), resolveDueAt: createdAt.addingTimeInterval(86400),
            timeZone: shanghai, events: [])
    }
}
