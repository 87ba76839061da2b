import Foundation
import WuyeCore
import WuyeNLU

/// One owner's conversation: a state machine that takes an understood message and the facts read for it, and
/// returns what to do to the tickets and what to say. No I/O: the `Assistant` reads the facts, carries out the
/// orders and renders the reply.
public struct Conversation: Sendable {
    public var state: SessionState
    let book: ReplyBook
    let rules: ServiceRules
    let site: Site

    public init(state: SessionState = SessionState(), book: ReplyBook, rules: ServiceRules, site: Site) {
        self.state = state
        self.book = book
        self.rules = rules
        self.site = site
    }

    /// Kinds of report that become tickets.
    static let reportIntents: Set<String> = ["repair", "complaint", "suggestion"]
    /// Intents that only answer a question of the bot; outside a conversation they are small talk.
    static let answerIntents: Set<String> = ["affirm", "deny", "cancel", "rate"]

    /// The room a turn is about, before the conversation runs: the owner's given room, one named in the message,
    /// or the session's; the assistant reads the room's tickets for it.
    public func roomInQuestion(_ turn: Turn) -> Room? {
        if let room = turn.owner?.room.flatMap(Room.init) { return room }
        if let named = turn.understanding.entities.room.flatMap(Room.init) {
            // A room named while reporting about a neighbour is not the owner's; the session's room stays.
            return state.room ?? named
        }
        if let room = state.room { return room }
        if state.awaiting == .room || state.pending != nil, let partial = partialRoom(turn.text) { return partial }
        return nil
    }

    /// Whether a turn may concern a fault of a shared place (an elevator, a corridor light), so that the
    /// assistant reads the site's open common-area tickets for it.
    public func concernsSharedPlace(_ turn: Turn) -> Bool {
        state.pending?.location != nil || book.commonArea(in: book.fold(turn.text)) != nil
    }

    // MARK: - Receiving a turn

    /// Decides the answer to one turn and updates the state.
    public mutating func receive(_ turn: Turn, facts: Facts) -> Decision {
        let u = turn.understanding
        let folded = book.fold(turn.text)
        let language = turn.language ?? Self.language(of: turn.text, previous: state.language) ?? u.language
        state.language = language
        state.remember(turn.text)
        var d = Decision(intent: u.intent, confidence: u.confidence, language: language)
        bindOwner(turn.owner)
        // A flat the owner names ("我是3栋2单元501的业主") binds an unbound session, whatever else the message
        // says; a flat named while complaining about the neighbours is theirs, not the owner's.
        let aboutNeighbours = Self.neighbourWords.contains { ReplyBook.contains(folded, $0) }
        if state.room == nil, !aboutNeighbours, let named = u.entities.room.flatMap(Room.init) {
            state.room = named
        }
        if state.phone == nil, let phone = u.entities.phone { state.phone = phone }

        let awaiting = state.awaiting
        state.awaiting = nil
        if let awaiting, answer(awaiting, turn, folded, facts, &d) {
            if d.awaiting == nil { state.topic = nil }
            return d
        }
        state.topic = nil
        understandAfresh(turn, folded, facts, &d)
        return d
    }

    /// Records the ticket a decision's `open` order produced, so that a cancel or a correction can find it.
    public mutating func filed(_ ticket: Ticket, offersTime: Bool) {
        state.filed.append(ticket.id)
        if state.filed.count > 10 { state.filed.removeFirst() }
        if offersTime {
            state.timeFor = ticket.id
            state.awaiting = .time
            state.topic = ticket.kind.rawValue
        }
    }

    private mutating func bindOwner(_ owner: OwnerInfo?) {
        guard let owner else { return }
        if let room = owner.room.flatMap(Room.init) {
            if state.room != room { state.followedUp = [] }
            state.room = room
            state.ownerGiven = true
        }
        if let phone = owner.phone.flatMap(Phone.init) { state.phone = phone.digits }
        if let name = owner.name, !name.isEmpty { state.name = name }
    }

    // MARK: - Answers to the bot's own question

