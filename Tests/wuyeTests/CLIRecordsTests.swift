import Foundation
import Testing

// End-to-end tests of the record keeping commands: backup, restore, export, and forgetting an owner (PIPL).

@Suite("wuye backup, restore, export and owners forget")
struct CLIRecordsTests {
    @Test("a backup restores the store as it was, and restore refuses to replace tickets without --force")
    func backupAndRestore() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        _ = try await s.open("complaint", category: "noise")
        let out = try await s.ok(["backup", s.path("nightly.db")])
        #expect(out.hasPrefix("backed up \(s.path("nightly.db")): 2 tickets, 2 history events"), "\(out)")
        try await s.run(["backup", s.path("nightly.db")]).expectError(containing: ["already exists"])

        _ = try await s.open("repair", category: "electrical")
        try await s.run(["restore", s.path("nightly.db")]).expectError(containing: ["--force"])
        #expect(try await s.listIDs([]).count == 3, "a refused restore changes nothing")

        let restored = try await s.run(["restore", s.path("nightly.db"), "--force"])
        #expect(restored.status == 0, "\(restored)")
        #expect(restored.stdout.hasPrefix("restored \(s.path("nightly.db")): 2 tickets"), "\(restored)")
        #expect(restored.stderr.contains("saved in \(s.db).before-restore-"), "\(restored)")
        #expect(try await s.listIDs([]).sorted() == ["C-1001", "R-1001"])
        let saved = try FileManager.default.contentsOfDirectory(atPath: s.folder.path)
            .filter { $0.hasPrefix("wuye.db.before-restore-") }
        #expect(saved.count == 1, "the replaced content is kept")
        let inSaved = try await s.runRaw([
            "tickets", "list", "--json", "--db", s.path(saved[0]), "--intents", WuyePaths.intents,
        ])
        #expect(inSaved.stdout.contains("R-1002"), "\(inSaved)")

        let text = try s.write("notes.txt", "not a database\n")
        try await s.run(["restore", text, "--force"]).expectError(containing: ["not a database", "left untouched"])
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "not a database\n")
    }

    @Test("export prints a month's tickets with their histories, phones masked unless asked for")
    func export() async throws {
        let s = try WuyeSandbox()
        _ = try await s.ok([
            "tickets", "open", "--kind", "repair", "--category", "plumbing", "--room", "3-2-501", "--summary", "厨房漏水",
            "--text", "厨房漏水, 电话13812345678", "--name", "王芳", "--phone", "13812345678",
        ])
        _ = try await s.ok(["tickets", "update", "R-1001", "note", "--note", "已回电"])
        _ = try await s.open("complaint", category: "noise", now: "2026-12-02T10:00:00+08:00")
        let csv = try await s.ok(["export", "--month", "2026-11"]).split(separator: "\n").map(String.init)
        #expect(csv.count == 3, "a header and one row per event of November's one ticket: \(csv)")
        #expect(csv[0].hasPrefix("ticket,kind,category,site,room,"))
        #expect(csv[1].hasPrefix("R-1001,repair,plumbing,meijia-1,3-2-501,"))
        #expect(csv[2].hasSuffix(",note,open,tester,已回电"))
        #expect(csv.joined().contains("138****5678") && !csv.joined().contains("13812345678"))
        let full = try await s.ok(["export", "--month", "2026-11", "--show-phones"])
        #expect(full.contains("13812345678"))
        let json = try await s.json([TicketJSON].self, ["export", "--month", "2026-12", "--format", "json"])
        #expect(json.map(\.id) == ["C-1001"])
        #expect(json[0].events?.map(\.action) == ["open"])
        try await s.run(["export", "--month", "2026-13"]).expectError(containing: ["not a month"])
    }

    @Test("owners forget shows what it would erase, then erases the owner and keeps the tickets")
    func forget() async throws {
        let s = try WuyeSandbox()
        _ = try await s.ok([
            "tickets", "open", "--kind", "repair", "--category", "plumbing", "--room", "3-2-501", "--summary", "厨房漏水",
            "--text", "我是王芳,电话13812345678", "--name", "王芳", "--phone", "13812345678",
        ])
        let csv = try s.write("owners.csv", "room,name,phone\n3-2-501,王芳,13812345678\n3-2-502,赵敏,13700002222\n")
        _ = try await s.ok(["owners", "import", csv])
        let dry = try await s.ok(["owners", "forget", "3-2-501"])
        #expect(dry.contains("would erase") && dry.contains("R-1001") && dry.contains("--yes"), "\(dry)")
        #expect(try await s.show("R-1001").owner_name == "王芳", "nothing erased without --yes")

        let done = try await s.ok(["owners", "forget", "3-2-501", "--yes", "--by", "主管老陈"])
        #expect(
            done.hasPrefix("erased the personal data of 3-2-501 in meijia-1: 1 tickets (R-1001), 1 registry"), "\(done)"
        )
        let ticket = try await s.show("R-1001")
        #expect(ticket.owner_name == nil && ticket.owner_phone == nil)
        #expect(ticket.text == "我是***,电话***")
        #expect(ticket.status == "open" && ticket.summary == "厨房漏水")
        #expect(ticket.events?.last?.action == "erase" && ticket.events?.last?.by == "主管老陈")
        #expect(try await s.ok(["owners", "show", "3-2-501"]).hasPrefix("no registered owner"))
        #expect(try await s.ok(["owners", "show", "3-2-502"]).contains("赵敏"))
        try await s.run(["owners", "forget", "3-2"]).expectError(containing: ["not a room"])
    }
}
