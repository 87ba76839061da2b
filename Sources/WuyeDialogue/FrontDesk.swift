import Foundation
import WuyeCore

/// Everything owners and staff can ask of Wuye: the operations of PROTOCOL.md. The in-process `Assistant`
/// implements it over a store; a socket client implements it over `wuye serve`. Front ends (the console, the
/// server) talk only to this.
public protocol FrontDesk: Sendable {
    /// One owner turn: understand it, open or update a ticket when that is what the owner wants, answer.
    func chat(_ request: ChatRequest) async throws -> ChatResponse

    /// Forgets the conversation state and room binding of a session (its tickets stay).
    func resetSession(_ session: String) async throws

    /// One ticket with its full history (staff).
    func ticket(_ id: String) async throws -> Ticket

    /// Tickets meeting the query, newest first (staff).
    func tickets(_ query: TicketQuery) async throws -> [Ticket]

    /// One lifecycle step (staff).
    func update(_ id: String, action: TicketAction, details: StepDetails, by actor: String) async throws -> Ticket

    /// The monthly service report (staff).
    func report(month: Month, site: String?) async throws -> MonthlyReport

    /// Notices that are current or coming up, soonest first.
    func notices(site: String?) async throws -> [Notice]
}

/// Who is typing, when the caller already knows (a resident app): PROTOCOL.md's `owner`.
public struct OwnerInfo: Sendable, Hashable {
    public var room: String?
    public var phone: String?
    public var name: String?

    public init(room: String? = nil, phone: String? = nil, name: String? = nil) {
        self.room = room
        self.phone = phone
        self.name = name
    }
}

/// One owner turn as a caller sends it.
public struct ChatRequest: Sendable, Hashable {
    /// The conversation, 1–128 characters.
    public var session: String
    /// The owner's words, 1–2,000 characters.
    public var text: String
    /// `zh` or `en` when the caller knows the owner's language; else the message decides.
    public var language: String?
    public var owner: OwnerInfo?
    /// Whether to explain how the message was understood (staff's `/why`); it costs a second look at the words.
    public var explain: Bool

    public init(
        session: String, text: String, language: String? = nil, owner: OwnerInfo? = nil, explain: Bool = false
    ) {
        self.session = session
        self.text = text
        self.language = language
        self.owner = owner
        self.explain = explain
    }
}

/// What the bot just asked the owner for (PROTOCOL.md `awaiting`).
public enum Awaiting: String, Sendable, Hashable, Codable, CaseIterable {
    case room, phone, name, description, category, time, confirm, rating, ticket, intent
}

/// What the bot understood from one message, as PROTOCOL.md's `entities`: each field set only when found.
public struct TurnEntities: Sendable, Hashable {
    public var room: String?
    public var phone: String?
    public var name: String?
    public var category: String?
    /// True for an emergency; nil when the message is not one.
    public var urgent: Bool?
    /// A ticket reference as the owner wrote it.
    public var ticket: String?
    /// A time the owner asked for.
    public var when: Date?
    public var rating: Int?

    public init() {}
}

/// The answer to one owner turn (PROTOCOL.md's chat response).
public struct ChatResponse: Sendable {
    public var reply: String
    /// `zh` or `en`: the language of the reply.
    public var language: String
    /// One of PROTOCOL.md's intents; never empty.
    public var intent: String
    public var confidence: Double
    public var entities: TurnEntities
    public var awaiting: Awaiting?
    /// The ticket this turn opened, updated or reported on.
    public var ticket: Ticket?
    /// Several tickets, when the answer is about several.
    public var tickets: [Ticket]?
    /// How the message was understood (intent scores, entities, deciding features), for staff's `/why`.
    public var explanation: String?

    public init(
        reply: String, language: String, intent: String, confidence: Double, entities: TurnEntities = .init(),
        awaiting: Awaiting? = nil, ticket: Ticket? = nil, tickets: [Ticket]? = nil, explanation: String? = nil
    ) {
        self.reply = reply
        self.language = language
        self.intent = intent
        self.confidence = confidence
        self.entities = entities
        self.awaiting = awaiting
        self.ticket = ticket
        self.tickets = tickets
        self.explanation = explanation
    }
}
