import WuyeCore
import WuyeDialogue

/// Reading a request's fields with PROTOCOL.md's errors: `missing_field` when absent, `bad_field` when of the
/// wrong type or size.
package enum Fields {
    package typealias Failure = RequestFailure

    package static func requiredString(_ r: JSONValue, _ key: String, max: Int, op: String = "the request") throws
        -> String
    {
        guard let value = r[key], !isNull(value) else {
            throw Failure(code: "missing_field", message: "\(op) needs a non-empty \"\(key)\" string")
        }
        guard let s = value.string else { throw Failure(code: "bad_field", message: "\"\(key)\" must be a string") }
        guard !s.isEmpty else {
            throw Failure(code: "missing_field", message: "\(op) needs a non-empty \"\(key)\" string")
        }
        guard s.count <= max else {
            throw Failure(code: "bad_field", message: "\"\(key)\" is \(s.count) characters; at most \(max)")
        }
        return s
    }

    package static func optionalString(_ r: JSONValue, _ key: String, max: Int) throws -> String? {
        guard let value = r[key], !isNull(value) else { return nil }
        guard let s = value.string else { throw Failure(code: "bad_field", message: "\"\(key)\" must be a string") }
        guard s.count <= max else {
            throw Failure(code: "bad_field", message: "\"\(key)\" is \(s.count) characters; at most \(max)")
        }
        return s.isEmpty ? nil : s
    }

    package static func optionalInt(_ r: JSONValue, _ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let value = r[key], !isNull(value) else { return nil }
        let n: Int
        switch value {
        case .int(let i): n = i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: n = Int(d)
        default: throw Failure(code: "bad_field", message: "\"\(key)\" must be a whole number")
        }
        guard range.contains(n) else {
            throw Failure(
                code: "bad_field", message: "\"\(key)\" must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    package static func isNull(_ value: JSONValue) -> Bool {
        if case .null = value { return true }
        return false
    }

    package static func session(_ r: JSONValue) throws -> String {
        try requiredString(r, "session", max: 128, op: "the request")
    }

    package static func text(_ r: JSONValue) throws -> String { try requiredString(r, "text", max: 2000, op: "chat") }

    package static func language(_ r: JSONValue) throws -> String? {
        guard let lang = try optionalString(r, "lang", max: 8) else { return nil }
        guard ["zh", "en"].contains(lang) else {
            throw Failure(code: "bad_field", message: "\"lang\" must be \"zh\" or \"en\"")
        }
        return lang
    }

    package static func owner(_ r: JSONValue) throws -> OwnerInfo? {
        guard let value = r["owner"], !isNull(value) else { return nil }
        guard case .object = value else {
            throw Failure(code: "bad_field", message: "\"owner\" must be an object like {\"room\":\"3-2-501\"}")
        }
        let owner = OwnerInfo(
            room: try optionalString(value, "room", max: 32), phone: try optionalString(value, "phone", max: 32),
            name: try optionalString(value, "name", max: 64))
        if let room = owner.room, Room(room) == nil {
            throw Failure(
                code: "bad_field", message: "owner room \"\(room)\" is not a room like 3-2-501 (building-unit-room)")
        }
        if let phone = owner.phone, Phone(phone) == nil {
            throw Failure(code: "bad_field", message: "owner phone \"\(phone)\" is not a mainland mobile number")
        }
        return owner
    }

    package static func month(_ r: JSONValue) throws -> Month {
        let text = try requiredString(r, "month", max: 16, op: "report")
        guard let month = Month(text) else {
            throw Failure(code: "bad_field", message: "\"\(text)\" is not a month; write YYYY-MM, like 2026-11")
        }
        return month
    }
}
