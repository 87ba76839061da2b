import Foundation
import Testing
import WuyeCore

@Suite("The desk: opening, steps, repeated reports, the sweep, owners")
struct DeskTests {
    let clock = TestClock(Fixtures.at("2026-11-24 10:00"))
    let store = MemoryTicketStore()
    var desk: TicketDesk { TicketDesk(store: store, rules: Fixtures.rules, now: { [clock] in clock.now }) }

    func leak(_ room: String = "3-2-501") -> TicketDesk.Report {
        TicketDesk.Report(
            kind: .repair, category: "plumbing", room: Room(room)!, summary: "厨房漏水", text: "3栋2单元501厨房漏水了")
    }

    @Test("a report opens a routed ticket with SLA deadlines and an open event")
    func open() async throws {
        let ticket = try await desk.open(leak(), by: "kiosk")
        #expect(ticket.id == "R-1001")
        #expect(ticket.department == "engineering")
        #expect(ticket.priority == .normal)
        #expect(ticket.site == "meijia-1")
        #expect(ticket.reporters == [Room("3-2-501")!])
        #expect(ticket.acceptDueAt == Fixtures.at("2026-11-24 10:30"))
        #expect(ticket.resolveDueAt == Fixtures.at("2026-11-25 10:00"))
        #expect(ticket.events?.map(\.action) == [.open])
        let second = try await desk.open(leak("5--1803"), by: "kiosk")
        let complaint = try await desk.open(
            .init(kind: .complaint, category: "pets", site: "lanting-2", room: Room("1-1-101")!, summary: "狗叫"),
            by: "kiosk")
        let idea = try await desk.open(.init(kind: .suggestion, room: Room("1-1-101")!, summary: "多装长椅"), by: "kiosk")
        #expect([second.id, complaint.id, idea.id] == ["R-1002", "C-1001", "S-1001"])
        #expect(complaint.site == "lanting-2" && complaint.department == "security")
        #expect(idea.priority == .low && idea.resolveDueAt == nil)
    }

    @Test("bad reports are refused and store nothing")
    func badReports() async throws {
        var unknownCategory = leak()
        unknownCategory.category = "plumbnig"
        await #expect(throws: WuyeError.self) { try await desk.open(unknownCategory, by: "a") }
        var badPhone = leak()
        badPhone.ownerPhone = "12345"
        await #expect(throws: WuyeError.self) { try await desk.open(badPhone, by: "a") }
        var unknownSite = leak()
        unknownSite.site = "atlantis"
        await #expect(throws: WuyeError.self) { try await desk.open(unknownSite, by: "a") }
        var empty = leak()
        empty.summary = "   "
        await #expect(throws: WuyeError.self) { try await desk.open(empty, by: "a") }
        #expect(try await store.tickets(TicketQuery()).isEmpty)
    }

