import Foundation
import GRDB
import WuyeCore

/// The embedded `TicketStore`: one SQLite file in WAL mode with `synchronous=FULL`, so a ticket is on disk when
/// a method returns. The CLI and a running server can share the file (a busy timeout makes writers wait).
/// It keeps notices and conversation states too (`NoticeStore`, `SessionStore`, in the `+Notices` and `+Sessions`
/// files). GRDB stays inside this module; callers see the store protocols only.
public final class SQLiteTicketStore: TicketStore {
    /// `PRAGMA application_id` of a Wuye database ("WUYE"); a file with other tables and another id is refused.
    static let applicationID: Int32 = 0x5755_5945

    let pool: DatabasePool
    /// Every write goes through here: one transaction per batch of concurrent writes (group commit).
    let committer: GroupCommit
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    /// Throws a `WuyeError` naming the path and the reason when the file cannot serve as Wuye's store.
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "wuye"
        let sideFilesBefore = Self.sideFiles(of: path)
        do {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw WuyeError.storage("cannot open database \(path): it is a folder, not a file")
            }
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: directory) {
                throw WuyeError.storage("cannot open database \(path): the folder \(directory) does not exist")
            }
            // SQLite would open a file it cannot write read-only, and stay so after the file is writable again.
            if let refusal = Self.writeRefusal(path) {
                throw WuyeError.storage("cannot open database \(path): \(refusal) (left untouched)")
            }
            try Self.inspectBeforeOpening(path, busyTimeout: busyTimeout)
            // Several processes may create the same new file at once: switching it to WAL and making the
            // schema can then meet a lock that the busy timeout does not cover. Whoever loses tries again.
            pool = try Self.retryingWhileBusy(for: busyTimeout) {
                let pool = try DatabasePool(path: path, configuration: config)
                // DatabasePool sets synchronous=NORMAL on its writer after prepareDatabase runs; set FULL
                // afterwards so that every commit is fsynced (PLATFORM-NOTES.md).
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    try Self.checkIsWuyeDatabase(db, path: path)
                }
                try Self.migrator.migrate(pool)
                return pool
            }
            committer = GroupCommit(pool: pool)
        } catch {
            // Even a read-only look at a WAL-mode file makes its -wal and -shm: a refused file is left as found.
            // Not when another process held the file: those may be its own, made meanwhile.
            let busy = (error as? DatabaseError).map { [.SQLITE_BUSY, .SQLITE_LOCKED].contains($0.resultCode) }
            if busy != true { Self.removeSideFiles(of: path, except: sideFilesBefore) }
            switch error {
            case let error as WuyeError: throw error
            case let error as DatabaseError:
                throw WuyeError.storage("cannot open database \(path): \(Self.describe(error))")
            default: throw WuyeError.storage("cannot open database \(path): \(error)")
            }
        }
    }

    /// The `-wal` and `-shm` files beside the database that exist now.
    static func sideFiles(of path: String) -> Set<String> {
        Set(["\(path)-wal", "\(path)-shm"].filter { FileManager.default.fileExists(atPath: $0) })
    }

    /// Removes the `-wal` and `-shm` files that opening made, unless the WAL holds something.
    static func removeSideFiles(of path: String, except before: Set<String>) {
        let made = sideFiles(of: path).subtracting(before)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: "\(path)-wal")[.size] as? Int) ?? 0
        guard !made.isEmpty, walSize == 0 else { return }
        for file in made { try? FileManager.default.removeItem(atPath: file) }
    }

    /// Looks at an existing file read-only before the pool opens it: opening a pool switches the file to WAL,
    /// which would already alter a file that is not ours; and writing to a damaged file spreads the damage.
    static func inspectBeforeOpening(_ path: String, busyTimeout: TimeInterval) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size, size > 0 else { return }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            // One transaction, so that the id and the tables are read from the same state of the file even
            // while another process is making it a Wuye database.
            try queue.inDatabase { db in
                try db.inTransaction(.deferred) {
                    let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    if id != applicationID && (id != 0 || tables > 0) {
                        throw WuyeError.storage(
                            "cannot open database \(path): it is not a Wuye database (left untouched)")
                    }
                    // A damaged page would otherwise show only when a request reads it, after writes to the
                    // damaged file. Every page is read: about 0.1 s for 100 MB.
                    let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
                    if problems != ["ok"] {
                        throw WuyeError.storage(
                            "cannot open database \(path): the database file is corrupt"
                                + " (\(problems.joined(separator: "; "))) (left untouched)")
                    }
                    return .commit
                }
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw WuyeError.storage("cannot open database \(path): \(describe(error)) (left untouched)")
        }
    }

    /// Refuses a file that holds some other program's tables, so it is never altered.
    /// One immediate transaction: the id and the tables are read from one state of the file, and no other
    /// process can make it a Wuye database between the reading and the marking.
    static func checkIsWuyeDatabase(_ db: Database, path: String) throws {
        try db.inTransaction(.immediate) {
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if id == applicationID { return .commit }
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if id != 0 || tables > 0 {
                throw WuyeError.storage("cannot open database \(path): it is not a Wuye database (left untouched)")
            }
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            return .commit
        }
    }

    /// Runs `body` again while it fails with a busy or locked database (or a schema another process made in
    /// the meantime), for up to `seconds`.
    static func retryingWhileBusy<T>(for seconds: TimeInterval, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError
                where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_ERROR].contains(error.resultCode) && Date() < deadline
            {
                attempt += 1
                usleep(useconds_t(min(200_000, 5_000 * attempt)))
            }
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 tickets") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ticket_sequence (
                        kind TEXT PRIMARY KEY,
                        next INTEGER NOT NULL
                    );
                    CREATE TABLE tickets (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL,
                        number INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        category TEXT,
                        site TEXT NOT NULL,
                        room TEXT NOT NULL,
                        location TEXT,
                        priority TEXT NOT NULL,
                        department TEXT NOT NULL,
                        assignee TEXT,
                        summary TEXT NOT NULL,
                        text TEXT NOT NULL,
                        owner_name TEXT,
                        owner_phone TEXT,
                        created_at REAL NOT NULL,
                        accept_due_at REAL NOT NULL,
                        resolve_due_at REAL,
                        accepted_at REAL,
                        resolved_at REAL,
                        closed_at REAL,
                        updated_at REAL NOT NULL,
                        escalated INTEGER NOT NULL DEFAULT 0,
                        reopen_count INTEGER NOT NULL DEFAULT 0,
                        rating INTEGER,
                        time_zone TEXT NOT NULL,
                        UNIQUE (kind, number)
                    );
                    CREATE INDEX tickets_room ON tickets(room);
                    CREATE INDEX tickets_status ON tickets(status);
                    CREATE INDEX tickets_created ON tickets(created_at);
                    CREATE TABLE ticket_reporters (
                        ticket_id TEXT NOT NULL REFERENCES tickets(id),
                        room TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (ticket_id, room)
                    );
                    CREATE INDEX ticket_reporters_room ON ticket_reporters(room);
                    CREATE TABLE ticket_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        ticket_id TEXT NOT NULL REFERENCES tickets(id),
                        at REAL NOT NULL,
                        action TEXT NOT NULL,
                        status TEXT NOT NULL,
                        by TEXT NOT NULL,
                        note TEXT
                    );
                    CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, id);
                    CREATE TABLE owners (
                        site TEXT NOT NULL,
                        room TEXT NOT NULL,
                        name TEXT NOT NULL,
                        phone TEXT NOT NULL
                    );
                    CREATE INDEX owners_room ON owners(site, room);
                    CREATE TRIGGER tickets_are_never_deleted BEFORE DELETE ON tickets
                    BEGIN SELECT RAISE(ABORT, 'tickets are never deleted'); END;
                    CREATE TRIGGER ticket_history_is_kept BEFORE DELETE ON ticket_events
                    BEGIN SELECT RAISE(ABORT, 'ticket history is never deleted'); END;
                    """)
        }
        migrator.registerMigration("v2 notices and sessions") { db in
            // Notice ids come from AUTOINCREMENT so that they are never reused; a withdrawn notice is marked with
            // `removed_at` and kept. Times are seconds since 1970, as the tickets' are.
            try db.execute(
                sql: """
                    CREATE TABLE notices (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        site TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        text TEXT NOT NULL,
                        text_en TEXT,
                        starts_at REAL NOT NULL,
                        ends_at REAL NOT NULL,
                        buildings TEXT NOT NULL DEFAULT '[]',
                        created_at REAL NOT NULL,
                        by TEXT NOT NULL,
                        removed_at REAL
                    );
                    CREATE INDEX notices_current ON notices(site, ends_at) WHERE removed_at IS NULL;
                    CREATE TRIGGER notices_are_never_deleted BEFORE DELETE ON notices
                    BEGIN SELECT RAISE(ABORT, 'notices are never deleted; set removed_at'); END;
                    CREATE TABLE sessions (
                        id TEXT PRIMARY KEY,
                        state BLOB NOT NULL,
                        updated_at REAL NOT NULL
                    );
                    CREATE INDEX sessions_updated ON sessions(updated_at);
                    """)
        }
        migrator.registerMigration("v3 sessions know their room") { db in
            // So that forgetting a room's owner (PIPL) finds the conversations bound to it.
            try db.execute(
                sql: """
                    ALTER TABLE sessions ADD COLUMN room TEXT;
                    CREATE INDEX sessions_room ON sessions(room) WHERE room IS NOT NULL;
                    """)
        }
        return migrator
    }

    /// `PRAGMA synchronous` of the writer connection (2 is FULL).
    func synchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Runs `body` and turns database failures into `internal` errors that say what failed.
    func guarded<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as WuyeError {
            throw error
        } catch let error as DatabaseError {
            var cause = Self.describe(error)
            if [.SQLITE_IOERR, .SQLITE_READONLY].contains(error.resultCode), let refusal = Self.writeRefusal(path) {
                cause = refusal
            }
            throw WuyeError.storage("\(what) failed: \(cause)")
        }
    }

    /// Why writes fail, when the files say so: a read-only file system, an immutable file or missing write
    /// permission (SQLite itself only says "disk I/O error"); nil when the files look writable.
    static func writeRefusal(_ path: String) -> String? {
        for file in [path, "\(path)-wal", "\(path)-shm"] where FileManager.default.fileExists(atPath: file) {
            if access(file, W_OK) != 0 {
                return "the database is read-only: \(file) cannot be written (\(String(cString: strerror(errno))))"
            }
        }
        return nil
    }

    static func describe(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_FULL: "the disk is full"
        case .SQLITE_READONLY: "the database is read-only"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "the database stayed locked by another process"
        case .SQLITE_NOTADB: "the file is not a database"
        case .SQLITE_CORRUPT: "the database file is corrupt"
        case .SQLITE_CANTOPEN: "the file cannot be opened"
        case .SQLITE_IOERR: "a disk read or write failed"
        default: error.message ?? "\(error)"
        }
    }
}
