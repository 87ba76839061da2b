import Foundation

/// PROTOCOL.md's ticket object as `wuye … --json` prints it; times kept as the text printed.
struct TicketJSON: Decodable, Sendable {
    struct Event: Decodable, Sendable, Equatable {
        var at: String
        var action: String
        var status: String
        var by: String
        var note: String?
    }

    var id: String
    var kind: String
    var status: String
    var category: String?
    var site: String
    var room: String
    var location: String?
    var reporters: [String]
    var priority: String
    var department: String
    var assignee: String?
    var summary: String
    var text: String
    var owner_name: String?
    var owner_phone: String?
    var created_at: String
    var accept_due_at: String
    var resolve_due_at: String?
    var accepted_at: String?
    var resolved_at: String?
    var closed_at: String?
    var updated_at: String
    var escalated: Bool
    var reopen_count: Int
    var rating: Int?
    var events: [Event]?
}

/// PROTOCOL.md's report object as `wuye report --format json` prints it.
struct ReportJSON: Decodable, Sendable {
    struct Tickets: Decodable, Sendable {
        var total: Int
        var cancelled: Int?
        var by_kind: [String: Int]?
        var by_category: [String: Int]?
        var by_department: [String: Int]?
        var by_site: [String: Int]?
    }

    struct Rates: Decodable, Sendable {
        var accept: Double?
        var resolve: Double?
    }

    struct Minutes: Decodable, Sendable, Equatable {
        var median: Int?
        var p90: Int?
    }

    struct Satisfaction: Decodable, Sendable {
        var ratings: Int
        var average: Double?
        var share_4_5: Double?
    }

    struct Department: Decodable, Sendable, Equatable {
        var department: String
        var total: Int
        var resolution_rate: Double?
        var on_time_resolve: Double?
    }

    struct Assignee: Decodable, Sendable, Equatable {
        var assignee: String
        var handled: Int
        var on_time_resolve: Double?
        var average_rating: Double?
    }

    /// The month before: the same figures, all optional here because PROTOCOL.md's example shows only a few.
    struct Previous: Decodable, Sendable {
        var month: String
        var tickets: Tickets
        var resolution_rate: Double?
        var complaints_handled: Int?
        var on_time_rate: Rates?
        var minutes_to_accept: Minutes?
        var minutes_to_resolve: Minutes?
        var reopen_rate: Double?
        var overdue: Int?
        var escalated: Int?
    }

    var month: String
    var site: String?
    var tickets: Tickets
    var complaints_handled: Int
    var resolution_rate: Double?
    var on_time_rate: Rates
    var minutes_to_accept: Minutes
    var minutes_to_resolve: Minutes
    var reopen_rate: Double?
    var satisfaction: Satisfaction
    var overdue: Int
    var escalated: Int
    var departments: [Department]
    var assignees: [Assignee]
    var previous: Previous
}

/// A row of `wuye sites --json`.
struct SiteJSON: Decodable, Sendable, Equatable {
    var id: String
    var name: String
    var time_zone: String
    var calendar: String
    var duty_phone: String
    var active_tickets: Int
    var owners: Int
}

/// Parses JSON text into Foundation objects, for checks on the shape itself (which keys exist).
func jsonObject(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}
