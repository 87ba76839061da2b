import Foundation

/// A store's reads and writes inside one transaction, synchronous: everything one owner turn reads and writes,
/// committed together (and, in SQLite, together with the other turns ready at that moment).
public protocol StoreTransaction {
    func ticket(_ id: String) throws -> Ticket?
    func tickets(_ query: TicketQuery) throws -> [Ticket]
    func create(_ draft: TicketDraft, at now: Date) throws -> Ticket
    func update(_ id: String, _ change: (inout Ticket) throws -> [TicketEvent]) throws -> Ticket
    func owners(site: String, room: Room) throws -> [Owner]
    func ownerCount(site: String) throws -> Int
    func notices(site: String?, endingAfter: Date?) throws -> [Notice]
    func session(_ id: String) throws -> SessionRecord?
    func saveSession(_ record: SessionRecord) throws
}

/// A store that can run a whole unit of work as one transaction: durable when `transaction` returns, nothing
/// of it kept when its body throws.
public protocol TransactionalStore: TicketStore, SessionStore, NoticeStore {
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T
}
