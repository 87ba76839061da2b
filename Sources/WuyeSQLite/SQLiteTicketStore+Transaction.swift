import Foundation
import GRDB
import WuyeCore

extension SQLiteTicketStore: TransactionalStore {
    /// Runs `body` as one transaction, grouped with the other writes ready at the same moment (one fsync for
    /// all); returns after COMMIT. A body that throws leaves nothing behind.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws
        -> T
    {
        try await guarded("a transaction") {
            try await committer.write { db in try body(SQLiteTransaction(db: db)) }
        }
    }
}

/// The store's reads and writes on the connection of a running transaction.
struct SQLiteTransaction: StoreTransaction {
    let db: Database

    func ticket(_ id: String) throws -> Ticket? { try SQLiteTicketStore.load(id, db) }
    func tickets(_ query: TicketQuery) throws -> [Ticket] { try SQLiteTicketStore.tickets(query, db) }
    func create(_ draft: TicketDraft, at now: Date) throws -> Ticket {
        try SQLiteTicketStore.create(draft, at: now, db)
    }
    func update(_ id: String, _ change: (inout Ticket) throws -> [TicketEvent]) throws -> Ticket {
        try SQLiteTicketStore.update(id, change, db)
    }
    func owners(site: String, room: Room) throws -> [Owner] { try SQLiteTicketStore.owners(site: site, room: room, db) }
    func ownerCount(site: String) throws -> Int { try SQLiteTicketStore.ownerCount(site: site, db) }
    func notices(site: String?, endingAfter: Date?) throws -> [Notice] {
        try SQLiteTicketStore.notices(site: site, endingAfter: endingAfter, db)
    }
    func session(_ id: String) throws -> SessionRecord? { try SQLiteTicketStore.session(id, db) }
    func saveSession(_ record: SessionRecord) throws { try SQLiteTicketStore.saveSession(record, db) }
}
