import Foundation
import Testing

// Bad input to the `wuye` staff tools: every error is one `wuye: error: …` line on stderr (an owner file may
// name several bad lines below it), a non-zero exit status, nothing on stdout, and nothing changed.

@Suite("wuye refuses bad input")
struct CLIBadInputTests {
    /// What `tickets list --json` and `tickets show R-1001 --json` print, to prove a refused command changed nothing.
    static func snapshot(_ s: WuyeSandbox) async throws -> [String] {
        [try await s.ok(["tickets", "list", "--json"]), try await s.ok(["tickets", "show", "R-1001", "--json"])]
    }

    @Test(
        "an unknown ticket id is named in one error line",
        arguments: [
            (["tickets", "show", "R-9999"], "no ticket R-9999"),
            (["tickets", "show", "r9999"], "no ticket R-9999"),
            (["tickets", "show", "R-9999", "--json"], "no ticket R-9999"),
            (["tickets", "update", "R-9999", "start"], "no ticket R-9999"),
            (["tickets", "update", "C-1002", "note", "--note", "x"], "no ticket C-1002"),
            (["tickets", "priority", "Q-1001", "high"], "no ticket Q-1001"),
            (["tickets", "show", "X-1001"], "\"X-1001\" is not a ticket id"),
            (["tickets", "show", "R-"], "\"R-\" is not a ticket id"),
            (["tickets", "update", "1001", "start"], "\"1001\" is not a ticket id"),
        ])
    func unknownTicket(_ arguments: [String], _ message: String) async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair")
        _ = try await s.open("complaint", category: "noise")
        let before = try await Self.snapshot(s)
        let result = try await s.run(arguments)
        result.expectError(containing: [message])
        #expect(result.status == 1, "\(result)")
        #expect(try await Self.snapshot(s) == before)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var before: [String]
        var action: String
        var status: String
        var allowed: String
        var testDescription: String { "\(action) from \(status)" }
    }

    @Test(
        "a step the status does not allow is refused naming the status and the allowed actions, and changes nothing",
        arguments: [
            Refusal(before: [], action: "close", status: "open", allowed: "assign, start, cancel, note, escalate"),
            Refusal(before: [], action: "resolve", status: "open", allowed: "assign, start, cancel, note, escalate"),
            Refusal(before: [], action: "reopen", status: "open", allowed: "assign, start, cancel, note, escalate"),
            Refusal(
                before: ["assign"], action: "close", status: "assigned",
                allowed: "assign, start, resolve, cancel, note, escalate"),
            Refusal(
                before: ["start"], action: "start", status: "in_progress",
                allowed: "assign, resolve, cancel, note, escalate"),
            Refusal(
                before: ["start", "resolve"], action: "assign", status: "resolved",
                allowed: "close, reopen, note, escalate"),
            Refusal(
                before: ["start", "resolve"], action: "cancel", status: "resolved",
                allowed: "close, reopen, note, escalate"),
            Refusal(
                before: ["start", "resolve", "close"], action: "resolve", status: "closed",
                allowed: "reopen, note, escalate"),
            Refusal(before: ["cancel"], action: "reopen", status: "cancelled", allowed: "note"),
            Refusal(before: ["cancel"], action: "escalate", status: "cancelled", allowed: "note"),
            Refusal(before: ["cancel"], action: "start", status: "cancelled", allowed: "note"),
        ])
    func refusedTransition(_ c: Refusal) async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        for action in c.before {
            try await s.update("R-1001", action, action == "assign" ? ["--assignee", "张师傅"] : [])
        }
        let before = try await Self.snapshot(s)
        let result = try await s.run(
            ["tickets", "update", "R-1001", c.action, "--assignee", "李师傅", "--note", "x", "--by", "王主管"],
            now: "2026-11-24T11:00:00+08:00")
        result.expectError(containing: [
            "cannot \(c.action) R-1001: it is \(c.status); from \(c.status) the allowed actions are \(c.allowed)"
        ])
        #expect(try await Self.snapshot(s) == before)
        let ticket = try await s.show("R-1001")
        #expect(ticket.status == c.status)
        #expect(ticket.events?.count == c.before.count + 1)
    }

    @Test("a cancelled ticket's priority cannot change, and the refusal changes nothing")
    func priorityOfCancelled() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair")
        try await s.update("R-1001", "cancel")
        let before = try await Self.snapshot(s)
        let result = try await s.run(["tickets", "priority", "R-1001", "urgent"])
        result.expectError(containing: ["cannot change the priority of R-1001: it is cancelled"])
        #expect(try await Self.snapshot(s) == before)
    }

    @Test(
        "an unknown kind, category, department, status, priority, site, room, action or value is refused by name",
        arguments: [
            (
                ["tickets", "open", "--kind", "fix", "--room", "3-2-501", "--summary", "x"],
                "unknown kind \"fix\"; kinds are repair, complaint, inquiry, suggestion"
            ),
            (
                ["tickets", "open", "--kind", "repair", "--category", "noise", "--room", "3-2-501", "--summary", "x"],
                "unknown repair category \"noise\"; known: plumbing, electrical"
            ),
            (
                [
                    "tickets", "open", "--kind", "complaint", "--category", "plumbing", "--room", "3-2-501",
                    "--summary", "x",
                ],
                "unknown complaint category \"plumbing\"; known: noise, renovation"
            ),
            (
                ["tickets", "open", "--kind", "repair", "--priority", "asap", "--room", "3-2-501", "--summary", "x"],
                "unknown priority \"asap\"; priorities are urgent, high, normal, low"
            ),
            (
                ["tickets", "open", "--kind", "repair", "--room", "3-2", "--summary", "x"],
                "\"3-2\" is not a room like 3-2-501"
            ),
            (
                ["tickets", "open", "--kind", "repair", "--room", "3-2-501", "--summary", "x", "--phone", "12345"],
                "\"12345\" is not a mainland mobile number"
            ),
            (
                ["tickets", "open", "--kind", "repair", "--room", "3-2-501", "--summary", "  "],
                "a ticket needs a summary"
            ),
            (
                ["tickets", "open", "--kind", "repair", "--room", "3-2-501", "--summary", "x", "--site", "nowhere"],
                "unknown site \"nowhere\"; known sites: meijia-1"
            ),
            (
                ["tickets", "list", "--status", "pending"],
                "unknown status \"pending\"; statuses are open, assigned, in_progress, resolved, closed, cancelled, active"
            ),
            (["tickets", "list", "--kind", "fix"], "unknown kind \"fix\""),
            (
                ["tickets", "list", "--department", "plumbing"],
                "unknown department \"plumbing\"; departments are engineering, cleaning, security, landscaping, customer_service"
            ),
            (["tickets", "list", "--site", "nowhere"], "unknown site \"nowhere\""),
            (["tickets", "list", "--room", "3_2_501"], "\"3_2_501\" is not a room"),
            (["tickets", "list", "--limit", "0"], "--limit must be at least 1"),
            (
                ["tickets", "update", "R-1001", "fly"],
                "unknown action \"fly\"; actions are assign, start, resolve, close, reopen, cancel, note, escalate"
            ),
            (["tickets", "update", "R-1001", "assign", "--department", "nowhere"], "unknown department \"nowhere\""),
            (["tickets", "update", "R-1001", "assign"], "assign needs a department, an assignee or both"),
            (["tickets", "update", "R-1001", "note", "--note", " "], "a note needs its text"),
            (["tickets", "priority", "R-1001", "asap"], "unknown priority \"asap\""),
            (["owners", "show", "3-2"], "\"3-2\" is not a room"),
            (["owners", "check", "3--", "13812345678"], "\"3--\" is not a room"),
            (["owners", "show", "3-2-501", "--site", "nowhere"], "unknown site \"nowhere\""),
            (["owners", "import", "no-such-file.csv"], "cannot read no-such-file.csv"),
            (["report", "--month", "2026-11", "--site", "nowhere"], "unknown site \"nowhere\""),
        ])
    func unknownValue(_ arguments: [String], _ message: String) async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        let before = try await Self.snapshot(s)
        let result = try await s.run(arguments)
        result.expectError(containing: [message])
        #expect(try await Self.snapshot(s) == before)
    }

    @Test(
        "a month that is not YYYY-MM from 01 to 12 is refused by name",
        arguments: ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "nov", "2026-11-01", "", " 2026-11", "２０２６-11"])
    func badMonth(_ month: String) async throws {
        let s = try WuyeSandbox()
        for format in ["text", "json"] {
            let result = try await s.run(["report", "--month", month, "--format", format])
            result.expectError(containing: [
                "\"\(month)\" is not a month; write YYYY-MM with a month from 01 to 12, like 2026-11"
            ])
        }
    }

    @Test("a bad WUYE_NOW is refused by name instead of falling back to the real clock")
    func badClock() async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(
            ["tickets", "open", "--kind", "repair", "--room", "3-2-501", "--summary", "x"], now: "yesterday")
        result.expectError(containing: ["WUYE_NOW=yesterday is not an ISO 8601 time"])
        #expect(try await s.listIDs([]) == [])
    }

    @Test("an --intents folder that does not exist is refused by name")
    func missingIntents() async throws {
        let s = try WuyeSandbox()
        let missing = s.path("no-intents")
        let result = try await s.runRaw(["tickets", "list", "--db", s.db, "--intents", missing])
        result.expectError(containing: [missing])
    }

    @Test(
        "values the argument parser refuses are reported the same way: one wuye: error: line",
        arguments: [
            ["report", "--month", "2026-11", "--format", "pdf"],
            ["tickets", "open", "--kind", "repair", "--summary", "x"],
            ["tickets", "list", "--limit", "many"],
            ["tickets", "frobnicate"],
        ])
    func argumentErrors(_ arguments: [String]) async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(arguments)
        result.expectError()
    }
}

