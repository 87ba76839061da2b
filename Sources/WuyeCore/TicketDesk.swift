import Foundation

/// The front desk's rules applied to a store: opens tickets with their department and deadlines, takes lifecycle
/// steps, links repeated reports, sweeps overdue and long-resolved tickets, checks owners, builds reports.
public struct TicketDesk: Sendable {
    /// A report to file, as staff or the dialogue gathered it.
    public struct Report: Sendable, Hashable {
        public var kind: TicketKind
        public var category: String?
        /// The site's id; nil for the default site.
        public var site: String?
        public var room: Room
        public var location: String?
        /// nil: `low` for suggestions, `normal` for everything else.
        public var priority: Priority?
        public var summary: String
        public var text: String
        public var ownerName: String?
        public var ownerPhone: String?

        public init(
            kind: TicketKind, category: String? = nil, site: String? = nil, room: Room, location: String? = nil,
            priority: Priority? = nil, summary: String, text: String? = nil, ownerName: String? = nil,
            ownerPhone: String? = nil
        ) {
            self.kind = kind
            self.category = category
            self.site = site
            self.room = room
            self.location = location
            self.priority = priority
            self.summary = summary
            self.text = text ?? summary
            self.ownerName = ownerName
            self.ownerPhone = ownerPhone
        }
    }

    /// What one sweep did.
    public struct SweepResult: Sendable, Hashable {
        public var escalated: [String] = []
        public var closed: [String] = []
        /// Closed tickets whose personal data the retention period erased.
        public var erased: [String] = []
    }

    /// The name events carry when Wuye itself acted.
    public static let system = "system"

    public let store: any TicketStore
    public let rules: ServiceRules
    let now: @Sendable () -> Date

    public init(store: any TicketStore, rules: ServiceRules, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.rules = rules
        self.now = now
    }

    /// The instant the desk considers now.
    public var currentTime: Date { now() }

    /// Opens a ticket routed to its department, with deadlines from the SLA table.
    public func open(_ report: Report, by actor: String) async throws -> Ticket {
        let at = now()
        return try await store.create(try draft(for: report, by: actor, at: at), at: at)
    }

    /// Opens a ticket inside a transaction that does more (an owner's turn).
    public func open(_ report: Report, by actor: String, in transaction: any StoreTransaction) throws -> Ticket {
        let at = now()
        return try transaction.create(try draft(for: report, by: actor, at: at), at: at)
    }

    /// The ticket a report becomes: checked, routed, with its deadlines.
    func draft(for report: Report, by actor: String, at: Date) throws -> TicketDraft {
        let site = try rules.site(report.site)
        if let category = report.category, !rules.routing.knows(category: category, of: report.kind) {
            let known = rules.routing.categories[report.kind] ?? []
            throw WuyeError.badField(
                "unknown \(report.kind.rawValue) category \"\(category)\"; known: \(known.joined(separator: ", "))")
        }
        let summary = report.summary.trimmingWhitespace()
        guard !summary.isEmpty else { throw WuyeError.missingField("a ticket needs a summary of what is wrong") }
        if let phone = report.ownerPhone, Phone(phone) == nil {
            throw WuyeError.badField("\"\(phone)\" is not a mainland mobile number")
        }
        let priority = report.priority ?? (report.kind == .suggestion ? .low : .normal)
        let due = rules.sla.deadlines(
            kind: report.kind, priority: priority, category: report.category, from: at,
            calendar: rules.calendar(for: site), timeZone: site.timeZone)
        return TicketDraft(
            kind: report.kind, category: report.category, site: site.id, room: report.room, location: report.location,
            priority: priority, department: rules.routing.department(for: report.kind, category: report.category),
            summary: summary, text: report.text, ownerName: report.ownerName,
            ownerPhone: report.ownerPhone.flatMap(Phone.init)?.digits, acceptDueAt: due.accept,
            resolveDueAt: due.resolve, timeZone: site.timeZone, by: actor)
    }

    /// Reads one ticket with its history; `id` may be written loosely (`r1024`).
    public func ticket(_ id: String) async throws -> Ticket {
        let canonical = try Self.canonical(id)
        guard let ticket = try await store.ticket(canonical) else { throw WuyeError.notFound(ticket: canonical) }
        return ticket
    }

