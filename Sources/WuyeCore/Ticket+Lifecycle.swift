import Foundation

/// What a lifecycle step carries besides its action.
public struct StepDetails: Sendable, Hashable {
    public var department: String?
    public var assignee: String?
    public var note: String?

    public init(department: String? = nil, assignee: String? = nil, note: String? = nil) {
        self.department = department
        self.assignee = assignee
        self.note = note
    }
}

extension Ticket {
    /// Takes one lifecycle step of DESIGN.md's table and returns the event that records it.
    /// A step the ticket's status does not allow throws `invalid_transition`, naming the status and what it allows;
    /// the ticket is then unchanged.
    @discardableResult
    public mutating func apply(_ action: TicketAction, _ details: StepDetails = .init(), by actor: String, at now: Date)
        throws -> TicketEvent
    {
        guard action.allowedFrom.contains(status) else {
            let allowed = TicketAction.allowed(from: status).map(\.rawValue)
            throw WuyeError(
                .invalidTransition,
                "cannot \(action.rawValue) \(id): it is \(status.rawValue); from \(status.rawValue) the allowed actions are "
                    + (allowed.isEmpty ? "none" : allowed.joined(separator: ", ")))
        }
        var note = details.note.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        switch action {
        case .assign:
            guard details.department != nil || details.assignee != nil else {
                throw WuyeError.missingField("assign needs a department, an assignee or both")
            }
            var changes: [String] = []
            if let department = details.department, department != self.department {
                changes.append("department \(self.department) → \(department)")
                self.department = department
            }
            if let assignee = details.assignee {
                changes.append("assignee \(self.assignee ?? "none") → \(assignee)")
                self.assignee = assignee
            }
            note = ([note].compactMap { $0 } + changes).joined(separator: "; ")
            if acceptedAt == nil { acceptedAt = now }
        case .start:
            if acceptedAt == nil { acceptedAt = now }
        case .resolve:
            resolvedAt = now
        case .close:
            closedAt = now
        case .reopen:
            reopenCount += 1
            resolvedAt = nil
            closedAt = nil
        case .cancel:
            break
        case .note:
            guard note != nil else { throw WuyeError.missingField("a note needs its text") }
        case .escalate:
            escalated = true
        }
        status = action.status(after: status)
        updatedAt = now
        let event = TicketEvent(at: now, action: .init(action), status: status, by: actor, note: note)
        events?.append(event)
        return event
    }

    /// Records the owner's 1–5 rating of a resolved or closed ticket. A rating of 2 or less also escalates it,
    /// so the supervisor calls the owner back; both events are returned.
    public mutating func rate(_ score: Int, by actor: String, at now: Date) throws -> [TicketEvent] {
        guard (1...5).contains(score) else { throw WuyeError.badField("a rating is 1 to 5, not \(score)") }
        guard status == .resolved || status == .closed else {
            throw WuyeError(
                .invalidTransition,
                "cannot rate \(id): it is \(status.rawValue); only resolved or closed tickets are rated")
        }
        rating = score
        updatedAt = now
        var recorded = [TicketEvent(at: now, action: .rate, status: status, by: actor, note: "rating \(score)")]
        events?.append(recorded[0])
        if score <= 2 {
            recorded.append(try apply(.escalate, .init(note: "low rating \(score)"), by: "system", at: now))
        }
        return recorded
    }
}
