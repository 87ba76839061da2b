import Foundation

extension Notice {
    /// A notice as `wuye notices --json` prints it and the socket's notice events carry it: times carry its
    /// site's offset, as a ticket's do.
    public struct JSON: Encodable {
        var id: Int
        var site: String
        var kind: String
        var text: String
        var text_en: String?
        var starts_at: String
        var ends_at: String
        var buildings: [String]
        var created_at: String
        var by: String

        public init(_ n: Notice, zone: TimeZone) {
            id = n.id
            site = n.site
            kind = n.kind
            text = n.text
            text_en = n.textEN
            starts_at = zone.iso8601(n.startsAt)
            ends_at = zone.iso8601(n.endsAt)
            buildings = n.buildings
            created_at = zone.iso8601(n.createdAt)
            by = n.by
        }

        public func encode(to encoder: any Encoder) throws {
            // Spelled out so that a missing English text is `null`, not left out.
            enum Key: String, CodingKey {
                case id, site, kind, text, text_en, starts_at, ends_at, buildings, created_at, by
            }
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(id, forKey: .id)
            try c.encode(site, forKey: .site)
            try c.encode(kind, forKey: .kind)
            try c.encode(text, forKey: .text)
            try c.encode(text_en, forKey: .text_en)
            try c.encode(starts_at, forKey: .starts_at)
            try c.encode(ends_at, forKey: .ends_at)
            try c.encode(buildings, forKey: .buildings)
            try c.encode(created_at, forKey: .created_at)
            try c.encode(by, forKey: .by)
        }
    }
}
