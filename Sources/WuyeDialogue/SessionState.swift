import Foundation
import WuyeCore

/// One conversation's memory between turns, saved in the store after every turn.
public struct SessionState: Sendable, Hashable, Codable {
    /// A report being put together: what the ticket will say once the owner has given what it needs.
    public struct PendingReport: Sendable, Hashable, Codable {
        /// `repair`, `complaint`, `suggestion` or `inquiry`.
        public var kind: TicketKind
        public var category: String?
        /// A short summary of what is wrong; nil while the owner has only said there is something.
        public var summary: String?
        /// The owner's words that described it, exactly as received.
        public var text: String
        public var urgent: Bool = false
        /// The shared place of a common-area fault ("3号楼2单元电梯").
        public var location: String?
        /// The room the report is about, when it named one other than the session's.
        public var room: Room?
        /// A handoff to staff, filed as an escalated inquiry.
        public var handoff: Bool = false
    }

    /// The room the session is bound to (PROTOCOL.md, "Binding a session to a room").
    public var room: Room?
    public var phone: String?
    public var name: String?
    /// The owner came with the request (`owner` in a chat): reports open without a confirmation question.
    public var ownerGiven = false
    /// The owner preferred not to leave a phone.
    public var phoneDeclined = false
    /// The language of the conversation so far (`zh`, `en`).
    public var language: String?
    public var pending: PendingReport?
    /// A progress question waiting for the room (or phone) to be answered; the ticket reference it named.
    public var pendingProgress: String?
    /// Whether a progress question is waiting; `pendingProgress` alone cannot say so when no ticket was named.
    public var progressWaiting = false
    public var awaiting: Awaiting?
    /// The conversation's intent while a question of the bot is open: what an answer turn reports.
    public var topic: String?
    /// Tickets opened in this conversation, oldest first: the last is the one a cancel or a correction means.
    public var filed: [String] = []
    /// The resolved ticket whose owner was asked whether it is fixed.
    public var followUp: String?
    /// Resolved tickets already asked about, so that the question is not repeated every turn.
    public var followedUp: [String] = []
    /// The ticket a rating is expected for.
    public var ratingFor: String?
    /// The ticket a preferred visit time is expected for.
    public var timeFor: String?
    /// The owner's last messages, for a handoff's transcript.
    public var transcript: [String] = []

    public init() {}

    /// Keeps the last messages for a handoff, the latest last.
    mutating func remember(_ text: String) {
        transcript.append(text)
        if transcript.count > 12 { transcript.removeFirst(transcript.count - 12) }
    }
}
