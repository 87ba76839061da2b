import Foundation
import Testing
import WuyeCore
import WuyeSQLite

/// Everything a Wuye store keeps: tickets, notices and conversation states.
typealias WuyeStore = TicketStore & NoticeStore & SessionStore

/// A store under test, made fresh for each test.
struct StoreKind: CustomTestStringConvertible, Sendable {
    let name: String
    let make: @Sendable () throws -> any WuyeStore
    var testDescription: String { name }

    static let memory = StoreKind(name: "memory") { MemoryTicketStore() }
    static let sqlite = StoreKind(name: "sqlite") { try SQLiteTicketStore(path: TempDir.make().appending("/wuye.db")) }
    static let all = [memory, sqlite]
}

enum TempDir {
    static func make() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wuye-test-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

let shanghai = TimeZone(identifier: "Asia/Shanghai")!
let t0 = Date(timeIntervalSince1970: 1_795_000_000)

func draft(_ kind: TicketKind = .repair, room: String = "3-2-501", category: String? = "plumbing") -> TicketDraft {
    TicketDraft(
        kind: kind, category: category, site: "meijia-1", room: Room(room)!, location: nil, priority: .normal,
        department: "engineering", summary: "厨房漏水", text: "厨房\u{1B}[31m漏水了 ", ownerName: "王芳",
        ownerPhone: "13812345678", acceptDueAt: t0.addingTimeInterval(1800),
        resolveDueAt: t0.addingTimeInterval(86_400),
        timeZone: shanghai, by: "kiosk")
}

/// The behaviour every `TicketStore` must share; run against each store.
@Suite("Store contract")
struct StoreContractTests {
    @Test("ids are per kind, sequential from 1001, and a ticket reads back exactly", arguments: StoreKind.all)
    func createAndRead(kind: StoreKind) async throws {
        let store = try kind.make()
        let a = try await store.create(draft(), at: t0)
        let b = try await store.create(draft(), at: t0.addingTimeInterval(1))
        let c = try await store.create(draft(.complaint, category: "noise"), at: t0.addingTimeInterval(2))
        #expect([a.id, b.id, c.id] == ["R-1001", "R-1002", "C-1001"])
        let read = try #require(try await store.ticket("R-1001"))
        #expect(read == a)
        #expect(read.text == "厨房\u{1B}[31m漏水了 ", "the owner's words are kept exactly")
        #expect(read.events?.map(\.action) == [.open])
        #expect(try await store.ticket("R-9999") == nil)
    }

    @Test("an update is all or nothing, and its events are appended in order", arguments: StoreKind.all)
    func update(kind: StoreKind) async throws {
        let store = try kind.make()
        _ = try await store.create(draft(), at: t0)
        let at = t0.addingTimeInterval(600)
        let updated = try await store.update("R-1001") { t in
            [try t.apply(.assign, .init(department: "engineering", assignee: "张师傅"), by: "李", at: at)]
        }
        #expect(updated.status == .assigned)
        await #expect(throws: WuyeError.self) {
            try await store.update("R-1001") { t in
                t.summary = "changed"
                _ = try t.apply(.close, by: "李", at: at)
                return []
            }
        }
        _ = try await store.update("R-1001") { t in
            t.summary = "not saved without an event"
            return []
        }
        let read = try #require(try await store.ticket("R-1001"))
        #expect(read.summary == "厨房漏水")
        #expect(read.events?.map(\.action) == [.open, .assign])
        #expect(read.acceptedAt == at)
        #expect(read.assignee == "张师傅")
        let missing = await #expect(throws: WuyeError.self) { try await store.update("R-4242") { _ in [] } }
        #expect(missing?.code == .notFound)
    }

