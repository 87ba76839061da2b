import Foundation
import GRDB
import WuyeCore

extension SQLiteTicketStore {
    public func replaceOwners(_ owners: [Owner], site: String) async throws {
        try await guarded("importing owners") {
            try await committer.write { db in
                try db.cachedStatement(sql: "DELETE FROM owners WHERE site = ?").execute(arguments: [site])
                for owner in owners {
                    try db.cachedStatement(sql: "INSERT INTO owners (site, room, name, phone) VALUES (?, ?, ?, ?)")
                        .execute(arguments: [site, owner.room.description, owner.name, owner.phone.digits])
                }
            }
        }
    }

    public func owners(site: String, room: Room) async throws -> [Owner] {
        try await guarded("reading the owner registry") {
            try await pool.read { db in try Self.owners(site: site, room: room, db) }
        }
    }

    static func owners(site: String, room: Room, _ db: Database) throws -> [Owner] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, phone FROM owners WHERE site = ? AND room = ? ORDER BY rowid"),
            arguments: [site, room.description]
        ).compactMap { row in
            Phone(row["phone"] as String).map { Owner(site: site, room: room, name: row["name"], phone: $0) }
        }
    }

    public func ownerCount(site: String) async throws -> Int {
        try await guarded("reading the owner registry") {
            try await pool.read { db in try Self.ownerCount(site: site, db) }
        }
    }

    static func ownerCount(site: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM owners WHERE site = ?"), arguments: [site]) ?? 0
    }
}
