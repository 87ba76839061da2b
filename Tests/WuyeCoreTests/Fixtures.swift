import Foundation
import Synchronization
import WuyeCore

/// Service rules built in code with DESIGN.md's defaults, so the core is tested without the data loader.
enum Fixtures {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static let calendar = OfficeCalendar(
        name: "cn", opens: 8 * 3600 + 1800, closes: 17 * 3600 + 1800, weekdays: [1, 2, 3, 4, 5],
        holidays: Set((1...7).map { LocalDate(year: 2026, month: 10, day: $0)! }),
        workdays: [LocalDate(year: 2026, month: 10, day: 10)!])

    static let routing = Routing(
        departments: ["engineering", "cleaning", "security", "landscaping", "customer_service"].map {
            .init(id: $0, nameZH: $0, nameEN: $0)
        },
        categories: [
            .repair: [
                "plumbing", "electrical", "elevator", "door_access", "structure", "appliance", "gas_heating", "other",
            ],
            .complaint: [
                "noise", "renovation", "neighbor", "pets", "cleanliness", "parking", "security", "staff", "landscaping",
                "smell", "other",
            ],
            .inquiry: ["other"], .suggestion: ["other"],
        ],
        routes: [
            .repair: ["default": "engineering"],
            .complaint: [
                "cleanliness": "cleaning", "smell": "cleaning", "security": "security", "parking": "security",
                "neighbor": "security", "noise": "security", "pets": "security", "landscaping": "landscaping",
                "default": "customer_service",
            ],
            .inquiry: ["default": "customer_service"], .suggestion: ["default": "customer_service"],
        ])

    static let sla = SLAPolicy(
        clocks: [.repair: .continuous, .complaint: .office, .inquiry: .office, .suggestion: .office],
        rules: [
            .init(kind: .repair, priority: .urgent, accept: SLADuration("15m")!, resolve: SLADuration("4h")),
            .init(kind: .repair, accept: SLADuration("30m")!, resolve: SLADuration("24h")),
            .init(kind: .complaint, priority: .urgent, accept: SLADuration("2h")!, resolve: SLADuration("24h")),
            .init(kind: .complaint, accept: SLADuration("24h")!, resolve: SLADuration("7d")),
            .init(kind: .inquiry, accept: SLADuration("4h")!, resolve: SLADuration("24h")),
            .init(kind: .suggestion, accept: SLADuration("3d")!, resolve: nil),
        ], highAcceptFactor: 0.5, autoCloseAfter: SLADuration("7d")!)

    static let rules = ServiceRules(
        routing: routing, sla: sla, calendars: ["cn": calendar],
        sites: [
            Site(id: "meijia-1", name: "美嘉花园", timeZone: shanghai, calendar: "cn", dutyPhone: "0571-1"),
            Site(id: "lanting-2", name: "兰亭", timeZone: shanghai, calendar: "cn", dutyPhone: "0571-2"),
        ])

    /// A Shanghai wall-clock time: `at("2026-11-24 10:00")`.
    static func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let day = LocalDate(String(parts[0]))!
        let hm = parts[1].split(separator: ":").map { Int($0)! }
        return shanghai.instant(day, seconds: hm[0] * 3600 + hm[1] * 60)
    }

    static func ticket(_ status: TicketStatus = .open, kind: TicketKind = .repair) -> Ticket {
        Ticket(
            id: "\(kind.letter)-1001", kind: kind, status: status, category: "plumbing", site: "meijia-1",
            room: Room("3-2-501")!, priority: .normal, department: "engineering", summary: "厨房漏水", text: "厨房漏水了",
            createdAt: at("2026-11-24 10:00"), acceptDueAt: at("2026-11-24 10:30"),
            resolveDueAt: at("2026-11-25 10:00"),
            timeZone: shanghai, events: [])
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}
