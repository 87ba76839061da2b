import Foundation
import Testing
import WuyeCore

@Suite("Personal data: finding it in text, forgetting a room's owner, the retention period")
struct PrivacyTests {
    let clock = TestClock(Fixtures.at("2026-11-24 10:00"))
    let store = MemoryTicketStore()

    func desk(keptFor days: Int? = nil) -> TicketDesk {
        var rules = Fixtures.rules
        rules.sla.personalDataKeptFor = days.map { SLADuration(minutes: $0 * 1440) }
        return TicketDesk(store: store, rules: rules, now: { [clock] in clock.now })
    }

    func report(_ room: String, text: String, name: String?, phone: String?, location: String? = nil)
        -> TicketDesk.Report
    {
        var report = TicketDesk.Report(
            kind: .repair, category: location == nil ? "plumbing" : "elevator", room: Room(room)!,
            summary: location == nil ? "厨房漏水" : "电梯坏了", text: text)
        report.location = location
        report.ownerName = name
        report.ownerPhone = phone
        return report
    }

    @Test(
        "phone numbers are found in the forms owners type them, and masked or erased",
        arguments: [
            ("电话13812345678", "电话138****5678", "电话***"),
            ("打138 1234 5678找我", "打138****5678找我", "打***找我"),
            ("+86 138-1234-5678", "138****5678", "***"),
            ("座机0571-86500120", "座机057****0120", "座机***"),
            ("mail wang@example.com ok", "mail ***@example.com ok", "mail *** ok"),
            ("3栋2单元501 漏水 2026年11月", "3栋2单元501 漏水 2026年11月", "3栋2单元501 漏水 2026年11月"),
            ("R-1024 订单 12345678901234", "R-1024 订单 12345678901234", "R-1024 订单 12345678901234"),
        ])
    func findsPhones(_ text: String, _ masked: String, _ erased: String) {
        #expect(PersonalData.masking(text) == masked)
        #expect(PersonalData.erasing(text) == erased)
    }

    @Test("known names are erased wherever they appear, the longer first")
    func knownNames() {
        #expect(PersonalData.erasing("我是王芳,王芳芳是我妹妹", known: ["王芳", "王芳芳"]) == "我是***,***是我妹妹")
        #expect(PersonalData.erasing("王先生", known: ["王"]) == "王先生", "one character is too short to erase safely")
    }

    @Test("forgetting a room erases its owner from its tickets, registry and conversations; the tickets stay")
    func forget() async throws {
        let desk = desk()
        let room = Room("3-2-501")!
        try await store.replaceOwners(
            [
                Owner(site: "meijia-1", room: room, name: "王芳", phone: Phone("13812345678")!),
                Owner(site: "meijia-1", room: Room("3-2-502")!, name: "赵敏", phone: Phone("13700002222")!),
            ], site: "meijia-1")
        let own = try await desk.open(
            report("3-2-501", text: "我是王芳,厨房漏水,电话138 1234 5678", name: "王芳", phone: "13812345678"), by: "kiosk")
        _ = try await desk.perform(.note, on: own.id, .init(note: "王芳说下午在家,13812345678"), by: "李客服")
        let shared = try await desk.open(
            report("3-2-502", text: "电梯坏了,赵敏 13700002222", name: "赵敏", phone: "13700002222", location: "3号楼2单元电梯"),
            by: "kiosk")
        _ = try await desk.addReport(to: shared.id, from: room, text: "王芳:电梯又停了 13812345678", by: "kiosk")
        let neighbour = try await desk.open(
            report("3-2-502", text: "卫生间漏水 13700002222", name: "赵敏", phone: "13700002222"), by: "kiosk")
        try await store.saveSession(
            SessionRecord(id: "kiosk-1", state: Data("{}".utf8), updatedAt: clock.now, room: room))

        clock.set(Fixtures.at("2026-11-24 11:00"))
        let erasure = try await desk.forget(room: room, site: nil, by: "主管")
        #expect(Set(erasure.tickets) == [own.id, shared.id])
        #expect(erasure.owners == 1 && erasure.sessions == 1)

        let ownAfter = try await desk.ticket(own.id)
        #expect(ownAfter.ownerName == nil && ownAfter.ownerPhone == nil)
        #expect(ownAfter.text == "我是***,厨房漏水,电话***")
        #expect(ownAfter.events?.map(\.action) == [.open, .note, .erase])
        #expect(ownAfter.events?[1].note == "***说下午在家,***")
        #expect(ownAfter.events?.last?.by == "主管")
        #expect(ownAfter.status == .open && ownAfter.summary == "厨房漏水", "the service record stays")

        let sharedAfter = try await desk.ticket(shared.id)
        #expect(sharedAfter.ownerName == "赵敏" && sharedAfter.ownerPhone == "13700002222", "the first reporter stays")
        #expect(sharedAfter.text == "电梯坏了,赵敏 13700002222")
        #expect(sharedAfter.events?.first { $0.action == .report }?.note == "3-2-501: ***:电梯又停了 ***")

        let untouched = try await desk.ticket(neighbour.id)
        #expect(untouched.ownerName == "赵敏" && !untouched.isErased)
        #expect(try await store.owners(site: "meijia-1", room: room).isEmpty)
        #expect(try await store.owners(site: "meijia-1", room: Room("3-2-502")!).count == 1)
        #expect(try await store.session("kiosk-1") == nil)
    }

