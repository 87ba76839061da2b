import Foundation

/// A new ticket as the desk prepared it, before the store gives it an id.
public struct TicketDraft: Sendable, Hashable {
    public var kind: TicketKind
    public var category: String?
    public var site: String
    public var room: Room
    public var location: String?
    public var priority: Priority
    public var department: String
    public var summary: String
    public var text: String
    public var ownerName: String?
    public var ownerPhone: String?
    public var acceptDueAt: Date
    public var resolveDueAt: Date?
    public var timeZone: TimeZone
    public var by: String

    public init(
        kind: TicketKind, category: String?, site: String, room: Room, location: String?, priority: Priority,
        department: String, summary: String, text: String, ownerName: String?, ownerPhone: String?,
        acceptDueAt: Date, resolveDueAt: Date?, timeZone: TimeZone, by: String
    ) {
        self.kind = kind
        self.category = category
        self.site = site
        self.room = room
        self.location = location
        self.priority = priority
        self.department = department
        self.summary = summary
        self.text = text
        self.ownerName = ownerName
        self.ownerPhone = ownerPhone
        self.acceptDueAt = acceptDueAt
        self.resolveDueAt = resolveDueAt
        self.timeZone = timeZone
        self.by = by
    }
}

/// Where tickets, their histories and the owner registry live. Every method is one transaction:
/// it either happens whole and is durable when it returns, or throws and changes nothing.
/// Tickets are never deleted.
public protocol TicketStore: Sendable {
    /// Stores a new ticket with the next id of its kind (never reused) and its `open` event.
    func create(_ draft: TicketDraft, at now: Date) async throws -> Ticket

    /// One ticket with its history, or nil.
    func ticket(_ id: String) async throws -> Ticket?

    /// Tickets meeting `query`, newest first.
    func tickets(_ query: TicketQuery) async throws -> [Ticket]

    /// Reads the ticket with its history, lets `change` modify it and return the events it adds, and writes both,
    /// all in one transaction. A `change` that throws leaves the ticket as it was; one that returns no events
    /// writes nothing. Throws `not_found` for an unknown id.
    func update(_ id: String, _ change: @escaping @Sendable (inout Ticket) throws -> [TicketEvent]) async throws
        -> Ticket

    /// Replaces the site's owner registry with `owners`, all or nothing.
    func replaceOwners(_ owners: [Owner], site: String) async throws

    /// The registered owners of a room.
    func owners(site: String, room: Room) async throws -> [Owner]

    /// How many owners the site's registry holds.
    func ownerCount(site: String) async throws -> Int
}
