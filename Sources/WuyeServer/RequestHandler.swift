import Foundation
import Logging
import NIOCore
import WuyeCore
import WuyeDialogue
import WuyeWire

/// Who sent a request: a peer uid, and the staff member it (or the request's token) stands for.
struct Caller: Sendable {
    var uid: UInt32?
    var staff: StaffList.Member?
}

/// What a request asks of its connection besides the answer: to start receiving events.
struct Subscription: Sendable {
    var room: Room?
    var kinds: Set<TicketKind>?
}

/// Turns one request line into one response line (PROTOCOL.md): parses, authorises, validates, calls the front
/// desk, and maps every failure to its error code. Never throws: whatever the line, there is an answer.
final class RequestHandler: Sendable {
    static let protocolVersion = 1

    let assistant: Assistant
    let staff: StaffList
    let events: EventHub
    let version: String
    let logger: Logger

    init(assistant: Assistant, staff: StaffList, events: EventHub, version: String, logger: Logger) {
        self.assistant = assistant
        self.staff = staff
        self.events = events
        self.version = version
        self.logger = logger
    }

    typealias Failure = RequestFailure

    /// The response line for `line` (with its newline), and a subscription when the request was one.
    func handle(_ line: ByteBuffer, uid: UInt32?) async -> (response: [UInt8], subscription: Subscription?) {
        var id = JSONValue.null
        do {
            let request = try line.withUnsafeReadableBytes { bytes throws(Failure) -> JSONValue in
                try RequestLine.decode(bytes)
            }
            id = request["id"] ?? .null
            let caller = Caller(uid: uid, staff: staff.member(uid: uid, token: request["token"]?.string))
            var subscription: Subscription?
            let body = try await perform(request, caller, &subscription)
            var out: [UInt8] = []
            out.reserveCapacity(512)
            JSONValue.object([("id", id), ("ok", .bool(true))] + body).write(to: &out)
            out.append(0x0A)
            return (out, subscription)
        } catch let failure as Failure {
            logger.debug("refused", metadata: ["error.code": "\(failure.code)"])
            return (Self.error(id, failure.code, failure.message), nil)
        } catch let error as WuyeError {
            let code = Self.code(error)
            if code == "internal" {
                logger.error("request failed", metadata: ["error.code": "\(code)", "error": "\(error.message)"])
            }
            return (Self.error(id, code, error.message), nil)
        } catch {
            logger.error("request failed", metadata: ["error.code": "internal", "error": "\(error)"])
            return (Self.error(id, "internal", "\(error)"), nil)
        }
    }