@Suite("wuye owners import refuses a bad file whole")
struct OwnersImportBadInputTests {
    static let good = "room,name,phone\n3-2-501,张三,13812345678\n3-2-501,李四,13900001111\n5--1803,王五,15912345678\n"

    struct BadFile: Sendable, CustomTestStringConvertible {
        var why: String
        var content: [UInt8]
        /// `:<line>: error: …` fragments after the file's path, one per bad line.
        var problems: [String]
        /// Whether the message ends by saying nothing was imported (it does for bad lines and bad bytes; a bad
        /// header or an empty file stops before any line is read).
        var saysNothingImported = true
        var testDescription: String { why }
        init(_ why: String, _ text: String, _ problems: [String], saysNothingImported: Bool = true) {
            self.why = why
            self.content = Array(text.utf8)
            self.problems = problems
            self.saysNothingImported = saysNothingImported
        }
        init(_ why: String, bytes: [UInt8], _ problems: [String]) {
            self.why = why
            self.content = bytes
            self.problems = problems
        }
    }

    @Test(
        "a malformed owner file names file:line and leaves the previous registry in place",
        arguments: [
            BadFile(
                "a room that is not a room", "room,name,phone\n3-2-502,赵六,13700001111\n3-2,钱七,13700002222\n",
                [":3: error: \"3-2\" is not a room like 3-2-501"]),
            BadFile("an empty name", "room,name,phone\n3-2-502,,13700001111\n", [":2: error: the name is empty"]),
            BadFile(
                "a phone that is not a mobile number",
                "room,name,phone\n3-2-502,赵六,13700001111\n3-2-503,钱七,13700002222\n3-2-504,孙八,12345\n",
                [":4: error: \"12345\" is not a mainland mobile number"]),
            BadFile(
                "the same owner twice", "room,name,phone\n3-2-502,赵六,13700001111\n3-2-502,赵六,137 0000 1111\n",
                [":3: error: 3-2-502 with phone 137****1111 is listed twice"]),
            BadFile(
                "a quote inside an unquoted field", "room,name,phone\n3-2-502,赵\"六,13700001111\n",
                [":2: error: a quote inside an unquoted field"]),
            BadFile(
                "a quoted field never closed", "room,name,phone\n3-2-502,\"赵六,13700001111\n",
                [":2: error: a quoted field is never closed"]),
            BadFile(
                "a bad line after a quoted line break",
                "room,name,phone\n3-2-502,\"赵\n六\",13700001111\n3-2-503,钱七,123\n",
                [":4: error: \"123\" is not a mainland mobile number"]),
            BadFile(
                "several bad lines",
                "room,name,phone\n3-2,赵六,13700001111\n3-2-503,钱七,13700002222\n3-2-504,,13700003333\n",
                [":2: error: \"3-2\" is not a room", ":4: error: the name is empty"]),
            BadFile(
                "a header without a phone column", "room,name\n3-2-502,赵六\n",
                [":1: error: the header must name the columns room, name and phone"], saysNothingImported: false),
            BadFile("an empty file", "", [": error: the file is empty"], saysNothingImported: false),
            BadFile(
                "bytes that are not UTF-8",
                bytes: Array("room,name,phone\n3-2-502,".utf8) + [0xD5, 0xD4, 0xC1, 0xF9]
                    + Array(",13700001111\n".utf8), [": error: the file is not UTF-8 text"]),
        ])
    func malformed(_ c: BadFile) async throws {
        let s = try WuyeSandbox()
        _ = try await s.ok(["owners", "import", try s.write("owners.csv", Self.good)])
        let bad = s.path("bad.csv")
        try Data(c.content).write(to: URL(fileURLWithPath: bad))

        let result = try await s.run(["owners", "import", bad])
        result.expectError(containing: c.problems.map { bad + $0 }, continuation: true)
        if c.saysNothingImported {
            #expect(result.stderr.contains("nothing was imported"), "\(result)")
        }
        if c.problems.count > 1 {
            #expect(result.stderrLines.count == c.problems.count + 1, "each bad line, then the verdict\n\(result)")
        }

        #expect(
            try await s.ok(["owners", "show", "3-2-501", "--show-phones"])
                == "3-2-501  张三  13812345678\n3-2-501  李四  13900001111\n")
        #expect(try await s.ok(["owners", "show", "3-2-502"]) == "no registered owner of 3-2-502 in meijia-1\n")
        #expect(try await s.json([SiteJSON].self, ["sites", "--json"]).first?.owners == 3)
        let check = try await s.run(["owners", "check", "5--1803", "15912345678"])
        #expect(check.stdout == "verified\n" && check.status == 0, "\(check)")
    }
}

