import Foundation
import WuyeCore

/// Tickets as staff read them on a terminal (`wuye tickets`, the console's `/tickets`); owner text always escaped.
public enum TicketTable {
    /// The queue as a table, one ticket a line, overdue and escalated tickets marked; ends with a count.
    public static func render(_ tickets: [Ticket], now: Date) -> String {
        guard !tickets.isEmpty else { return "no tickets\n" }
        var out =
            "ID".padded(to: 9) + "STATUS".padded(to: 12) + "PRIORITY".padded(to: 9) + "CATEGORY".padded(to: 22)
            + "ROOM".padded(to: 10) + "DEPARTMENT".padded(to: 17) + "ASSIGNEE".padded(to: 10) + "CREATED".padded(to: 17)
            + "SUMMARY\n"
        for t in tickets {
            let category = "\(t.kind.rawValue)/\(t.category ?? "-")"
            var summary = t.summary.escapedForTerminal
            if summary.count > 40 { summary = String(summary.prefix(39)) + "…" }
            let flags = (t.isOverdue(at: now) ? " [OVERDUE]" : "") + (t.escalated ? " [ESCALATED]" : "")
            out +=
                t.id.padded(to: 9) + t.status.rawValue.padded(to: 12) + t.priority.rawValue.padded(to: 9)
                + category.padded(to: 22) + t.room.description.padded(to: 10) + t.department.padded(to: 17)
                + (t.assignee?.escapedForTerminal ?? "-").padded(to: 10)
                + shortTime(t.createdAt, t.timeZone).padded(to: 17)
                + summary + flags + "\n"
        }
        out += "\(tickets.count) ticket\(tickets.count == 1 ? "" : "s")\n"
        return out
    }

    /// One ticket with its deadlines and history; `routing`, when known, adds the department's Chinese name.
    public static func detail(_ t: Ticket, now: Date, routing: Routing?) -> String {
        let department =
            routing?.department(id: t.department).map { "\(t.department) (\($0.nameZH))" } ?? t.department
        var lines = [
            "\(t.id)  \(t.kind.rawValue)/\(t.category ?? "-")  \(t.status.rawValue)  priority \(t.priority.rawValue)"
                + (t.isOverdue(at: now) ? "  OVERDUE" : "") + (t.escalated ? "  ESCALATED" : ""),
            "  site        \(t.site)",
            "  room        \(t.room)" + (t.location.map { "   location \($0.escapedForTerminal)" } ?? ""),
            "  reporters   \(t.reporters.map(\.description).joined(separator: ", "))",
            "  summary     \(t.summary.escapedForTerminal)",
            "  owner said  \(t.text.escapedForTerminal)",
            "  owner       \(t.ownerName?.escapedForTerminal ?? "-")  \(t.ownerPhone.flatMap(Phone.init)?.masked ?? "-")",
            "  department  \(department)   assignee \(t.assignee?.escapedForTerminal ?? "-")",
            "  created     \(t.timeZone.iso8601(t.createdAt))",
            "  accept by   \(t.timeZone.iso8601(t.acceptDueAt))"
                + (t.acceptedAt.map { "   accepted \(t.timeZone.iso8601($0))" } ?? ""),
            "  resolve by  \(t.resolveDueAt.map(t.timeZone.iso8601) ?? "-")"
                + (t.resolvedAt.map { "   resolved \(t.timeZone.iso8601($0))" } ?? ""),
        ]
        if let closed = t.closedAt { lines.append("  closed      \(t.timeZone.iso8601(closed))") }
        if t.reopenCount > 0 { lines.append("  reopened    \(t.reopenCount)×") }
        if let rating = t.rating { lines.append("  rating      \(rating)/5") }
        if let events = t.events, !events.isEmpty {
            lines.append("  history")
            for e in events {
                lines.append(
                    "    \(shortTime(e.at, t.timeZone))  " + e.action.rawValue.padded(to: 9)
                        + e.status.rawValue.padded(to: 12)
                        + e.by.escapedForTerminal + (e.note.map { "  \($0.escapedForTerminal)" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `2026-11-29 10:31` in the ticket's time zone.
    public static func shortTime(_ date: Date, _ zone: TimeZone) -> String {
        let iso = zone.iso8601(date)
        return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
