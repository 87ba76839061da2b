import Foundation

extension MemoryTicketStore: SessionStore {
    public func session(_ id: String) -> SessionRecord? { sessionsByID[id] }

    public func saveSession(_ record: SessionRecord) {
        sessionsByID[record.id] = record
    }

    public func deleteSession(_ id: String) {
        sessionsByID[id] = nil
    }

    public func deleteSessions(updatedBefore cutoff: Date) -> Int {
        let old = sessionsByID.values.filter { $0.updatedAt < cutoff }.map(\.id)
        for id in old { sessionsByID[id] = nil }
        return old.count
    }
}