    @Test(
        "queries filter by status, room or reporter, kind, department, site, overdue and time", arguments: StoreKind.all
    )
    func queries(kind: StoreKind) async throws {
        let store = try kind.make()
        _ = try await store.create(draft(), at: t0)
        _ = try await store.create(draft(room: "5--1803"), at: t0.addingTimeInterval(60))
        _ = try await store.create(
            draft(.complaint, room: "1-1-101", category: "noise"), at: t0.addingTimeInterval(120))
        _ = try await store.update("R-1002") { t in
            t.reporters.append(Room("3-2-802")!)
            return [TicketEvent(at: t0, action: .report, status: t.status, by: "kiosk", note: "3-2-802")]
        }
        let later = t0.addingTimeInterval(3600)
        _ = try await store.update("R-1001") { t in
            [try t.apply(.start, by: "a", at: later), try t.apply(.resolve, by: "a", at: later)]
        }
        func ids(_ q: TicketQuery) async throws -> [String] { try await store.tickets(q).map(\.id) }
        #expect(try await ids(TicketQuery()) == ["C-1001", "R-1002", "R-1001"])
        #expect(try await ids(TicketQuery(statuses: TicketStatus.active)) == ["C-1001", "R-1002"])
        #expect(try await ids(TicketQuery(statuses: [.resolved])) == ["R-1001"])
        #expect(try await ids(TicketQuery(room: Room("3-2-802")!)) == ["R-1002"])
        #expect(try await ids(TicketQuery(room: Room("5--1803")!)) == ["R-1002"])
        #expect(try await ids(TicketQuery(kind: .complaint)) == ["C-1001"])
        #expect(try await ids(TicketQuery(category: "noise")) == ["C-1001"])
        #expect(try await ids(TicketQuery(department: "cleaning")).isEmpty)
        #expect(try await ids(TicketQuery(site: "meijia-1", limit: 2)) == ["C-1001", "R-1002"])
        #expect(try await ids(TicketQuery(overdueAt: t0.addingTimeInterval(1799))).isEmpty)
        #expect(try await ids(TicketQuery(overdueAt: t0.addingTimeInterval(1801))) == ["C-1001", "R-1002"])
        #expect(try await ids(TicketQuery(kind: .repair, overdueAt: t0.addingTimeInterval(86_401))) == ["R-1002"])
        #expect(try await ids(TicketQuery(escalated: false)).count == 3)
        #expect(try await ids(TicketQuery(resolvedBefore: later.addingTimeInterval(1))) == ["R-1001"])
        #expect(try await ids(TicketQuery(resolvedBefore: later)).isEmpty)
        #expect(
            try await ids(
                TicketQuery(createdFrom: t0.addingTimeInterval(60), createdBefore: t0.addingTimeInterval(120))) == [
                    "R-1002"
                ])
        let withEvents = try await store.tickets(TicketQuery(room: Room("3-2-802")!, withEvents: true))
        #expect(withEvents.first?.events?.map(\.action) == [.open, .report])
        #expect(withEvents.first?.reporters == [Room("5--1803")!, Room("3-2-802")!])
        #expect(try await store.tickets(TicketQuery()).first?.events == nil)
    }

    @Test("the owner registry is replaced whole, per site", arguments: StoreKind.all)
    func owners(kind: StoreKind) async throws {
        let store = try kind.make()
        let room = Room("3-2-501")!
        try await store.replaceOwners(
            [
                Owner(site: "meijia-1", room: room, name: "王芳", phone: Phone("13812345678")!),
                Owner(site: "meijia-1", room: room, name: "李强", phone: Phone("13900001111")!),
            ], site: "meijia-1")
        try await store.replaceOwners(
            [Owner(site: "lanting-2", room: room, name: "赵", phone: Phone("13700000000")!)], site: "lanting-2")
        #expect(try await store.owners(site: "meijia-1", room: room).map(\.name) == ["王芳", "李强"])
        #expect(try await store.ownerCount(site: "meijia-1") == 2)
        try await store.replaceOwners(
            [Owner(site: "meijia-1", room: room, name: "新", phone: Phone("13600000000")!)], site: "meijia-1")
        #expect(try await store.owners(site: "meijia-1", room: room).map(\.name) == ["新"])
        #expect(try await store.ownerCount(site: "lanting-2") == 1)
    }

    @Test("many concurrent writers get distinct ids and lose nothing", arguments: StoreKind.all)
    func concurrency(kind: StoreKind) async throws {
        let store = try kind.make()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask {
                    _ = try await store.create(draft(room: "1-1-\(100 + i)"), at: t0.addingTimeInterval(Double(i)))
                }
            }
            try await group.waitForAll()
        }
        let all = try await store.tickets(TicketQuery())
        #expect(Set(all.map(\.id)).count == 50)
        #expect(Set(all.map(\.id)) == Set((1001...1050).map { "R-\($0)" }))
    }
}
