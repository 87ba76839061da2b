import Foundation

/// A ticket (工单): one owner's repair, complaint, inquiry or suggestion, with its whole history.
public struct Ticket: Sendable, Hashable {
    public var id: String
    public var kind: TicketKind
    public var status: TicketStatus
    /// Keyed by kind where categories meet (`plumbing` for a repair, `noise` for a complaint).
    public var category: String?
    public var site: String
    /// The reporting owner's room; a common-area fault carries its reporter's room too.
    public var room: Room
    /// Where a common-area fault is ("3号楼2单元电梯"); nil for a fault inside the flat.
    public var location: String?
    /// Every room that reported this problem, the first reporter first.
    public var reporters: [Room]
    public var priority: Priority
    public var department: String
    public var assignee: String?
    public var summary: String
    /// The owner's own words, exactly as received.
    public var text: String
    public var ownerName: String?
    public var ownerPhone: String?
    public var createdAt: Date
    public var acceptDueAt: Date
    public var resolveDueAt: Date?
    /// The first `assign` or `start`.
    public var acceptedAt: Date?
    /// The latest `resolve`; cleared when the ticket is reopened.
    public var resolvedAt: Date?
    public var closedAt: Date?
    public var updatedAt: Date
    public var escalated: Bool
    public var reopenCount: Int
    public var rating: Int?
    /// The site's time zone: timestamps are shown, and months counted, in it.
    public var timeZone: TimeZone
    /// The history, oldest first; nil when the ticket was read without it.
    public var events: [TicketEvent]?

    public init(
        id: String, kind: TicketKind, status: TicketStatus = .open, category: String?, site: String, room: Room,
        location: String? = nil, reporters: [Room]? = nil, priority: Priority, department: String,
        assignee: String? = nil, summary: String, text: String, ownerName: String? = nil, ownerPhone: String? = nil,
        createdAt: Date, acceptDueAt: Date, resolveDueAt: Date?, acceptedAt: Date? = nil, resolvedAt: Date? = nil,
        closedAt: Date? = nil, updatedAt: Date? = nil, escalated: Bool = false, reopenCount: Int = 0,
        rating: Int? = nil, timeZone: TimeZone, events: [TicketEvent]? = nil
    ) {
        self.id = id
        self.kind = kind
        self.status = status
        self.category = category
        self.site = site
        self.room = room
        self.location = location
        self.reporters = reporters ?? [room]
        self.priority = priority
        self.department = department
        self.assignee = assignee
        self.summary = summary
        self.text = text
        self.ownerName = ownerName
        self.ownerPhone = ownerPhone
        self.createdAt = createdAt
        self.acceptDueAt = acceptDueAt
        self.resolveDueAt = resolveDueAt
        self.acceptedAt = acceptedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.updatedAt = updatedAt ?? createdAt
        self.escalated = escalated
        self.reopenCount = reopenCount
        self.rating = rating
        self.timeZone = timeZone
        self.events = events
    }

    /// Past a deadline while still active: not accepted by `acceptDueAt`, or not resolved by `resolveDueAt`.
    public func isOverdue(at now: Date) -> Bool {
        guard status.isActive else { return false }
        if acceptedAt == nil && acceptDueAt < now { return true }
        if let due = resolveDueAt, due < now { return true }
        return false
    }

    /// The kind (R, C, Q, S) and number of a ticket id such as `R-1024` or `r1024`; nil when it is not one.
    public static func parseID(_ text: String) -> (kind: TicketKind, number: Int)? {
        let trimmed = text.trimmingWhitespace()
        guard let first = trimmed.first, let kind = TicketKind(letter: first) else { return nil }
        var rest = trimmed.dropFirst()
        if rest.first == "-" { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 12, rest.allSatisfy(\.isASCII), let number = Int(rest), number > 0
        else { return nil }
        return (kind, number)
    }

    /// The canonical spelling of a ticket id (`r1024` → `R-1024`), or nil.
    public static func canonicalID(_ text: String) -> String? {
        parseID(text).map { "\($0.kind.letter)-\($0.number)" }
    }
}
