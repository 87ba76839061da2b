import Foundation
import WuyeCore
import WuyeDialogue

extension Console {
    /// The most tickets `/tickets` lists.
    static let queueLimit = 200

    /// Carries out a staff command; failures are thrown for the caller to print as one line.
    func perform(_ command: StaffCommand) async throws -> Next {
        let now = configuration.now()
        switch command {
        case .tickets:
            let tickets = try await desk.tickets(
                TicketQuery(statuses: TicketStatus.active, site: configuration.scope, limit: Self.queueLimit))
            write(TicketTable.render(tickets, now: now))
            if tickets.count == Self.queueLimit { emit("(the newest \(Self.queueLimit) active tickets)") }
        case .show(let id):
            emit(TicketTable.detail(try await desk.ticket(id), now: now, routing: configuration.routing))
        case .assign(let id, let department, let assignee):
            try await step(.assign, id, StepDetails(department: department, assignee: assignee))
        case .start(let id):
            try await step(.start, id, StepDetails())
        case .resolve(let id, let note):
            try await step(.resolve, id, StepDetails(note: note))
        case .note(let id, let text):
            try await step(.note, id, StepDetails(note: text))
        case .report(let month):
            let month = month ?? Month(containing: now, in: configuration.timeZone)
            let report = try await desk.report(month: month, site: configuration.scope)
            write(report.text(unicode: interactive))
        case .why:
            explainLastTurn()
        case .playOwner(let room):
            try await startNewSession()
            owner = room.map { OwnerInfo(room: $0.description) }
            emit(
                room.map { "now talking as an owner of \($0); new session \(session)" }
                    ?? "no longer talking as an owner of a given room; new session \(session)")
        case .reset:
            try await startNewSession()
            emit(
                "conversation forgotten; new session \(session)"
                    + (owner?.room.map { "; still talking as an owner of \($0)" } ?? ""))
        case .help:
            emit(StaffCommand.helpText)
        case .quit:
            return .quit
        }
        return .goOn
    }

    /// One lifecycle step, reported like `wuye tickets update`.
    private func step(_ action: TicketAction, _ id: String, _ details: StepDetails) async throws {
        let ticket = try await desk.update(id, action: action, details: details, by: configuration.actor)
        var line = "\(ticket.id): \(action.rawValue) done, now \(ticket.status.rawValue)"
        if action == .assign {
            line += " (\(ticket.department)" + (ticket.assignee.map { ", \($0.escapedForTerminal)" } ?? "") + ")"
        }
        emit(line)
    }

    /// `/why`: how the last owner turn was understood.
    private func explainLastTurn() {
        guard let response = lastResponse else {
            emit("nothing to explain yet: say something as an owner first")
            return
        }
        var lines = [
            "intent      \(response.intent)  confidence \(String(format: "%.3f", response.confidence))"
                + "  language \(response.language)",
            "awaiting    \(response.awaiting?.rawValue ?? "nothing")",
            "entities    \(Self.describe(response.entities, timeZone: configuration.timeZone))",
        ]
        if let ticket = response.ticket { lines.append("ticket      \(ticket.id) (\(ticket.status.rawValue))") }
        if let tickets = response.tickets, !tickets.isEmpty {
            lines.append("tickets     " + tickets.map(\.id).joined(separator: ", "))
        }
        if let explanation = response.explanation?.trimmingWhitespace(), !explanation.isEmpty {
            lines.append("explanation")
            lines += explanation.split(separator: "\n", omittingEmptySubsequences: false).map {
                "  " + String($0).escapedForTerminal
            }
        } else {
            lines.append("explanation (none given)")
        }
        emit(lines.joined(separator: "\n"))
    }

    /// `room=3-2-501  category=plumbing  urgent=true`, or `none`.
    static func describe(_ e: TurnEntities, timeZone: TimeZone) -> String {
        var parts: [String] = []
        if let room = e.room { parts.append("room=\(room)") }
        if let phone = e.phone { parts.append("phone=\(Phone(phone)?.masked ?? phone)") }
        if let name = e.name { parts.append("name=\(name)") }
        if let category = e.category { parts.append("category=\(category)") }
        if let urgent = e.urgent { parts.append("urgent=\(urgent)") }
        if let ticket = e.ticket { parts.append("ticket=\(ticket)") }
        if let when = e.when { parts.append("when=\(timeZone.iso8601(when))") }
        if let rating = e.rating { parts.append("rating=\(rating)") }
        return parts.isEmpty ? "none" : parts.map(\.escapedForTerminal).joined(separator: "  ")
    }
}
