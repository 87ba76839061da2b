import Foundation
import Testing
import WuyeCore

@Suite("Ticket lifecycle (DESIGN.md's table)")
struct LifecycleTests {
    /// Every action from every status, with the status it must lead to, or nil where it must be refused.
    static let table: [(TicketAction, TicketStatus, TicketStatus?)] = {
        let expected: [TicketAction: [TicketStatus: TicketStatus]] = [
            .assign: [.open: .assigned, .assigned: .assigned, .inProgress: .inProgress],
            .start: [.open: .inProgress, .assigned: .inProgress],
            .resolve: [.assigned: .resolved, .inProgress: .resolved],
            .close: [.resolved: .closed],
            .reopen: [.resolved: .open, .closed: .open],
            .cancel: [.open: .cancelled, .assigned: .cancelled, .inProgress: .cancelled],
            .note: Dictionary(uniqueKeysWithValues: TicketStatus.allCases.map { ($0, $0) }),
            .escalate: Dictionary(
                uniqueKeysWithValues: TicketStatus.allCases.filter { $0 != .cancelled }.map { ($0, $0) }),
        ]
        return TicketAction.allCases.flatMap { action in
            TicketStatus.allCases.map { status in (action, status, expected[action]?[status]) }
        }
    }()

    @Test("every action from every status is allowed or refused as the table says", arguments: table)
    func transition(action: TicketAction, from status: TicketStatus, to expected: TicketStatus?) throws {
        var ticket = Fixtures.ticket(status)
        let before = ticket
        let details = StepDetails(department: "engineering", assignee: "张师傅", note: "checked")
        if let expected {
            let event = try ticket.apply(action, details, by: "李客服", at: Fixtures.at("2026-11-24 11:00"))
            #expect(ticket.status == expected)
            #expect(event.status == expected)
            #expect(event.action.rawValue == action.rawValue)
            #expect(event.by == "李客服")
            #expect(ticket.events?.last == event)
        } else {
            let error = #expect(throws: WuyeError.self) {
                try ticket.apply(action, details, by: "李客服", at: Fixtures.at("2026-11-24 11:00"))
            }
            #expect(error?.code == .invalidTransition)
            #expect(error?.message.contains("it is \(status.rawValue)") == true)
            let allowed = TicketAction.allowed(from: status).map(\.rawValue).joined(separator: ", ")
            #expect(error?.message.contains(allowed.isEmpty ? "none" : allowed) == true)
            #expect(ticket == before, "a refused step changes nothing")
        }
    }

    @Test("a refused step names the status and the actions it allows")
    func refusalMessage() {
        var ticket = Fixtures.ticket(.open)
        #expect(
            throws: WuyeError(
                .invalidTransition,
                "cannot resolve R-1001: it is open; from open the allowed actions are assign, start, cancel, note, escalate"
            )
        ) {
            try ticket.apply(.resolve, by: "a", at: Date())
        }
        var cancelled = Fixtures.ticket(.cancelled)
        #expect(
            throws: WuyeError(
                .invalidTransition,
                "cannot escalate R-1001: it is cancelled; from cancelled the allowed actions are note")
        ) {
            try cancelled.apply(.escalate, by: "a", at: Date())
        }
    }

    @Test("the first assign or start is when the ticket was accepted; later steps keep it")
    func acceptedAt() throws {
        var ticket = Fixtures.ticket()
        try ticket.apply(.assign, .init(assignee: "张师傅"), by: "a", at: Fixtures.at("2026-11-24 10:12"))
        try ticket.apply(.assign, .init(assignee: "王师傅"), by: "a", at: Fixtures.at("2026-11-24 10:40"))
        try ticket.apply(.start, by: "a", at: Fixtures.at("2026-11-24 11:00"))
        #expect(ticket.acceptedAt == Fixtures.at("2026-11-24 10:12"))
        #expect(ticket.assignee == "王师傅")
        #expect(ticket.events?[1].note == "assignee 张师傅 → 王师傅")
    }

    @Test("assign needs a department or an assignee; a note needs text")
    func requiredDetails() {
        var ticket = Fixtures.ticket()
        #expect(throws: WuyeError.self) { try ticket.apply(.assign, by: "a", at: Date()) }
        #expect(throws: WuyeError.self) { try ticket.apply(.note, .init(note: "  "), by: "a", at: Date()) }
        #expect(ticket.status == .open)
        #expect(ticket.events == [])
    }

    @Test("reopening counts, and clears the resolution so auto-close waits for the next one")
    func reopen() throws {
        var ticket = Fixtures.ticket(.assigned)
        try ticket.apply(.resolve, by: "a", at: Fixtures.at("2026-11-24 12:00"))
        #expect(ticket.resolvedAt == Fixtures.at("2026-11-24 12:00"))
        try ticket.apply(.reopen, .init(note: "还是漏"), by: "owner", at: Fixtures.at("2026-11-24 13:00"))
        try ticket.apply(.start, by: "a", at: Fixtures.at("2026-11-24 14:00"))
        try ticket.apply(.resolve, by: "a", at: Fixtures.at("2026-11-24 15:00"))
        try ticket.apply(.close, by: "a", at: Fixtures.at("2026-11-24 16:00"))
        try ticket.apply(.reopen, by: "owner", at: Fixtures.at("2026-11-25 09:00"))
        #expect(ticket.reopenCount == 2)
        #expect(ticket.status == .open)
        #expect(ticket.resolvedAt == nil)
        #expect(ticket.closedAt == nil)
    }

    @Test("escalating sets the flag and keeps the status")
    func escalate() throws {
        var ticket = Fixtures.ticket(.inProgress)
        try ticket.apply(.escalate, by: "system", at: Date())
        #expect(ticket.escalated)
        #expect(ticket.status == .inProgress)
    }

    @Test("ratings are 1 to 5, only for resolved or closed tickets, and 2 or less escalates")
    func rating() throws {
        var open = Fixtures.ticket(.open)
        #expect(throws: WuyeError.self) { try open.rate(5, by: "owner", at: Date()) }
        var resolved = Fixtures.ticket(.resolved)
        #expect(throws: WuyeError.self) { try resolved.rate(6, by: "owner", at: Date()) }
        #expect(throws: WuyeError.self) { try resolved.rate(0, by: "owner", at: Date()) }
        let good = try resolved.rate(4, by: "owner", at: Date())
        #expect(good.map(\.action) == [.rate])
        #expect(resolved.rating == 4 && !resolved.escalated)
        var closed = Fixtures.ticket(.closed)
        let bad = try closed.rate(2, by: "owner", at: Date())
        #expect(bad.map(\.action) == [.rate, .escalate])
        #expect(closed.rating == 2 && closed.escalated)
    }

    @Test("overdue means active and past the accept deadline before accepting, or past the resolve deadline")
    func overdue() throws {
        var ticket = Fixtures.ticket()
        #expect(!ticket.isOverdue(at: Fixtures.at("2026-11-24 10:30")))
        #expect(ticket.isOverdue(at: Fixtures.at("2026-11-24 10:31")))
        try ticket.apply(.start, by: "a", at: Fixtures.at("2026-11-24 10:20"))
        #expect(!ticket.isOverdue(at: Fixtures.at("2026-11-24 12:00")))
        #expect(ticket.isOverdue(at: Fixtures.at("2026-11-25 10:01")))
        try ticket.apply(.resolve, by: "a", at: Fixtures.at("2026-11-25 11:00"))
        #expect(!ticket.isOverdue(at: Fixtures.at("2026-11-26 10:00")))
    }

    @Test(
        "ticket ids are read loosely and written canonically",
        arguments: [
            ("R-1024", "R-1024"), ("r1024", "R-1024"), (" c-17 ", "C-17"), ("Q-0042", "Q-42"), ("S-1", "S-1"),
        ])
    func ids(text: String, canonical: String) {
        #expect(Ticket.canonicalID(text) == canonical)
    }

    @Test(
        "things that are not ticket ids",
        arguments: ["", "R-", "X-1024", "R-12a", "1024", "R--1", "R-0", "R-99999999999999"])
    func notIDs(text: String) {
        #expect(Ticket.canonicalID(text) == nil)
    }
}
