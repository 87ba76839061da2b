import Foundation
import WuyeCore
import WuyeNLU

/// Wuye's front desk in-process: understands each owner turn, runs the session's conversation over facts read
/// from the store, carries out its orders on the tickets and answers. Sessions are saved in the store after every
/// turn, so a restart loses nothing and memory does not grow with the number of owners.
public final class Assistant: FrontDesk {
    /// How the assistant behaves where a company may choose.
    public struct Options: Sendable {
        /// A session idle longer than this starts afresh (its room binding and any half-filled report forgotten).
        public var sessionIdle: TimeInterval = 30 * 60
        /// The site owners of this front desk belong to; nil for the first one configured.
        public var site: String?
        public init() {}
    }

    /// Answers a question from the FAQ in a language, or nil when nothing matches well.
    public typealias FAQLookup = @Sendable (_ question: String, _ language: String) -> String?

    public let desk: TicketDesk
    let store: any TransactionalStore
    let understander: Understander
    let book: ReplyBook
    let faq: FAQLookup?
    let options: Options
    public let site: Site
    private let locks = KeyedLock()
    private let turnCount = Counter()

    public init(
        desk: TicketDesk, store: any TransactionalStore, understander: Understander,
        dialogue: DialogueData, normalizer: TextNormalizer = TextNormalizer(), faq: FAQLookup? = nil,
        options: Options = Options()
    ) throws {
        self.desk = desk
        self.store = store
        self.understander = understander
        self.book = ReplyBook(dialogue, normalizer: normalizer)
        self.faq = faq
        self.options = options
        self.site = try desk.rules.site(options.site)
    }

    // MARK: - FrontDesk

    public func chat(_ request: ChatRequest) async throws -> ChatResponse {
        guard !request.session.isEmpty else {
            throw WuyeError.missingField("chat needs a non-empty \"session\" string")
        }
        guard request.session.count <= 128 else {
            throw WuyeError.badField("\"session\" is \(request.session.count) characters; at most 128")
        }
        guard !request.text.isEmpty else { throw WuyeError.missingField("chat needs a non-empty \"text\" string") }
        guard request.text.count <= 2000 else {
            throw WuyeError.badField("\"text\" is \(request.text.count) characters; at most 2,000")
        }
        if let language = request.language, !["zh", "en"].contains(language) {
            throw WuyeError.badField("\"lang\" must be \"zh\" or \"en\", not \"\(language)\"")
        }
        if let room = request.owner?.room, Room(room) == nil {
            throw WuyeError.badField("owner room \"\(room)\" is not a room like 3-2-501 (building-unit-room)")
        }
        return try await locks.with(request.session) { try await self.turn(request) }
    }

    public func resetSession(_ session: String) async throws {
        guard !session.isEmpty, session.count <= 128 else {
            throw WuyeError.badField("\"session\" must be a string of 1–128 characters")
        }
        try await locks.with(session) { try await self.store.deleteSession(session) }
    }

    public func ticket(_ id: String) async throws -> Ticket { try await desk.ticket(id) }

    public func tickets(_ query: TicketQuery) async throws -> [Ticket] { try await desk.store.tickets(query) }

    public func update(_ id: String, action: TicketAction, details: StepDetails, by actor: String) async throws
        -> Ticket
    {
        try await desk.perform(action, on: id, details, by: actor)
    }

    public func report(month: Month, site: String?) async throws -> MonthlyReport {
        try await desk.report(month: month, site: site)
    }

    public func notices(site: String?) async throws -> [Notice] {
        try await store.notices(site: site ?? self.site.id, endingAfter: desk.currentTime)
    }

    /// Whether a ticket may be shown to a session: the session is bound to the ticket's room (or a room that
    /// reported it) and, with an owner registry, verified by phone.
    public func sessionMaySee(_ ticket: Ticket, session: String) async throws -> Bool {
        guard let state = try await loadState(session, now: desk.currentTime), let room = state.room else {
            return false
        }
        guard ticket.room == room || ticket.reporters.contains(room) else { return false }
        let check = try await registry(room: room, phone: state.phone)
        return check == .none || check == .verified
    }

