import Foundation
import Testing

// End-to-end tests of the `wuye` staff tools: each test drives the built executable against a database of its
// own, with WUYE_NOW fixing the clock (2026-11-24 is a Tuesday; the site's calendar is intents/calendars/cn.yml,
// office hours 08:30–17:30 Monday to Friday).

extension WuyeSandbox {
    /// `wuye tickets open … --json` at `now`, decoded.
    func open(
        _ kind: String, category: String? = nil, room: String = "3-2-501", summary: String = "厨房漏水",
        extra: [String] = [], now: String? = nil
    ) async throws -> TicketJSON {
        var arguments = ["tickets", "open", "--kind", kind, "--room", room, "--summary", summary, "--json"]
        if let category { arguments += ["--category", category] }
        return try await json(TicketJSON.self, arguments + extra, now: now)
    }

    /// `wuye tickets update ID ACTION …` at `now`; returns its one line of output.
    @discardableResult
    func update(_ id: String, _ action: String, _ extra: [String] = [], now: String? = nil) async throws -> String {
        try await ok(["tickets", "update", id, action] + extra, now: now)
    }

    /// `wuye tickets show ID --json`, decoded.
    func show(_ id: String, now: String? = nil) async throws -> TicketJSON {
        try await json(TicketJSON.self, ["tickets", "show", id, "--json"], now: now)
    }

    /// The ids `wuye tickets list … --json` prints, in its order.
    func listIDs(_ arguments: [String], now: String? = nil) async throws -> [String] {
        try await json([TicketJSON].self, ["tickets", "list", "--json"] + arguments, now: now).map(\.id)
    }
}

@Suite("wuye tickets open")
struct TicketsOpenTests {
    struct Deadlines: Sendable, CustomTestStringConvertible {
        var now: String
        var accept: String
        var resolve: String?
        var why: String
        var testDescription: String { why }
    }

    @Test(
        "a plumbing repair is R-1001 for engineering, accepted within 30 minutes and resolved within 24 hours",
        arguments: [
            Deadlines(
                now: "2026-11-24T10:00:00+08:00", accept: "2026-11-24T10:30:00+08:00",
                resolve: "2026-11-25T10:00:00+08:00", why: "Tuesday morning"),
            Deadlines(
                now: "2026-11-28T23:50:00+08:00", accept: "2026-11-29T00:20:00+08:00",
                resolve: "2026-11-29T23:50:00+08:00", why: "Saturday night: repairs run on a 24-hour clock"),
            Deadlines(
                now: "2026-11-24T02:00:00Z", accept: "2026-11-24T10:30:00+08:00",
                resolve: "2026-11-25T10:00:00+08:00", why: "WUYE_NOW in UTC is shown in the site's time zone"),
        ])
    func plumbingRepair(_ c: Deadlines) async throws {
        let s = try WuyeSandbox(now: c.now)
        let ticket = try await s.open("repair", category: "plumbing")
        #expect(ticket.id == "R-1001")
        #expect(ticket.kind == "repair")
        #expect(ticket.status == "open")
        #expect(ticket.category == "plumbing")
        #expect(ticket.department == "engineering")
        #expect(ticket.priority == "normal")
        #expect(ticket.site == "meijia-1")
        #expect(ticket.room == "3-2-501")
        #expect(ticket.reporters == ["3-2-501"])
        #expect(ticket.accept_due_at == c.accept)
        #expect(ticket.resolve_due_at == c.resolve)
        #expect(ticket.accepted_at == nil)
        #expect(ticket.escalated == false)
        #expect(ticket.reopen_count == 0)
        #expect(ticket.events?.map(\.action) == ["open"])
    }

