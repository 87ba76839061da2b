/// A registered owner of a flat: who may speak for a room, checked by phone.
public struct Owner: Sendable, Hashable {
    public var site: String
    public var room: Room
    public var name: String
    public var phone: Phone

    public init(site: String, room: Room, name: String, phone: Phone) {
        self.site = site
        self.room = room
        self.name = name
        self.phone = phone
    }
}

/// What the owner registry says about a phone given for a room.
public enum OwnerCheck: String, Sendable, Hashable {
    /// The phone belongs to an owner of the room.
    case verified
    /// The room is registered, but not with this phone.
    case mismatch
    /// The registry holds nobody for this room (or no registry is loaded for the site).
    case unknownRoom = "unknown_room"
}