    /// The room a session is bound to and verified for, if any.
    public func verifiedRoom(session: String) async throws -> Room? {
        guard let state = try await loadState(session, now: desk.currentTime), let room = state.room else {
            return nil
        }
        let check = try await registry(room: room, phone: state.phone)
        return check == .none || check == .verified ? room : nil
    }

    // MARK: - A turn

    /// Forgets sessions idle longer than the idle limit; they would start afresh anyway. Returns how many.
    @discardableResult
    public func forgetIdleSessions() async throws -> Int {
        try await store.deleteSessions(updatedBefore: desk.currentTime.addingTimeInterval(-options.sessionIdle))
    }

    /// One owner turn. Understanding happens first, outside the database; then everything the turn reads and
    /// writes (its session, the facts, the ticket orders, the saved state) is one transaction, committed with
    /// the other turns ready at the same moment, and the answer is returned only after that commit.
    private func turn(_ request: ChatRequest) async throws -> ChatResponse {
        let now = desk.currentTime
        // Now and then, clear out sessions nobody will come back to, so the store does not keep them forever.
        if turnCount.next() % 1000 == 0 { _ = try? await forgetIdleSessions() }
        let understanding = understander.understand(request.text, now: now, timeZone: site.timeZone)
        let language = request.language ?? Conversation.language(of: request.text, previous: nil)
        let faqAnswer =
            understanding.intent == "inquiry"
            ? faq?(request.text, language ?? understanding.language).map(fillSiteValues) : nil
        let explanation = request.explain ? explanation(request.text, understanding, now: now) : nil
        let outcome = try await store.transaction { transaction in
            try self.turn(request, understanding, faqAnswer: faqAnswer, now: now, in: transaction)
        }
        return ChatResponse(
            reply: outcome.reply, language: outcome.decision.language, intent: outcome.decision.intent,
            confidence: outcome.decision.confidence,
            entities: wireEntities(understanding, outcome.decision, text: request.text),
            awaiting: outcome.decision.awaiting, ticket: outcome.ticket, tickets: outcome.decision.tickets,
            explanation: explanation)
    }

    /// What a turn's transaction produced.
    private struct Outcome: Sendable {
        var reply: String
        var decision: Decision
        var ticket: Ticket?
    }

    private func turn(
        _ request: ChatRequest, _ understanding: Understanding, faqAnswer: String?, now: Date,
        in transaction: any StoreTransaction
    ) throws -> Outcome {
        let state = try loadState(request.session, now: now, in: transaction) ?? SessionState()
        var conversation = Conversation(state: state, book: book, rules: desk.rules, site: site)
        let turn = Turn(
            text: request.text, understanding: understanding, language: request.language, owner: request.owner,
            now: now)
        var facts = try readFacts(for: turn, conversation: conversation, now: now, in: transaction)
        facts.faqAnswer = faqAnswer
        var decision = conversation.receive(turn, facts: facts)

        var result: Ticket?
        let actor = "owner " + (conversation.state.room?.description ?? request.session)
        for order in decision.orders {
            switch order {
            case .open(let report, let escalate):
                var ticket = try desk.open(report, by: actor, in: transaction)
                if let escalate {
                    ticket = try desk.perform(
                        .escalate, on: ticket.id, .init(note: escalate), by: actor, in: transaction)
                }
                conversation.filed(ticket, offersTime: decision.lines.contains { $0.key == "offer_time" })
                if conversation.state.awaiting == .time { decision.awaiting = .time }
                result = ticket
            case .addReport(let id, let room, let text):
                result = try desk.addReport(to: id, from: room, text: text, by: actor, in: transaction)
            case .amend(let id, let room, let category, let summary):
                result = try desk.amend(
                    id, room: room, category: category, summary: summary, by: actor, in: transaction)
            case .step(let id, let action, let note):
                result = try desk.perform(action, on: id, .init(note: note), by: actor, in: transaction)
            case .rate(let id, let score):
                result = try desk.rate(id, score: score, by: actor, in: transaction)
            }
        }
        var ticket = result ?? decision.ticket
        let reply = render(decision, ticket: ticket)
        let data = try JSONEncoder().encode(conversation.state)
        try transaction.saveSession(
            SessionRecord(id: request.session, state: data, updatedAt: now, room: conversation.state.room))
        if let id = ticket?.id, ticket?.events == nil { ticket = try transaction.ticket(id) }
        return Outcome(reply: reply, decision: decision, ticket: ticket)
    }

