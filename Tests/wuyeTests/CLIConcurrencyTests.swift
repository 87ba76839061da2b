import Foundation
import Testing

// Several `wuye` processes sharing one database file, as the front desk, a cron sweep and a supervisor's report
// do: every command succeeds, and every ticket gets its own id.

/// Tells a reading loop that the writers have finished.
private actor Flag {
    private(set) var isSet = false
    func set() { isSet = true }
}

@Suite("wuye processes share one database")
struct CLIConcurrencyTests {
    /// Four writers each open ten tickets, one process per ticket, all at once.
    static func writers(_ s: WuyeSandbox) async throws -> [WuyeResult] {
        try await withThrowingTaskGroup(of: [WuyeResult].self) { group in
            for writer in 1...4 {
                group.addTask {
                    var results: [WuyeResult] = []
                    for n in 1...10 {
                        results.append(
                            try await s.run([
                                "tickets", "open", "--kind", "repair", "--category", "plumbing", "--room",
                                "1-1-10\(writer)", "--summary", "writer \(writer) ticket \(n)", "--json",
                            ]))
                    }
                    return results
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    @Test("4 processes opening 10 tickets each while others list and report: all succeed, ids R-1001…R-1040")
    func sharedDatabase() async throws {
        let s = try WuyeSandbox()
        // The database exists already, as it does once the front desk has been running.
        #expect(try await s.ok(["tickets", "list"]) == "no tickets\n")

        let done = Flag()
        async let written = Self.writers(s)
        async let read: [WuyeResult] = {
            var results: [WuyeResult] = []
            var rounds = 0
            while await !done.isSet || rounds < 3 {
                results.append(try await s.run(["tickets", "list", "--json"]))
                results.append(try await s.run(["report", "--format", "json"]))
                rounds += 1
            }
            return results
        }()
        let writes = try await written
        await done.set()
        let reads = try await read

        for result in writes + reads {
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        }
        var ids: [String] = []
        for result in writes where result.status == 0 {
            ids.append(try JSONDecoder().decode(TicketJSON.self, from: Data(result.stdout.utf8)).id)
        }
        #expect(ids.count == 40)
        #expect(Set(ids) == Set((1001...1040).map { "R-\($0)" }))

        // Every read saw a consistent store: a list of distinct tickets, a report that parses.
        for result in reads where result.status == 0 {
            if result.arguments.first == "tickets" {
                let listed = try JSONDecoder().decode([TicketJSON].self, from: Data(result.stdout.utf8)).map(\.id)
                #expect(listed.count <= 40 && Set(listed).count == listed.count, "\(result)")
            } else {
                let report = try JSONDecoder().decode(ReportJSON.self, from: Data(result.stdout.utf8))
                #expect(report.month == "2026-11" && report.tickets.total <= 40)
            }
        }

        let all = try await s.json([TicketJSON].self, ["tickets", "list", "--json"])
        #expect(all.count == 40)
        #expect(
            Dictionary(grouping: all, by: \.room).mapValues(\.count) == [
                "1-1-101": 10, "1-1-102": 10, "1-1-103": 10, "1-1-104": 10,
            ])
        // Each writer's tickets kept their own summaries in their own order.
        for writer in 1...4 {
            let mine = all.filter { $0.room == "1-1-10\(writer)" }.sorted { $0.id < $1.id }.map(\.summary)
            #expect(mine == (1...10).map { "writer \(writer) ticket \($0)" })
        }
        #expect(try await s.json(ReportJSON.self, ["report", "--format", "json"]).tickets.total == 40)
    }

    @Test("processes opening the first tickets of a brand-new database at the same moment all succeed")
    func firstUseTogether() async throws {
        // A race on first use shows only now and then, so try a few fresh databases.
        for _ in 1...10 {
            let s = try WuyeSandbox()
            let results = try await withThrowingTaskGroup(of: WuyeResult.self) { group in
                for writer in 1...4 {
                    group.addTask {
                        try await s.run([
                            "tickets", "open", "--kind", "repair", "--room", "1-1-10\(writer)", "--summary", "x",
                            "--json",
                        ])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for result in results {
                #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
            }
            #expect(try await s.listIDs([]).sorted() == ["R-1001", "R-1002", "R-1003", "R-1004"])
        }
    }
}
