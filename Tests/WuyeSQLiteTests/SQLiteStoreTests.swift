import Foundation
import GRDB
import Testing
import WuyeCore

@testable import WuyeSQLite

@Suite("SQLite store specifics")
struct SQLiteStoreTests {
    @Test("every commit is fsynced: synchronous stays FULL on the writer, in WAL mode")
    func durability() async throws {
        let store = try SQLiteTicketStore(path: TempDir.make() + "/wuye.db")
        #expect(try store.synchronousMode() == 2)
        _ = try await store.create(draft(), at: t0)
        #expect(try store.synchronousMode() == 2)
        let mode = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("ids are never reused after reopening the file, and tickets survive it")
    func reopen() async throws {
        let path = TempDir.make() + "/wuye.db"
        do {
            let store = try SQLiteTicketStore(path: path)
            _ = try await store.create(draft(), at: t0)
            _ = try await store.create(draft(), at: t0)
        }
        let again = try SQLiteTicketStore(path: path)
        #expect(try await again.create(draft(), at: t0).id == "R-1003")
        #expect(try await again.tickets(TicketQuery()).count == 3)
    }

    @Test("notices and sessions survive reopening the file, and a notice id is never given again")
    func reopenNoticesAndSessions() async throws {
        let path = TempDir.make() + "/wuye.db"
        let state = bytes(100 * 1024)
        do {
            let store = try SQLiteTicketStore(path: path)
            _ = try await store.addNotice(noticeDraft(), at: t0)
            _ = try await store.addNotice(noticeDraft("power", start: 7200), at: t0)
            _ = try await store.removeNotice(2)
            try await store.saveSession(SessionRecord(id: "kiosk-lobby-1", state: state, updatedAt: t0))
        }
        let again = try SQLiteTicketStore(path: path)
        var expected = noticeDraft()
        expected.id = 1
        expected.createdAt = t0
        #expect(try await again.notices(site: nil, endingAfter: nil) == [expected])
        #expect(try await again.addNotice(noticeDraft("gas"), at: t0).id == 3, "the removed notice's id stays used")
        #expect(
            try await again.session("kiosk-lobby-1") == SessionRecord(id: "kiosk-lobby-1", state: state, updatedAt: t0))
    }