    /// Handles a turn as the answer to the question the bot asked; false when it is not an answer (the owner
    /// changed the subject) and the turn should be understood afresh.
    private mutating func answer(
        _ awaiting: Awaiting, _ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision
    ) -> Bool {
        let u = turn.understanding
        let e = u.entities
        let topic = state.topic
        func asTopic() { if let topic { d.intent = topic } }
        // Cancelling wins over any question: "算了" while the bot waits for a room drops the report. "不用" to an
        // optional question (a phone, a visit time) only declines that question.
        let declines = (awaiting == .phone || awaiting == .time) && book.mentions("skip", in: folded)
        if !declines, u.intent == "cancel" || (state.pending != nil && book.mentions("gone", in: folded)) {
            if state.pending != nil || state.progressWaiting {
                d.intent = "cancel"
                cancelPending(&d)
                return true
            }
        }
        switch awaiting {
        case .room:
            if let room = e.room.flatMap(Room.init) ?? partialRoom(turn.text) {
                asTopic()
                state.room = room
                if let phone = e.phone { state.phone = phone }
                resume(turn, facts, &d)
                return true
            }
            if let phone = e.phone { state.phone = phone }
            if Self.answerIntents.contains(u.intent) || u.isFallback || Self.hasDigits(turn.text) {
                asTopic()
                d.say("ask_room_again")
                keepAsking(.room, &d)
                return true
            }
            return false
        case .phone:
            if let phone = e.phone {
                asTopic()
                state.phone = phone
                resume(turn, facts, &d)
                return true
            }
            if book.mentions("skip", in: folded) || u.intent == "deny" {
                asTopic()
                state.phoneDeclined = true
                resume(turn, facts, &d)
                return true
            }
            return false
        case .description:
            guard var pending = state.pending else { return false }
            if Self.answerIntents.contains(u.intent) && e.categories.isEmpty { return false }
            if pending.summary == nil {
                // After a vague opener this turn says what it is about, and so which kind of report it is.
                if ["inquiry", "progress", "human"].contains(u.intent) && !u.isFallback {
                    state.pending = nil
                    return false
                }
                if Self.reportIntents.contains(u.intent), let kind = TicketKind(rawValue: u.intent) {
                    pending.kind = kind
                    d.intent = u.intent
                }
            } else if Self.reportIntents.contains(u.intent) && u.intent != pending.kind.rawValue && !u.isFallback {
                return false
            } else {
                asTopic()
                // Asked what to correct, the owner may give the flat ("actually it's 502") rather than the words.
                if e.room != nil || partialRoom(turn.text) != nil {
                    correctPending(turn, folded, facts, &d)
                    return true
                }
            }
            pending.summary = Summary.of(turn.text)
            pending.text = turn.text
            pending.category = e.category(for: pending.kind.rawValue) ?? pending.category
            pending.urgent = pending.urgent || e.urgent
            pending.location = location(of: turn.text, room: pending.room ?? state.room) ?? pending.location
            state.pending = pending
            if e.urgent {
                adviseUrgent(folded, &d)
            }
            proceed(turn, facts, &d)
            return true
        case .confirm:
            if let ticketID = state.followUp {
                return answerFollowUp(ticketID, turn, folded, facts, &d)
            }
            guard state.pending != nil else { return false }
            asTopic()
            if isCorrection(turn, folded) {
                correctPending(turn, folded, facts, &d)
                return true
            }
            if isYes(turn, folded) {
                file(turn, facts, &d)
                return true
            }
            if u.intent == "deny" {
                d.say("ask_correction")
                keepAsking(.description, &d)
                state.topic = topic
                return true
            }
            d.intent = u.intent
            return false
        case .rating:
            guard let ticketID = state.ratingFor else { return false }
            if let score = e.rating ?? RatingParser.find(in: turn.text) {
                d.intent = "rate"
                state.ratingFor = nil
                d.orders.append(.rate(ticket: ticketID, score: score))
                d.say(score <= 2 ? "rated_bad" : "rated_good", ["rating": String(score)])
                return true
            }
            if u.intent == "rate" || (u.isFallback && Self.hasDigits(turn.text)) {
                d.say("ask_rating_again")
                keepAsking(.rating, &d)
                return true
            }
            state.ratingFor = nil
            return false
        case .time:
            guard let ticketID = state.timeFor else { return false }
            state.timeFor = nil
            // "楼上天天半夜拖椅子" names a time but is a new complaint, not a visit time.
            let newBusiness =
                ["repair", "complaint", "suggestion", "progress", "inquiry", "human"].contains(u.intent)
                && !u.isFallback && folded.count > 12
            if let when = e.when, !newBusiness {
                asTopic()
                let shown = Self.format(when.start, timeZone: site.timeZone, language: d.language)
                d.orders.append(
                    .step(
                        ticket: ticketID, .note,
                        note: "owner's preferred visit time: \(site.timeZone.iso8601(when.start))"))
                d.say("time_noted", ["ticket": ticketID, "when": shown])
                return true
            }
            return false
        case .intent, .ticket, .name, .category:
            return false
        }
    }

    /// Picks up the conversation's open business once a missing piece arrived.
    private mutating func resume(_ turn: Turn, _ facts: Facts, _ d: inout Decision) {
        if state.progressWaiting {
            let reference = state.pendingProgress
            state.progressWaiting = false
            state.pendingProgress = nil
            d.intent = "progress"
            progress(reference: reference, turn, facts, &d)
        } else if state.pending != nil {
            proceed(turn, facts, &d)
        } else {
            d.say("chitchat")
        }
    }

    private mutating func keepAsking(_ what: Awaiting, _ d: inout Decision) {
        state.awaiting = what
        d.awaiting = what
        if state.topic == nil { state.topic = d.intent }
    }

    // MARK: - A fresh message

