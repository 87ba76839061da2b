import Foundation
import Testing
import WuyeCore

/// A water notice for buildings 3 and 5 that starts `start` seconds after `t0` and lasts `hours`.
func noticeDraft(
    _ kind: String = "water", site: String = "meijia-1", start: TimeInterval = 3600, hours: Double = 8,
    buildings: [String] = ["3", "5"], text: String = "3号楼、5号楼停水检修", textEN: String? = "Water off in buildings 3 and 5"
) -> Notice {
    Notice(
        id: 0, site: site, kind: kind, text: text, textEN: textEN, startsAt: t0.addingTimeInterval(start),
        endsAt: t0.addingTimeInterval(start + hours * 3600), buildings: buildings, createdAt: .distantPast, by: "李主管")
}

/// A notice that breaks one rule, and what the refusal must name.
struct BadNotice: Sendable, CustomTestStringConvertible {
    var why: String
    var notice: Notice
    var fragment: String
    var testDescription: String { why }

    static let all: [BadNotice] = [
        BadNotice(why: "an unknown kind", notice: noticeDraft("flood"), fragment: "unknown notice kind \"flood\""),
        BadNotice(why: "a kind in capitals", notice: noticeDraft("Water"), fragment: "unknown notice kind \"Water\""),
        BadNotice(why: "an empty text", notice: noticeDraft(text: ""), fragment: "needs a text"),
        BadNotice(why: "a text of spaces", notice: noticeDraft(text: " \n "), fragment: "needs a text"),
        BadNotice(why: "a blank English text", notice: noticeDraft(textEN: " "), fragment: "English text"),
        BadNotice(why: "an end before the start", notice: noticeDraft(hours: -1), fragment: "must end after it starts"),
        BadNotice(
            why: "an end equal to the start", notice: noticeDraft(hours: 0), fragment: "must end after it starts"),
        BadNotice(why: "an empty site", notice: noticeDraft(site: ""), fragment: "needs a site"),
        BadNotice(
            why: "a building in words", notice: noticeDraft(buildings: ["3号楼"]), fragment: "\"3号楼\" is not a building"),
        BadNotice(why: "an empty building", notice: noticeDraft(buildings: ["3", ""]), fragment: "is not a building"),
    ]
}

/// The notice behaviour every `NoticeStore` must share; run against each store.
@Suite("Notice store contract")
struct NoticeContractTests {
    @Test("a notice reads back exactly as added, with the store's id (from 1) and time", arguments: StoreKind.all)
    func addAndRead(kind: StoreKind) async throws {
        let store = try kind.make()
        let a = try await store.addNotice(noticeDraft(), at: t0)
        let b = try await store.addNotice(
            noticeDraft("power", start: 7200, buildings: [], text: "全小区停电\u{1B}[31m ", textEN: nil),
            at: t0.addingTimeInterval(5))
        #expect(a.id == 1 && b.id == 2)
        #expect(a.createdAt == t0 && b.createdAt == t0.addingTimeInterval(5))
        #expect(a.reference == "N-1")
        var expected = noticeDraft()
        expected.id = 1
        expected.createdAt = t0
        #expect(a == expected)
        #expect(try await store.notices(site: nil, endingAfter: nil) == [a, b])
        let read = try await store.notices(site: "meijia-1", endingAfter: nil)
        #expect(read.last?.text == "全小区停电\u{1B}[31m ", "staff's words are kept exactly")
        #expect(read.last?.textEN == nil)
        #expect(read.last?.buildings == [], "no buildings means the whole compound")
    }

    @Test("notices are listed soonest start first, then in the order they were posted", arguments: StoreKind.all)
    func ordering(kind: StoreKind) async throws {
        let store = try kind.make()
        let late = try await store.addNotice(noticeDraft(start: 3 * 3600), at: t0)
        let soon = try await store.addNotice(noticeDraft("gas", start: 600), at: t0)
        let middle = try await store.addNotice(noticeDraft("elevator", start: 2 * 3600, hours: 0.5), at: t0)
        let soonToo = try await store.addNotice(noticeDraft("greenery", start: 600, hours: 1), at: t0)
        let listed = try await store.notices(site: nil, endingAfter: nil)
        #expect(listed.map(\.id) == [soon.id, soonToo.id, middle.id, late.id])
    }

