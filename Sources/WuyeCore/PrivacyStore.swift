import Foundation

/// What a store does for owners' personal information (China's PIPL): erasing it from tickets while the service
/// record stays, and forgetting a room's registry entries and conversations. Every method is one transaction.
public protocol PrivacyStore: Sendable {
    /// Reads ticket `id` with its history, lets `erase` rewrite its personal fields (owner name and phone, text,
    /// summary, and the notes and actors of its events), appends `event`, and writes it all in one transaction.
    /// Throws `not_found` for an unknown id.
    func erasePersonalData(
        _ id: String, _ erase: @escaping @Sendable (inout Ticket) -> Void, event: TicketEvent
    ) async throws -> Ticket

    /// Removes the registered owners of a room; returns how many.
    func removeOwners(site: String, room: Room) async throws -> Int

    /// Forgets every conversation bound to `room`; returns how many.
    func deleteSessions(room: Room) async throws -> Int
}

extension Ticket {
    /// Whether the owner's personal data was erased from this ticket (its history holds an `erase` event).
    public var isErased: Bool { events?.contains { $0.action == .erase } ?? false }
}