    @Test(
        "a noise complaint is C-1001 for security, with deadlines counted in office hours",
        arguments: [
            Deadlines(
                now: "2026-11-24T10:00:00+08:00", accept: "2026-11-25T10:00:00+08:00",
                resolve: "2026-12-03T10:00:00+08:00", why: "Tuesday 10:00: 24h is one working day, 7d seven"),
            Deadlines(
                now: "2026-11-24T19:00:00+08:00", accept: "2026-11-26T08:30:00+08:00",
                resolve: "2026-12-04T08:30:00+08:00", why: "Tuesday evening: the clock starts Wednesday 08:30"),
            Deadlines(
                now: "2026-11-24T07:00:00+08:00", accept: "2026-11-25T08:30:00+08:00",
                resolve: "2026-12-03T08:30:00+08:00", why: "Tuesday before opening: the clock starts at 08:30"),
            Deadlines(
                now: "2026-11-27T18:00:00+08:00", accept: "2026-12-01T08:30:00+08:00",
                resolve: "2026-12-09T08:30:00+08:00", why: "Friday evening: the clock starts Monday 08:30"),
            Deadlines(
                now: "2026-11-28T11:00:00+08:00", accept: "2026-12-01T08:30:00+08:00",
                resolve: "2026-12-09T08:30:00+08:00", why: "Saturday: the clock starts Monday 08:30"),
            Deadlines(
                now: "2026-09-30T10:00:00+08:00", accept: "2026-10-08T10:00:00+08:00",
                resolve: "2026-10-15T10:00:00+08:00",
                why: "the eve of National Day: 1–7 October are holidays, Saturday 10 October is a working day"),
            Deadlines(
                now: "2026-10-09T10:00:00+08:00", accept: "2026-10-10T10:00:00+08:00",
                resolve: "2026-10-19T10:00:00+08:00", why: "Friday 9 October: the next working day is Saturday"),
        ])
    func noiseComplaint(_ c: Deadlines) async throws {
        let s = try WuyeSandbox(now: c.now)
        let ticket = try await s.open("complaint", category: "noise", summary: "楼上装修噪音")
        #expect(ticket.id == "C-1001")
        #expect(ticket.kind == "complaint")
        #expect(ticket.department == "security")
        #expect(ticket.priority == "normal")
        #expect(ticket.accept_due_at == c.accept)
        #expect(ticket.resolve_due_at == c.resolve)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var id: String
        var department: String
        var priority: String
        var accept: String
        var resolve: String?
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(
        "every kind, category and priority takes its department and its row of the SLA table",
        arguments: [
            Row(
                arguments: ["--kind", "repair", "--category", "gas_heating", "--priority", "urgent"], id: "R-1001",
                department: "engineering", priority: "urgent", accept: "2026-11-24T10:15:00+08:00",
                resolve: "2026-11-24T14:00:00+08:00"),
            Row(
                arguments: ["--kind", "repair", "--category", "elevator", "--priority", "high"], id: "R-1001",
                department: "engineering", priority: "high", accept: "2026-11-24T10:15:00+08:00",
                resolve: "2026-11-25T10:00:00+08:00"),
            Row(
                arguments: ["--kind", "complaint", "--priority", "urgent"], id: "C-1001",
                department: "customer_service", priority: "urgent", accept: "2026-11-24T12:00:00+08:00",
                resolve: "2026-11-25T10:00:00+08:00"),
            Row(
                arguments: ["--kind", "complaint", "--category", "cleanliness"], id: "C-1001", department: "cleaning",
                priority: "normal", accept: "2026-11-25T10:00:00+08:00", resolve: "2026-12-03T10:00:00+08:00"),
            Row(
                arguments: ["--kind", "complaint", "--category", "landscaping"], id: "C-1001",
                department: "landscaping", priority: "normal", accept: "2026-11-25T10:00:00+08:00",
                resolve: "2026-12-03T10:00:00+08:00"),
            Row(
                arguments: ["--kind", "complaint", "--category", "staff"], id: "C-1001",
                department: "customer_service", priority: "normal", accept: "2026-11-25T10:00:00+08:00",
                resolve: "2026-12-03T10:00:00+08:00"),
            Row(
                arguments: ["--kind", "inquiry"], id: "Q-1001", department: "customer_service", priority: "normal",
                accept: "2026-11-24T14:00:00+08:00", resolve: "2026-11-25T10:00:00+08:00"),
            Row(
                arguments: ["--kind", "suggestion"], id: "S-1001", department: "customer_service", priority: "low",
                accept: "2026-11-27T10:00:00+08:00", resolve: nil),
        ])
    func slaTable(_ row: Row) async throws {
        let s = try WuyeSandbox()
        let ticket = try await s.json(
            TicketJSON.self, ["tickets", "open", "--room", "3-2-501", "--summary", "x", "--json"] + row.arguments)
        #expect(ticket.id == row.id)
        #expect(ticket.department == row.department)
        #expect(ticket.priority == row.priority)
        #expect(ticket.accept_due_at == row.accept)
        #expect(ticket.resolve_due_at == row.resolve)
    }

    @Test("an inquiry opened late in the afternoon carries its office hours over to the next morning")
    func inquiryAcrossTheEvening() async throws {
        // 16:00 + 4 office hours: 1.5 h until 17:30, 2.5 h from 08:30 the next day.
        let s = try WuyeSandbox(now: "2026-11-24T16:00:00+08:00")
        let ticket = try await s.open("inquiry")
        #expect(ticket.accept_due_at == "2026-11-25T11:00:00+08:00")
        #expect(ticket.resolve_due_at == "2026-11-25T16:00:00+08:00")
    }

    @Test("a high-priority complaint must be accepted sooner than a normal one (high halves the accept time)")
    func highComplaintIsSooner() async throws {
        let s = try WuyeSandbox()
        let normal = try await s.open("complaint", category: "noise")
        let high = try await s.open("complaint", category: "noise", extra: ["--priority", "high"])
        #expect(normal.accept_due_at == "2026-11-25T10:00:00+08:00")
        // Half of one 9-hour working day is 4.5 office hours: Tuesday 14:30. Anything later than the normal
        // deadline is certainly wrong.
        #expect(
            high.accept_due_at < normal.accept_due_at,
            "high accept \(high.accept_due_at) is not before normal accept \(normal.accept_due_at)")
        #expect(high.accept_due_at == "2026-11-24T14:30:00+08:00")
        // Raising a ticket to high afterwards gives the same deadline as opening it high.
        let raised = try await s.ok(["tickets", "priority", normal.id, "high"])
        #expect(raised == "\(normal.id): priority high, accept by \(high.accept_due_at)\n")
    }

    @Test("ids count up per kind, never skip to another kind's numbers, and are never reused after a cancel")
    func idsPerKind() async throws {
        let s = try WuyeSandbox()
        var ids: [String] = []
        for kind in ["repair", "repair", "complaint", "repair", "suggestion", "inquiry", "complaint"] {
            ids.append(try await s.open(kind).id)
        }
        #expect(ids == ["R-1001", "R-1002", "C-1001", "R-1003", "S-1001", "Q-1001", "C-1002"])
        try await s.update("R-1003", "cancel")
        #expect(try await s.open("repair").id == "R-1004")
        #expect(try await s.show("R-1003").status == "cancelled")
        #expect(try await s.listIDs([]).count == 8)
    }

    @Test("the text view of a new ticket shows its routing, deadlines, masked phone and history")
    func openPrintsDetail() async throws {
        let s = try WuyeSandbox()
        let out = try await s.ok([
            "tickets", "open", "--kind", "repair", "--category", "plumbing", "--room", "3-2-501", "--summary", "厨房漏水",
            "--text", "3栋2单元501厨房漏水了", "--name", "王先生", "--phone", "138 1234 5678", "--by", "前台小李",
        ])
        #expect(
            out == """
                R-1001  repair/plumbing  open  priority normal
                  site        meijia-1
                  room        3-2-501
                  reporters   3-2-501
                  summary     厨房漏水
                  owner said  3栋2单元501厨房漏水了
                  owner       王先生  138****5678
                  department  engineering (工程部)   assignee -
                  created     2026-11-24T10:00:00+08:00
                  accept by   2026-11-24T10:30:00+08:00
                  resolve by  2026-11-25T10:00:00+08:00
                  history
                    2026-11-24 10:00  open     open        前台小李

                """)
        let ticket = try await s.show("R-1001")
        #expect(ticket.owner_phone == "13812345678")
        #expect(ticket.owner_name == "王先生")
        #expect(ticket.text == "3栋2单元501厨房漏水了")
        #expect(ticket.events?.first?.by == "前台小李")
    }
}

