import Foundation

extension MemoryTicketStore: SessionStore {
    public func session(_ id: String) -> SessionRecord? { state.sessionsByID[id] }

    public func saveSession(_ record: SessionRecord) {
        state.sessionsByID[record.id] = record
    }

    public func deleteSession(_ id: String) {
        state.sessionsByID[id] = nil
    }

    public func deleteSessions(updatedBefore cutoff: Date) -> Int {
        let old = state.sessionsByID.values.filter { $0.updatedAt < cutoff }.map(\.id)
        for id in old { state.sessionsByID[id] = nil }
        return old.count
    }
}
