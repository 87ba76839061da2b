import Foundation

/// Which tickets to read from a store. Every condition given must hold.
public struct TicketQuery: Sendable, Hashable {
    public var statuses: [TicketStatus]?
    /// Matches the ticket's room and every room linked to it as a reporter.
    public var room: Room?
    public var kind: TicketKind?
    public var category: String?
    public var department: String?
    public var site: String?
    public var assignee: String?
    /// Only tickets overdue at this instant (see `Ticket.isOverdue(at:)`).
    public var overdueAt: Date?
    public var escalated: Bool?
    /// Only tickets whose latest resolution is before this instant.
    public var resolvedBefore: Date?
    public var createdFrom: Date?
    /// Exclusive.
    public var createdBefore: Date?
    /// Only tickets of a shared place (with a `location`), or only those without, when set.
    public var located: Bool?
    /// Only tickets last changed before this instant.
    public var updatedBefore: Date?
    /// Only tickets whose personal data was erased (an `erase` event), or only those not erased, when set.
    public var erased: Bool?
    public var limit: Int?
    public var withEvents: Bool

    public init(
        statuses: [TicketStatus]? = nil, room: Room? = nil, kind: TicketKind? = nil, category: String? = nil,
        department: String? = nil, site: String? = nil, assignee: String? = nil, overdueAt: Date? = nil,
        escalated: Bool? = nil, resolvedBefore: Date? = nil, createdFrom: Date? = nil, createdBefore: Date? = nil,
        located: Bool? = nil, updatedBefore: Date? = nil, erased: Bool? = nil, limit: Int? = nil,
        withEvents: Bool = false
    ) {
        self.located = located
        self.updatedBefore = updatedBefore
        self.erased = erased
        self.statuses = statuses
        self.room = room
        self.kind = kind
        self.category = category
        self.department = department
        self.site = site
        self.assignee = assignee
        self.overdueAt = overdueAt
        self.escalated = escalated
        self.resolvedBefore = resolvedBefore
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.limit = limit
        self.withEvents = withEvents
    }

    /// Whether `ticket` meets every condition; the reference that every store's filtering must agree with.
    public func matches(_ ticket: Ticket) -> Bool {
        if let statuses, !statuses.contains(ticket.status) { return false }
        if let room, ticket.room != room && !ticket.reporters.contains(room) { return false }
        if let kind, ticket.kind != kind { return false }
        if let category, ticket.category != category { return false }
        if let department, ticket.department != department { return false }
        if let site, ticket.site != site { return false }
        if let assignee, ticket.assignee != assignee { return false }
        if let overdueAt, !ticket.isOverdue(at: overdueAt) { return false }
        if let escalated, ticket.escalated != escalated { return false }
        if let resolvedBefore { guard let at = ticket.resolvedAt, at < resolvedBefore else { return false } }
        if let createdFrom, ticket.createdAt < createdFrom { return false }
        if let createdBefore, ticket.createdAt >= createdBefore { return false }
        if let located, (ticket.location != nil) != located { return false }
        if let updatedBefore, ticket.updatedAt >= updatedBefore { return false }
        if let erased, ticket.isErased != erased { return false }
        return true
    }
}