    private func readFacts(
        for turn: Turn, conversation: Conversation, now: Date, in transaction: any StoreTransaction
    ) throws -> Facts {
        var facts = Facts()
        let room = conversation.roomInQuestion(turn)
        if let room {
            facts.tickets = try transaction.tickets(TicketQuery(room: room, site: site.id, limit: 30, withEvents: true))
        }
        if let id = conversation.state.filed.last, !facts.tickets.contains(where: { $0.id == id }),
            let ticket = try transaction.ticket(id)
        {
            facts.tickets.insert(ticket, at: 0)
        }
        // Faults of shared places are only looked for when the words or the report in progress name one.
        if conversation.concernsSharedPlace(turn) {
            facts.shared = try transaction.tickets(
                TicketQuery(statuses: TicketStatus.active, site: site.id, located: true, limit: 500))
        }
        if let reference = turn.understanding.entities.ticket,
            let id = TicketReferenceParser.canonicalWuyeID(reference)
        {
            facts.referenced = try transaction.ticket(id)
        }
        facts.notices = try transaction.notices(site: site.id, endingAfter: now)
        let u = turn.understanding
        if let room, u.intent == "progress" || conversation.state.progressWaiting {
            let phone = turn.owner?.phone ?? u.entities.phone ?? conversation.state.phone
            facts.registry = try Self.registry(
                count: try transaction.ownerCount(site: site.id),
                check: { try desk.checkOwner(site: site.id, room: room, phone: $0, in: transaction) }, phone: phone)
        }
        let calendar = desk.rules.calendar(for: site)
        let (day, seconds) = calendar.clockStart(now, in: site.timeZone)
        let opening = site.timeZone.instant(day, seconds: seconds)
        facts.officeOpen = opening <= now
        facts.nextOpening = opening
        return facts
    }

    static func registry(count: Int, check: (String) throws -> OwnerCheck, phone: String?) throws -> Facts.Registry {
        guard count > 0 else { return .none }
        guard let phone else { return .unchecked }
        return try check(phone) == .verified ? .verified : .mismatch
    }

    private func registry(room: Room, phone: String?) async throws -> Facts.Registry {
        let count = try await store.ownerCount(site: site.id)
        guard count > 0, let phone else { return count > 0 ? .unchecked : .none }
        return try await desk.checkOwner(site: site.id, room: room, phone: phone) == .verified ? .verified : .mismatch
    }

    // MARK: - Replies

    private func render(_ decision: Decision, ticket: Ticket?) -> String {
        let language = decision.language
        var values: [String: String] = ["duty_phone": site.dutyPhone, "office_phone": site.officePhone]
        if let ticket {
            let department = desk.rules.routing.department(id: ticket.department)
            values["ticket"] = ticket.id
            values["department"] = department.map { language == "zh" ? $0.nameZH : $0.nameEN } ?? ticket.department
            values["promise"] = promise(for: ticket, language: language)
            values["room"] = Conversation.roomText(ticket.room, language)
            values["summary"] = ticket.summary
            values["location"] = ticket.location ?? ""
        }
        var parts = decision.lines.map { line in
            book.text(line.key, language, values.merging(line.values) { _, given in given })
        }
        parts += decision.literal
        return parts.joined(separator: language == "zh" ? "" : " ")
    }

    private func fillSiteValues(_ text: String) -> String {
        text.replacingOccurrences(of: "{duty_phone}", with: site.dutyPhone)
            .replacingOccurrences(of: "{office_phone}", with: site.officePhone)
    }

    /// The accept promise of a ticket in words: "30分钟内", "1个工作日内", "within 4 working hours".
    func promise(for ticket: Ticket, language: String) -> String {
        let sla = desk.rules.sla
        guard let rule = sla.rule(kind: ticket.kind, priority: ticket.priority, category: ticket.category) else {
            return language == "zh" ? "尽快" : "as soon as possible"
        }
        let office = (sla.clocks[ticket.kind] ?? .continuous) == .office
        var minutes = rule.accept.minutes
        if ticket.priority == .high && rule.priority != .high {
            let calendar = desk.rules.calendar(for: site)
            let base = office ? (rule.accept.wholeDays.map { $0 * calendar.officeMinutesPerDay } ?? minutes) : minutes
            minutes = max(1, Int((Double(base) * sla.highAcceptFactor).rounded()))
            return Self.span(minutes: minutes, office: office, days: false, language: language)
        }
        return Self.span(minutes: minutes, office: office, days: rule.accept.wholeDays != nil, language: language)
    }

