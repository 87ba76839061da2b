import Foundation

/// A notice staff post for owners (停水, 停电, 绿化作业…): answered first when owners ask about it, and shown at the
/// kiosk while it is current or coming up.
public struct Notice: Sendable, Hashable {
    /// What the notice is about: `water`, `power`, `gas`, `elevator`, `greenery`, `other`.
    public static let kinds = ["water", "power", "gas", "elevator", "greenery", "other"]

    /// Numbered from 1 in the store, never reused.
    public var id: Int
    public var site: String
    public var kind: String
    /// The notice as staff wrote it (usually Chinese).
    public var text: String
    /// An English version, when staff gave one.
    public var textEN: String?
    public var startsAt: Date
    public var endsAt: Date
    /// The buildings it concerns (`["3", "5"]`); empty means the whole compound.
    public var buildings: [String]
    public var createdAt: Date
    public var by: String

    public init(
        id: Int, site: String, kind: String, text: String, textEN: String? = nil, startsAt: Date, endsAt: Date,
        buildings: [String] = [], createdAt: Date, by: String
    ) {
        self.id = id
        self.site = site
        self.kind = kind
        self.text = text
        self.textEN = textEN
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.buildings = buildings
        self.createdAt = createdAt
        self.by = by
    }

    /// Whether the notice concerns `building` (every building when it names none).
    public func concerns(building: String?) -> Bool {
        guard let building, !buildings.isEmpty else { return true }
        return buildings.contains(building)
    }
}

/// Where notices live. Every method is one transaction.
public protocol NoticeStore: Sendable {
    /// Stores a notice; the `id` and `createdAt` given are replaced by the store's.
    func addNotice(_ notice: Notice, at now: Date) async throws -> Notice

    /// The notices of `site` (all sites when nil) that end after `endingAfter` (all when nil), soonest start first.
    func notices(site: String?, endingAfter: Date?) async throws -> [Notice]

    /// Withdraws a notice; throws `not_found` when there is none with that id.
    func removeNotice(_ id: Int) async throws -> Notice
}