@Suite("wuye tickets list")
struct TicketsListTests {
    /// A queue of seven tickets in every status, opened five minutes apart from 09:00 on Tuesday; R-1003 (the
    /// lift of building 1) was also reported by 3-2-501 and 1-1-101. Built once for the filter cases, which only
    /// read it.
    static func queue() async throws -> WuyeSandbox {
        let s = try WuyeSandbox()
        func at(_ time: String) -> String { "2026-11-24T\(time):00+08:00" }
        _ = try await s.open("repair", category: "plumbing", room: "3-2-501", now: at("09:00"))
        _ = try await s.open("repair", category: "electrical", room: "3-2-502", now: at("09:05"))
        _ = try await s.open("complaint", category: "noise", room: "3-2-501", now: at("09:10"))
        _ = try await s.open("complaint", category: "cleanliness", room: "1-1-101", now: at("09:15"))
        _ = try await s.open("inquiry", room: "5--1803", now: at("09:20"))
        _ = try await s.open("suggestion", room: "3-2-501", now: at("09:25"))
        _ = try await s.open(
            "repair", category: "elevator", room: "1-1-102", extra: ["--location", "1号楼1单元电梯"], now: at("09:30"))
        try await s.update("R-1002", "assign", ["--assignee", "张师傅"], now: at("09:40"))
        try await s.update("C-1001", "start", now: at("09:40"))
        try await s.update("C-1002", "cancel", now: at("09:40"))
        try await s.update("Q-1001", "assign", ["--assignee", "小王"], now: at("09:40"))
        try await s.update("Q-1001", "resolve", now: at("09:45"))
        // The CLI has no command that links another reporting room (the dialogue does that when several rooms
        // report one common-area fault), so link them here the way the store records it.
        try SQLiteFixture.execute(
            "INSERT INTO ticket_reporters (ticket_id, room, position) VALUES ('R-1003', '3-2-501', 1), "
                + "('R-1003', '1-1-101', 2);", in: s.db)
        return s
    }

    struct Filter: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var now: String?
        var ids: [String]
        var testDescription: String {
            (arguments.isEmpty ? "no filter" : arguments.joined(separator: " ")) + (now.map { " at \($0)" } ?? "")
        }
        init(_ arguments: [String], at now: String? = nil, _ ids: [String]) {
            self.arguments = arguments
            self.now = now
            self.ids = ids
        }
    }

    @Test(
        "every filter selects exactly its tickets, newest first", .sharedSandbox(queue),
        arguments: [
            Filter([], ["R-1003", "S-1001", "Q-1001", "C-1002", "C-1001", "R-1002", "R-1001"]),
            Filter(["--status", "open"], ["R-1003", "S-1001", "R-1001"]),
            Filter(["--status", "assigned"], ["R-1002"]),
            Filter(["--status", "in_progress"], ["C-1001"]),
            Filter(["--status", "resolved"], ["Q-1001"]),
            Filter(["--status", "closed"], []),
            Filter(["--status", "cancelled"], ["C-1002"]),
            Filter(["--status", "active"], ["R-1003", "S-1001", "C-1001", "R-1002", "R-1001"]),
            Filter(["--room", "3-2-501"], ["R-1003", "S-1001", "C-1001", "R-1001"]),
            Filter(["--room", "03-02-501"], ["R-1003", "S-1001", "C-1001", "R-1001"]),
            Filter(["--room", "1-1-101"], ["R-1003", "C-1002"]),
            Filter(["--room", "5--1803"], ["Q-1001"]),
            Filter(["--kind", "repair"], ["R-1003", "R-1002", "R-1001"]),
            Filter(["--kind", "complaint"], ["C-1002", "C-1001"]),
            Filter(["--department", "security"], ["C-1001"]),
            Filter(["--department", "customer_service"], ["S-1001", "Q-1001"]),
            Filter(["--department", "engineering", "--status", "open"], ["R-1003", "R-1001"]),
            Filter(["--room", "3-2-501", "--kind", "complaint"], ["C-1001"]),
            Filter(["--assignee", "张师傅"], ["R-1002"]),
            Filter(["--limit", "2"], ["R-1003", "S-1001"]),
            Filter(["--site", "meijia-1", "--kind", "inquiry"], ["Q-1001"]),
            Filter(["--overdue"], ["R-1001"]),
            Filter(["--overdue"], at: "2026-11-25T10:00:00+08:00", ["R-1003", "R-1002", "R-1001"]),
            Filter(["--overdue"], at: "2026-12-04T10:00:00+08:00", ["R-1003", "S-1001", "C-1001", "R-1002", "R-1001"]),
            Filter(["--overdue", "--kind", "complaint"], at: "2026-12-04T10:00:00+08:00", ["C-1001"]),
        ])
    func filters(_ filter: Filter) async throws {
        let s = try SharedSandbox.current()
        #expect(try await s.listIDs(filter.arguments, now: filter.now) == filter.ids)
        // The text table lists the same tickets.
        let text = try await s.ok(["tickets", "list"] + filter.arguments, now: filter.now)
        if filter.ids.isEmpty {
            #expect(text == "no tickets\n")
        } else {
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("ID       STATUS") == true)
            #expect(lines.dropFirst().dropLast().map { String($0.prefix(while: { $0 != " " })) } == filter.ids)
            #expect(lines.last == "\(filter.ids.count) ticket\(filter.ids.count == 1 ? "" : "s")")
        }
    }

    @Test("--json prints a JSON array of full ticket objects, and an empty array for an empty store")
    func jsonArray() async throws {
        let s = try WuyeSandbox()
        let empty = try await s.ok(["tickets", "list", "--json"])
        #expect((try jsonObject(empty) as? [Any])?.isEmpty == true)
        #expect(try await s.ok(["tickets", "list"]) == "no tickets\n")

        _ = try await s.open("repair", category: "plumbing")
        _ = try await s.open("complaint", category: "noise", room: "3-2-502")
        let text = try await s.ok(["tickets", "list", "--json"])
        let array = try #require(try jsonObject(text) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array.first?["id"] as? String == "C-1001")
        // List rows carry no history; the keys of PROTOCOL.md's ticket object are all there.
        for key in [
            "id", "kind", "status", "category", "room", "location", "reporters", "priority", "department", "assignee",
            "summary", "text", "created_at", "accept_due_at", "resolve_due_at", "escalated", "reopen_count", "rating",
        ] {
            #expect(array.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
        }
    }

    @Test("the text table flags overdue and escalated tickets")
    func overdueFlags() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        _ = try await s.open("repair", category: "plumbing", room: "3-2-502")
        try await s.update("R-1002", "escalate")
        let text = try await s.ok(["tickets", "list"], now: "2026-11-24T11:00:00+08:00")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("R-1002") && lines[1].hasSuffix(" [OVERDUE] [ESCALATED]"), "\(text)")
        #expect(lines[2].hasPrefix("R-1001") && lines[2].hasSuffix(" [OVERDUE]"), "\(text)")
        let early = try await s.ok(["tickets", "list"])
        #expect(!early.contains("[OVERDUE]"))
    }
}

