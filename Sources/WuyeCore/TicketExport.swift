import Foundation

/// Tickets with their whole histories, for the company's records and for audits (`wuye export`). CSV has one row
/// per history event, the ticket's fields repeated on each, times in the ticket's own time zone; JSON is the
/// tickets' protocol objects with their events. Owners' phone numbers are masked unless asked for in full.
public enum TicketExport {
    public static let csvColumns = [
        "ticket", "kind", "category", "site", "room", "location", "reporters", "priority", "department",
        "assignee", "status", "summary", "text", "owner_name", "owner_phone", "created_at", "accept_due_at",
        "resolve_due_at", "accepted_at", "resolved_at", "closed_at", "escalated", "reopen_count", "rating",
        "event_at", "event_action", "event_status", "event_by", "event_note",
    ]

    /// The CSV text: a header row, then one row per event of every ticket (a ticket read without its history
    /// gets one row with empty event columns).
    public static func csv(_ tickets: [Ticket], showPhones: Bool = false) -> String {
        var out = csvColumns.joined(separator: ",") + "\n"
        for original in tickets {
            let ticket = showPhones ? original : masked(original)
            let zone = ticket.timeZone
            func time(_ date: Date?) -> String { date.map { zone.iso8601($0) } ?? "" }
            let fields: [String] = [
                ticket.id, ticket.kind.rawValue, ticket.category ?? "", ticket.site, ticket.room.description,
                ticket.location ?? "", ticket.reporters.map(\.description).joined(separator: " "),
                ticket.priority.rawValue, ticket.department, ticket.assignee ?? "", ticket.status.rawValue,
                ticket.summary, ticket.text, ticket.ownerName ?? "", ticket.ownerPhone ?? "", time(ticket.createdAt),
                time(ticket.acceptDueAt), time(ticket.resolveDueAt), time(ticket.acceptedAt),
                time(ticket.resolvedAt), time(ticket.closedAt), ticket.escalated ? "yes" : "no",
                "\(ticket.reopenCount)", ticket.rating.map { "\($0)" } ?? "",
            ]
            let events = ticket.events ?? []
            let rows: [[String]] =
                events.isEmpty
                ? [["", "", "", "", ""]]
                : events.map { [time($0.at), $0.action.rawValue, $0.status.rawValue, $0.by, $0.note ?? ""] }
            for row in rows {
                out += (fields + row).map(cell).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The ticket with its owner's phone masked (`138****5678`), and every phone number in its text and
    /// history masked the same way.
    public static func masked(_ ticket: Ticket) -> Ticket {
        var copy = ticket
        copy.ownerPhone = ticket.ownerPhone.map { Phone($0)?.masked ?? PersonalData.masking($0) }
        copy.text = PersonalData.masking(copy.text)
        copy.summary = PersonalData.masking(copy.summary)
        copy.events = copy.events?.map { event in
            var event = event
            event.note = event.note.map(PersonalData.masking)
            return event
        }
        return copy
    }

    /// One CSV cell: quoted when it holds a comma, quote or line break; owners' text that a spreadsheet would
    /// take for a formula (`=`, `+`, `-`, `@` first) is prefixed with an apostrophe.
    static func cell(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil { text = "'" + text }
        return MonthlyReport.csvField(text)
    }
}