    static func span(minutes: Int, office: Bool, days: Bool, language: String) -> String {
        let zh = language == "zh"
        if days && minutes % 1440 == 0 {
            let n = minutes / 1440
            if office { return zh ? "\(n)个工作日内" : "within \(n) working day\(n == 1 ? "" : "s")" }
            return zh ? "\(n)天内" : "within \(n) day\(n == 1 ? "" : "s")"
        }
        if minutes >= 60 && minutes % 60 == 0 {
            let h = minutes / 60
            if office { return zh ? "\(h)个工作小时内" : "within \(h) working hour\(h == 1 ? "" : "s")" }
            return zh ? "\(h)小时内" : "within \(h) hour\(h == 1 ? "" : "s")"
        }
        if office { return zh ? "\(minutes)个工作分钟内" : "within \(minutes) working minutes" }
        return zh ? "\(minutes)分钟内" : "within \(minutes) minutes"
    }

    private func wireEntities(_ u: Understanding, _ decision: Decision, text: String) -> TurnEntities {
        let e = u.entities
        var out = TurnEntities()
        out.room = e.room
        out.phone = e.phone
        out.name = e.name
        out.category =
            e.category(for: decision.intent) ?? e.category(for: u.intent) ?? e.categories.values.sorted().first
        out.urgent = e.urgent ? true : nil
        out.ticket = e.ticket
        out.when = e.when?.start
        out.rating = e.rating ?? (decision.intent == "rate" ? RatingParser.find(in: text) : nil)
        return out
    }

    private func explanation(_ text: String, _ u: Understanding, now: Date) -> String {
        var lines = [
            String(
                format: "intent %@ (%.2f)%@", u.detailedIntent, u.confidence, u.isFallback ? ", unsure: fallback" : "")
        ]
        if !u.alternatives.isEmpty {
            lines.append(
                "then "
                    + u.alternatives.map { String(format: "%@ %.2f", $0.intent, $0.confidence) }.joined(separator: ", ")
            )
        }
        if let rule = u.rule { lines.append("rule: \(rule)") }
        let e = u.entities
        var found: [String] = []
        if let room = e.room { found.append("room \(room)") }
        if let phone = e.phone { found.append("phone \(phone)") }
        for (kind, category) in e.categories.sorted(by: { $0.key < $1.key }) { found.append("\(kind)/\(category)") }
        if e.urgent { found.append("urgent") }
        if let ticket = e.ticket { found.append("ticket \(ticket)") }
        if let when = e.when { found.append("when \(site.timeZone.iso8601(when.start))") }
        if let rating = e.rating { found.append("rating \(rating)") }
        lines.append("entities: " + (found.isEmpty ? "none" : found.joined(separator: ", ")))
        let features = understander.explain(text, now: now, timeZone: site.timeZone, limit: 8)
        for (feature, contributions) in features {
            lines.append(
                "  \(feature): "
                    + contributions.map { String(format: "%@ %+.3f", $0.0, $0.1) }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Sessions

    private func loadState(_ session: String, now: Date) async throws -> SessionState? {
        Self.decode(try await store.session(session), now: now, idle: options.sessionIdle)
    }

    private func loadState(_ session: String, now: Date, in transaction: any StoreTransaction) throws
        -> SessionState?
    {
        Self.decode(try transaction.session(session), now: now, idle: options.sessionIdle)
    }

    /// A saved state, unless it is idle past the limit; a state written by another version that no longer decodes
    /// starts the conversation afresh.
    static func decode(_ record: SessionRecord?, now: Date, idle: TimeInterval) -> SessionState? {
        guard let record, now.timeIntervalSince(record.updatedAt) <= idle else { return nil }
        return try? JSONDecoder().decode(SessionState.self, from: record.state)
    }
}
