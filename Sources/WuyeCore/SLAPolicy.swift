import Foundation

/// A span of time in an SLA: minutes, or whole days.
public struct SLADuration: Sendable, Hashable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// Reads `15m`, `4h`, `24h`, `7d` (also `1.5h`); nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingWhitespace().lowercased()
        guard let unit = t.last, let value = Double(t.dropLast()), value > 0, value.isFinite else { return nil }
        let factor: Double
        switch unit {
        case "m": factor = 1
        case "h": factor = 60
        case "d": factor = 1440
        default: return nil
        }
        let minutes = value * factor
        guard minutes >= 1, minutes <= 366 * 1440, minutes == minutes.rounded() else { return nil }
        self.minutes = Int(minutes)
    }

    /// On an office-hours clock a whole number of days counts working days.
    public var wholeDays: Int? { minutes % 1440 == 0 ? minutes / 1440 : nil }

    public var description: String {
        if let days = wholeDays { return days == 1 ? "24h" : "\(days)d" }
        return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes)m"
    }
}

/// How a kind's SLA clock runs: around the clock, or only in the site's office hours.
public enum SLAClock: String, Sendable, Hashable, CaseIterable {
    case continuous
    case office
}

/// Accept and resolve times by kind, priority and category (DESIGN.md's table, overridable in `intents/sla.yml`).
public struct SLAPolicy: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public var kind: TicketKind
        /// nil: any priority without a rule of its own.
        public var priority: Priority?
        /// nil: any category.
        public var category: String?
        public var accept: SLADuration
        /// nil: no resolve deadline (suggestions).
        public var resolve: SLADuration?

        public init(
            kind: TicketKind, priority: Priority? = nil, category: String? = nil, accept: SLADuration,
            resolve: SLADuration?
        ) {
            self.kind = kind
            self.priority = priority
            self.category = category
            self.accept = accept
            self.resolve = resolve
        }
    }

    public var clocks: [TicketKind: SLAClock]
    public var rules: [Rule]
    /// `high` priority multiplies the accept time by this (DESIGN.md: halves it).
    public var highAcceptFactor: Double
    /// A resolved ticket closes itself this long after resolution if the owner says nothing.
    public var autoCloseAfter: SLADuration
    /// How long the owner's name and phone stay on a ticket after it is closed or cancelled (PIPL: no longer
    /// than needed); nil keeps them.
    public var personalDataKeptFor: SLADuration?

    public init(clocks: [TicketKind: SLAClock], rules: [Rule], highAcceptFactor: Double, autoCloseAfter: SLADuration) {
        self.clocks = clocks
        self.rules = rules
        self.highAcceptFactor = highAcceptFactor
        self.autoCloseAfter = autoCloseAfter
    }

    /// The most specific rule for a ticket: a rule naming the priority beats one naming the category,
    /// which beats a general one. `high` and `low` use the general rule unless the data gives them their own.
    public func rule(kind: TicketKind, priority: Priority, category: String?) -> Rule? {
        rules.filter { rule in
            rule.kind == kind && (rule.priority == nil || rule.priority == priority)
                && (rule.category == nil || rule.category == category)
        }
        .max { score($0) < score($1) }
    }

    private func score(_ rule: Rule) -> Int { (rule.priority != nil ? 2 : 0) + (rule.category != nil ? 1 : 0) }

    /// When a ticket opened at `start` must be accepted and resolved.
    public func deadlines(
        kind: TicketKind, priority: Priority, category: String?, from start: Date, calendar: OfficeCalendar,
        timeZone: TimeZone
    ) -> (accept: Date, resolve: Date?) {
        guard let rule = rule(kind: kind, priority: priority, category: category) else {
            // Validation refuses data without a general rule per kind; a day is the safe fallback.
            let day = start.addingTimeInterval(86_400)
            return (day, day)
        }
        let clock = clocks[kind] ?? .continuous
        func due(_ span: SLADuration) -> Date {
            switch clock {
            case .continuous: start.addingTimeInterval(Double(span.minutes) * 60)
            case .office: calendar.due(after: span, from: start, in: timeZone)
            }
        }
        var acceptDue = due(rule.accept)
        if priority == .high && rule.priority != .high {
            // Halving a span of working days halves the office time it stands for, not the calendar hours.
            switch clock {
            case .continuous:
                acceptDue = start.addingTimeInterval((Double(rule.accept.minutes) * highAcceptFactor * 60).rounded())
            case .office:
                let office = rule.accept.wholeDays.map { $0 * calendar.officeMinutesPerDay } ?? rule.accept.minutes
                let minutes = max(1, Int((Double(office) * highAcceptFactor).rounded()))
                acceptDue = calendar.due(officeMinutes: minutes, from: start, in: timeZone)
            }
        }
        return (acceptDue, rule.resolve.map(due))
    }

    /// Problems with the table: a kind without a general rule.
    public func problems() -> [String] {
        TicketKind.allCases.compactMap { kind in
            rules.contains { $0.kind == kind && $0.priority == nil && $0.category == nil }
                ? nil : "no general SLA rule for \(kind.rawValue) (one without priority or category)"
        }
    }
}