    /// Takes one lifecycle step, as one transaction.
    public func perform(_ action: TicketAction, on id: String, _ details: StepDetails = .init(), by actor: String)
        async throws -> Ticket
    {
        let (canonical, change) = try step(action, on: id, details, by: actor)
        return try await store.update(canonical, change)
    }

    /// Takes one lifecycle step inside a transaction that does more.
    public func perform(
        _ action: TicketAction, on id: String, _ details: StepDetails = .init(), by actor: String,
        in transaction: any StoreTransaction
    ) throws -> Ticket {
        let (canonical, change) = try step(action, on: id, details, by: actor)
        return try transaction.update(canonical, change)
    }

    private func step(_ action: TicketAction, on id: String, _ details: StepDetails, by actor: String) throws -> (
        String, @Sendable (inout Ticket) throws -> [TicketEvent]
    ) {
        let canonical = try Self.canonical(id)
        if let department = details.department, rules.routing.department(id: department) == nil {
            throw WuyeError.badField(
                "unknown department \"\(department)\"; known: \(rules.routing.departments.map(\.id).joined(separator: ", "))"
            )
        }
        let at = now()
        return (canonical, { ticket in [try ticket.apply(action, details, by: actor, at: at)] })
    }

    /// Records the owner's rating; 2 or less escalates the ticket.
    public func rate(_ id: String, score: Int, by actor: String) async throws -> Ticket {
        let canonical = try Self.canonical(id)
        let at = now()
        return try await store.update(canonical) { ticket in try ticket.rate(score, by: actor, at: at) }
    }

    /// Records the owner's rating inside a transaction that does more.
    public func rate(_ id: String, score: Int, by actor: String, in transaction: any StoreTransaction) throws -> Ticket
    {
        let canonical = try Self.canonical(id)
        let at = now()
        return try transaction.update(canonical) { ticket in try ticket.rate(score, by: actor, at: at) }
    }

    /// Changes a ticket's priority and, while it is not yet accepted, its accept deadline to match.
    public func setPriority(_ id: String, to priority: Priority, by actor: String) async throws -> Ticket {
        let canonical = try Self.canonical(id)
        let rules = self.rules
        let at = now()
        return try await store.update(canonical) { ticket in
            guard ticket.priority != priority else { return [] }
            guard ticket.status != .cancelled else {
                throw WuyeError(.invalidTransition, "cannot change the priority of \(ticket.id): it is cancelled")
            }
            let old = ticket.priority
            ticket.priority = priority
            if ticket.acceptedAt == nil {
                ticket.acceptDueAt = rules.acceptDue(of: ticket, at: priority) ?? ticket.acceptDueAt
            }
            ticket.updatedAt = at
            return [
                TicketEvent(
                    at: at, action: .update, status: ticket.status, by: actor,
                    note: "priority \(old.rawValue) → \(priority.rawValue)")
            ]
        }
    }

    /// Records another report of the same active problem: links the room as a reporter and raises a `normal`
    /// ticket to `high` (DESIGN.md: a repeated report halves the accept time).
    public func addReport(to id: String, from room: Room, text: String, by actor: String) async throws -> Ticket {
        try await store.update(try Self.canonical(id), reportChange(from: room, text: text, by: actor))
    }

    /// Records another report of the same active problem inside a transaction that does more.
    public func addReport(
        to id: String, from room: Room, text: String, by actor: String, in transaction: any StoreTransaction
    ) throws -> Ticket {
        try transaction.update(try Self.canonical(id), reportChange(from: room, text: text, by: actor))
    }

    private func reportChange(from room: Room, text: String, by actor: String)
        -> @Sendable (inout Ticket) throws -> [TicketEvent]
    {
        let rules = self.rules
        let at = now()
        return { ticket in
            guard ticket.status.isActive else {
                throw WuyeError(
                    .invalidTransition, "cannot add a report to \(ticket.id): it is \(ticket.status.rawValue)")
            }
            if !ticket.reporters.contains(room) { ticket.reporters.append(room) }
            var events = [
                TicketEvent(at: at, action: .report, status: ticket.status, by: actor, note: "\(room): \(text)")
            ]
            if ticket.priority == .normal {
                ticket.priority = .high
                if ticket.acceptedAt == nil, let due = rules.acceptDue(of: ticket, at: .high) {
                    ticket.acceptDueAt = min(ticket.acceptDueAt, due)
                }
                events.append(
                    TicketEvent(
                        at: at, action: .update, status: ticket.status, by: Self.system,
                        note: "priority normal → high: reported again"))
            }
            ticket.updatedAt = at
            return events
        }
    }

