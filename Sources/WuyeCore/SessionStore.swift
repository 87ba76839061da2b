import Foundation

/// A conversation's saved state: opaque to the store (the dialogue encodes it), kept so that a restart does not
/// lose a half-filled report and so that tens of thousands of sessions do not pile up in memory.
public struct SessionRecord: Sendable, Hashable {
    public var id: String
    /// The dialogue's state, encoded (JSON).
    public var state: Data
    public var updatedAt: Date
    /// The room the conversation is bound to, if any: what `PrivacyStore.deleteSessions(room:)` finds it by.
    public var room: Room?

    public init(id: String, state: Data, updatedAt: Date, room: Room? = nil) {
        self.id = id
        self.state = state
        self.updatedAt = updatedAt
        self.room = room
    }
}

/// Where conversation states live. Every method is one transaction.
public protocol SessionStore: Sendable {
    /// The saved state of session `id`, or nil.
    func session(_ id: String) async throws -> SessionRecord?

    /// Saves (inserts or replaces) a session's state.
    func saveSession(_ record: SessionRecord) async throws

    /// Forgets one session; nothing happens when there is none.
    func deleteSession(_ id: String) async throws

    /// Forgets every session last updated before `cutoff`; returns how many.
    func deleteSessions(updatedBefore cutoff: Date) async throws -> Int
}
