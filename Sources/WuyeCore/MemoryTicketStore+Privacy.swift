import Foundation

extension MemoryTicketStore: PrivacyStore {
    public func erasePersonalData(
        _ id: String, _ erase: @escaping @Sendable (inout Ticket) -> Void, event: TicketEvent
    ) throws -> Ticket {
        guard var ticket = state.byID[id] else { throw WuyeError.notFound(ticket: id) }
        erase(&ticket)
        ticket.events = (ticket.events ?? []) + [event]
        state.byID[id] = ticket
        return ticket
    }

    public func removeOwners(site: String, room: Room) -> Int {
        let before = state.registry[site] ?? []
        state.registry[site] = before.filter { $0.room != room }
        return before.count - (state.registry[site]?.count ?? 0)
    }

    public func deleteSessions(room: Room) -> Int {
        let bound = state.sessionsByID.values.filter { $0.room == room }.map(\.id)
        for id in bound { state.sessionsByID[id] = nil }
        return bound.count
    }
}