    /// Escalates every active ticket past a deadline that is not escalated yet, closes tickets resolved longer
    /// ago than the auto-close period, and erases the personal data of tickets closed longer than the retention
    /// period. Each ticket is its own transaction; safe to run at any time.
    public func sweep() async throws -> SweepResult {
        let at = now()
        var result = SweepResult()
        for ticket in try await store.tickets(TicketQuery(overdueAt: at, escalated: false)) {
            let updated = try await store.update(ticket.id) { ticket in
                guard ticket.isOverdue(at: at), !ticket.escalated else { return [] }
                let missed =
                    ticket.acceptedAt == nil && ticket.acceptDueAt < at
                    ? "not accepted in time" : "not resolved in time"
                return [try ticket.apply(.escalate, .init(note: "overdue: \(missed)"), by: Self.system, at: at)]
            }
            if updated.escalated { result.escalated.append(updated.id) }
        }
        let cutoff = at.addingTimeInterval(-Double(rules.sla.autoCloseAfter.minutes) * 60)
        for ticket in try await store.tickets(TicketQuery(statuses: [.resolved], resolvedBefore: cutoff)) {
            let updated = try await store.update(ticket.id) { ticket in
                guard ticket.status == .resolved, let resolved = ticket.resolvedAt, resolved < cutoff else { return [] }
                let note = "closed automatically: no answer from the owner \(rules.sla.autoCloseAfter) after resolution"
                return [try ticket.apply(.close, .init(note: note), by: Self.system, at: at)]
            }
            if updated.status == .closed { result.closed.append(updated.id) }
        }
        result.erased = try await eraseExpiredPersonalData()
        return result
    }

    /// Checks a phone given for a room against the site's owner registry.
    public func checkOwner(site: String?, room: Room, phone: String) async throws -> OwnerCheck {
        let site = try rules.site(site)
        return Self.check(owners: try await store.owners(site: site.id, room: room), phone: phone)
    }

    /// Checks a phone against the registry inside a transaction.
    public func checkOwner(site: String?, room: Room, phone: String, in transaction: any StoreTransaction) throws
        -> OwnerCheck
    {
        let site = try rules.site(site)
        return Self.check(owners: try transaction.owners(site: site.id, room: room), phone: phone)
    }

    static func check(owners: [Owner], phone: String) -> OwnerCheck {
        guard !owners.isEmpty else { return .unknownRoom }
        guard let given = Phone(phone) else { return .mismatch }
        return owners.contains { $0.phone == given } ? .verified : .mismatch
    }

    /// The monthly service report for `month` (and the month before), for one site or all.
    public func report(month: Month, site: String?) async throws -> MonthlyReport {
        let tickets = try await tickets(from: month.previous, through: month, site: site)
        return MonthlyReport(month: month, site: site, tickets: tickets, now: now())
    }

    /// The tickets opened in the months `first` through `last`, each counted in its own site's time zone, with
    /// their histories, oldest first.
    public func tickets(from first: Month, through last: Month, site: String?) async throws -> [Ticket] {
        if let site { _ = try rules.site(site) }
        // Read a day around the months, then keep what falls in them in each ticket's own time zone.
        let from = first.start(in: TimeZone(secondsFromGMT: 14 * 3600)!)
        let to = last.next.start(in: TimeZone(secondsFromGMT: -12 * 3600)!)
        return try await store.tickets(TicketQuery(site: site, createdFrom: from, createdBefore: to, withEvents: true))
            .filter { ticket in
                let month = Month(containing: ticket.createdAt, in: ticket.timeZone)
                return month >= first && month <= last
            }
            .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    static func canonical(_ id: String) throws -> String {
        guard let canonical = Ticket.canonicalID(id) else {
            throw WuyeError.badField(
                "\"\(id)\" is not a ticket id (a letter R, C, Q or S, a dash and a number, like R-1024)")
        }
        return canonical
    }
}

extension ServiceRules {
    /// When `ticket` must be accepted if it had `priority` from the start; nil when its site is not configured.
    func acceptDue(of ticket: Ticket, at priority: Priority) -> Date? {
        guard let site = try? site(ticket.site) else { return nil }
        return sla.deadlines(
            kind: ticket.kind, priority: priority, category: ticket.category, from: ticket.createdAt,
            calendar: calendar(for: site), timeZone: ticket.timeZone
        ).accept
    }
}
