import Foundation
import GRDB
import WuyeCore

extension SQLiteTicketStore: NoticeStore {
    public func addNotice(_ notice: Notice, at now: Date) async throws -> Notice {
        try notice.validate()
        let buildings = try Self.encodeBuildings(notice.buildings)
        return try await guarded("adding a notice") {
            try await committer.write { db in
                try db.cachedStatement(
                    sql: """
                        INSERT INTO notices (site, kind, text, text_en, starts_at, ends_at, buildings, created_at, by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: [
                    notice.site, notice.kind, notice.text, notice.textEN, notice.startsAt.timeIntervalSince1970,
                    notice.endsAt.timeIntervalSince1970, buildings, now.timeIntervalSince1970, notice.by,
                ])
                var stored = notice
                stored.id = Int(db.lastInsertedRowID)
                stored.createdAt = now
                return stored
            }
        }
    }

    public func notices(site: String?, endingAfter: Date?) async throws -> [Notice] {
        try await guarded("listing notices") {
            try await pool.read { db in try Self.notices(site: site, endingAfter: endingAfter, db) }
        }
    }

    static func notices(site: String?, endingAfter: Date?, _ db: Database) throws -> [Notice] {
        var sql = "SELECT * FROM notices WHERE removed_at IS NULL"
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let site {
            sql += " AND site = ?"
            arguments.append(site)
        }
        if let endingAfter {
            sql += " AND ends_at > ?"
            arguments.append(endingAfter.timeIntervalSince1970)
        }
        sql += " ORDER BY starts_at, id"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments)).map(
            Self.notice(from:))
    }

    public func removeNotice(_ id: Int) async throws -> Notice {
        try await guarded("removing notice \(Notice.reference(id))") {
            try await committer.write { db in
                guard
                    let row = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT * FROM notices WHERE id = ?"), arguments: [id])
                else {
                    throw WuyeError.notFound(notice: id)
                }
                guard row["removed_at"] as Double? == nil else { throw WuyeError.noticeRemoved(id) }
                // The store is given no clock here: the mark records when the row was changed, for the history.
                try db.cachedStatement(sql: "UPDATE notices SET removed_at = ? WHERE id = ?").execute(arguments: [
                    Date().timeIntervalSince1970, id,
                ])
                return try Self.notice(from: row)
            }
        }
    }

    static func encodeBuildings(_ buildings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(buildings), as: UTF8.self)
    }

    static func notice(from row: Row) throws -> Notice {
        let id: Int = row["id"]
        guard let starts = row["starts_at"] as Double?, let ends = row["ends_at"] as Double?,
            let created = row["created_at"] as Double?,
            let buildings = try? JSONDecoder().decode([String].self, from: Data((row["buildings"] as String).utf8))
        else { throw WuyeError.storage("notice \(Notice.reference(id)) has a damaged row in the database") }
        return Notice(
            id: id, site: row["site"], kind: row["kind"], text: row["text"], textEN: row["text_en"],
            startsAt: Date(timeIntervalSince1970: starts), endsAt: Date(timeIntervalSince1970: ends),
            buildings: buildings, createdAt: Date(timeIntervalSince1970: created), by: row["by"])
    }
}