    private mutating func understandAfresh(_ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision) {
        let u = turn.understanding
        let e = u.entities

        // "算了/不用了" and "it fixed itself" take back the report in progress or the ticket just filed.
        if u.intent == "cancel" || (hasSomethingToCancel(facts) && book.mentions("gone", in: folded)) {
            if hasSomethingToCancel(facts) {
                d.intent = "cancel"
                cancel(turn, facts, &d)
                return
            }
        }
        // "不对,是1103": a correction of the report in progress or of the ticket just filed.
        if isCorrection(turn, folded), state.pending != nil || lastFiled(facts) != nil {
            if state.pending != nil {
                d.intent = state.pending!.kind.rawValue
                correctPending(turn, folded, facts, &d)
            } else {
                correctFiled(turn, folded, facts, &d)
            }
            return
        }
        // A resolved ticket's owner saying whether it is fixed without being asked ("修好了吗" is a question).
        let asks = Self.isQuestion(turn.text) || ["progress", "inquiry"].contains(u.intent)
        if let resolved = resolvedTicket(facts), !asks,
            book.mentions("not_fixed", in: folded)
                || (book.mentions("fixed", in: folded) && ["affirm", "chitchat", "thanks"].contains(u.intent))
        {
            if answerFollowUp(resolved.id, turn, folded, facts, &d) { return }
        }
        if e.urgent {
            // Chasing an emergency already reported: advice first, then its progress, and the ticket escalates.
            if u.intent == "progress", let room = state.room,
                let active = facts.tickets.first(where: {
                    $0.status.isActive && ($0.room == room || $0.reporters.contains(room))
                })
            {
                adviseUrgent(folded, &d)
                if !active.escalated {
                    d.orders.append(
                        .step(ticket: active.id, .escalate, note: "owner chasing an emergency: \(turn.text)"))
                }
                progress(reference: e.ticket, turn, facts, &d)
                return
            }
            d.intent = u.intent == "complaint" ? "complaint" : "repair"
            d.confidence = max(d.confidence, u.intent == d.intent ? u.confidence : 0.9)
            urgentReport(turn, folded, facts, &d)
            return
        }
        // "我家有点事想找你们": there is something, but not what.
        if isVagueOpener(turn, folded) {
            let kind = TicketKind(rawValue: u.intent).flatMap { Self.reportIntents.contains($0.rawValue) ? $0 : nil }
            state.pending = .init(kind: kind ?? .repair, category: nil, summary: nil, text: turn.text)
            if kind != nil { d.intent = u.intent }
            d.say("ask_description")
            keepAsking(.description, &d)
            return
        }
        if u.isFallback {
            d.say("fallback")
            keepAsking(.intent, &d)
            return
        }
        switch u.intent {
        case "repair", "complaint", "suggestion":
            report(TicketKind(rawValue: u.intent)!, turn, folded, facts, &d)
        case "inquiry":
            inquiry(turn, folded, facts, &d)
        case "progress":
            progress(reference: e.ticket, turn, facts, &d)
        case "human":
            handoff(turn, facts, &d)
        default:
            smallTalk(turn, facts, &d)
        }
    }

    /// Words that place a named flat next to the owner's rather than make it theirs.
    static let neighbourWords = [
        "楼上", "楼下", "隔壁", "对门", "对面", "邻居", "upstairs", "downstairs", "next door", "neighbour", "neighbor",
        "across the hall",
    ]

    /// A yes to the bot's question: the affirm intent, or a short "好的/ok" that is small talk elsewhere.
    private func isYes(_ turn: Turn, _ folded: String) -> Bool {
        let u = turn.understanding
        if u.intent == "affirm" { return true }
        guard !["deny", "cancel"].contains(u.intent), folded.count <= 12, !book.mentions("not_fixed", in: folded)
        else { return false }
        return book.mentions("yes", in: folded)
    }

    /// Whether a message asks something (吗, 呢, ?) rather than states it.
    static func isQuestion(_ text: String) -> Bool {
        text.contains("吗") || text.contains("?") || text.contains("？") || text.contains("么")
            || text.lowercased().hasPrefix("is ") || text.lowercased().hasPrefix("has ")
    }

    /// An opener that says there is something without saying what; asking for a person is not one.
    private func isVagueOpener(_ turn: Turn, _ folded: String) -> Bool {
        let u = turn.understanding
        guard book.mentions("vague", in: folded), u.entities.categories.isEmpty, u.intent != "progress",
            Summary.of(turn.text).count <= 14
        else { return false }
        let person = ["人工", "主任", "经理", "领导", "真人", "person", "human", "agent", "manager", "supervisor"]
        return !person.contains { folded.contains($0) }
    }

    private mutating func smallTalk(_ turn: Turn, _ facts: Facts, _ d: inout Decision) {
        let intent = turn.understanding.intent
        // Outside a conversation a bare yes/no/never-mind/score is small talk (INTENTS.md).
        if Self.answerIntents.contains(intent) { d.intent = "chitchat" }
        if ["greet", "chitchat", "thanks", "affirm", "deny", "rate"].contains(intent), askFollowUp(facts, &d) {
            return
        }
        switch intent {
        case "greet", "thanks", "goodbye", "out_of_scope": d.say(intent)
        default: d.say(book.smallTalkReply(in: book.fold(turn.text)) ?? "chitchat")
        }
        if intent == "goodbye" { state.pending = nil }
    }

    // MARK: - Reports

