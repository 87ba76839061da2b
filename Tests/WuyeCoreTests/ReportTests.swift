import Foundation
import Testing

@testable import WuyeCore

/// A hand-made November whose right answers were worked out on paper and are written in the tests below.
@Suite("The monthly report's arithmetic")
struct ReportTests {
    static let now = Fixtures.at("2026-12-05 12:00")

    static func ticket(
        _ id: String, _ kind: TicketKind, _ category: String?, _ department: String, created: String,
        acceptDue: String, resolveDue: String?, site: String = "meijia-1",
        steps: [(String, TicketAction, String?)] = [], rating: Int? = nil, escalated: Bool = false
    ) -> Ticket {
        var t = Ticket(
            id: id, kind: kind, category: category, site: site, room: Room("3-2-501")!, priority: .normal,
            department: department, summary: id, text: id, createdAt: Fixtures.at(created),
            acceptDueAt: Fixtures.at(acceptDue), resolveDueAt: resolveDue.map(Fixtures.at), timeZone: Fixtures.shanghai,
            events: [TicketEvent(at: Fixtures.at(created), action: .open, status: .open, by: "kiosk")])
        for (at, action, assignee) in steps {
            try! t.apply(action, .init(assignee: assignee), by: "staff", at: Fixtures.at(at))
        }
        t.rating = rating
        if escalated { t.escalated = true }
        return t
    }

    static let tickets: [Ticket] = [
        // On time both ways: accepted in 10 min, resolved in 300.
        ticket(
            "R-1", .repair, "plumbing", "engineering", created: "2026-11-03 10:00", acceptDue: "2026-11-03 10:30",
            resolveDue: "2026-11-04 10:00",
            steps: [
                ("2026-11-03 10:10", .assign, "张师傅"), ("2026-11-03 10:20", .start, nil),
                ("2026-11-03 15:00", .resolve, nil), ("2026-11-04 09:00", .close, nil),
            ], rating: 5),
        // Late both ways (accepted in 40 min, first resolved after 1620), reopened, rated 2, escalated.
        ticket(
            "R-2", .repair, "electrical", "engineering", created: "2026-11-05 09:00", acceptDue: "2026-11-05 09:30",
            resolveDue: "2026-11-06 09:00",
            steps: [
                ("2026-11-05 09:40", .assign, "张师傅"), ("2026-11-06 12:00", .resolve, nil),
                ("2026-11-07 08:00", .reopen, nil), ("2026-11-07 09:00", .start, nil),
                ("2026-11-07 10:00", .resolve, nil),
            ], rating: 2, escalated: true),
        // A complaint accepted in 240 min and resolved in 2880, on time, rated 4.
        ticket(
            "C-1", .complaint, "noise", "security", created: "2026-11-10 10:00", acceptDue: "2026-11-11 10:00",
            resolveDue: "2026-11-19 10:00",
            steps: [
                ("2026-11-10 14:00", .assign, "刘队长"), ("2026-11-12 10:00", .resolve, nil),
                ("2026-11-13 10:00", .close, nil),
            ], rating: 4),
        // Never accepted, both deadlines passed by the report's time.
        ticket(
            "C-2", .complaint, "cleanliness", "cleaning", created: "2026-11-20 10:00", acceptDue: "2026-11-21 10:00",
            resolveDue: "2026-11-29 10:00"),
        // Cancelled: counted apart only.
        ticket(
            "Q-1", .inquiry, nil, "customer_service", created: "2026-11-25 10:00", acceptDue: "2026-11-25 14:00",
            resolveDue: "2026-11-26 10:00", steps: [("2026-11-25 11:00", .cancel, nil)]),
        // A suggestion at another site, accepted in 2880 min, with no resolve deadline.
        ticket(
            "S-1", .suggestion, "other", "customer_service", created: "2026-11-28 10:00", acceptDue: "2026-12-03 10:00",
            resolveDue: nil, site: "lanting-2", steps: [("2026-11-30 10:00", .start, nil)]),
        // Opened at 23:30 on the month's last day in Shanghai (15:30 UTC): November. Overdue, untouched.
        ticket(
            "R-4", .repair, "plumbing", "engineering", created: "2026-11-30 23:30", acceptDue: "2026-12-01 00:00",
            resolveDue: "2026-12-01 23:30"),
        // December in Shanghai: in neither month.
        ticket(
            "R-5", .repair, "plumbing", "engineering", created: "2026-12-01 00:10", acceptDue: "2026-12-01 00:40",
            resolveDue: "2026-12-02 00:10"),
        // The month before: one repair, rated 3.
        ticket(
            "R-3", .repair, "plumbing", "engineering", created: "2026-10-15 10:00", acceptDue: "2026-10-15 10:30",
            resolveDue: "2026-10-16 10:00",
            steps: [
                ("2026-10-15 10:20", .assign, "王师傅"), ("2026-10-15 12:00", .resolve, nil),
                ("2026-10-16 12:00", .close, nil),
            ],
            rating: 3),
    ]

