import Foundation

extension TicketDesk {
    /// What forgetting a room's owner erased.
    public struct Erasure: Sendable, Hashable {
        /// The tickets whose personal data was erased.
        public var tickets: [String] = []
        public var sessions = 0
        public var owners = 0
    }

    /// Erases the personal data of `room`'s owner, at their request: names and phone numbers leave the room's
    /// tickets (their fields, their text and every history note), the room's registry entries and its
    /// conversations, while the tickets themselves stay as the service record. Shared-place tickets the room
    /// only reported to lose that owner's name and numbers but keep the first reporter's. Each ticket is its
    /// own transaction and gets an `erase` event naming who did it; running it again erases what came since.
    public func forget(room: Room, site: String?, by actor: String) async throws -> Erasure {
        guard let privacy = store as? any PrivacyStore else {
            throw WuyeError.storage("this store cannot erase personal data")
        }
        let site = try rules.site(site)
        let at = now()
        let tickets = try await store.tickets(TicketQuery(room: room, site: site.id))
        var known = try await store.owners(site: site.id, room: room).flatMap { [$0.name, $0.phone.digits] }
        for ticket in tickets where ticket.room == room {
            known += [ticket.ownerName, ticket.ownerPhone].compactMap { $0 }
        }
        let strings = Array(Set(known))
        var erasure = Erasure()
        for ticket in tickets {
            let own = ticket.room == room
            let event = TicketEvent(
                at: at, action: .erase, status: ticket.status, by: actor,
                note: "personal data of \(room) erased at the owner's request")
            _ = try await privacy.erasePersonalData(
                ticket.id,
                { ticket in
                    Self.erase(&ticket, known: strings, everyNumber: own)
                    ticket.updatedAt = at
                }, event: event)
            erasure.tickets.append(ticket.id)
        }
        erasure.owners = try await privacy.removeOwners(site: site.id, room: room)
        erasure.sessions = try await privacy.deleteSessions(room: room)
        return erasure
    }

    /// Erases the personal data of tickets closed or cancelled longer ago than the retention period of
    /// `sla.yml` (`personal_data_kept_for`); nothing when none is set. Returns the tickets erased.
    public func eraseExpiredPersonalData() async throws -> [String] {
        guard let kept = rules.sla.personalDataKeptFor, let privacy = store as? any PrivacyStore else { return [] }
        let at = now()
        let cutoff = at.addingTimeInterval(-Double(kept.minutes) * 60)
        let query = TicketQuery(statuses: [.closed, .cancelled], updatedBefore: cutoff, erased: false)
        var erased: [String] = []
        for ticket in try await store.tickets(query) {
            let event = TicketEvent(
                at: at, action: .erase, status: ticket.status, by: Self.system,
                note: "personal data erased: closed longer than \(kept)")
            let updated = try await privacy.erasePersonalData(
                ticket.id,
                { ticket in
                    Self.erase(
                        &ticket, known: [ticket.ownerName, ticket.ownerPhone].compactMap { $0 }, everyNumber: true)
                    ticket.updatedAt = at
                }, event: event)
            erased.append(updated.id)
        }
        return erased
    }

    /// Rewrites a ticket without the person: owner fields cleared when the ticket is theirs, and `known` names
    /// and numbers (with every phone number and e-mail address when `everyNumber`) replaced in its text,
    /// summary and history.
    static func erase(_ ticket: inout Ticket, known: [String], everyNumber: Bool) {
        func clean(_ text: String) -> String {
            everyNumber
                ? PersonalData.erasing(text, known: known)
                : known.filter { $0.count >= 2 }.reduce(text) {
                    $0.replacingOccurrences(of: $1, with: PersonalData.erased)
                }
        }
        if everyNumber {
            ticket.ownerName = nil
            ticket.ownerPhone = nil
        }
        ticket.text = clean(ticket.text)
        ticket.summary = clean(ticket.summary)
        ticket.events = ticket.events?.map { event in
            var event = event
            event.note = event.note.map(clean)
            event.by = clean(event.by)
            return event
        }
    }
}
