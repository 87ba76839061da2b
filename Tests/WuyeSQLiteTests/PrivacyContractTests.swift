import Foundation
import Testing
import WuyeCore

/// The personal-data behaviour every store must share (PIPL erasure); run against each store.
@Suite("Privacy store contract")
struct PrivacyContractTests {
    @Test(
        "erasing rewrites the ticket's fields and history notes, appends the event, and leaves other tickets alone",
        arguments: StoreKind.all)
    func erase(kind: StoreKind) async throws {
        let store = try kind.make()
        let privacy = try #require(store as? any PrivacyStore)
        _ = try await store.create(draft(), at: t0)
        _ = try await store.create(draft(room: "3-2-502"), at: t0)
        _ = try await store.update("R-1001") { ticket in
            [TicketEvent(at: t0, action: .note, status: ticket.status, by: "张师傅", note: "已联系王芳 13812345678")]
        }
        let event = TicketEvent(at: t0.addingTimeInterval(60), action: .erase, status: .open, by: "supervisor")
        let erased = try await privacy.erasePersonalData(
            "R-1001",
            { ticket in
                ticket.ownerName = nil
                ticket.ownerPhone = nil
                ticket.text = "***"
                ticket.events = ticket.events?.map { e in
                    var e = e
                    e.note = e.note.map { PersonalData.erasing($0, known: ["王芳"]) }
                    return e
                }
            }, event: event)
        let read = try #require(try await store.ticket("R-1001"))
        #expect(read == erased)
        #expect(read.ownerName == nil && read.ownerPhone == nil && read.text == "***")
        #expect(read.events?.map(\.action) == [.open, .note, .erase])
        #expect(read.events?[1].note == "已联系*** ***")
        #expect(read.events?[1].by == "张师傅", "who acted stays")
        #expect(read.isErased)
        let other = try #require(try await store.ticket("R-1002"))
        #expect(other.ownerName == "王芳" && other.ownerPhone == "13812345678" && !other.isErased)
        await #expect(throws: WuyeError.self) {
            _ = try await privacy.erasePersonalData("R-9999", { _ in }, event: event)
        }
    }

    @Test("queries find tickets by last change and by whether they were erased", arguments: StoreKind.all)
    func queries(kind: StoreKind) async throws {
        let store = try kind.make()
        let privacy = try #require(store as? any PrivacyStore)
        _ = try await store.create(draft(), at: t0)
        _ = try await store.create(draft(), at: t0.addingTimeInterval(3600))
        _ = try await privacy.erasePersonalData(
            "R-1002", { $0.updatedAt = t0.addingTimeInterval(7200) },
            event: TicketEvent(at: t0.addingTimeInterval(7200), action: .erase, status: .open, by: "system"))
        #expect(try await store.tickets(TicketQuery(erased: true)).map(\.id) == ["R-1002"])
        #expect(try await store.tickets(TicketQuery(erased: false)).map(\.id) == ["R-1001"])
        #expect(try await store.tickets(TicketQuery(updatedBefore: t0.addingTimeInterval(1))).map(\.id) == ["R-1001"])
        #expect(try await store.tickets(TicketQuery(updatedBefore: t0)).isEmpty)
    }

    @Test("a room's registry entries and bound conversations are removed, and only those", arguments: StoreKind.all)
    func registryAndSessions(kind: StoreKind) async throws {
        let store = try kind.make()
        let privacy = try #require(store as? any PrivacyStore)
        let room = Room("3-2-501")!
        try await store.replaceOwners(
            [
                Owner(site: "meijia-1", room: room, name: "王芳", phone: Phone("13812345678")!),
                Owner(site: "meijia-1", room: room, name: "李强", phone: Phone("13900001111")!),
                Owner(site: "meijia-1", room: Room("3-2-502")!, name: "赵敏", phone: Phone("13700002222")!),
            ], site: "meijia-1")
        try await store.saveSession(SessionRecord(id: "a", state: Data("x".utf8), updatedAt: t0, room: room))
        try await store.saveSession(SessionRecord(id: "b", state: Data("y".utf8), updatedAt: t0, room: Room("3-2-502")))
        try await store.saveSession(SessionRecord(id: "c", state: Data("z".utf8), updatedAt: t0))
        #expect(try await store.session("a")?.room == room, "the room is saved with the state")
        #expect(try await privacy.removeOwners(site: "meijia-1", room: room) == 2)
        #expect(try await store.owners(site: "meijia-1", room: room).isEmpty)
        #expect(try await store.ownerCount(site: "meijia-1") == 1)
        #expect(try await privacy.deleteSessions(room: room) == 1)
        #expect(try await store.session("a") == nil)
        #expect(try await store.session("b") != nil)
        #expect(try await store.session("c") != nil)
    }
}