    let report = MonthlyReport(month: Month("2026-11")!, site: nil, tickets: tickets, now: now)

    @Test("volumes: totals without cancelled, by kind, category, department and site")
    func volumes() {
        let f = report.current
        #expect(f.total == 6)
        #expect(f.cancelled == 1)
        #expect(f.byKind == ["repair": 3, "complaint": 2, "inquiry": 0, "suggestion": 1])
        #expect(
            f.byCategory == [
                "repair/plumbing": 2, "repair/electrical": 1, "complaint/noise": 1, "complaint/cleanliness": 1,
                "suggestion/other": 1,
            ])
        #expect(f.byDepartment == ["engineering": 3, "security": 1, "cleaning": 1, "customer_service": 1])
        #expect(f.bySite == ["meijia-1": 5, "lanting-2": 1])
        #expect(f.complaintsHandled == 1)
    }

    @Test("rates: resolution, on time, reopen, satisfaction")
    func rates() {
        let f = report.current
        #expect(f.resolutionRate == 0.5)
        #expect(f.onTimeAccept == 0.5)
        #expect(f.onTimeResolve == 0.4)
        #expect(f.reopenRate == 0.3333)
        #expect(f.ratings == 3)
        #expect(f.averageRating == 3.67)
        #expect(f.share45 == 0.6667)
        #expect(f.overdue == 3)
        #expect(f.escalated == 1)
    }

    @Test("times to accept and resolve: nearest-rank median and p90")
    func times() {
        #expect(report.current.minutesToAccept == .init(median: 40, p90: 2880))
        #expect(report.current.minutesToResolve == .init(median: 1620, p90: 2880))
    }

    @Test("per department and per assignee")
    func teams() {
        let d = report.current.departments
        #expect(d.map(\.department) == ["engineering", "cleaning", "customer_service", "security"])
        #expect(
            d[0]
                == .init(
                    department: "engineering", total: 3, resolutionRate: 0.6667, onTimeAccept: 0.3333,
                    onTimeResolve: 0.3333, overdue: 2, escalated: 1))
        #expect(
            d[1]
                == .init(
                    department: "cleaning", total: 1, resolutionRate: 0, onTimeAccept: 0, onTimeResolve: 0,
                    overdue: 1, escalated: 0))
        #expect(
            d[2]
                == .init(
                    department: "customer_service", total: 1, resolutionRate: 0, onTimeAccept: 1,
                    onTimeResolve: nil, overdue: 0, escalated: 0))
        #expect(
            report.current.assignees == [
                .init(assignee: "张师傅", tickets: 2, handled: 2, onTimeResolve: 0.5, averageRating: 3.5),
                .init(assignee: "刘队长", tickets: 1, handled: 1, onTimeResolve: 1, averageRating: 4),
            ])
    }

    @Test("the month before, for comparison")
    func previous() {
        let p = report.previous
        #expect(p.month.description == "2026-10")
        #expect(p.total == 1 && p.resolutionRate == 1 && p.onTimeAccept == 1 && p.onTimeResolve == 1)
        #expect(p.minutesToAccept == .init(median: 20, p90: 20))
        #expect(p.averageRating == 3 && p.share45 == 0)
    }

    @Test("a month with nothing to measure gives nulls, not zeros")
    func empty() throws {
        let empty = MonthlyReport(month: Month("2025-01")!, site: "meijia-1", tickets: Self.tickets, now: Self.now)
        #expect(empty.current.total == 0)
        #expect(empty.current.resolutionRate == nil)
        let json = String(data: try JSONEncoder().encode(empty), encoding: .utf8)!
        #expect(json.contains("\"resolution_rate\":null"))
        #expect(json.contains("\"median\":null"))
    }

    @Test("the JSON object has PROTOCOL.md's fields and values")
    func json() throws {
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["month"] as? String == "2026-11")
        #expect(object["site"] is NSNull)
        let tickets = try #require(object["tickets"] as? [String: Any])
        #expect(tickets["total"] as? Int == 6)
        #expect((tickets["by_kind"] as? [String: Int])?["repair"] == 3)
        #expect((tickets["by_category"] as? [String: Int])?["repair/plumbing"] == 2)
        #expect(object["complaints_handled"] as? Int == 1)
        #expect(object["resolution_rate"] as? Double == 0.5)
        #expect((object["on_time_rate"] as? [String: Double])?["resolve"] == 0.4)
        #expect((object["minutes_to_resolve"] as? [String: Int])?["median"] == 1620)
        #expect(object["reopen_rate"] as? Double == 0.3333)
        let satisfaction = try #require(object["satisfaction"] as? [String: Any])
        #expect(satisfaction["ratings"] as? Int == 3)
        #expect(satisfaction["average"] as? Double == 3.67)
        #expect(satisfaction["share_4_5"] as? Double == 0.6667)
        #expect(object["overdue"] as? Int == 3 && object["escalated"] as? Int == 1)
        let departments = try #require(object["departments"] as? [[String: Any]])
        #expect(departments.first?["department"] as? String == "engineering")
        #expect(departments.first?["on_time_resolve"] as? Double == 0.3333)
        let assignees = try #require(object["assignees"] as? [[String: Any]])
        #expect(assignees.first?["assignee"] as? String == "张师傅")
        #expect(assignees.first?["handled"] as? Int == 2)
        #expect(assignees.first?["average_rating"] as? Double == 3.5)
        let previous = try #require(object["previous"] as? [String: Any])
        #expect(previous["month"] as? String == "2026-10")
        #expect((previous["tickets"] as? [String: Any])?["total"] as? Int == 1)
        #expect(previous["resolution_rate"] as? Double == 1)
        #expect(previous["previous"] == nil)
    }

    @Test("text, markdown and CSV show the same figures")
    func formats() {
        let plain = report.text(unicode: false)
        #expect(plain.contains("2026-11"))
        #expect(plain.contains("repair/plumbing"))
        #expect(plain.contains("#"))
        #expect(!plain.contains("█"))
        #expect(plain.contains("50.0%"))
        #expect(report.text(unicode: true).contains("█"))
        #expect(report.markdown().contains("| resolution rate | 50.0% | 100.0% |"))
        let csv = report.csv()
        #expect(csv.hasPrefix("section,key,month,value\n"))
        #expect(csv.contains("summary,resolution_rate,2026-11,0.5\n"))
        #expect(csv.contains("summary,total,2026-10,1\n"))
        #expect(csv.contains("by_category,repair/plumbing,2026-11,2\n"))
    }

    @Test("the desk reads the month from the store, in each ticket's time zone")
    func throughTheDesk() async throws {
        let store = MemoryTicketStore()
        let desk = TicketDesk(store: store, rules: Fixtures.rules, now: { Fixtures.at("2026-11-30 23:30") })
        _ = try await desk.open(
            .init(kind: .repair, category: "plumbing", room: Room("1-1-101")!, summary: "漏水"), by: "k")
        let report = try await desk.report(month: Month("2026-11")!, site: nil)
        #expect(report.current.total == 1)
        let other = try await desk.report(month: Month("2026-11")!, site: "lanting-2")
        #expect(other.current.total == 0)
        await #expect(throws: WuyeError.self) { try await desk.report(month: Month("2026-11")!, site: "nowhere") }
    }
}
