import FuzzDriver
import WuyeCore
import WuyeWire

/// One request line through everything the server does with it before the front desk: the nesting check, the
/// strict JSON parser, the `op`, and the fields of that op with the same readers `RequestHandler` uses.
///
/// Checked: nothing traps; every refusal carries a code of PROTOCOL.md's table and a message; what the parser
/// accepts, the writer writes back as JSON that parses to the same text; and the error line echoing the request's
/// `id` parses too.
enum RequestTarget {
    /// PROTOCOL.md's error codes.
    static let codes: Set<String> = [
        "bad_json", "too_large", "unknown_op", "missing_field", "bad_field", "unauthorized", "not_found",
        "invalid_transition", "busy", "internal",
    ]

    static func run(_ line: UnsafeRawBufferPointer) throws {
        let request: JSONValue
        do {
            request = try RequestLine.decode(line)
        } catch {
            try check(error)
            return
        }
        let written = request.bytes
        guard let again = written.withUnsafeBytes({ try? RequestLine.decode($0) }), again.bytes == written else {
            throw FuzzFailure("the request written back does not read back the same: \(text(written))")
        }
        do {
            try fields(request)
        } catch let failure as RequestFailure {
            try check(failure)
            let response = JSONValue.object([
                ("id", request["id"] ?? .null), ("ok", .bool(false)),
                ("error", .object([("code", .string(failure.code)), ("message", .string(failure.message))])),
            ]).bytes
            guard let read = response.withUnsafeBytes({ try? RequestLine.decode($0) }), read.bytes == response else {
                throw FuzzFailure("the error line does not read back: \(text(response))")
            }
        }
    }

    /// The fields of the request's op, read as `RequestHandler` reads them before it calls the front desk.
    static func fields(_ r: JSONValue) throws {
        switch try RequestLine.op(r) {
        case "chat":
            _ = (try Fields.session(r), try Fields.text(r), try Fields.language(r), try Fields.owner(r))
        case "session.reset":
            _ = try Fields.session(r)
        case "ticket.get":
            _ = try Fields.requiredString(r, "ticket", max: 64)
            _ = try? Fields.session(r)
        case "ticket.list":
            _ = try Fields.optionalString(r, "room", max: 32).map(Room.init)
            _ = try Fields.optionalString(r, "status", max: 32).map(TicketStatus.init(rawValue:))
            _ = try Fields.optionalString(r, "kind", max: 32).map(TicketKind.init(rawValue:))
            _ = try Fields.optionalString(r, "department", max: 64)
            _ = try Fields.optionalString(r, "site", max: 64)
            _ = try Fields.optionalInt(r, "limit", range: 1...10_000)
        case "ticket.update":
            _ = try Fields.requiredString(r, "ticket", max: 64)
            _ = TicketAction(rawValue: try Fields.requiredString(r, "action", max: 32))
            for key in ["department", "assignee", "by"] { _ = try Fields.optionalString(r, key, max: 64) }
            _ = try Fields.optionalString(r, "note", max: 2000)
        case "report":
            _ = try Fields.month(r)
            _ = try Fields.optionalString(r, "site", max: 64)
        case "subscribe":
            if case .array(let items)? = r["kinds"] { _ = items.map { $0.string.flatMap(TicketKind.init(rawValue:)) } }
            _ = try Fields.optionalString(r, "room", max: 32).map(Room.init)
            _ = try? Fields.session(r)
        default:
            break
        }
    }

    static func check(_ failure: RequestFailure) throws {
        guard codes.contains(failure.code) else { throw FuzzFailure("error code \(failure.code) is not PROTOCOL.md's") }
        guard !failure.message.isEmpty else { throw FuzzFailure("error \(failure.code) without a message") }
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes.prefix(200), as: UTF8.self) }
}