    private mutating func report(
        _ kind: TicketKind, _ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision
    ) {
        let e = turn.understanding.entities
        let category = e.category(for: kind.rawValue)
        let summary = Summary.of(turn.text)
        // "我家有点事想找你们": there is something, but not what.
        if category == nil && book.mentions("vague", in: folded) && summary.count <= 14 {
            state.pending = .init(kind: kind, category: nil, summary: nil, text: turn.text)
            d.say("ask_description")
            keepAsking(.description, &d)
            return
        }
        let room = roomInQuestion(turn)
        // An outage in the owner's home that a notice explains is answered with the notice (INTENTS.md).
        if kind == .repair, book.mentions("outage", in: folded),
            let notice = currentNotice(facts, building: room?.building, at: turn.now)
        {
            d.say("notice_outage", noticeValues(notice, d.language))
            return
        }
        var pending = SessionState.PendingReport(
            kind: kind, category: kind == .suggestion ? nil : (category ?? "other"), summary: summary,
            text: turn.text)
        if let named = e.room.flatMap(Room.init), state.room != nil, named != state.room {
            pending.room = nil  // a neighbour's flat named in a complaint stays in the words, not the ticket
        }
        pending.location = kind == .repair ? location(of: turn.text, room: room) : nil
        state.pending = pending
        // A flat named in a complaint about the neighbours is theirs, not the owner's: it stays in the words.
        let aboutNeighbours = kind == .complaint && Self.neighbourWords.contains { ReplyBook.contains(folded, $0) }
        if state.room == nil, !aboutNeighbours, let named = e.room.flatMap(Room.init) { state.room = named }
        if let phone = e.phone { state.phone = phone }
        proceed(turn, facts, &d)
    }

    /// Asks for the next missing piece of the pending report, or files it.
    private mutating func proceed(_ turn: Turn, _ facts: Facts, _ d: inout Decision) {
        guard var pending = state.pending else { return }
        d.intent = pending.kind.rawValue
        if pending.summary == nil {
            d.say("ask_description")
            keepAsking(.description, &d)
            return
        }
        guard let room = state.room else {
            d.say(pending.urgent ? "urgent_ask_room" : (pending.handoff ? "handoff_ask_room" : "ask_room"))
            keepAsking(.room, &d)
            return
        }
        if pending.kind == .repair, pending.location == nil, let place = location(of: pending.text, room: room) {
            pending.location = place
        }
        state.pending = pending
        // The same room already has this problem open: add to it rather than open another.
        if !pending.handoff, let existing = duplicate(of: pending, room: room, facts) {
            state.pending = nil
            d.orders.append(.addReport(ticket: existing.id, room: room, text: pending.text))
            if existing.room != room && !existing.reporters.contains(room), let location = existing.location {
                d.say("linked", ["location": location])
            } else {
                d.say("duplicate")
            }
            return
        }
        let needsPhone = pending.kind != .suggestion && !pending.urgent && !pending.handoff
        if needsPhone && state.phone == nil && !state.phoneDeclined && !state.ownerGiven {
            d.say("ask_phone")
            keepAsking(.phone, &d)
            return
        }
        if state.ownerGiven || pending.urgent || pending.handoff || pending.kind == .inquiry {
            file(turn, facts, &d)
            return
        }
        d.say(
            "confirm_\(pending.kind.rawValue)",
            ["room": Self.roomText(room, d.language), "summary": pending.summary ?? ""])
        keepAsking(.confirm, &d)
    }

    /// Files the pending report as a ticket.
    private mutating func file(_ turn: Turn, _ facts: Facts, _ d: inout Decision) {
        guard let pending = state.pending, let room = state.room else { return }
        state.pending = nil
        d.intent = pending.handoff ? "human" : pending.kind.rawValue
        let report = TicketDesk.Report(
            kind: pending.kind, category: pending.category, site: site.id, room: room, location: pending.location,
            priority: pending.urgent ? .urgent : (pending.handoff ? .high : nil),
            summary: pending.summary ?? Summary.of(pending.text), text: pending.text, ownerName: state.name,
            ownerPhone: state.phone)
        if pending.handoff {
            d.orders.append(
                .open(
                    report, escalate: "owner asked for a person: \(state.transcript.suffix(6).joined(separator: " / "))"
                ))
            if facts.officeOpen {
                d.say("handoff")
            } else {
                let next = facts.nextOpening.map { Self.format($0, timeZone: site.timeZone, language: d.language) }
                d.say("handoff_closed", ["next_open": next ?? "", "duty_phone": site.dutyPhone])
            }
        } else {
            d.orders.append(.open(report, escalate: nil))
            d.say(pending.urgent ? "filed_urgent" : "filed_\(pending.kind.rawValue)")
            if pending.kind == .repair && !pending.urgent { d.say("offer_time") }
        }
    }

    /// An active ticket the pending report repeats: the same room and category, or the same shared place.
    private func duplicate(of pending: SessionState.PendingReport, room: Room, _ facts: Facts) -> Ticket? {
        let sameProblem: (Ticket) -> Bool = { t in
            t.status.isActive && t.kind == pending.kind && t.category == pending.category
        }
        if pending.kind == .repair, let location = pending.location,
            let shared = (facts.shared + facts.tickets).first(where: { sameProblem($0) && $0.location == location })
        {
            return shared
        }
        guard pending.kind != .suggestion && pending.kind != .inquiry && pending.category != "other" else { return nil }
        return facts.tickets.first { sameProblem($0) && ($0.room == room) && $0.location == pending.location }
    }

