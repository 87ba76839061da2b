import Foundation

extension Ticket: Encodable {
    private enum Key: String, CodingKey {
        case id, kind, status, category, site, room, location, reporters, priority, department, assignee, summary, text
        case ownerName = "owner_name", ownerPhone = "owner_phone"
        case createdAt = "created_at", acceptDueAt = "accept_due_at", resolveDueAt = "resolve_due_at"
        case acceptedAt = "accepted_at", resolvedAt = "resolved_at", closedAt = "closed_at", updatedAt = "updated_at"
        case escalated, reopenCount = "reopen_count", rating, events
    }

    private enum EventKey: String, CodingKey { case at, action, status, by, note }

    /// PROTOCOL.md's ticket object; times carry the site's offset (`2026-11-29T10:31:02+08:00`),
    /// `events` is present only when the history was read.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let time = { (date: Date?) in date.map(self.timeZone.iso8601) }
        try c.encode(id, forKey: .id)
        try c.encode(kind.rawValue, forKey: .kind)
        try c.encode(status.rawValue, forKey: .status)
        try c.encode(category, forKey: .category)
        try c.encode(site, forKey: .site)
        try c.encode(room.description, forKey: .room)
        try c.encode(location, forKey: .location)
        try c.encode(reporters.map(\.description), forKey: .reporters)
        try c.encode(priority.rawValue, forKey: .priority)
        try c.encode(department, forKey: .department)
        try c.encode(assignee, forKey: .assignee)
        try c.encode(summary, forKey: .summary)
        try c.encode(text, forKey: .text)
        try c.encode(ownerName, forKey: .ownerName)
        try c.encode(ownerPhone, forKey: .ownerPhone)
        try c.encode(time(createdAt), forKey: .createdAt)
        try c.encode(time(acceptDueAt), forKey: .acceptDueAt)
        try c.encode(time(resolveDueAt), forKey: .resolveDueAt)
        try c.encode(time(acceptedAt), forKey: .acceptedAt)
        try c.encode(time(resolvedAt), forKey: .resolvedAt)
        try c.encode(time(closedAt), forKey: .closedAt)
        try c.encode(time(updatedAt), forKey: .updatedAt)
        try c.encode(escalated, forKey: .escalated)
        try c.encode(reopenCount, forKey: .reopenCount)
        try c.encode(rating, forKey: .rating)
        if let events {
            var list = c.nestedUnkeyedContainer(forKey: .events)
            for event in events {
                var e = list.nestedContainer(keyedBy: EventKey.self)
                try e.encode(timeZone.iso8601(event.at), forKey: .at)
                try e.encode(event.action.rawValue, forKey: .action)
                try e.encode(event.status.rawValue, forKey: .status)
                try e.encode(event.by, forKey: .by)
                try e.encode(event.note, forKey: .note)
            }
        }
    }
}