    @Test("steps go through the store; unknown tickets and departments are named")
    func steps() async throws {
        _ = try await desk.open(leak(), by: "kiosk")
        let assigned = try await desk.perform(
            .assign, on: "r1001", .init(department: "engineering", assignee: "张师傅"), by: "李客服")
        #expect(assigned.status == .assigned && assigned.assignee == "张师傅")
        #expect(try await store.ticket("R-1001")?.events?.last?.by == "李客服")
        let missing = await #expect(throws: WuyeError.self) { try await desk.perform(.start, on: "R-4040", by: "a") }
        #expect(missing?.code == .notFound && missing?.message == "no ticket R-4040")
        let department = await #expect(throws: WuyeError.self) {
            try await desk.perform(.assign, on: "R-1001", .init(department: "plumbers"), by: "a")
        }
        #expect(department?.code == .badField)
        let refused = await #expect(throws: WuyeError.self) { try await desk.perform(.close, on: "R-1001", by: "a") }
        #expect(refused?.code == .invalidTransition)
        #expect(try await store.ticket("R-1001")?.events?.count == 2)
    }

    @Test("the sweep escalates an overdue ticket once, by system")
    func sweepEscalates() async throws {
        _ = try await desk.open(leak(), by: "kiosk")
        clock.set(Fixtures.at("2026-11-24 10:30"))
        #expect(try await desk.sweep().escalated.isEmpty)
        clock.set(Fixtures.at("2026-11-24 10:31"))
        #expect(try await desk.sweep().escalated == ["R-1001"])
        #expect(try await desk.sweep().escalated.isEmpty)
        let ticket = try await desk.ticket("R-1001")
        #expect(ticket.escalated)
        #expect(ticket.events?.map(\.action) == [.open, .escalate])
        #expect(ticket.events?.last?.by == "system")
        #expect(ticket.events?.last?.note == "overdue: not accepted in time")
        #expect(try await store.tickets(TicketQuery(overdueAt: clock.now)).map(\.id) == ["R-1001"])
    }

    @Test("a resolved ticket closes itself 7 days after resolution, not before")
    func autoClose() async throws {
        _ = try await desk.open(leak(), by: "kiosk")
        _ = try await desk.perform(.start, on: "R-1001", by: "张师傅")
        _ = try await desk.perform(.resolve, on: "R-1001", by: "张师傅")
        clock.set(Fixtures.at("2026-12-01 09:59"))
        #expect(try await desk.sweep().closed.isEmpty)
        clock.set(Fixtures.at("2026-12-01 10:01"))
        let result = try await desk.sweep()
        #expect(result.closed == ["R-1001"])
        #expect(result.escalated.isEmpty)
        let ticket = try await desk.ticket("R-1001")
        #expect(ticket.status == .closed && ticket.events?.last?.by == "system")
        #expect(ticket.closedAt == Fixtures.at("2026-12-01 10:01"))
    }

    @Test("another report links its room once and raises a normal ticket to high, halving the accept time")
    func repeatedReport() async throws {
        _ = try await desk.open(
            .init(kind: .repair, category: "elevator", room: Room("3-2-501")!, location: "3号楼2单元电梯", summary: "电梯不动"),
            by: "kiosk")
        clock.advance(minutes: 5)
        let linked = try await desk.addReport(to: "R-1001", from: Room("3-2-802")!, text: "电梯坏了", by: "kiosk")
        _ = try await desk.addReport(to: "R-1001", from: Room("3-2-802")!, text: "电梯还是坏的", by: "kiosk")
        let ticket = try await desk.ticket("R-1001")
        #expect(linked.priority == .high)
        #expect(ticket.reporters == [Room("3-2-501")!, Room("3-2-802")!])
        #expect(ticket.acceptDueAt == Fixtures.at("2026-11-24 10:15"))
        #expect(ticket.events?.map(\.action) == [.open, .report, .update, .report])
        #expect(try await store.tickets(TicketQuery(room: Room("3-2-802")!)).map(\.id) == ["R-1001"])
        _ = try await desk.perform(.cancel, on: "R-1001", by: "a")
        await #expect(throws: WuyeError.self) {
            try await desk.addReport(to: "R-1001", from: Room("1-1-1")!, text: "x", by: "k")
        }
    }

    @Test("setting priority moves the accept deadline while the ticket is not accepted")
    func priority() async throws {
        _ = try await desk.open(leak(), by: "kiosk")
        let urgent = try await desk.setPriority("R-1001", to: .urgent, by: "主任")
        #expect(urgent.acceptDueAt == Fixtures.at("2026-11-24 10:15"))
        #expect(urgent.events?.last?.note == "priority normal → urgent")
        let unchanged = try await desk.setPriority("R-1001", to: .urgent, by: "主任")
        #expect(unchanged.events?.count == 2)
    }

    @Test("a phone is checked against the room's registered owners")
    func owners() async throws {
        #expect(try await desk.checkOwner(site: nil, room: Room("3-2-501")!, phone: "13812345678") == .unknownRoom)
        try await store.replaceOwners(
            [Owner(site: "meijia-1", room: Room("3-2-501")!, name: "王芳", phone: Phone("13812345678")!)],
            site: "meijia-1")
        #expect(try await desk.checkOwner(site: nil, room: Room("3-2-501")!, phone: "138 1234 5678") == .verified)
        #expect(try await desk.checkOwner(site: nil, room: Room("3-2-501")!, phone: "13900000000") == .mismatch)
        #expect(try await desk.checkOwner(site: nil, room: Room("3-2-501")!, phone: "not a phone") == .mismatch)
        #expect(
            try await desk.checkOwner(site: "lanting-2", room: Room("3-2-501")!, phone: "13812345678") == .unknownRoom)
    }
}
