import Foundation

/// A `TicketStore` (and `NoticeStore`, `SessionStore`) held in memory: the reference the core's tests and the store
/// contract run against.
public actor MemoryTicketStore: TicketStore {
    /// Everything the store holds, as a value: a transaction works on a copy and keeps it only if it succeeds.
    struct State {
        var byID: [String: Ticket] = [:]
        var nextNumber: [TicketKind: Int] = [:]
        var registry: [String: [Owner]] = [:]
        /// Every notice ever added, removed ones too (as the SQLite store keeps them), by id.
        var noticesByID: [Int: Notice] = [:]
        var removedNotices: Set<Int> = []
        var lastNoticeID = 0
        var sessionsByID: [String: SessionRecord] = [:]

        mutating func create(_ draft: TicketDraft, at now: Date) -> Ticket {
            let number = nextNumber[draft.kind, default: MemoryTicketStore.firstNumber]
            nextNumber[draft.kind] = number + 1
            let id = "\(draft.kind.letter)-\(number)"
            let ticket = Ticket(
                id: id, kind: draft.kind, category: draft.category, site: draft.site, room: draft.room,
                location: draft.location, priority: draft.priority, department: draft.department,
                summary: draft.summary, text: draft.text, ownerName: draft.ownerName, ownerPhone: draft.ownerPhone,
                createdAt: now, acceptDueAt: draft.acceptDueAt, resolveDueAt: draft.resolveDueAt,
                timeZone: draft.timeZone, events: [TicketEvent(at: now, action: .open, status: .open, by: draft.by)])
            byID[id] = ticket
            return ticket
        }

        func tickets(_ query: TicketQuery) -> [Ticket] {
            var found = byID.values.filter(query.matches).sorted(by: MemoryTicketStore.newestFirst)
            if let limit = query.limit { found = Array(found.prefix(max(0, limit))) }
            if !query.withEvents {
                found = found.map {
                    var t = $0
                    t.events = nil
                    return t
                }
            }
            return found
        }

        mutating func update(_ id: String, _ change: (inout Ticket) throws -> [TicketEvent]) throws -> Ticket {
            guard var ticket = byID[id] else { throw WuyeError.notFound(ticket: id) }
            let before = ticket.events ?? []
            let added = try change(&ticket)
            // The change may have appended its events to the loaded history already; keep exactly one copy.
            ticket.events = before + added
            if !added.isEmpty { byID[id] = ticket }
            return added.isEmpty ? byID[id]! : ticket
        }

        func owners(site: String, room: Room) -> [Owner] { (registry[site] ?? []).filter { $0.room == room } }

        func notices(site: String?, endingAfter: Date?) -> [Notice] {
            noticesByID.values.filter { notice in
                !removedNotices.contains(notice.id) && (site == nil || notice.site == site)
                    && (endingAfter.map { notice.endsAt > $0 } ?? true)
            }
            .sorted(by: Notice.soonestFirst)
        }
    }

    var state = State()

    /// Ids start at 1001 so that every id is four digits or more and reads aloud well.
    public static let firstNumber = 1001

    public init() {}

    public func create(_ draft: TicketDraft, at now: Date) throws -> Ticket { state.create(draft, at: now) }

    public func ticket(_ id: String) -> Ticket? { state.byID[id] }

    public func tickets(_ query: TicketQuery) -> [Ticket] { state.tickets(query) }

    public func update(_ id: String, _ change: @escaping @Sendable (inout Ticket) throws -> [TicketEvent]) throws
        -> Ticket
    {
        try state.update(id, change)
    }

    public func replaceOwners(_ owners: [Owner], site: String) {
        state.registry[site] = owners
    }

    public func owners(site: String, room: Room) -> [Owner] { state.owners(site: site, room: room) }

    public func ownerCount(site: String) -> Int { state.registry[site]?.count ?? 0 }

    /// Newest first; tickets opened in the same instant by descending number.
    static func newestFirst(_ a: Ticket, _ b: Ticket) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
        return (Ticket.parseID(a.id)?.number ?? 0) > (Ticket.parseID(b.id)?.number ?? 0)
    }
}

extension MemoryTicketStore: TransactionalStore {
    /// Runs `body` on a copy of the store's state and keeps the copy only when the body succeeds.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) throws -> T {
        let transaction = MemoryTransaction(state)
        let value = try body(transaction)
        state = transaction.state
        return value
    }
}

/// A transaction on a copy of a memory store's state.
final class MemoryTransaction: StoreTransaction {
    var state: MemoryTicketStore.State

    init(_ state: MemoryTicketStore.State) { self.state = state }

    func ticket(_ id: String) -> Ticket? { state.byID[id] }
    func tickets(_ query: TicketQuery) -> [Ticket] { state.tickets(query) }
    func create(_ draft: TicketDraft, at now: Date) -> Ticket { state.create(draft, at: now) }
    func update(_ id: String, _ change: (inout Ticket) throws -> [TicketEvent]) throws -> Ticket {
        try state.update(id, change)
    }
    func owners(site: String, room: Room) -> [Owner] { state.owners(site: site, room: room) }
    func ownerCount(site: String) -> Int { state.registry[site]?.count ?? 0 }
    func notices(site: String?, endingAfter: Date?) -> [Notice] { state.notices(site: site, endingAfter: endingAfter) }
    func session(_ id: String) -> SessionRecord? { state.sessionsByID[id] }
    func saveSession(_ record: SessionRecord) { state.sessionsByID[record.id] = record }
}