@Suite("wuye tickets show and update")
struct TicketsLifecycleTests {
    @Test("a ticket goes through assign, start, resolve, close and reopen, and its history names who did each step")
    func wholeLifecycle() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing", extra: ["--by", "前台小李"])
        let steps: [(time: String, action: String, extra: [String], status: String)] = [
            (
                "2026-11-24T10:05:00+08:00", "assign",
                ["--department", "engineering", "--assignee", "张师傅", "--by", "王主管"], "assigned"
            ),
            ("2026-11-24T10:20:00+08:00", "start", ["--by", "张师傅"], "in_progress"),
            ("2026-11-24T11:30:00+08:00", "resolve", ["--by", "张师傅", "--note", "更换阀门"], "resolved"),
            ("2026-11-25T09:00:00+08:00", "close", ["--by", "王主管"], "closed"),
            ("2026-11-26T08:00:00+08:00", "reopen", ["--by", "业主", "--note", "又漏了"], "open"),
        ]
        for step in steps {
            let out = try await s.update("R-1001", step.action, step.extra, now: step.time)
            #expect(out == "R-1001: \(step.action) done, now \(step.status)\n")
            #expect(try await s.show("R-1001").status == step.status)
        }
        let ticket = try await s.show("R-1001")
        #expect(ticket.status == "open")
        #expect(ticket.assignee == "张师傅")
        #expect(ticket.reopen_count == 1)
        #expect(ticket.accepted_at == "2026-11-24T10:05:00+08:00")
        #expect(ticket.resolved_at == nil)
        #expect(ticket.closed_at == nil)
        #expect(ticket.updated_at == "2026-11-26T08:00:00+08:00")
        #expect(
            ticket.events == [
                .init(at: "2026-11-24T10:00:00+08:00", action: "open", status: "open", by: "前台小李", note: nil),
                .init(
                    at: "2026-11-24T10:05:00+08:00", action: "assign", status: "assigned", by: "王主管",
                    note: "assignee none → 张师傅"),
                .init(at: "2026-11-24T10:20:00+08:00", action: "start", status: "in_progress", by: "张师傅", note: nil),
                .init(at: "2026-11-24T11:30:00+08:00", action: "resolve", status: "resolved", by: "张师傅", note: "更换阀门"),
                .init(at: "2026-11-25T09:00:00+08:00", action: "close", status: "closed", by: "王主管", note: nil),
                .init(at: "2026-11-26T08:00:00+08:00", action: "reopen", status: "open", by: "业主", note: "又漏了"),
            ])

        let text = try await s.ok(["tickets", "show", "R-1001"], now: "2026-11-26T08:00:00+08:00")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "R-1001  repair/plumbing  open  priority normal  OVERDUE")
        #expect(lines.contains("  department  engineering (工程部)   assignee 张师傅"))
        #expect(lines.contains("  accept by   2026-11-24T10:30:00+08:00   accepted 2026-11-24T10:05:00+08:00"))
        #expect(lines.contains("  reopened    1×"))
        let history = Array(lines.drop { $0 != "  history" }.dropFirst())
        #expect(
            history == [
                "    2026-11-24 10:00  open     open        前台小李",
                "    2026-11-24 10:05  assign   assigned    王主管  assignee none → 张师傅",
                "    2026-11-24 10:20  start    in_progress 张师傅",
                "    2026-11-24 11:30  resolve  resolved    张师傅  更换阀门",
                "    2026-11-25 09:00  close    closed      王主管",
                "    2026-11-26 08:00  reopen   open        业主  又漏了",
            ])
    }

    @Test("a resolved and closed ticket shows its resolution and closing times")
    func closedDetail() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair")
        try await s.update("R-1001", "start", now: "2026-11-24T10:10:00+08:00")
        try await s.update("R-1001", "resolve", now: "2026-11-24T12:00:00+08:00")
        try await s.update("R-1001", "close", now: "2026-11-24T13:00:00+08:00")
        let ticket = try await s.show("r1001")
        #expect(ticket.id == "R-1001")
        #expect(ticket.resolved_at == "2026-11-24T12:00:00+08:00")
        #expect(ticket.closed_at == "2026-11-24T13:00:00+08:00")
        #expect(ticket.events?.map(\.action) == ["open", "start", "resolve", "close"])
        let text = try await s.ok(["tickets", "show", "R-1001"])
        #expect(text.contains("  resolve by  2026-11-25T10:00:00+08:00   resolved 2026-11-24T12:00:00+08:00\n"))
        #expect(text.contains("  closed      2026-11-24T13:00:00+08:00\n"))
    }

    struct Steps: Sendable, CustomTestStringConvertible {
        var steps: [[String]]
        var status: String
        var department: String = "engineering"
        var escalated = false
        var lastNote: String?
        var testDescription: String { steps.map { $0.joined(separator: " ") }.joined(separator: ", ") + " → \(status)" }
    }

    @Test(
        "each action leaves the status of DESIGN.md's table",
        arguments: [
            Steps(steps: [["assign", "--assignee", "张师傅"]], status: "assigned", lastNote: "assignee none → 张师傅"),
            Steps(steps: [["start"]], status: "in_progress"),
            Steps(steps: [["assign", "--assignee", "张师傅"], ["start"]], status: "in_progress"),
            Steps(
                steps: [["start"], ["assign", "--department", "cleaning"]], status: "in_progress",
                department: "cleaning",
                lastNote: "department engineering → cleaning"),
            Steps(
                steps: [["assign", "--assignee", "张师傅"], ["assign", "--assignee", "李师傅", "--note", "换人"]],
                status: "assigned", lastNote: "换人; assignee 张师傅 → 李师傅"),
            Steps(steps: [["cancel"]], status: "cancelled"),
            Steps(steps: [["assign", "--assignee", "张师傅"], ["cancel"]], status: "cancelled"),
            Steps(steps: [["start"], ["cancel", "--note", "业主自行修好"]], status: "cancelled", lastNote: "业主自行修好"),
            Steps(steps: [["note", "--note", "已电话联系业主"]], status: "open", lastNote: "已电话联系业主"),
            Steps(steps: [["escalate"]], status: "open", escalated: true),
            Steps(steps: [["start"], ["resolve"], ["escalate"]], status: "resolved", escalated: true),
            Steps(steps: [["start"], ["resolve"], ["reopen"], ["start"]], status: "in_progress"),
            Steps(
                steps: [["start"], ["resolve"], ["close"], ["note", "--note", "回访满意"]], status: "closed",
                lastNote: "回访满意"),
        ])
    func actionTable(_ c: Steps) async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        for step in c.steps { try await s.update("R-1001", step[0], Array(step.dropFirst())) }
        let ticket = try await s.show("R-1001")
        #expect(ticket.status == c.status)
        #expect(ticket.department == c.department)
        #expect(ticket.escalated == c.escalated)
        #expect(ticket.events?.count == c.steps.count + 1)
        #expect(ticket.events?.map(\.action) == ["open"] + c.steps.map { $0[0] })
        #expect(ticket.events?.last?.note == c.lastNote)
        #expect(ticket.events?.last?.by == "tester")
    }

    @Test("tickets priority moves the accept deadline until the ticket is accepted, and records who changed it")
    func priority() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        let high = try await s.ok(["tickets", "priority", "R-1001", "high", "--by", "王主管"])
        #expect(high == "R-1001: priority high, accept by 2026-11-24T10:15:00+08:00\n")
        let urgent = try await s.ok(["tickets", "priority", "R-1001", "urgent", "--by", "王主管"])
        #expect(urgent == "R-1001: priority urgent, accept by 2026-11-24T10:15:00+08:00\n")
        let low = try await s.ok(["tickets", "priority", "R-1001", "low", "--by", "王主管"])
        #expect(low == "R-1001: priority low, accept by 2026-11-24T10:30:00+08:00\n")
        // Setting the same priority again changes nothing and records nothing.
        _ = try await s.ok(["tickets", "priority", "R-1001", "low"])
        try await s.update("R-1001", "assign", ["--assignee", "张师傅"], now: "2026-11-24T10:20:00+08:00")
        let after = try await s.ok(["tickets", "priority", "R-1001", "high"], now: "2026-11-24T10:40:00+08:00")
        #expect(after == "R-1001: priority high, accept by 2026-11-24T10:30:00+08:00\n")

        let ticket = try await s.show("R-1001")
        #expect(ticket.priority == "high")
        #expect(ticket.accept_due_at == "2026-11-24T10:30:00+08:00")
        #expect(ticket.resolve_due_at == "2026-11-25T10:00:00+08:00")
        let updates = (ticket.events ?? []).filter { $0.action == "update" }
        #expect(
            updates.map(\.note) == [
                "priority normal → high", "priority high → urgent", "priority urgent → low", "priority low → high",
            ])
        #expect(updates.map(\.by) == ["王主管", "王主管", "王主管", "tester"])
        #expect(updates.map(\.status) == ["open", "open", "open", "assigned"])
    }
}

