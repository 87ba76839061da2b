import Foundation
import GRDB
import WuyeCore

/// What a backup file holds, read back from the file itself after it was written (or before it is restored).
public struct BackupSummary: Sendable, Hashable, Encodable {
    public var path: String
    public var bytes: Int
    public var tickets: Int
    public var events: Int
    public var notices: Int
    public var owners: Int
    /// The newest ticket change in the file, if any.
    public var lastChange: Date?

    enum CodingKeys: String, CodingKey {
        case path, bytes, tickets, events, notices, owners
        case lastChange = "last_change"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(events, forKey: .events)
        try c.encode(notices, forKey: .notices)
        try c.encode(owners, forKey: .owners)
        try c.encode(lastChange.map { TimeZone(identifier: "UTC")!.iso8601($0) }, forKey: .lastChange)
    }
}

extension SQLiteTicketStore {
    /// Copies the whole database to a new file at `path` with SQLite's online backup API: one consistent snapshot,
    /// taken from a reader, so servers and tools keep writing meanwhile. The copy is written beside `path` under
    /// a temporary name, checked with `PRAGMA integrity_check`, synced, and only then renamed to `path`: a backup
    /// that exists is whole. Refuses to overwrite an existing file.
    public func backup(to path: String) throws -> BackupSummary {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            throw WuyeError.badField("\(path) already exists; a backup never overwrites a file (choose a new name)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard fm.fileExists(atPath: folder) else {
            throw WuyeError.badField("cannot write the backup \(path): the folder \(folder) does not exist")
        }
        let partial = "\(path).partial-\(getpid())"
        defer { Self.removeDatabaseFiles(partial) }
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                // A self-contained file: no WAL beside it, rollback journal like any plain SQLite file.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
        } catch let error as DatabaseError {
            throw WuyeError.storage("backup to \(path) failed: \(Self.describe(error))")
        }
        var summary = try Self.inspectBackup(partial)
        try Self.syncFile(partial)
        guard rename(partial, path) == 0 else {
            throw WuyeError.storage("cannot name the backup \(path): \(String(cString: strerror(errno)))")
        }
        try Self.syncFile(folder)
        summary.path = path
        return summary
    }

    /// Replaces this database's content with the backup at `path`, in one write transaction of the online backup
    /// API: other processes that have the database open see either the old content or the restored one, never a
    /// mixture. The backup is checked first (a Wuye database, intact); the schema is migrated afterwards when the
    /// backup is older than this version.
    public func restore(from path: String) throws -> BackupSummary {
        let summary = try Self.inspectBackup(path)
        try restore(checked: summary)
        return summary
    }

    /// Restores a backup that `inspectBackup` has just read (its summary): for callers that must check the backup
    /// before doing anything else, without reading the whole file twice.
    public func restore(checked backup: BackupSummary) throws {
        let path = backup.path
        do {
            var config = Configuration()
            config.readonly = true
            let source = try DatabaseQueue(path: path, configuration: config)
            // GRDB's writer runs one write at a time, group commits included.
            try source.backup(to: pool)
            try source.close()
            try Self.migrator.migrate(pool)
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch let error as WuyeError {
            throw error
        } catch let error as DatabaseError {
            throw WuyeError.storage("restoring \(path) failed: \(Self.describe(error))")
        }
    }

    /// Opens a backup file read-only and reads what it holds: it must be a Wuye database that passes
    /// `PRAGMA integrity_check`. The file is not changed.
    public static func inspectBackup(_ path: String) throws -> BackupSummary {
        let fm = FileManager.default
        guard let attributes = try? fm.attributesOfItem(atPath: path), let bytes = attributes[.size] as? Int else {
            throw WuyeError.badField("cannot read the backup \(path): no such file")
        }
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard id == applicationID else {
                    throw WuyeError.badField("\(path) is not a Wuye database or backup (left untouched)")
                }
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw WuyeError.storage(
                        "\(path) is damaged: integrity_check says \(check.prefix(3).joined(separator: "; "))")
                }
                func count(_ table: String) throws -> Int {
                    guard try db.tableExists(table) else { return 0 }
                    return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                }
                let last = try Double.fetchOne(db, sql: "SELECT max(updated_at) FROM tickets")
                return BackupSummary(
                    path: path, bytes: bytes, tickets: try count("tickets"), events: try count("ticket_events"),
                    notices: try count("notices"), owners: try count("owners"),
                    lastChange: last.map(Date.init(timeIntervalSince1970:)))
            }
        } catch let error as WuyeError {
            throw error
        } catch let error as DatabaseError {
            throw WuyeError.badField("cannot read the backup \(path): \(describe(error)) (left untouched)")
        }
    }

    /// Removes a database file with its journal and WAL files, if they exist.
    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// fsync of a file or a folder (after a rename, the folder's entry must reach the disk too).
    static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WuyeError.storage("cannot open \(path) to sync it") }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw WuyeError.storage("cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }
}