    @Test("the sweep erases personal data of tickets closed longer than the retention period, once")
    func retention() async throws {
        let desk = desk(keptFor: 30)
        let old = try await desk.open(
            report("3-2-501", text: "漏水 13812345678", name: "王芳", phone: "13812345678"), by: "k")
        let cancelled = try await desk.open(report("3-2-503", text: "漏水", name: "钱多", phone: "13600003333"), by: "k")
        let active = try await desk.open(report("3-2-502", text: "漏水", name: "赵敏", phone: "13700002222"), by: "k")
        for step in [TicketAction.start, .resolve, .close] { _ = try await desk.perform(step, on: old.id, by: "张师傅") }
        _ = try await desk.perform(.cancel, on: cancelled.id, by: "k")

        clock.set(Fixtures.at("2026-12-24 09:59"))
        #expect(try await desk.sweep().erased.isEmpty, "30 days are not over yet")
        clock.set(Fixtures.at("2026-12-24 10:01"))
        #expect(Set(try await desk.sweep().erased) == [old.id, cancelled.id])
        #expect(try await desk.sweep().erased.isEmpty, "erased once")

        let erased = try await desk.ticket(old.id)
        #expect(erased.ownerName == nil && erased.ownerPhone == nil && erased.text == "漏水 ***")
        #expect(
            erased.status == .closed && erased.events?.last?.action == .erase && erased.events?.last?.by == "system")
        #expect(try await desk.ticket(active.id).ownerPhone == "13700002222", "an active ticket keeps its owner")
        #expect(try await self.desk(keptFor: nil).sweep().erased.isEmpty)
    }

    @Test("the export has one CSV row per event, masks phones, and defuses spreadsheet formulas")
    func export() async throws {
        let desk = desk()
        let ticket = try await desk.open(
            report("3-2-501", text: "=HYPERLINK(\"x\"),电话13812345678", name: "王芳", phone: "13812345678"), by: "kiosk")
        _ = try await desk.perform(.note, on: ticket.id, .init(note: "回电 13812345678, 不在家"), by: "李客服")
        let full = try await desk.ticket(ticket.id)
        let lines = TicketExport.csv([full]).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == TicketExport.csvColumns.joined(separator: ","))
        #expect(lines[1].hasPrefix("R-1001,repair,plumbing,meijia-1,3-2-501,,3-2-501,normal,engineering,,open,"))
        #expect(lines[1].contains(",王芳,138****5678,2026-11-24T10:00:00+08:00,"))
        #expect(lines[1].hasSuffix(",open,open,kiosk,"))
        #expect(lines[2].hasSuffix(",note,open,李客服,\"回电 138****5678, 不在家\""))
        #expect(!lines.joined().contains("13812345678"))
        #expect(TicketExport.csv([full], showPhones: true).contains("13812345678"))
        #expect(TicketExport.csv([TicketExport.masked(full)]).contains(",王芳,138****5678,"))
        var formula = full
        formula.summary = "=1+2"
        formula.events = nil
        let row = TicketExport.csv([formula]).split(separator: "\n")[1]
        #expect(row.contains(",'=1+2,"), "\(row)")
    }
}