@Suite("wuye tickets sweep")
struct TicketsSweepTests {
    @Test("a sweep escalates an overdue ticket once, as \"system\", naming the missed deadline")
    func escalatesOnce() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        _ = try await s.open("repair", category: "plumbing", room: "3-2-502", now: "2026-11-24T10:45:00+08:00")
        #expect(
            try await s.ok(["tickets", "sweep"], now: "2026-11-24T10:20:00+08:00")
                == "escalated 0\nclosed 0\nerased 0\n")
        #expect(
            try await s.ok(["tickets", "sweep"], now: "2026-11-24T11:00:00+08:00")
                == "escalated 1: R-1001\nclosed 0\nerased 0\n")
        #expect(
            try await s.ok(["tickets", "sweep"], now: "2026-11-24T11:05:00+08:00")
                == "escalated 0\nclosed 0\nerased 0\n")

        let ticket = try await s.show("R-1001")
        #expect(ticket.escalated)
        #expect(ticket.status == "open")
        let escalations = (ticket.events ?? []).filter { $0.action == "escalate" }
        #expect(
            escalations == [
                .init(
                    at: "2026-11-24T11:00:00+08:00", action: "escalate", status: "open", by: "system",
                    note: "overdue: not accepted in time")
            ])
        #expect(try await s.show("R-1002").escalated == false)

        // Accepted in time but not resolved by the next day: escalated for the resolve deadline.
        try await s.update("R-1002", "start", now: "2026-11-24T11:10:00+08:00")
        #expect(
            try await s.ok(["tickets", "sweep"], now: "2026-11-25T11:00:00+08:00")
                == "escalated 1: R-1002\nclosed 0\nerased 0\n")
        #expect(try await s.show("R-1002").events?.last?.note == "overdue: not resolved in time")
        #expect(try await s.show("R-1001").events?.filter { $0.action == "escalate" }.count == 1)
    }

    @Test("a sweep closes a ticket resolved more than 7 days ago, and leaves a fresher one resolved")
    func autoClose() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        try await s.update("R-1001", "start", now: "2026-11-24T10:05:00+08:00")
        try await s.update("R-1001", "resolve", now: "2026-11-24T11:00:00+08:00")
        #expect(
            try await s.ok(["tickets", "sweep"], now: "2026-12-01T10:00:00+08:00")
                == "escalated 0\nclosed 0\nerased 0\n")
        #expect(try await s.show("R-1001").status == "resolved")
        #expect(
            try await s.ok(["tickets", "sweep"], now: "2026-12-02T11:00:00+08:00")
                == "escalated 0\nclosed 1: R-1001\nerased 0\n")
        let ticket = try await s.show("R-1001")
        #expect(ticket.status == "closed")
        #expect(ticket.closed_at == "2026-12-02T11:00:00+08:00")
        let last = try #require(ticket.events?.last)
        #expect(last.action == "close")
        #expect(last.by == "system")
        #expect(last.note?.hasPrefix("closed automatically") == true)
        #expect(
            try await s.ok(["tickets", "sweep"], now: "2026-12-03T11:00:00+08:00")
                == "escalated 0\nclosed 0\nerased 0\n")
    }
}

