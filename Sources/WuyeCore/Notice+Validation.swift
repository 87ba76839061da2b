import Foundation

extension Notice {
    /// Throws `bad_field` naming what is wrong when the notice cannot be stored; every store calls it first.
    ///
    /// A notice needs a site, a kind from `Notice.kinds`, a text, an end after its start, and buildings written as
    /// rooms write them (`3`, `A1`); an English text, when given, must not be blank.
    public func validate() throws {
        if site.trimmingWhitespace().isEmpty {
            throw WuyeError.badField("a notice needs a site")
        }
        guard Notice.kinds.contains(kind) else {
            throw WuyeError.badField(
                "unknown notice kind \"\(kind)\"; kinds are \(Notice.kinds.joined(separator: ", "))")
        }
        if text.trimmingWhitespace().isEmpty {
            throw WuyeError.badField("a notice needs a text: what owners should know")
        }
        if let textEN, textEN.trimmingWhitespace().isEmpty {
            throw WuyeError.badField("the English text of a notice is blank; leave it out instead")
        }
        guard endsAt > startsAt else {
            let zone = TimeZone(secondsFromGMT: 0)!
            throw WuyeError.badField(
                "a notice must end after it starts (it starts \(zone.iso8601(startsAt)) and ends "
                    + "\(zone.iso8601(endsAt)))")
        }
        for building in buildings where !Notice.isBuildingCode(building) {
            throw WuyeError.badField(
                "\"\(building)\" is not a building like 3 or A1 (letters and digits, as in room 3-2-501)")
        }
    }

    /// Whether `text` names a building the way a room does (`3` in `3-2-501`).
    static func isBuildingCode(_ text: String) -> Bool {
        Room("\(text)--1") != nil && text.trimmingWhitespace() == text
    }
}
