import Foundation

extension TicketDesk {
    /// Corrects what an active ticket says on the owner's word ("不对,是1103"): its room, category or summary,
    /// with an `update` event naming every change. A new category of an open ticket routes it anew.
    public func amend(
        _ id: String, room: Room? = nil, category: String? = nil, summary: String? = nil, by actor: String
    ) async throws -> Ticket {
        try await store.update(
            try Self.canonical(id), amendment(room: room, category: category, summary: summary, by: actor))
    }

    /// Corrects a ticket inside a transaction that does more.
    public func amend(
        _ id: String, room: Room? = nil, category: String? = nil, summary: String? = nil, by actor: String,
        in transaction: any StoreTransaction
    ) throws -> Ticket {
        try transaction.update(
            try Self.canonical(id), amendment(room: room, category: category, summary: summary, by: actor))
    }

    private func amendment(room: Room?, category: String?, summary: String?, by actor: String)
        -> @Sendable (inout Ticket) throws -> [TicketEvent]
    {
        let rules = self.rules
        let at = now()
        return { ticket in
            guard ticket.status.isActive else {
                throw WuyeError(
                    .invalidTransition, "cannot correct \(ticket.id): it is \(ticket.status.rawValue)")
            }
            var changes: [String] = []
            if let room, room != ticket.room {
                changes.append("room \(ticket.room) → \(room)")
                ticket.reporters = ticket.reporters.map { $0 == ticket.room ? room : $0 }
                if !ticket.reporters.contains(room) { ticket.reporters.append(room) }
                ticket.room = room
            }
            if let category, category != ticket.category {
                guard rules.routing.knows(category: category, of: ticket.kind) else {
                    throw WuyeError.badField("unknown \(ticket.kind.rawValue) category \"\(category)\"")
                }
                changes.append("category \(ticket.category ?? "none") → \(category)")
                ticket.category = category
                if ticket.status == .open {
                    let department = rules.routing.department(for: ticket.kind, category: category)
                    if department != ticket.department {
                        changes.append("department \(ticket.department) → \(department)")
                        ticket.department = department
                    }
                }
            }
            if let summary = summary?.trimmingWhitespace(), !summary.isEmpty, summary != ticket.summary {
                changes.append("summary \"\(ticket.summary)\" → \"\(summary)\"")
                ticket.summary = summary
            }
            guard !changes.isEmpty else { return [] }
            ticket.updatedAt = at
            return [
                TicketEvent(
                    at: at, action: .update, status: ticket.status, by: actor,
                    note: "corrected: " + changes.joined(separator: "; "))
            ]
        }
    }
}