@Suite("wuye owners and wuye sites")
struct OwnersAndSitesTests {
    /// A registry with a BOM, CRLF line ends, columns in another order, an extra column, a quoted name with a
    /// comma, and phones written three ways.
    static let registry =
        "\u{FEFF}name,phone,room,note\r\n张三,13812345678,3-2-501,\r\n\"Li, Si\",139 0000 1111,3-2-501,家属\r\n"
        + "王五,+86 159 1234 5678,5--1803,\r\n"

    @Test("owners import reads the registry; owners show masks phones unless --show-phones")
    func importAndShow() async throws {
        let s = try WuyeSandbox()
        let file = try s.write("owners.csv", Self.registry)
        #expect(try await s.ok(["owners", "import", file]) == "imported 3 owners of 2 rooms into meijia-1\n")
        #expect(
            try await s.ok(["owners", "show", "3-2-501"]) == "3-2-501  张三  138****5678\n3-2-501  Li, Si  139****1111\n")
        #expect(
            try await s.ok(["owners", "show", "3-2-501", "--show-phones"])
                == "3-2-501  张三  13812345678\n3-2-501  Li, Si  13900001111\n")
        #expect(try await s.ok(["owners", "show", "5--1803"]) == "5--1803  王五  159****5678\n")
        #expect(try await s.ok(["owners", "show", "9-9-999"]) == "no registered owner of 9-9-999 in meijia-1\n")

        // A new import replaces the site's whole registry.
        let next = try s.write("next.csv", "room,name,phone\n9-9-999,赵六,13700001111\n")
        #expect(try await s.ok(["owners", "import", next]) == "imported 1 owner of 1 room into meijia-1\n")
        #expect(try await s.ok(["owners", "show", "3-2-501"]) == "no registered owner of 3-2-501 in meijia-1\n")
        #expect(try await s.ok(["owners", "show", "9-9-999"]) == "9-9-999  赵六  137****1111\n")
    }

    struct Check: Sendable, CustomTestStringConvertible {
        var room: String
        var phone: String
        var answer: String
        var status: Int32
        var testDescription: String { "\(room) \(phone) → \(answer)" }
    }

    @Test(
        "owners check answers verified (exit 0), mismatch or unknown_room (exit 3)",
        arguments: [
            Check(room: "3-2-501", phone: "13812345678", answer: "verified", status: 0),
            Check(room: "3-2-501", phone: "139-0000-1111", answer: "verified", status: 0),
            Check(room: "3-2-501", phone: "+8613812345678", answer: "verified", status: 0),
            Check(room: "03-2-501", phone: "13812345678", answer: "verified", status: 0),
            Check(room: "3-2-501", phone: "15912345678", answer: "mismatch", status: 3),
            Check(room: "3-2-501", phone: "12345", answer: "mismatch", status: 3),
            Check(room: "9-9-999", phone: "13812345678", answer: "unknown_room", status: 3),
        ])
    func check(_ c: Check) async throws {
        let s = try WuyeSandbox()
        _ = try await s.ok(["owners", "import", try s.write("owners.csv", Self.registry)])
        let result = try await s.run(["owners", "check", c.room, c.phone])
        #expect(result.stdout == "\(c.answer)\n", "\(result)")
        #expect(result.status == c.status, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test("sites lists the compound with its active tickets and registered owners, as text and as JSON")
    func sites() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair")
        _ = try await s.open("complaint", category: "noise")
        _ = try await s.open("repair", room: "1-1-101")
        try await s.update("R-1002", "cancel")
        _ = try await s.ok(["owners", "import", try s.write("owners.csv", Self.registry)])
        #expect(
            try await s.ok(["sites"])
                == "meijia-1 (default)  美嘉花园一期 (Meijia Garden, phase 1)  Asia/Shanghai  calendar cn  "
                + "duty 0571-8650 0110  active tickets 2  owners 3\n")
        #expect(
            try await s.json([SiteJSON].self, ["sites", "--json"]) == [
                SiteJSON(
                    id: "meijia-1", name: "美嘉花园一期 (Meijia Garden, phase 1)", time_zone: "Asia/Shanghai",
                    calendar: "cn", duty_phone: "0571-8650 0110", active_tickets: 2, owners: 3)
            ])
    }
}

@Suite("wuye report")
struct ReportTests {
    /// The report is read at this instant; R-1005, opened half an hour into December, must not count in November.
    static let reportTime = "2026-12-01T10:00:00+08:00"