@Suite("wuye refuses a --db it cannot or must not use")
struct DatabasePathTests {
    @Test("a --db in a folder that does not exist is refused, and the folder is not made")
    func missingFolder() async throws {
        let s = try WuyeSandbox()
        let folder = s.path("no/such/folder")
        let db = folder + "/wuye.db"
        for arguments in [
            ["tickets", "list"], ["tickets", "open", "--kind", "repair", "--room", "3-2-501", "--summary", "x"],
        ] {
            let result = try await s.runRaw(arguments + ["--db", db, "--intents", WuyePaths.intents])
            result.expectError(containing: ["cannot open database \(db)", "the folder \(folder) does not exist"])
            #expect(result.status == 2, "a storage fault exits 2\n\(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: s.path("no")))
    }

    /// Files in the sandbox folder other than the test's own scratch files.
    static func files(_ s: WuyeSandbox) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: s.folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("another program's SQLite database is refused and left byte for byte as it was")
    func foreignDatabase() async throws {
        let s = try WuyeSandbox()
        let path = s.path("notes.db")
        try SQLiteFixture.execute(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('买菜'), ('交物业费');",
            in: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for arguments in [
            ["tickets", "list"], ["tickets", "open", "--kind", "repair", "--room", "3-2-501", "--summary", "x"],
            ["report", "--month", "2026-11", "--format", "json"], ["sites"],
        ] {
            let result = try await s.runRaw(arguments + ["--db", path, "--intents", WuyePaths.intents])
            result.expectError(containing: ["cannot open database \(path)", "not a Wuye database"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file changed after \(arguments)")
        }
        #expect(try Self.files(s) == ["notes.db"], "no -wal or -shm file is left beside it")
    }

    @Test("a text file given as --db is refused and left byte for byte as it was")
    func textFile() async throws {
        let s = try WuyeSandbox()
        let path = try s.write("notes.txt", "这不是数据库\nnot a database either\n")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for arguments in [
            ["tickets", "list"], ["tickets", "open", "--kind", "repair", "--room", "3-2-501", "--summary", "x"],
        ] {
            let result = try await s.runRaw(arguments + ["--db", path, "--intents", WuyePaths.intents])
            result.expectError(containing: ["cannot open database \(path)"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file changed after \(arguments)")
        }
        #expect(try Self.files(s) == ["notes.txt"])
    }

    @Test(
        "a folder given as --db is refused with one error line, never a crash", arguments: [".", "folder", "folder/"])
    func folderAsDatabase(_ db: String) async throws {
        let s = try WuyeSandbox()
        try FileManager.default.createDirectory(atPath: s.path("folder"), withIntermediateDirectories: true)
        // runRaw runs in the sandbox folder, so "." is the sandbox itself.
        let result = try await s.runRaw(["tickets", "list", "--db", db, "--intents", WuyePaths.intents])
        result.expectError(containing: ["cannot open database \(db)"])
        #expect(result.status == 2, "\(result)")
    }
}
