import Foundation

/// One entry of a ticket's history: what happened, when, who did it, and the status it left.
public struct TicketEvent: Sendable, Hashable {
    /// The event names a history can hold: the lifecycle actions plus what the system and the dialogue record.
    public enum Action: String, Sendable, Codable, CaseIterable, Hashable {
        case open, assign, start, resolve, close, reopen, cancel, note, escalate
        /// A rating (1–5) given by the owner.
        case rate
        /// Another report of the same problem, from the same room or another one (linked as a reporter).
        case report
        /// A field corrected (room, category, description) or the priority changed.
        case update
        /// The owner's personal data erased from the ticket and its history (the owner asked, or the retention
        /// period of a closed ticket ran out); the service record stays.
        case erase

        public init(_ action: TicketAction) { self = Action(rawValue: action.rawValue)! }
    }

    public var at: Date
    public var action: Action
    public var status: TicketStatus
    public var by: String
    public var note: String?

    public init(at: Date, action: Action, status: TicketStatus, by: String, note: String? = nil) {
        self.at = at
        self.action = action
        self.status = status
        self.by = by
        self.note = note
    }
}