    /// The shared place a report is about, scoped to the building (and unit) it concerns: "3号楼2单元电梯".
    func location(of text: String, room: Room?) -> String? {
        let folded = book.fold(text)
        guard let area = book.commonArea(in: folded) else { return nil }
        let building = Self.buildingNamed(in: text) ?? room?.building
        switch area.scope {
        case .site:
            return area.place
        case .building:
            return building.map { "\($0)号楼\(area.place)" }
        case .unit:
            guard let building else { return nil }
            let unit = Self.buildingNamed(in: text) == nil ? room?.unit : Self.unitNamed(in: text)
            return "\(building)号楼" + (unit.map { "\($0)单元" } ?? "") + area.place
        }
    }

    // MARK: - Emergencies

    private mutating func adviseUrgent(_ folded: String, _ d: inout Decision) {
        d.say("urgent_\(book.hazard(in: folded))")
        d.say("urgent_duty", ["duty_phone": site.dutyPhone])
    }

    /// An emergency: safety advice and the duty phone first, then an urgent ticket as soon as a room is known.
    private mutating func urgentReport(_ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision) {
        adviseUrgent(folded, &d)
        let e = turn.understanding.entities
        let kind: TicketKind = d.intent == "complaint" ? .complaint : .repair
        let hazardCategory = [
            "gas": "gas_heating", "elevator": "elevator", "electric": "electrical", "water": "plumbing",
        ][book.hazard(in: folded)]
        let category = e.category(for: kind.rawValue) ?? (kind == .repair ? hazardCategory : nil) ?? "other"
        if state.room == nil, let named = e.room.flatMap(Room.init) { state.room = named }
        if let phone = e.phone { state.phone = phone }
        state.pending = .init(
            kind: kind, category: category, summary: Summary.of(turn.text), text: turn.text, urgent: true,
            location: location(of: turn.text, room: state.room))
        proceed(turn, facts, &d)
    }

    // MARK: - Cancel and corrections

    private func hasSomethingToCancel(_ facts: Facts) -> Bool { state.pending != nil || lastFiled(facts) != nil }

    /// The ticket filed last in this conversation, while it is still active.
    private func lastFiled(_ facts: Facts) -> Ticket? {
        guard let id = state.filed.last else { return nil }
        return facts.tickets.first { $0.id == id && $0.status.isActive }
    }

    private mutating func cancelPending(_ d: inout Decision) {
        state.pending = nil
        state.progressWaiting = false
        state.pendingProgress = nil
        d.say("cancelled_pending")
    }

    private mutating func cancel(_ turn: Turn, _ facts: Facts, _ d: inout Decision) {
        if state.pending != nil {
            cancelPending(&d)
        } else if let ticket = lastFiled(facts) {
            d.orders.append(.step(ticket: ticket.id, .cancel, note: turn.text))
            d.say("cancelled_ticket")
            state.timeFor = nil
        } else {
            d.intent = "chitchat"
            d.say("nothing_to_cancel")
        }
    }

    private func isCorrection(_ turn: Turn, _ folded: String) -> Bool {
        guard book.mentions("correction", in: folded) else { return false }
        let e = turn.understanding.entities
        return e.room != nil || partialRoom(turn.text) != nil || !e.categories.isEmpty
            || Summary.of(Self.dropCorrection(turn.text)).count >= 2
    }

    private mutating func correctPending(_ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision) {
        guard var pending = state.pending else { return }
        let e = turn.understanding.entities
        if let room = e.room.flatMap(Room.init) ?? partialRoom(turn.text) {
            state.room = room
        } else {
            let described = Summary.of(Self.dropCorrection(turn.text))
            if let category = e.category(for: pending.kind.rawValue) { pending.category = category }
            if described.count >= 2 {
                pending.summary = described
                pending.location = location(of: turn.text, room: state.room) ?? pending.location
            }
        }
        state.pending = pending
        d.intent = pending.kind.rawValue
        proceed(turn, facts, &d)
    }

    private mutating func correctFiled(_ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision) {
        guard let ticket = lastFiled(facts) else { return }
        let e = turn.understanding.entities
        d.intent = ticket.kind.rawValue
        var room: Room?
        var category: String?
        var summary: String?
        if let corrected = e.room.flatMap(Room.init) ?? partialRoom(turn.text) {
            room = corrected
            state.room = corrected
        } else {
            category = e.category(for: ticket.kind.rawValue)
            let described = Summary.of(Self.dropCorrection(turn.text))
            if described.count >= 2 { summary = described }
        }
        d.orders.append(.amend(ticket: ticket.id, room: room, category: category, summary: summary))
        d.say("corrected_ticket")
    }

    /// A bare flat number ("1103", "是502") taken as a correction or an answer: the session's building and unit.
    func partialRoom(_ text: String) -> Room? {
        if let named = RoomParser.find(in: text).flatMap(Room.init) { return named }
        let digits = text.unicodeScalars.map(TextNormalizer.foldScalar)
        let runs = String(String.UnicodeScalarView(digits)).split { !$0.isNumber }
        guard runs.count == 1, let number = runs.first, (3...4).contains(number.count),
            let base = state.room ?? state.pending?.room
        else { return nil }
        return Room(building: base.building, unit: base.unit, number: String(number))
    }