    /// The text with every run of 7 or more digits masked but its last four (13812345678 → *******5678).
    static func masked(_ text: String) -> String {
        var out = ""
        var digits = ""
        func flush() {
            // Separators after the last digit are not part of the number.
            var tail = ""
            while let last = digits.last, last == " " || last == "-" {
                tail = String(last) + tail
                digits.removeLast()
            }
            out += digits.count >= 7 ? String(repeating: "*", count: digits.count - 4) + digits.suffix(4) : digits
            out += tail
            digits = ""
        }
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if digits.isEmpty || !(character == " " || character == "-") {
                flush()
                out.append(character)
            } else {
                digits.append(character)
            }
        }
        flush()
        return out
    }

    /// The `busy` answer to a request that arrived while too many earlier ones on its connection were unanswered:
    /// it carries the request's `id` when the line is a JSON object that has one.
    static func busy(_ line: ByteBuffer, waiting: Int) -> [UInt8] {
        let id = line.withUnsafeReadableBytes { bytes in (try? RequestLine.decode(bytes))?["id"] } ?? .null
        return error(
            id, "busy",
            "\(waiting) earlier requests on this connection are still unanswered; read their answers, then retry")
    }

    static func error(_ id: JSONValue, _ code: String, _ message: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONValue.object([
            ("id", id), ("ok", .bool(false)),
            ("error", .object([("code", .string(code)), ("message", .string(message))])),
        ]).write(to: &out)
        out.append(0x0A)
        return out
    }

    static func code(_ error: WuyeError) -> String {
        switch error.code {
        case .badData: "bad_field"
        default: error.code.description
        }
    }

    // MARK: - Operations

    static let staffOps: Set<String> = ["ticket.list", "ticket.update", "report"]

    private func perform(_ r: JSONValue, _ caller: Caller, _ subscription: inout Subscription?) async throws
        -> [(String, JSONValue)]
    {
        let op = try RequestLine.op(r)
        // Authorization comes first: a non-staff caller learns nothing about fields, status or existence.
        if Self.staffOps.contains(op) && caller.staff == nil {
            throw Failure(code: "unauthorized", message: "\(op) is for staff")
        }
        switch op {
        case "ping":
            return [("version", .string(version)), ("protocol", .int(Self.protocolVersion))]
        case "chat":
            return try await chat(r)
        case "session.reset":
            try await assistant.resetSession(try Fields.session(r))
            return []
        case "ticket.get":
            return try await ticketGet(r, caller)
        case "ticket.list":
            return try await ticketList(r)
        case "ticket.update":
            return try await ticketUpdate(r, caller)
        case "report":
            let month = try Fields.month(r)
            let site = try Fields.optionalString(r, "site", max: 64)
            let report = try await assistant.report(month: month, site: site)
            return [("report", try .encoded(report))]
        default:
            subscription = try await subscribe(r, caller)
            return [("subscribed", .bool(true))]
        }
    }

    private func chat(_ r: JSONValue) async throws -> [(String, JSONValue)] {
        let request = ChatRequest(
            session: try Fields.session(r), text: try Fields.text(r), language: try Fields.language(r),
            owner: try Fields.owner(r))
        let response = try await assistant.chat(request)
        if let ticket = response.ticket { await events.publish(ticket) }
        // Owners' words and phone numbers only at debug level, and the numbers masked even then.
        logger.debug(
            "chat",
            metadata: [
                "session.id": "\(request.session)", "intent.name": "\(response.intent)",
                "ticket.id": "\(response.ticket?.id ?? "-")", "text": "\(Self.masked(request.text))",
            ])
        var body: [(String, JSONValue)] = [
            ("reply", .string(response.reply)), ("lang", .string(response.language)),
            ("intent", .string(response.intent)),
            ("confidence", .double((response.confidence * 1000).rounded() / 1000)),
            ("entities", Self.entities(response.entities, timeZone: assistant.site.timeZone)),
            ("awaiting", .optional(response.awaiting?.rawValue)),
            ("ticket", try response.ticket.map { try Self.ticket($0, events: false) } ?? .null),
        ]
        if let tickets = response.tickets {
            body.append(("tickets", .array(try tickets.map { try Self.ticket($0, events: false) })))
        }
        return body
    }

    private func ticketGet(_ r: JSONValue, _ caller: Caller) async throws -> [(String, JSONValue)] {
        let id = try Fields.requiredString(r, "ticket", max: 64)
        if caller.staff == nil {
            // An owner-side caller sees only its verified room's tickets; one it may not see and one that does not
            // exist look the same.
            let refused = Failure(code: "unauthorized", message: "this session may not read that ticket")
            guard let session = try? Fields.session(r) else { throw refused }
            guard let ticket = try? await assistant.ticket(id),
                try await assistant.sessionMaySee(ticket, session: session)
            else { throw refused }
            return [("ticket", try Self.ticket(ticket, events: true))]
        }
        return [("ticket", try Self.ticket(try await assistant.ticket(id), events: true))]
    }

    private func ticketList(_ r: JSONValue) async throws -> [(String, JSONValue)] {
        var query = TicketQuery()
        if let room = try Fields.optionalString(r, "room", max: 32) {
            guard let parsed = Room(room) else {
                throw Failure(code: "bad_field", message: "\"room\" \"\(room)\" is not a room like 3-2-501")
            }
            query.room = parsed
        }
        if let status = try Fields.optionalString(r, "status", max: 32) {
            guard let parsed = TicketStatus(rawValue: status) else {
                throw Failure(
                    code: "bad_field",
                    message:
                        "unknown status \"\(status)\"; one of \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            query.statuses = [parsed]
        }
        if let kind = try Fields.optionalString(r, "kind", max: 32) {
            guard let parsed = TicketKind(rawValue: kind) else {
                throw Failure(
                    code: "bad_field",
                    message:
                        "unknown kind \"\(kind)\"; one of \(TicketKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            query.kind = parsed
        }
        query.department = try Fields.optionalString(r, "department", max: 64)
        query.site = try Fields.optionalString(r, "site", max: 64)
        query.limit = try Fields.optionalInt(r, "limit", range: 1...10_000) ?? 50
        let tickets = try await assistant.tickets(query)
        return [("tickets", .array(try tickets.map { try Self.ticket($0, events: false) }))]
    }

    private func ticketUpdate(_ r: JSONValue, _ caller: Caller) async throws -> [(String, JSONValue)] {
        let id = try Fields.requiredString(r, "ticket", max: 64)
        let actionName = try Fields.requiredString(r, "action", max: 32)
        guard let action = TicketAction(rawValue: actionName) else {
            throw Failure(
                code: "bad_field",
                message:
                    "unknown action \"\(actionName)\"; one of \(TicketAction.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let details = StepDetails(
            department: try Fields.optionalString(r, "department", max: 64),
            assignee: try Fields.optionalString(r, "assignee", max: 64),
            note: try Fields.optionalString(r, "note", max: 2000))
        let by = try Fields.optionalString(r, "by", max: 64) ?? caller.staff?.name ?? "staff"
        let ticket = try await assistant.update(id, action: action, details: details, by: by)
        await events.publish(ticket)
        return [("ticket", try Self.ticket(ticket, events: true))]
    }

    private func subscribe(_ r: JSONValue, _ caller: Caller) async throws -> Subscription {
        var subscription = Subscription()
        if let kinds = r["kinds"] {
            guard case .array(let items) = kinds else {
                throw Failure(code: "bad_field", message: "\"kinds\" must be a list of ticket kinds")
            }
            subscription.kinds = Set(
                try items.map { item in
                    guard let name = item.string, let kind = TicketKind(rawValue: name) else {
                        throw Failure(
                            code: "bad_field", message: "\"kinds\" must list repair, complaint, inquiry or suggestion")
                    }
                    return kind
                })
        }
        let room = try Fields.optionalString(r, "room", max: 32)
        if caller.staff != nil {
            if let room {
                guard let parsed = Room(room) else {
                    throw Failure(code: "bad_field", message: "\"room\" \"\(room)\" is not a room like 3-2-501")
                }
                subscription.room = parsed
            }
            return subscription
        }
        // An owner-side caller subscribes to its session's verified room, and only to it.
        let refused = Failure(code: "unauthorized", message: "subscribe needs a session verified for the room")
        guard let session = try? Fields.session(r), let verified = try await assistant.verifiedRoom(session: session)
        else {
            throw refused
        }
        if let room, Room(room) != verified { throw refused }
        subscription.room = verified
        return subscription
    }

    // MARK: - Encoding

    static func ticket(_ ticket: Ticket, events: Bool) throws -> JSONValue {
        var t = ticket
        if !events { t.events = nil } else if t.events == nil { t.events = [] }
        return try .encoded(t)
    }

    static func entities(_ e: TurnEntities, timeZone: TimeZone) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let room = e.room { pairs.append(("room", .string(room))) }
        if let phone = e.phone { pairs.append(("phone", .string(phone))) }
        if let name = e.name { pairs.append(("name", .string(name))) }
        if let category = e.category { pairs.append(("category", .string(category))) }
        if e.urgent == true { pairs.append(("urgent", .bool(true))) }
        if let ticket = e.ticket { pairs.append(("ticket", .string(ticket))) }
        if let when = e.when { pairs.append(("when", .string(timeZone.iso8601(when)))) }
        if let rating = e.rating { pairs.append(("rating", .int(rating))) }
        return .object(pairs)
    }
}