    @Test("a removed notice keeps its row, marked with when it was removed; notices can never be deleted with SQL")
    func noticeHistory() async throws {
        let store = try SQLiteTicketStore(path: TempDir.make() + "/wuye.db")
        _ = try await store.addNotice(noticeDraft(), at: t0)
        _ = try await store.addNotice(noticeDraft("power"), at: t0)
        _ = try await store.removeNotice(1)
        let marks = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, removed_at FROM notices ORDER BY id").map {
                ($0["id"] as Int, $0["removed_at"] as Double?)
            }
        }
        #expect(marks.map(\.0) == [1, 2])
        #expect(marks[0].1 != nil)
        #expect(marks[1].1 == nil)
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM notices") }
        }
        #expect(try await store.notices(site: nil, endingAfter: nil).map(\.id) == [2])
    }

    @Test("a database made before notices and sessions existed gains them on opening, and keeps its tickets")
    func migratesOlderFile() async throws {
        let path = TempDir.make() + "/wuye.db"
        do {
            let store = try SQLiteTicketStore(path: path)
            _ = try await store.create(draft(), at: t0)
            // Put the file back to the schema of the first release.
            try await store.pool.write { db in
                try db.execute(
                    sql: """
                        DROP TABLE notices; DROP TABLE sessions;
                        DELETE FROM grdb_migrations
                            WHERE identifier IN ('v2 notices and sessions', 'v3 sessions know their room');
                        """)
            }
        }
        let again = try SQLiteTicketStore(path: path)
        #expect(try await again.ticket("R-1001") != nil)
        #expect(try await again.addNotice(noticeDraft(), at: t0).id == 1)
        try await again.saveSession(SessionRecord(id: "s", state: Data("x".utf8), updatedAt: t0, room: Room("3-2-501")))
        #expect(try await again.session("s")?.state == Data("x".utf8))
        #expect(try await again.session("s")?.room == Room("3-2-501"))
    }

    @Test("a notice whose stored buildings are damaged is reported as an internal error naming it")
    func damagedNotice() async throws {
        let store = try SQLiteTicketStore(path: TempDir.make() + "/wuye.db")
        _ = try await store.addNotice(noticeDraft(), at: t0)
        try await store.pool.write { db in try db.execute(sql: "UPDATE notices SET buildings = 'not json'") }
        let error = await #expect(throws: WuyeError.self) { try await store.notices(site: nil, endingAfter: nil) }
        #expect(error == WuyeError.storage("notice N-1 has a damaged row in the database"))
    }

    @Test("tickets and their history can never be deleted, even with SQL")
    func noDeletes() async throws {
        let store = try SQLiteTicketStore(path: TempDir.make() + "/wuye.db")
        _ = try await store.create(draft(), at: t0)
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM tickets") }
        }
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM ticket_events") }
        }
        #expect(try await store.ticket("R-1001")?.events?.count == 1)
    }

    @Test("a foreign SQLite file or a text file is refused and left untouched")
    func foreignFiles() throws {
        let dir = TempDir.make()
        let text = dir + "/notes.db"
        try "shopping list\nmilk\n".write(toFile: text, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: text))
        let error = #expect(throws: WuyeError.self) { try SQLiteTicketStore(path: text) }
        #expect(error?.code == .storage)
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == before)

        let foreign = dir + "/other.db"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3; c=sqlite3.connect('\(foreign)'); c.execute('create table t(x)'); c.commit()",
        ]
        try process.run()
        process.waitUntilExit()
        let foreignBefore = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let refusal = #expect(throws: WuyeError.self) { try SQLiteTicketStore(path: foreign) }
        #expect(refusal?.message.contains("not a Wuye database") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == foreignBefore)
    }

    @Test("a foreign SQLite file in WAL mode is refused with no -wal or -shm left beside it")
    func foreignWALFile() throws {
        let dir = TempDir.make()
        let foreign = dir + "/other.db"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3; c=sqlite3.connect('\(foreign)'); c.execute('pragma journal_mode=wal');"
                + " c.execute('create table t(x)'); c.commit(); c.close()",
        ]
        try process.run()
        process.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let refusal = #expect(throws: WuyeError.self) { try SQLiteTicketStore(path: foreign) }
        #expect(refusal?.message.contains("not a Wuye database") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["other.db"])
    }

    @Test("a Wuye database with a damaged page is refused on opening and left untouched")
    func damagedPage() async throws {
        let path = TempDir.make() + "/wuye.db"
        var root = 0
        var pageSize = 0
        do {
            let store = try SQLiteTicketStore(path: path)
            for _ in 1...20 { _ = try await store.create(draft(), at: t0) }
            (root, pageSize) = try await store.pool.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'tickets'") ?? 0,
                    try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                )
            }
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try file.seek(toOffset: UInt64((root - 1) * pageSize))
        try file.write(contentsOf: Data(count: pageSize))
        try file.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: WuyeError.self) { try SQLiteTicketStore(path: path) }
        #expect(error?.message.contains("cannot open database \(path): the database file is corrupt") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a path in a missing folder is a clear error")
    func missingFolder() {
        let error = #expect(throws: WuyeError.self) { try SQLiteTicketStore(path: "/nonexistent-wuye/dir/wuye.db") }
        #expect(
            error?.message
                == "cannot open database /nonexistent-wuye/dir/wuye.db: the folder /nonexistent-wuye/dir does not exist"
        )
    }

    @Test("two stores on one file (as the CLI beside a server) both write and see each other's tickets")
    func sharedFile() async throws {
        let path = TempDir.make() + "/wuye.db"
        let a = try SQLiteTicketStore(path: path)
        let b = try SQLiteTicketStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                let store = i % 2 == 0 ? a : b
                group.addTask { _ = try await store.create(draft(), at: t0) }
            }
            try await group.waitForAll()
        }
        #expect(Set(try await a.tickets(TicketQuery()).map(\.id)).count == 20)
        #expect(try await b.ticket("R-1020") != nil)
    }
}
