import Foundation
import GRDB
import Testing
import WuyeCore

@testable import WuyeSQLite

@Suite("Backups: online copy and restore")
struct BackupTests {
    @Test("a backup taken while tickets are being written is one consistent, intact snapshot")
    func backupWhileWriting() async throws {
        let dir = TempDir.make()
        let store = try SQLiteTicketStore(path: dir + "/wuye.db")
        for n in 0..<20 { _ = try await store.create(draft(), at: t0.addingTimeInterval(Double(n))) }
        let writer = Task {
            for n in 20..<220 { _ = try await store.create(draft(), at: t0.addingTimeInterval(Double(n))) }
        }
        try await Task.sleep(for: .milliseconds(20))
        let summary = try store.backup(to: dir + "/copy.db")
        try await writer.value
        #expect(summary.tickets >= 20 && summary.tickets <= 220)
        #expect(summary.events == summary.tickets, "every ticket has exactly its open event: no half-written ticket")
        #expect(!FileManager.default.fileExists(atPath: dir + "/copy.db-wal"), "the copy stands alone")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
        let copy = try SQLiteTicketStore(path: dir + "/copy.db")
        let tickets = try await copy.tickets(TicketQuery())
        #expect(tickets.count == summary.tickets)
        #expect(tickets.map(\.id).sorted() == (1001..<(1001 + summary.tickets)).map { "R-\($0)" }.sorted())
    }

    @Test("a backup never overwrites a file, and needs an existing folder")
    func refusals() async throws {
        let dir = TempDir.make()
        let store = try SQLiteTicketStore(path: dir + "/wuye.db")
        FileManager.default.createFile(atPath: dir + "/taken.db", contents: Data("keep me".utf8))
        #expect(throws: WuyeError.self) { try store.backup(to: dir + "/taken.db") }
        #expect(FileManager.default.contents(atPath: dir + "/taken.db") == Data("keep me".utf8))
        #expect(throws: WuyeError.self) { try store.backup(to: dir + "/no/such/folder/b.db") }
    }

    @Test("restoring brings back the content and the id sequence of the backup, replacing what was there")
    func restore() async throws {
        let dir = TempDir.make()
        let a = try SQLiteTicketStore(path: dir + "/a.db")
        _ = try await a.create(draft(), at: t0)
        _ = try await a.create(draft(.complaint, category: "noise"), at: t0)
        try await a.saveSession(SessionRecord(id: "s", state: Data("x".utf8), updatedAt: t0))
        _ = try a.backup(to: dir + "/backup.db")
        let b = try SQLiteTicketStore(path: dir + "/b.db")
        for _ in 0..<5 { _ = try await b.create(draft(), at: t0) }
        let summary = try b.restore(from: dir + "/backup.db")
        #expect(summary.tickets == 2)
        #expect(try await b.tickets(TicketQuery()).map(\.id).sorted() == ["C-1001", "R-1001"])
        #expect(try await b.create(draft(), at: t0).id == "R-1002", "ids continue from the backup's")
        #expect(try await b.session("s") != nil)
        #expect(try b.synchronousMode() == 2, "still fsyncing every commit after the restore")
    }

    @Test("a foreign SQLite file or a text file is refused as a backup and left byte for byte")
    func foreignBackups() async throws {
        let dir = TempDir.make()
        let store = try SQLiteTicketStore(path: dir + "/wuye.db")
        _ = try await store.create(draft(), at: t0)
        let text = dir + "/notes.txt"
        FileManager.default.createFile(atPath: text, contents: Data("not a database\n".utf8))
        let foreign = dir + "/other.db"
        try makeForeignDatabase(foreign)
        let before = try [text, foreign].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(throws: WuyeError.self) { try store.restore(from: text) }
        #expect(throws: WuyeError.self) { try store.restore(from: foreign) }
        #expect(throws: WuyeError.self) { try store.restore(from: dir + "/missing.db") }
        let after = try [text, foreign].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(before == after)
        #expect(try await store.tickets(TicketQuery()).count == 1, "a refused restore changes nothing")
    }
}

/// A SQLite file of some other program: a table of its own, no Wuye mark.
private func makeForeignDatabase(_ path: String) throws {
    let other = try DatabaseQueue(path: path)
    try other.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER, amount REAL)") }
    try other.close()
}
