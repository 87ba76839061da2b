import Foundation
import Testing
import WuyeCore

/// `size` bytes that take every value 0–255, zeros included, in an order that is not a simple run.
func bytes(_ size: Int) -> Data {
    Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
}

/// The session behaviour every `SessionStore` must share; run against each store.
@Suite("Session store contract")
struct SessionContractTests {
    @Test("a session's state is saved, replaced and read back; an unknown session is nil", arguments: StoreKind.all)
    func saveAndLoad(kind: StoreKind) async throws {
        let store = try kind.make()
        #expect(try await store.session("kiosk-lobby-1") == nil)
        let first = SessionRecord(id: "kiosk-lobby-1", state: Data(#"{"awaiting":"room"}"#.utf8), updatedAt: t0)
        try await store.saveSession(first)
        #expect(try await store.session("kiosk-lobby-1") == first)
        let second = SessionRecord(
            id: "kiosk-lobby-1", state: Data(#"{"awaiting":null,"room":"3-2-501"}"#.utf8),
            updatedAt: t0.addingTimeInterval(30))
        try await store.saveSession(second)
        #expect(try await store.session("kiosk-lobby-1") == second, "saving again replaces the state and time")
        let other = SessionRecord(id: "微信-o'Brien \"1\"", state: Data("x".utf8), updatedAt: t0)
        try await store.saveSession(other)
        #expect(try await store.session("微信-o'Brien \"1\"") == other)
        #expect(try await store.session("kiosk-lobby-1") == second, "another session leaves this one alone")
        #expect(try await store.session("kiosk-lobby-2") == nil)
    }

    @Test("a 100 KB state and an empty one round-trip byte for byte", arguments: StoreKind.all)
    func largeState(kind: StoreKind) async throws {
        let store = try kind.make()
        let big = bytes(100 * 1024)
        try await store.saveSession(SessionRecord(id: "big", state: big, updatedAt: t0))
        try await store.saveSession(SessionRecord(id: "empty", state: Data(), updatedAt: t0))
        let read = try #require(try await store.session("big"))
        #expect(read.state.count == 100 * 1024)
        #expect(read.state == big)
        #expect(try await store.session("empty")?.state == Data())
    }

    @Test("deleting a session forgets it; deleting one that is not there does nothing", arguments: StoreKind.all)
    func delete(kind: StoreKind) async throws {
        let store = try kind.make()
        try await store.saveSession(SessionRecord(id: "a", state: Data("1".utf8), updatedAt: t0))
        try await store.saveSession(SessionRecord(id: "b", state: Data("2".utf8), updatedAt: t0))
        try await store.deleteSession("a")
        try await store.deleteSession("a")
        try await store.deleteSession("never-seen")
        #expect(try await store.session("a") == nil)
        #expect(try await store.session("b")?.state == Data("2".utf8))
    }

    @Test(
        "deleteSessions(updatedBefore:) forgets exactly the sessions idle since before the cutoff, and counts them",
        arguments: StoreKind.all)
    func expire(kind: StoreKind) async throws {
        let store = try kind.make()
        for (id, seconds) in [("old", 0.0), ("edge", 60), ("fresh", 120), ("fresher", 180)] {
            try await store.saveSession(
                SessionRecord(id: id, state: Data(id.utf8), updatedAt: t0.addingTimeInterval(seconds)))
        }
        #expect(try await store.deleteSessions(updatedBefore: t0) == 0)
        #expect(try await store.deleteSessions(updatedBefore: t0.addingTimeInterval(60)) == 1)
        #expect(try await store.session("old") == nil)
        #expect(try await store.session("edge") != nil, "a session updated exactly at the cutoff stays")
        // Saving again moves a session past the next cutoff.
        try await store.saveSession(SessionRecord(id: "edge", state: Data(), updatedAt: t0.addingTimeInterval(300)))
        #expect(try await store.deleteSessions(updatedBefore: t0.addingTimeInterval(200)) == 2)
        #expect(try await store.session("fresh") == nil)
        #expect(try await store.session("fresher") == nil)
        #expect(try await store.session("edge")?.updatedAt == t0.addingTimeInterval(300))
        #expect(try await store.deleteSessions(updatedBefore: t0.addingTimeInterval(200)) == 0)
    }
}
