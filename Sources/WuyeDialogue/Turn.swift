import Foundation
import WuyeCore
import WuyeNLU

/// One owner message as the conversation receives it: the words, how they were understood, and who sent them.
public struct Turn: Sendable {
    public var text: String
    public var understanding: Understanding
    /// The language to answer in, when the caller fixed it.
    public var language: String?
    public var owner: OwnerInfo?
    public var now: Date

    public init(text: String, understanding: Understanding, language: String? = nil, owner: OwnerInfo? = nil, now: Date)
    {
        self.text = text
        self.understanding = understanding
        self.language = language
        self.owner = owner
        self.now = now
    }
}

/// What the store knows that a turn may need, read before the conversation decides (the conversation does no I/O).
public struct Facts: Sendable {
    /// Whether the room's phone was checked against an owner registry.
    public enum Registry: Sendable, Hashable {
        /// The site has no registry: a bound room counts as verified.
        case none
        /// Phone and room match.
        case verified
        /// A registry exists but no phone was given yet.
        case unchecked
        /// The phone does not match the registry for the room (or the room is not in it).
        case mismatch
    }

    /// Tickets of the room in question (its own and those it reported as a reporter), newest first.
    public var tickets: [Ticket] = []
    /// The ticket the owner named, when it exists (of any room: the conversation decides what to reveal).
    public var referenced: Ticket?
    /// Active common-area tickets of the site (those with a `location`).
    public var shared: [Ticket] = []
    /// Notices current or coming up for the site.
    public var notices: [Notice] = []
    public var registry: Registry = .none
    /// The answer of the FAQ to the message, when it matched one (already in the turn's language).
    public var faqAnswer: String?
    /// Whether the customer-service office is open now, and when it opens next.
    public var officeOpen = true
    public var nextOpening: Date?

    public init() {}
}

/// Something the conversation wants done to the tickets; the assistant does it, in order, each its own transaction.
public enum TicketOrder: Sendable, Hashable {
    /// Opens a ticket; `escalate` escalates it at once (a handoff).
    case open(TicketDesk.Report, escalate: String?)
    /// Adds this room's report to an active ticket (a duplicate, or another room reporting a shared fault).
    case addReport(ticket: String, room: Room, text: String)
    /// Corrects what a ticket says.
    case amend(ticket: String, room: Room?, category: String?, summary: String?)
    /// A lifecycle step taken on the owner's word.
    case step(ticket: String, TicketAction, note: String?)
    case rate(ticket: String, score: Int)
}

/// The conversation's answer to a turn: what to do, what to say, and what it waits for.
public struct Decision: Sendable {
    /// One line of the reply: a reply key of the data and its values. `{ticket}`, `{department}`, `{promise}`,
    /// `{room}` and `{summary}` left out are filled from the ticket of the turn once the orders are done.
    public struct Line: Sendable, Hashable {
        public var key: String
        public var values: [String: String]

        public init(_ key: String, _ values: [String: String] = [:]) {
            self.key = key
            self.values = values
        }
    }

    public var orders: [TicketOrder] = []
    public var lines: [Line] = []
    /// Literal reply text (an FAQ answer, a notice), placed after the lines.
    public var literal: [String] = []
    public var awaiting: Awaiting?
    /// The intent the turn reports (PROTOCOL.md).
    public var intent: String
    public var confidence: Double
    public var language: String
    /// The ticket the turn is about, when it reported on one without changing it.
    public var ticket: Ticket?
    /// Several tickets, when the answer is about several.
    public var tickets: [Ticket]?

    public init(intent: String, confidence: Double, language: String) {
        self.intent = intent
        self.confidence = confidence
        self.language = language
    }

    mutating func say(_ key: String, _ values: [String: String] = [:]) { lines.append(Line(key, values)) }
}
