import Foundation

/// A `TicketStore` (and `NoticeStore`, `SessionStore`) held in memory: the reference the core's tests and the store
/// contract run against.
public actor MemoryTicketStore: TicketStore {
    private var byID: [String: Ticket] = [:]
    private var nextNumber: [TicketKind: Int] = [:]
    private var registry: [String: [Owner]] = [:]
    /// Every notice ever added, removed ones too (as the SQLite store keeps them), by id.
    var noticesByID: [Int: Notice] = [:]
    var removedNotices: Set<Int> = []
    var lastNoticeID = 0
    var sessionsByID: [String: SessionRecord] = [:]

    /// Ids start at 1001 so that every id is four digits or more and reads aloud well.
    public static let firstNumber = 1001

    public init() {}

    public func create(_ draft: TicketDraft, at now: Date) throws -> Ticket {
        let number = nextNumber[draft.kind, default: Self.firstNumber]
        nextNumber[draft.kind] = number + 1
        let id = "\(draft.kind.letter)-\(number)"
        let ticket = Ticket(
            id: id, kind: draft.kind, category: draft.category, site: draft.site, room: draft.room,
            location: draft.location, priority: draft.priority, department: draft.department, summary: draft.summary,
            text: draft.text, ownerName: draft.ownerName, ownerPhone: draft.ownerPhone, createdAt: now,
            acceptDueAt: draft.acceptDueAt, resolveDueAt: draft.resolveDueAt, timeZone: draft.timeZone,
            events: [TicketEvent(at: now, action: .open, status: .open, by: draft.by)])
        byID[id] = ticket
        return ticket
    }

    public func ticket(_ id: String) -> Ticket? { byID[id] }

    public func tickets(_ query: TicketQuery) -> [Ticket] {
        var found = byID.values.filter(query.matches).sorted(by: Self.newestFirst)
        if let limit = query.limit { found = Array(found.prefix(max(0, limit))) }
        if !query.withEvents {
            found = found.map {
                var t = $0; t.events = nil; return t
            }
        }
        return found
    }

    public func update(_ id: String, _ change: @escaping @Sendable (inout Ticket) throws -> [TicketEvent]) throws
        -> Ticket
    {
        guard var ticket = byID[id] else { throw WuyeError.notFound(ticket: id) }
        let before = ticket.events ?? []
        let added = try change(&ticket)
        // The change may have appended its events to the loaded history already; keep exactly one copy.
        ticket.events = before + added
        if !added.isEmpty { byID[id] = ticket }
        return added.isEmpty ? byID[id]! : ticket
    }

    public func replaceOwners(_ owners: [Owner], site: String) {
        registry[site] = owners
    }

    public func owners(site: String, room: Room) -> [Owner] {
        (registry[site] ?? []).filter { $0.room == room }
    }

    public func ownerCount(site: String) -> Int { registry[site]?.count ?? 0 }

    /// Newest first; tickets opened in the same instant by descending number.
    static func newestFirst(_ a: Ticket, _ b: Ticket) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
        return (Ticket.parseID(a.id)?.number ?? 0) > (Ticket.parseID(b.id)?.number ?? 0)
    }
}