    /// Builds October and November 2026 through the CLI, step by step in time order:
    ///
    /// October: R-1001 (plumbing, assigned after 20 min, resolved after 240 min, closed by the sweep),
    /// S-1001 (a suggestion never accepted, escalated by the sweep), R-1002 (opened 23:30 on 31 October,
    /// cancelled). November: R-1003 (opened 07:00 on 1 November, still October in UTC; started after 10 min,
    /// resolved after 120 min, closed), R-1004 (accepted late after 60 min, escalated, resolved late after
    /// 2880 min, reopened, started and resolved again), C-1001 (cancelled), C-1002 (cleanliness, assigned after 30 min,
    /// never resolved: past its 7-working-day deadline). December: R-1005.
    static func buildMonths() async throws -> WuyeSandbox {
        let s = try WuyeSandbox(now: reportTime)
        func t(_ text: String) -> String { "2026-\(text):00+08:00" }
        _ = try await s.open("repair", category: "plumbing", room: "1-1-101", now: t("10-20T10:00"))
        try await s.update("R-1001", "assign", ["--assignee", "张师傅"], now: t("10-20T10:20"))
        try await s.update("R-1001", "resolve", now: t("10-20T14:00"))
        _ = try await s.open("suggestion", room: "1-1-102", summary: "多种树", now: t("10-21T10:00"))
        _ = try await s.open("repair", category: "electrical", room: "1-1-103", now: t("10-31T23:30"))
        try await s.update("R-1002", "cancel", now: t("10-31T23:40"))

        _ = try await s.open("repair", category: "plumbing", room: "2-1-201", now: t("11-01T07:00"))
        try await s.update("R-1003", "start", now: t("11-01T07:10"))
        try await s.update("R-1003", "resolve", now: t("11-01T09:00"))
        try await s.update("R-1003", "close", now: t("11-02T09:00"))
        _ = try await s.open("repair", category: "electrical", room: "2-1-202", now: t("11-03T09:00"))
        try await s.update("R-1004", "assign", ["--assignee", "张师傅"], now: t("11-03T10:00"))
        try await s.update("R-1004", "start", now: t("11-03T10:05"))
        _ = try await s.open("complaint", category: "noise", room: "2-1-203", now: t("11-04T10:00"))
        try await s.update("C-1001", "cancel", now: t("11-04T10:30"))
        let sweep = try await s.ok(["tickets", "sweep"], now: t("11-04T12:00"))
        #expect(
            Set(sweep.split(separator: "\n").map(String.init)) == [
                "escalated 2: R-1004, S-1001", "closed 1: R-1001", "erased 0",
            ])
        try await s.update("R-1004", "resolve", now: t("11-05T09:00"))
        try await s.update("R-1004", "reopen", now: t("11-05T10:00"))
        try await s.update("R-1004", "start", now: t("11-05T10:30"))
        try await s.update("R-1004", "resolve", now: t("11-06T09:00"))
        _ = try await s.open("complaint", category: "cleanliness", room: "2-1-204", now: t("11-10T10:00"))
        try await s.update("C-1002", "assign", ["--assignee", "李阿姨"], now: t("11-10T10:30"))
        _ = try await s.open("repair", category: "plumbing", room: "2-1-205", now: t("12-01T00:30"))
        return s
    }

    @Test("report --format json prints the report object alone, with the figures of the month and the one before")
    func json() async throws {
        let s = try await Self.buildMonths()
        let text = try await s.ok(["report", "--month", "2026-11", "--format", "json"])
        let object = try #require(try jsonObject(text) as? [String: Any], "stdout is one JSON object\n\(text)")
        #expect(object["ok"] == nil && object["report"] == nil, "the report object itself, not a wrapper")
        let previousObject = try #require(object["previous"] as? [String: Any])
        #expect(previousObject["previous"] == nil, "previous has no previous of its own")
        #expect(object["site"] is NSNull)

        let r = try JSONDecoder().decode(ReportJSON.self, from: Data(text.utf8))
        #expect(r.month == "2026-11")
        #expect(r.site == nil)
        #expect(r.tickets.total == 3)
        #expect(r.tickets.cancelled == 1)
        #expect(r.tickets.by_kind == ["repair": 2, "complaint": 1, "inquiry": 0, "suggestion": 0])
        #expect(r.tickets.by_category == ["repair/plumbing": 1, "repair/electrical": 1, "complaint/cleanliness": 1])
        #expect(r.tickets.by_department == ["engineering": 2, "cleaning": 1])
        #expect(r.tickets.by_site == ["meijia-1": 3])
        #expect(r.complaints_handled == 0)
        #expect(r.resolution_rate == 0.6667)
        #expect(r.on_time_rate.accept == 0.6667)
        #expect(r.on_time_rate.resolve == 0.3333)
        #expect(r.minutes_to_accept == .init(median: 30, p90: 60))
        #expect(r.minutes_to_resolve == .init(median: 120, p90: 2880))
        #expect(r.reopen_rate == 0.5)
        #expect(r.satisfaction.ratings == 0)
        #expect(r.satisfaction.average == nil)
        #expect(r.satisfaction.share_4_5 == nil)
        #expect(r.overdue == 2)
        #expect(r.escalated == 1)
        #expect(
            r.departments == [
                .init(department: "engineering", total: 2, resolution_rate: 1.0, on_time_resolve: 0.5),
                .init(department: "cleaning", total: 1, resolution_rate: 0.0, on_time_resolve: 0.0),
            ])
        #expect(
            r.assignees == [
                .init(assignee: "张师傅", handled: 1, on_time_resolve: 0.0, average_rating: nil),
                .init(assignee: "李阿姨", handled: 0, on_time_resolve: 0.0, average_rating: nil),
            ])

        let p = r.previous
        #expect(p.month == "2026-10")
        #expect(p.tickets.total == 2)
        #expect(p.tickets.cancelled == 1)
        #expect(p.tickets.by_kind == ["repair": 1, "complaint": 0, "inquiry": 0, "suggestion": 1])
        #expect(p.resolution_rate == 0.5)
        #expect(p.complaints_handled == 0)
        #expect(p.on_time_rate?.accept == 0.5)
        #expect(p.on_time_rate?.resolve == 1.0)
        #expect(p.minutes_to_accept == .init(median: 20, p90: 20))
        #expect(p.minutes_to_resolve == .init(median: 240, p90: 240))
        #expect(p.reopen_rate == 0.0)
        #expect(p.overdue == 1)
        #expect(p.escalated == 1)

        // The report is counted, not stored: asking again gives the same bytes.
        #expect(try await s.ok(["report", "--month", "2026-11", "--format", "json"]) == text)
        // December so far holds R-1005 only, and November is its previous month.
        let december = try await s.json(ReportJSON.self, ["report", "--format", "json"])
        #expect(december.month == "2026-12")
        #expect(december.tickets.total == 1)
        #expect(december.previous.month == "2026-11")
        #expect(december.previous.tickets.total == 3)
        // --site names the site in the report.
        let site = try await s.json(
            ReportJSON.self, ["report", "--month", "2026-11", "--format", "json", "--site", "meijia-1"])
        #expect(site.site == "meijia-1")
        #expect(site.tickets.total == 3)
    }

    @Test("report for an empty month gives zeros and nulls, not errors")
    func emptyMonth() async throws {
        let s = try WuyeSandbox()
        let r = try await s.json(ReportJSON.self, ["report", "--month", "2026-11", "--format", "json"])
        #expect(r.tickets.total == 0)
        #expect(r.resolution_rate == nil)
        #expect(r.on_time_rate.accept == nil)
        #expect(r.minutes_to_accept == .init(median: nil, p90: nil))
        #expect(r.reopen_rate == nil)
        #expect(r.departments.isEmpty)
        #expect(r.previous.month == "2026-10")
        #expect(r.previous.tickets.total == 0)
    }

    enum Format: String, Sendable, CaseIterable { case text, markdown, csv }

    @Test(
        "report --month prints the same figures as text, markdown and csv", .sharedSandbox(buildMonths),
        arguments: Format.allCases)
    func formats(_ format: Format) async throws {
        let s = try SharedSandbox.current()
        let out = try await s.ok(["report", "--month", "2026-11", "--format", format.rawValue])
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func row(_ label: String) -> [String] {
            guard let line = lines.first(where: { $0.hasPrefix(label) }) else { return [] }
            return String(line.dropFirst(label.count)).split(separator: " ").map(String.init)
        }
        switch format {
        case .text:
            #expect(try await s.ok(["report", "--month", "2026-11"]) == out, "text is the default format")
            #expect(lines.first == "物业服务月报 Monthly service report  2026-11  站点 site: 全部 all")
            #expect(lines[1] == String(repeating: "=", count: 64), "plain characters without a terminal")
            #expect(!out.contains("█") && !out.contains("═"))
            #expect(row("工单总数 tickets") == ["3", "2"])
            #expect(row("已取消 cancelled") == ["1", "1"])
            #expect(row("解决率 resolution rate") == ["66.7%", "50.0%"])
            #expect(row("及时受理 on time: accept") == ["66.7%", "50.0%"])
            #expect(row("及时解决 on time: resolve") == ["33.3%", "100.0%"])
            #expect(row("受理用时 min to accept (median/p90)") == ["30", "/", "60", "20", "/", "20"])
            #expect(row("解决用时 min to resolve (median/p90)") == ["120", "/", "2880", "240", "/", "240"])
            #expect(row("返修率 reopen rate") == ["50.0%", "0.0%"])
            #expect(row("满意度 average rating") == ["—", "—"])
            #expect(row("超时 overdue") == ["2", "1"])
            #expect(row("升级 escalated") == ["1", "1"])
            #expect(lines.contains("  repair 2, complaint 1, inquiry 0, suggestion 0"))
            #expect(
                lines.contains {
                    $0.hasPrefix("  engineering") && $0.hasSuffix(" " + String(repeating: "#", count: 30) + " 2")
                })
            #expect(
                lines.contains {
                    $0.hasPrefix("  cleaning") && $0.hasSuffix(" " + String(repeating: "#", count: 15) + " 1")
                })
        case .markdown:
            #expect(lines.first == "# 物业服务月报 Monthly service report 2026-11")
            for expected in [
                "Site: all sites",
                "| figure | 2026-11 | 2026-10 |",
                "| tickets | 3 | 2 |",
                "| cancelled | 1 | 1 |",
                "| resolution rate | 66.7% | 50.0% |",
                "| on time: resolve | 33.3% | 100.0% |",
                "| minutes to accept (median / p90) | 30 / 60 | 20 / 20 |",
                "| minutes to resolve (median / p90) | 120 / 2880 | 240 / 240 |",
                "| reopen rate | 50.0% | 0.0% |",
                "| average rating | — | — |",
                "| overdue | 2 | 1 |",
                "| escalated | 1 | 1 |",
                "| repair/plumbing | 1 |",
                "| engineering | 2 | 100.0% | 50.0% | 50.0% | 1 | 1 |",
                "| cleaning | 1 | 0.0% | 100.0% | 0.0% | 1 | 0 |",
                "| 张师傅 | 1 | 1 | 0.0% | — |",
                "| 李阿姨 | 1 | 0 | 0.0% | — |",
            ] {
                #expect(lines.contains(expected), "missing \(expected)\n\(out)")
            }
        case .csv:
            #expect(lines.first == "section,key,month,value")
            #expect(
                lines.dropLast().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 4 })
            for expected in [
                "summary,total,2026-11,3", "summary,total,2026-10,2", "summary,cancelled,2026-11,1",
                "summary,resolution_rate,2026-11,0.6667", "summary,resolution_rate,2026-10,0.5",
                "summary,on_time_accept,2026-11,0.6667", "summary,on_time_resolve,2026-11,0.3333",
                "summary,minutes_to_accept_median,2026-11,30", "summary,minutes_to_resolve_p90,2026-11,2880",
                "summary,reopen_rate,2026-11,0.5", "summary,average_rating,2026-11,", "summary,ratings,2026-11,0",
                "summary,overdue,2026-11,2", "summary,escalated,2026-11,1", "by_kind,repair,2026-11,2",
                "by_kind,suggestion,2026-10,1", "by_category,complaint/cleanliness,2026-11,1",
                "by_department,engineering,2026-11,2", "by_site,meijia-1,2026-11,3",
                "department_total,engineering,2026-11,2", "department_resolution_rate,cleaning,2026-11,0.0",
                "assignee_handled,张师傅,2026-11,1", "assignee_handled,张师傅,2026-10,1",
            ] {
                #expect(lines.contains(expected), "missing \(expected)\n\(out)")
            }
        }
    }
}