    static func dropCorrection(_ text: String) -> String {
        var s = text
        for marker in ["不对", "搞错了", "弄错了", "说错了", "写错了", "打错了", "错了", "应该是", "其实是", "改成", "改为", "更正"] {
            s = s.replacingOccurrences(of: marker, with: " ")
        }
        for prefix in ["是", "不是"] where s.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) {
            s = String(s.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count))
        }
        s = s.replacingOccurrences(of: "是", with: " ")
        return s.replacingOccurrences(
            of: #"(?i)\b(sorry|i meant|actually|correction|wrong|it's|its|it is)\b"#, with: " ",
            options: .regularExpression)
    }

    // MARK: - Closing the loop

    /// A ticket of the session's room that is resolved and waits for the owner's word.
    private func resolvedTicket(_ facts: Facts) -> Ticket? {
        guard let room = state.room else { return nil }
        return facts.tickets.first { $0.status == .resolved && ($0.room == room) }
    }

    /// Asks whether the room's resolved ticket is fixed, once per ticket and conversation.
    private mutating func askFollowUp(_ facts: Facts, _ d: inout Decision) -> Bool {
        guard state.pending == nil, let ticket = resolvedTicket(facts), !state.followedUp.contains(ticket.id) else {
            return false
        }
        state.followedUp.append(ticket.id)
        state.followUp = ticket.id
        d.say("followup_ask", ["ticket": ticket.id, "summary": ticket.summary])
        d.ticket = ticket
        state.awaiting = .confirm
        d.awaiting = .confirm
        return true
    }

    /// "修好了" closes the resolved ticket and asks for a rating; "还是不行" reopens it.
    private mutating func answerFollowUp(
        _ id: String, _ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision
    ) -> Bool {
        let u = turn.understanding
        guard let ticket = facts.tickets.first(where: { $0.id == id }), ticket.status == .resolved else {
            state.followUp = nil
            return false
        }
        let notFixed = book.mentions("not_fixed", in: folded) || u.intent == "deny"
        let fixed = !notFixed && (book.mentions("fixed", in: folded) || isYes(turn, folded) || u.intent == "thanks")
        guard fixed || notFixed else {
            state.followUp = nil
            return false
        }
        state.followUp = nil
        if !state.followedUp.contains(id) { state.followedUp.append(id) }
        if fixed {
            d.intent = "affirm"
            d.orders.append(.step(ticket: id, .close, note: "owner confirmed: \(turn.text)"))
            d.say("followup_closed", ["ticket": id])
            state.ratingFor = id
            state.awaiting = .rating
            d.awaiting = .rating
            state.topic = "rate"
        } else {
            d.intent = "deny"
            d.orders.append(.step(ticket: id, .reopen, note: "owner: \(turn.text)"))
            d.say("followup_reopened", ["ticket": id])
        }
        return true
    }

    // MARK: - Questions and progress

    private mutating func inquiry(_ turn: Turn, _ folded: String, _ facts: Facts, _ d: inout Decision) {
        let building = roomInQuestion(turn)?.building ?? Self.buildingNamed(in: turn.text)
        let noticeKinds = Self.noticeKinds(in: folded)
        if !noticeKinds.isEmpty || book.mentions("outage", in: folded) {
            let relevant = facts.notices.filter {
                $0.endsAt > turn.now && (noticeKinds.isEmpty || noticeKinds.contains($0.kind))
                    && $0.concerns(building: building)
            }
            if !relevant.isEmpty {
                for notice in relevant.prefix(3) { d.say("notice", noticeValues(notice, d.language)) }
                return
            }
        }
        if let answer = facts.faqAnswer {
            d.literal.append(answer)
            return
        }
        if !noticeKinds.isEmpty {
            d.say("no_notice")
            return
        }
        // Nothing answers it: an inquiry ticket for staff.
        state.pending = .init(kind: .inquiry, category: nil, summary: Summary.of(turn.text), text: turn.text)
        proceed(turn, facts, &d)
    }

    private mutating func progress(reference: String?, _ turn: Turn, _ facts: Facts, _ d: inout Decision) {
        d.intent = "progress"
        guard let room = state.room else {
            state.progressWaiting = true
            state.pendingProgress = reference
            d.say("progress_ask_room")
            keepAsking(.room, &d)
            return
        }
        switch facts.registry {
        case .mismatch:
            d.say("phone_mismatch")
            state.room = nil
            return
        case .unchecked:
            state.progressWaiting = true
            state.pendingProgress = reference
            d.say("ask_phone_verify")
            keepAsking(.phone, &d)
            return
        case .none, .verified:
            break
        }
        let mine: (Ticket) -> Bool = { $0.room == room || $0.reporters.contains(room) }
        // A number from another system (a mini-program's order number) cannot be looked up: the room's tickets can.
        if let reference, TicketReferenceParser.canonicalWuyeID(reference) != nil {
            // Another room's ticket and a ticket that does not exist look the same to the owner.
            guard let ticket = facts.referenced, mine(ticket) else {
                d.say("progress_foreign")
                return
            }
            describe(ticket, turn.now, &d)
            d.ticket = ticket
            return
        }
        var recent = facts.tickets.filter { mine($0) && ($0.status.isActive || $0.status == .resolved) }
        // "我的投诉" means complaints, "the kitchen leak" its category: narrow the list when the words say which.
        let folded = book.fold(turn.text)
        if let kind = Self.kindNamed(in: folded) { recent = recent.filter { $0.kind == kind } }
        let named = recent.filter { t in turn.understanding.entities.categories[t.kind.rawValue] == t.category }
        if !named.isEmpty { recent = named }
        switch recent.count {
        case 0 where book.mentions("applications", in: folded):
            // A permit, a certificate, a refund: staff look it up, as an inquiry with a promised answer.
            d.orders.append(
                .open(
                    TicketDesk.Report(
                        kind: .inquiry, site: site.id, room: room, summary: Summary.of(turn.text), text: turn.text,
                        ownerName: state.name, ownerPhone: state.phone), escalate: nil))
            d.say("progress_asked_staff")
        case 0:
            d.say("progress_none", ["room": Self.roomText(room, d.language)])
        case 1:
            describe(recent[0], turn.now, &d)
            d.ticket = recent[0]
        default:
            let items = recent.prefix(5).map { t in
                let limit = d.language == "zh" ? 16 : 32
                let summary = t.summary.count > limit ? String(t.summary.prefix(limit - 1)) + "…" : t.summary
                return book.text(
                    "progress_item", d.language,
                    ["ticket": t.id, "summary": summary, "status": statusText(t, d.language)])
            }
            d.say(
                "progress_list",
                [
                    "room": Self.roomText(room, d.language), "count": String(recent.count),
                    "list": items.joined(separator: d.language == "zh" ? ";" : "; "),
                ])
            d.tickets = Array(recent)
        }
        if let resolved = recent.first(where: { $0.status == .resolved }), !state.followedUp.contains(resolved.id) {
            state.followedUp.append(resolved.id)
            state.followUp = resolved.id
            d.say("followup_ask", ["ticket": resolved.id, "summary": resolved.summary])
            state.awaiting = .confirm
            d.awaiting = .confirm
        }
    }

    /// One ticket's progress in words: status, who has it, when it was accepted, the last word, the promise.
    private func describe(_ t: Ticket, _ now: Date, _ d: inout Decision) {
        let lang = d.language
        var details: [String] = []
        if let accepted = t.acceptedAt {
            details.append(
                book.text(
                    "detail_accepted", lang, ["when": Self.format(accepted, timeZone: t.timeZone, language: lang)]))
        }
        if let last = t.events?.last(where: { $0.note != nil && $0.action != .open }), let note = last.note {
            details.append(book.text("detail_last", lang, ["text": note]))
        }
        if t.status.isActive {
            if t.acceptedAt == nil {
                details.append(
                    book.text(
                        "detail_promise_accept", lang,
                        ["when": Self.format(t.acceptDueAt, timeZone: t.timeZone, language: lang)]))
            } else if let due = t.resolveDueAt {
                details.append(
                    book.text(
                        "detail_promise_resolve", lang, ["when": Self.format(due, timeZone: t.timeZone, language: lang)]
                    ))
            }
            details.append(book.text(t.isOverdue(at: now) ? "detail_late" : "detail_on_time", lang))
        }
        d.say(
            "progress_one",
            [
                "ticket": t.id, "summary": t.summary, "status": statusText(t, lang),
                "details": details.joined(separator: lang == "zh" ? "" : " "),
            ])
    }

    func statusText(_ t: Ticket, _ language: String) -> String {
        let department = rules.routing.department(id: t.department).map { language == "zh" ? $0.nameZH : $0.nameEN }
        return book.text(
            "status_\(t.status.rawValue)", language,
            [
                "department": department ?? t.department,
                "assignee": t.assignee.map { language == "zh" ? $0 : " (\($0))" } ?? "",
            ])
    }

    // MARK: - Handoff

    private mutating func handoff(_ turn: Turn, _ facts: Facts, _ d: inout Decision) {
        d.intent = "human"
        let transcript = state.transcript.suffix(6).joined(separator: " / ")
        // A ticket filed in this conversation goes to staff itself, with the conversation as its note.
        if let ticket = lastFiled(facts) {
            state.pending = nil
            d.orders.append(.step(ticket: ticket.id, .escalate, note: "owner asked for a person: \(transcript)"))
            if facts.officeOpen {
                d.say("handoff")
            } else {
                let next = facts.nextOpening.map { Self.format($0, timeZone: site.timeZone, language: d.language) }
                d.say("handoff_closed", ["next_open": next ?? "", "duty_phone": site.dutyPhone])
            }
            return
        }
        let topic = state.transcript.dropLast().last.map { Summary.of($0) }
        let summary = (d.language == "zh" ? "转人工:" : "asked for a person: ") + (topic ?? Summary.of(turn.text))
        state.pending = .init(
            kind: .inquiry, category: nil, summary: summary, text: state.transcript.joined(separator: "\n"),
            handoff: true)
        proceed(turn, facts, &d)
    }

    // MARK: - Notices

    private func currentNotice(_ facts: Facts, building: String?, at now: Date) -> Notice? {
        facts.notices.first { $0.startsAt <= now && $0.endsAt > now && $0.concerns(building: building) }
    }

    func noticeValues(_ notice: Notice, _ language: String) -> [String: String] {
        [
            "text": language == "en" ? (notice.textEN ?? notice.text) : notice.text,
            "from": Self.format(notice.startsAt, timeZone: site.timeZone, language: language),
            "to": Self.format(notice.endsAt, timeZone: site.timeZone, language: language),
        ]
    }

    /// Notice kinds a question names (停水 → water).
    static func noticeKinds(in folded: String) -> Set<String> {
        var kinds: Set<String> = []
        let words: [(String, [String])] = [
            ("water", ["停水", "断水", "water outage", "water off", "water shut", "no water"]),
            ("power", ["停电", "断电", "power outage", "power cut", "blackout", "no power"]),
            ("gas", ["停气", "断气", "gas off", "gas outage"]),
            ("elevator", ["电梯停运", "电梯维保", "电梯检修", "elevator maintenance", "lift maintenance"]),
            ("greenery", ["打药", "喷药", "修剪", "绿化作业", "spraying", "pruning"]),
        ]
        for (kind, list) in words where list.contains(where: { ReplyBook.contains(folded, $0) }) { kinds.insert(kind) }
        if folded.contains("通知") || folded.contains("公告") || ReplyBook.contains(folded, "notice") {
            kinds.formUnion(["water", "power", "gas", "elevator", "greenery", "other"])
        }
        return kinds
    }

    // MARK: - Words

    /// A ticket's summary from the owner's words: the problem without the flat, phone and particles.
    public static func summary(of text: String) -> String { Summary.of(text) }

    static func roomText(_ room: Room, _ language: String) -> String {
        if language == "zh" {
            return "\(room.building)栋" + (room.unit.map { "\($0)单元" } ?? "") + room.number
        }
        return "Building \(room.building)" + (room.unit.map { ", unit \($0)" } ?? "") + ", room \(room.number)"
    }

    // Compiled once: building a regular expression costs more than matching it.
    private static let buildingPattern = try! NSRegularExpression(
        pattern: #"([0-9０-９]+|[零一二三四五六七八九十两]+)\s*(号楼|栋|幢|座|#)|(?i)\b(building|bldg|block)\s*(\d+)"#)
    private static let unitPattern = try! NSRegularExpression(
        pattern: #"(?:号楼|栋|幢|座|#)\s*([0-9０-９]+|[零一二三四五六七八九十两]+)\s*单元|(?i)\b(?:unit|entrance)\s*(\d+)"#)

    /// The building a message names without a flat ("5号楼电梯" → 5).
    static func buildingNamed(in text: String) -> String? {
        guard let match = buildingPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        for group in [1, 4] {
            if let range = Range(match.range(at: group), in: text) {
                let raw = String(text[range])
                if let n = Int(String(String.UnicodeScalarView(raw.unicodeScalars.map(TextNormalizer.foldScalar)))) {
                    return String(n)
                }
                if let n = ChineseNumber.value(raw) { return String(n) }
            }
        }
        return nil
    }

    /// The unit a message names after its building ("3号楼2单元电梯" → 2).
    static func unitNamed(in text: String) -> String? {
        guard let match = unitPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        for group in [1, 2] {
            if let range = Range(match.range(at: group), in: text) {
                let raw = String(String.UnicodeScalarView(text[range].unicodeScalars.map(TextNormalizer.foldScalar)))
                if let n = Int(raw) ?? ChineseNumber.value(raw) { return String(n) }
            }
        }
        return nil
    }

    /// The kind of ticket a progress question names ("我的投诉" → complaint), if it names one.
    static func kindNamed(in folded: String) -> TicketKind? {
        let words: [(TicketKind, [String])] = [
            (.complaint, ["投诉", "complaint", "complained"]),
            (.suggestion, ["建议", "suggestion"]),
            (.repair, ["报修", "维修", "修理", "repair"]),
        ]
        return words.first { $0.1.contains { ReplyBook.contains(folded, $0) } }?.0
    }

    static func hasDigits(_ text: String) -> Bool {
        text.unicodeScalars.contains { ("0"..."9").contains(TextNormalizer.foldScalar($0)) }
    }

    /// The language of a message: Chinese when it has Han characters, English when it has Latin words, else the
    /// conversation's so far ("501" answers in the language the owner was using).
    static func language(of text: String, previous: String?) -> String? {
        var latin = 0
        for scalar in text.unicodeScalars {
            if (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value) { return "zh" }
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) { latin += 1 }
        }
        return latin >= 2 ? "en" : previous
    }

    static func format(_ date: Date, timeZone: TimeZone, language: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        if language == "zh" { return "\(c.month ?? 0)月\(c.day ?? 0)日\(time)" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[max(0, min(11, (c.month ?? 1) - 1))]) \(c.day ?? 0), \(time)"
    }
}
