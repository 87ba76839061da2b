import Foundation

/// The monthly service report of PROTOCOL.md: volumes, resolution, timeliness, satisfaction, per department,
/// per assignee, and the month before for comparison.
///
/// Every figure except `cancelled` counts the month's tickets that were not cancelled. A deadline counts as met
/// when the first accept (first `assign` or `start`) or first `resolve` came by it, as missed when it came later
/// or has not come and the deadline has passed, and is left out while it is still ahead.
public struct MonthlyReport: Sendable, Hashable, Encodable {
    /// The figures of one month.
    public struct Figures: Sendable, Hashable {
        public var month: Month
        public var total = 0
        public var cancelled = 0
        public var byKind: [String: Int] = [:]
        public var byCategory: [String: Int] = [:]
        public var byDepartment: [String: Int] = [:]
        public var bySite: [String: Int] = [:]
        public var complaintsHandled = 0
        public var resolutionRate: Double?
        public var onTimeAccept: Double?
        public var onTimeResolve: Double?
        public var minutesToAccept: Percentiles
        public var minutesToResolve: Percentiles
        public var reopenRate: Double?
        public var ratings = 0
        public var averageRating: Double?
        public var share45: Double?
        public var overdue = 0
        public var escalated = 0
        public var departments: [DepartmentFigures] = []
        public var assignees: [AssigneeFigures] = []
    }

    public struct Percentiles: Sendable, Hashable {
        public var median: Int?
        public var p90: Int?
    }

    public struct DepartmentFigures: Sendable, Hashable {
        public var department: String
        public var total: Int
        public var resolutionRate: Double?
        public var onTimeAccept: Double?
        public var onTimeResolve: Double?
        public var overdue: Int
        public var escalated: Int
    }

    public struct AssigneeFigures: Sendable, Hashable {
        public var assignee: String
        /// Tickets of the month assigned to them.
        public var tickets: Int
        /// Of those, now resolved or closed.
        public var handled: Int
        public var onTimeResolve: Double?
        public var averageRating: Double?
    }

    public var site: String?
    public var current: Figures
    public var previous: Figures

    /// Builds the report of `month` from tickets read with their histories; tickets of other months are ignored.
    public init(month: Month, site: String?, tickets: [Ticket], now: Date) {
        self.site = site
        self.current = Self.figures(month, tickets.filter { month.contains($0.createdAt, in: $0.timeZone) }, now: now)
        let before = month.previous
        self.previous = Self.figures(
            before, tickets.filter { before.contains($0.createdAt, in: $0.timeZone) }, now: now)
    }

    /// What the history says about one ticket's deadlines.
    struct Timeliness {
        var acceptMinutes: Int?
        var acceptOnTime: Bool?
        var resolveMinutes: Int?
        var resolveOnTime: Bool?
        var resolvedOnce: Bool
        var reopened: Bool

        init(_ ticket: Ticket, now: Date) {
            let events = ticket.events ?? []
            let accepted = events.first { $0.action == .assign || $0.action == .start }?.at
            let resolved = events.first { $0.action == .resolve }?.at
            acceptMinutes = accepted.map { Self.minutes(from: ticket.createdAt, to: $0) }
            acceptOnTime = Self.onTime(done: accepted, due: ticket.acceptDueAt, now: now)
            resolveMinutes = resolved.map { Self.minutes(from: ticket.createdAt, to: $0) }
            resolveOnTime = ticket.resolveDueAt.flatMap { Self.onTime(done: resolved, due: $0, now: now) }
            resolvedOnce = resolved != nil
            reopened = ticket.reopenCount > 0 || events.contains { $0.action == .reopen }
        }

        var missedADeadline: Bool { acceptOnTime == false || resolveOnTime == false }

        static func onTime(done: Date?, due: Date, now: Date) -> Bool? {
            if let done { return done <= due }
            return due < now ? false : nil
        }