    @Test("endingAfter leaves out notices that have ended by then; site picks one compound", arguments: StoreKind.all)
    func filters(kind: StoreKind) async throws {
        let store = try kind.make()
        // Ends at t0 + 2h.
        let past = try await store.addNotice(noticeDraft(start: 0, hours: 2), at: t0)
        // Ends at t0 + 10h.
        let current = try await store.addNotice(noticeDraft("power", start: 3600, hours: 9), at: t0)
        let elsewhere = try await store.addNotice(noticeDraft(site: "lanting-2", start: 0, hours: 2), at: t0)
        func ids(_ site: String?, _ after: TimeInterval?) async throws -> [Int] {
            try await store.notices(site: site, endingAfter: after.map(t0.addingTimeInterval)).map(\.id)
        }
        #expect(try await ids(nil, nil) == [past.id, elsewhere.id, current.id])
        #expect(try await ids(nil, 2 * 3600 - 1) == [past.id, elsewhere.id, current.id])
        #expect(try await ids(nil, 2 * 3600) == [current.id], "a notice that ends exactly then has ended")
        #expect(try await ids(nil, 10 * 3600).isEmpty)
        #expect(try await ids("meijia-1", nil) == [past.id, current.id])
        #expect(try await ids("lanting-2", nil) == [elsewhere.id])
        #expect(try await ids("lanting-2", 3 * 3600).isEmpty)
        #expect(try await ids("nowhere", nil).isEmpty)
    }

    @Test("a removed notice is no longer listed, and its id is never given again", arguments: StoreKind.all)
    func remove(kind: StoreKind) async throws {
        let store = try kind.make()
        let a = try await store.addNotice(noticeDraft(), at: t0)
        let b = try await store.addNotice(noticeDraft("power"), at: t0)
        let c = try await store.addNotice(noticeDraft("gas"), at: t0)
        #expect(try await store.removeNotice(c.id) == c, "remove returns the notice it withdrew")
        #expect(try await store.notices(site: nil, endingAfter: nil) == [a, b])
        let d = try await store.addNotice(noticeDraft("other"), at: t0)
        #expect(d.id == 4)
        _ = try await store.removeNotice(a.id)
        #expect(try await store.notices(site: "meijia-1", endingAfter: t0).map(\.id) == [b.id, d.id])
        #expect(try await store.addNotice(noticeDraft(), at: t0).id == 5)
    }

    @Test("removing an unknown or already removed notice is not_found and changes nothing", arguments: StoreKind.all)
    func removeUnknown(kind: StoreKind) async throws {
        let store = try kind.make()
        let a = try await store.addNotice(noticeDraft(), at: t0)
        let b = try await store.addNotice(noticeDraft("power"), at: t0)
        let unknown = await #expect(throws: WuyeError.self) { try await store.removeNotice(99) }
        #expect(unknown == WuyeError(.notFound, "no notice N-99"))
        _ = try await store.removeNotice(b.id)
        let again = await #expect(throws: WuyeError.self) { try await store.removeNotice(b.id) }
        #expect(again == WuyeError(.notFound, "notice N-2 was removed already"))
        #expect(try await store.notices(site: nil, endingAfter: nil) == [a])
    }

    @Test(
        "a notice that breaks a rule is refused as bad_field naming what is wrong, and uses up nothing",
        arguments: StoreKind.all, BadNotice.all)
    func refused(kind: StoreKind, bad: BadNotice) async throws {
        let store = try kind.make()
        let error = await #expect(throws: WuyeError.self) { try await store.addNotice(bad.notice, at: t0) }
        #expect(error?.code == .badField)
        #expect(error?.message.contains(bad.fragment) == true, "\(error?.message ?? "no error")")
        #expect(try await store.notices(site: nil, endingAfter: nil).isEmpty)
        #expect(try await store.addNotice(noticeDraft(), at: t0).id == 1, "the refused notice took no id")
    }

    @Test("every kind of Notice.kinds is accepted", arguments: StoreKind.all)
    func everyKind(kind: StoreKind) async throws {
        let store = try kind.make()
        for k in Notice.kinds { _ = try await store.addNotice(noticeDraft(k), at: t0) }
        #expect(try await store.notices(site: nil, endingAfter: nil).map(\.kind) == Notice.kinds)
    }
}
