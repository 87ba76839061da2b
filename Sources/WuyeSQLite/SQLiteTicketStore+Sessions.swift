import Foundation
import GRDB
import WuyeCore

extension SQLiteTicketStore: SessionStore {
    public func session(_ id: String) async throws -> SessionRecord? {
        try await guarded("reading session \(id)") {
            try await pool.read { db in try Self.session(id, db) }
        }
    }

    static func session(_ id: String, _ db: Database) throws -> SessionRecord? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT state, updated_at, room FROM sessions WHERE id = ?"), arguments: [id])
        else { return nil }
        return SessionRecord(
            id: id, state: row["state"], updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            room: (row["room"] as String?).flatMap(Room.init))
    }

    public func saveSession(_ record: SessionRecord) async throws {
        try await guarded("saving session \(record.id)") {
            try await committer.write { db in try Self.saveSession(record, db) }
        }
    }

    static func saveSession(_ record: SessionRecord, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO sessions (id, state, updated_at, room) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
                    room = excluded.room
                """
        ).execute(arguments: [
            record.id, record.state, record.updatedAt.timeIntervalSince1970, record.room?.description,
        ])
    }

    public func deleteSession(_ id: String) async throws {
        try await guarded("forgetting session \(id)") {
            try await committer.write { db in
                try db.cachedStatement(sql: "DELETE FROM sessions WHERE id = ?").execute(arguments: [id])
            }
        }
    }

    public func deleteSessions(updatedBefore cutoff: Date) async throws -> Int {
        try await guarded("forgetting idle sessions") {
            try await committer.write { db in
                try db.cachedStatement(sql: "DELETE FROM sessions WHERE updated_at < ?").execute(arguments: [
                    cutoff.timeIntervalSince1970
                ])
                return db.changesCount
            }
        }
    }
}