        static func minutes(from start: Date, to end: Date) -> Int {
            Int((end.timeIntervalSince(start) / 60).rounded())
        }
    }

    static func figures(_ month: Month, _ all: [Ticket], now: Date) -> Figures {
        let tickets = all.filter { $0.status != .cancelled }
        let timeliness = tickets.map { Timeliness($0, now: now) }
        let isDone = { (t: Ticket) in t.status == .resolved || t.status == .closed }
        var f = Figures(month: month, minutesToAccept: Percentiles(), minutesToResolve: Percentiles())
        f.total = tickets.count
        f.cancelled = all.count - tickets.count
        for kind in TicketKind.allCases { f.byKind[kind.rawValue] = tickets.filter { $0.kind == kind }.count }
        for t in tickets {
            f.byCategory["\(t.kind.rawValue)/\(t.category ?? "other")", default: 0] += 1
            f.byDepartment[t.department, default: 0] += 1
            f.bySite[t.site, default: 0] += 1
        }
        f.complaintsHandled = tickets.filter { $0.kind == .complaint && isDone($0) }.count
        f.resolutionRate = ratio(tickets.filter(isDone).count, tickets.count)
        f.onTimeAccept = share(timeliness.compactMap(\.acceptOnTime))
        f.onTimeResolve = share(timeliness.compactMap(\.resolveOnTime))
        f.minutesToAccept = percentiles(timeliness.compactMap(\.acceptMinutes))
        f.minutesToResolve = percentiles(timeliness.compactMap(\.resolveMinutes))
        f.reopenRate = ratio(timeliness.filter(\.reopened).count, timeliness.filter(\.resolvedOnce).count)
        let ratings = tickets.compactMap(\.rating)
        f.ratings = ratings.count
        f.averageRating = average(ratings)
        f.share45 = ratio(ratings.filter { $0 >= 4 }.count, ratings.count)
        f.overdue = timeliness.filter(\.missedADeadline).count
        f.escalated = tickets.filter(\.escalated).count

        let indexed = Array(zip(tickets, timeliness))
        f.departments = Dictionary(grouping: indexed, by: { $0.0.department }).map { department, rows in
            DepartmentFigures(
                department: department, total: rows.count,
                resolutionRate: ratio(rows.filter { isDone($0.0) }.count, rows.count),
                onTimeAccept: share(rows.compactMap { $0.1.acceptOnTime }),
                onTimeResolve: share(rows.compactMap { $0.1.resolveOnTime }),
                overdue: rows.filter { $0.1.missedADeadline }.count, escalated: rows.filter { $0.0.escalated }.count)
        }
        .sorted { ($1.total, $0.department) < ($0.total, $1.department) }
        f.assignees = Dictionary(grouping: indexed.filter { $0.0.assignee != nil }, by: { $0.0.assignee! }).map {
            assignee, rows in
            AssigneeFigures(
                assignee: assignee, tickets: rows.count, handled: rows.filter { isDone($0.0) }.count,
                onTimeResolve: share(rows.compactMap { $0.1.resolveOnTime }),
                averageRating: average(rows.compactMap { $0.0.rating }))
        }
        .sorted { ($1.handled, $1.tickets, $0.assignee) < ($0.handled, $0.tickets, $1.assignee) }
        return f
    }

    /// `part / whole` to four decimals; nil when there is nothing to measure.
    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }

    static func share(_ flags: [Bool]) -> Double? { ratio(flags.filter { $0 }.count, flags.count) }

    static func average(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : (Double(values.reduce(0, +)) / Double(values.count) * 100).rounded() / 100
    }

    /// Nearest-rank percentiles: the value at rank ⌈p·n⌉ of the sorted values.
    static func percentiles(_ values: [Int]) -> Percentiles {
        guard !values.isEmpty else { return Percentiles() }
        let sorted = values.sorted()
        func rank(_ p: Double) -> Int { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        return Percentiles(median: rank(0.5), p90: rank(0.9))
    }
}
