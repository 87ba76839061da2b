import Foundation
import GRDB
import WuyeCore

extension SQLiteTicketStore: PrivacyStore {
    public func erasePersonalData(
        _ id: String, _ erase: @escaping @Sendable (inout Ticket) -> Void, event: TicketEvent
    ) async throws -> Ticket {
        try await guarded("erasing personal data from ticket \(id)") {
            try await committer.write { db in
                guard var ticket = try Self.load(id, db) else { throw WuyeError.notFound(ticket: id) }
                erase(&ticket)
                try Self.saveRow(ticket, db)
                // The history in the order it was loaded (by event id): rewrite the rows whose words changed.
                let rows = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT id, by, note FROM ticket_events WHERE ticket_id = ? ORDER BY id"),
                    arguments: [id])
                for (row, rewritten) in zip(rows, ticket.events ?? []) {
                    let by: String = row["by"]
                    let note: String? = row["note"]
                    guard by != rewritten.by || note != rewritten.note else { continue }
                    try db.cachedStatement(sql: "UPDATE ticket_events SET by = ?, note = ? WHERE id = ?")
                        .execute(arguments: [rewritten.by, rewritten.note, row["id"] as Int64])
                }
                try Self.insertEvents([event], of: id, db)
                ticket.events = (ticket.events ?? []) + [event]
                return ticket
            }
        }
    }

    public func removeOwners(site: String, room: Room) async throws -> Int {
        try await guarded("removing owners from the registry") {
            try await committer.write { db in
                try db.cachedStatement(sql: "DELETE FROM owners WHERE site = ? AND room = ?")
                    .execute(arguments: [site, room.description])
                return db.changesCount
            }
        }
    }

    public func deleteSessions(room: Room) async throws -> Int {
        try await guarded("forgetting the conversations of \(room)") {
            try await committer.write { db in
                try db.cachedStatement(sql: "DELETE FROM sessions WHERE room = ?").execute(arguments: [
                    room.description
                ])
                return db.changesCount
            }
        }
    }
}
