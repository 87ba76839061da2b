import Foundation
import Testing
import WuyeCore

@Suite("SLA clocks, routing and office calendars")
struct ClockTests {
    let rules = Fixtures.rules
    let site = Fixtures.rules.sites[0]

    func deadlines(_ kind: TicketKind, _ priority: Priority, _ category: String?, at start: String) -> (String, String?)
    {
        let due = rules.sla.deadlines(
            kind: kind, priority: priority, category: category, from: Fixtures.at(start), calendar: Fixtures.calendar,
            timeZone: Fixtures.shanghai)
        return (Fixtures.shanghai.iso8601(due.accept), due.resolve.map(Fixtures.shanghai.iso8601))
    }

    @Test("repairs run on a 24-hour clock: 30 min / 24 h, urgent 15 min / 4 h, high halves the accept time")
    func repairClock() {
        // Saturday night: repairs do not wait for the office.
        #expect(
            deadlines(.repair, .normal, "plumbing", at: "2026-11-28 23:50") == (
                "2026-11-29T00:20:00+08:00", "2026-11-29T23:50:00+08:00"
            ))
        #expect(
            deadlines(.repair, .urgent, "elevator", at: "2026-11-28 23:50") == (
                "2026-11-29T00:05:00+08:00", "2026-11-29T03:50:00+08:00"
            ))
        #expect(
            deadlines(.repair, .high, "plumbing", at: "2026-11-24 10:00") == (
                "2026-11-24T10:15:00+08:00", "2026-11-25T10:00:00+08:00"
            ))
    }

    @Test("complaint and inquiry clocks count office hours and working days")
    func officeClock() {
        // Tuesday 10:00, in office hours: 24 h is one working day, 7 d seven working days.
        #expect(
            deadlines(.complaint, .normal, "noise", at: "2026-11-24 10:00") == (
                "2026-11-25T10:00:00+08:00", "2026-12-03T10:00:00+08:00"
            ))
        // Friday 16:00: 4 office hours are 1.5 h on Friday and 2.5 h on Monday.
        #expect(
            deadlines(.inquiry, .normal, nil, at: "2026-11-27 16:00") == (
                "2026-11-30T11:00:00+08:00", "2026-11-30T16:00:00+08:00"
            ))
        // Saturday: the clock starts at Monday's opening.
        #expect(
            deadlines(.complaint, .urgent, "security", at: "2026-11-28 12:00") == (
                "2026-11-30T10:30:00+08:00", "2026-12-01T08:30:00+08:00"
            ))
        // Tuesday 19:00, after closing: starts Wednesday 08:30.
        #expect(
            deadlines(.complaint, .normal, nil, at: "2026-11-24 19:00") == (
                "2026-11-26T08:30:00+08:00", "2026-12-04T08:30:00+08:00"
            ))
        // High priority halves the accept time: half a working day is 4.5 office hours.
        #expect(deadlines(.complaint, .high, "noise", at: "2026-11-24 10:00").0 == "2026-11-24T14:30:00+08:00")
        #expect(deadlines(.inquiry, .high, nil, at: "2026-11-24 10:00").0 == "2026-11-24T12:00:00+08:00")
        // Suggestions: three working days to accept, no resolve deadline, low priority halves nothing.
        #expect(deadlines(.suggestion, .low, nil, at: "2026-11-24 10:00") == ("2026-11-27T10:00:00+08:00", nil))
    }

    @Test("public holidays are skipped and make-up working days count")
    func holidays() {
        // 2026-09-30 (Wed) 16:00; 1–7 October are holidays; Saturday 10 October is a make-up working day.
        #expect(
            deadlines(.inquiry, .normal, nil, at: "2026-09-30 16:00") == (
                "2026-10-08T11:00:00+08:00", "2026-10-08T16:00:00+08:00"
            ))
        #expect(
            deadlines(.complaint, .normal, nil, at: "2026-10-09 09:00") == (
                "2026-10-10T09:00:00+08:00", "2026-10-19T09:00:00+08:00"
            ))
        #expect(Fixtures.calendar.isWorkingDay(LocalDate("2026-10-10")!))
        #expect(!Fixtures.calendar.isWorkingDay(LocalDate("2026-10-05")!))
        #expect(!Fixtures.calendar.isWorkingDay(LocalDate("2026-10-11")!))
    }

    @Test(
        "SLA durations are read from 15m, 4h, 7d and nothing else",
        arguments: [
            ("15m", 15), ("4h", 240), ("24h", 1440), ("7d", 10080), ("1.5h", 90),
        ])
    func durations(text: String, minutes: Int) {
        #expect(SLADuration(text)?.minutes == minutes)
    }

    @Test("bad SLA durations", arguments: ["", "15", "h", "-2h", "0m", "1.25m", "4w", "400d"])
    func badDurations(text: String) {
        #expect(SLADuration(text) == nil)
    }

    @Test(
        "every category goes to the department INTENTS.md names",
        arguments: [
            (TicketKind.repair, "plumbing", "engineering"), (.repair, "other", "engineering"),
            (.repair, nil, "engineering"),
            (.complaint, "cleanliness", "cleaning"), (.complaint, "smell", "cleaning"),
            (.complaint, "security", "security"),
            (.complaint, "parking", "security"), (.complaint, "neighbor", "security"),
            (.complaint, "noise", "security"),
            (.complaint, "pets", "security"), (.complaint, "landscaping", "landscaping"),
            (.complaint, "staff", "customer_service"), (.complaint, "renovation", "customer_service"),
            (.complaint, "other", "customer_service"), (.inquiry, nil, "customer_service"),
            (.suggestion, nil, "customer_service"),
        ] as [(TicketKind, String?, String)])
    func routing(kind: TicketKind, category: String?, department: String) {
        #expect(rules.routing.department(for: kind, category: category) == department)
    }

    @Test("configuration problems are found: unknown departments, missing rules, contradictory calendars")
    func problems() {
        #expect(rules.problems().isEmpty)
        var broken = rules
        broken.routing.routes[.complaint]!["noise"] = "nightwatch"
        broken.sla.rules.removeAll { $0.kind == .inquiry }
        broken.calendars["cn"]!.workdays.insert(LocalDate("2026-10-03")!)
        broken.sites.append(Site(id: "x", name: "x", timeZone: Fixtures.shanghai, calendar: "moon", dutyPhone: ""))
        let found = broken.problems()
        #expect(found.contains("complaint/noise routes to unknown department nightwatch"))
        #expect(found.contains("no general SLA rule for inquiry (one without priority or category)"))
        #expect(found.contains("calendar cn: 2026-10-03 is listed both as a holiday and as a working day"))
        #expect(found.contains("site x names unknown calendar moon"))
    }
}
