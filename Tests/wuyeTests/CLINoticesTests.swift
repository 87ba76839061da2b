import Foundation
import Testing

// End-to-end tests of `wuye notices`: the sandbox's clock is Tuesday 2026-11-24 10:00 in Shanghai.

extension WuyeSandbox {
    /// `wuye notices add --kind KIND --from FROM --to TO --text TEXT … --json`, decoded.
    func addNotice(
        _ kind: String, from: String, to: String, text: String = "3号楼、5号楼停水检修", extra: [String] = []
    ) async throws -> NoticeJSON {
        try await json(
            NoticeJSON.self,
            ["notices", "add", "--kind", kind, "--from", from, "--to", to, "--text", text, "--json"] + extra)
    }

    /// The ids `wuye notices list … --json` prints, in its order.
    func noticeIDs(_ arguments: [String] = []) async throws -> [Int] {
        try await json([NoticeJSON].self, ["notices", "list", "--json"] + arguments).map(\.id)
    }
}

@Suite("wuye notices")
struct NoticesCommandTests {
    @Test("a notice is posted with the site's offset, its buildings, English text and who posted it")
    func add() async throws {
        let s = try WuyeSandbox()
        let posted = try await s.addNotice(
            "water", from: "2026-11-30T09:00", to: "2026-11-30T17:00",
            extra: ["--buildings", "3,5", "--text-en", "Water off in buildings 3 and 5"])
        #expect(
            posted
                == NoticeJSON(
                    id: 1, site: "meijia-1", kind: "water", text: "3号楼、5号楼停水检修",
                    text_en: "Water off in buildings 3 and 5", starts_at: "2026-11-30T09:00:00+08:00",
                    ends_at: "2026-11-30T17:00:00+08:00", buildings: ["3", "5"],
                    created_at: "2026-11-24T10:00:00+08:00", by: "tester"))
        let text = try await s.ok(
            [
                "notices", "add", "--kind", "power", "--from", "2026-11-30 08:00", "--to", "2026-11-30T09:30:00+08:00",
                "--text", "全小区停电", "--by", "王主管",
            ])
        #expect(text == "posted N-2  power  2026-11-30 08:00 – 2026-11-30 09:30  all buildings  meijia-1  全小区停电\n")
        let listed = try await s.json([NoticeJSON].self, ["notices", "list", "--json"])
        #expect(listed.map(\.id) == [2, 1], "soonest start first")
        #expect(listed.first?.text_en == nil)
        #expect(listed.first?.by == "王主管")
    }

    @Test("a time with an offset is that instant; buildings may be written 3号楼、A1栋")
    func offsetsAndBuildings() async throws {
        let s = try WuyeSandbox()
        let posted = try await s.addNotice(
            "elevator", from: "2026-11-30T01:00:00Z", to: "2026-11-30T03:00:00Z", text: "电梯保养",
            extra: ["--buildings", "3号楼、a1栋,03"])
        #expect(posted.starts_at == "2026-11-30T09:00:00+08:00")
        #expect(posted.ends_at == "2026-11-30T11:00:00+08:00")
        #expect(posted.buildings == ["3", "A1"])
    }

    @Test("list shows current and upcoming notices by default, past ones too with --all, and remove withdraws one")
    func listAndRemove() async throws {
        let s = try WuyeSandbox()
        _ = try await s.addNotice("water", from: "2026-11-30T09:00", to: "2026-11-30T17:00")
        _ = try await s.addNotice("power", from: "2026-11-23T09:00", to: "2026-11-23T12:00", text: "昨天停电")
        _ = try await s.addNotice("gas", from: "2026-11-24T09:00", to: "2026-11-24T12:00", text: "燃气管道检修")
        _ = try await s.addNotice("greenery", from: "2026-11-24T08:00", to: "2026-11-24T10:00", text: "刚结束")
        #expect(try await s.noticeIDs() == [3, 1])
        #expect(try await s.noticeIDs(["--all"]) == [2, 4, 3, 1])
        let text = try await s.ok(["notices", "list"])
        #expect(
            text == """
                N-3  gas  2026-11-24 09:00 – 2026-11-24 12:00  all buildings  meijia-1  燃气管道检修  [NOW]
                N-1  water  2026-11-30 09:00 – 2026-11-30 17:00  all buildings  meijia-1  3号楼、5号楼停水检修
                2 notices

                """)
        let all = try await s.ok(["notices", "list", "--all"])
        #expect(all.contains("N-2  power  2026-11-23 09:00 – 2026-11-23 12:00  all buildings  meijia-1  昨天停电  [ENDED]"))
        #expect(all.hasSuffix("4 notices\n"))

        let removed = try await s.ok(["notices", "remove", "N-3"])
        #expect(removed == "removed N-3  gas  2026-11-24 09:00 – 2026-11-24 12:00  all buildings  meijia-1  燃气管道检修\n")
        #expect(try await s.noticeIDs() == [1])
        #expect(try await s.noticeIDs(["--all"]) == [2, 4, 1])
        _ = try await s.ok(["notices", "remove", "1"])
        #expect(try await s.ok(["notices", "list"]) == "no current or upcoming notices (--all shows past ones)\n")
        #expect(try await s.json([NoticeJSON].self, ["notices", "list", "--json"]).isEmpty)
        let next = try await s.addNotice("other", from: "2026-12-01T09:00", to: "2026-12-01T10:00", text: "消防演练")
        #expect(next.id == 5, "a removed notice's id is never given again")
    }

    @Test("the default list follows WUYE_NOW: a notice drops off once it has ended")
    func followsTheClock() async throws {
        let s = try WuyeSandbox()
        _ = try await s.addNotice("water", from: "2026-11-30T09:00", to: "2026-11-30T17:00")
        let before = try await s.json(
            [NoticeJSON].self, ["notices", "list", "--json"], now: "2026-11-30T16:59:59+08:00")
        let after = try await s.json(
            [NoticeJSON].self, ["notices", "list", "--json"], now: "2026-11-30T17:00:00+08:00")
        #expect(before.map(\.id) == [1])
        #expect(after.isEmpty)
    }

    /// Two notices, the second removed: what every refusal below must leave as it was.
    static func twoNotices() async throws -> WuyeSandbox {
        let s = try WuyeSandbox()
        _ = try await s.addNotice("water", from: "2026-11-30T09:00", to: "2026-11-30T17:00")
        _ = try await s.addNotice("power", from: "2026-11-30T09:00", to: "2026-11-30T17:00")
        _ = try await s.ok(["notices", "remove", "N-2"])
        return s
    }

    static let good = ["--from", "2026-11-30T09:00", "--to", "2026-11-30T17:00", "--text", "停水"]

    @Test(
        "bad notice commands are one error line, exit non-zero and change nothing", .sharedSandbox(twoNotices),
        arguments: [
            (["notices", "add", "--kind", "flood"] + good, "unknown notice kind \"flood\"; kinds are water, power"),
            (["notices", "add", "--kind", "Water"] + good, "unknown notice kind \"Water\""),
            (
                [
                    "notices", "add", "--kind", "water", "--from", "2026-11-30T17:00", "--to", "2026-11-30T09:00",
                    "--text", "x",
                ], "--to \"2026-11-30T09:00\" is not after --from \"2026-11-30T17:00\""
            ),
            (
                [
                    "notices", "add", "--kind", "water", "--from", "2026-11-30T09:00", "--to", "2026-11-30T09:00",
                    "--text", "x",
                ], "a notice must end after it starts"
            ),
            (
                ["notices", "add", "--kind", "water", "--from", "明天上午", "--to", "2026-11-30T09:00", "--text", "x"],
                "--from \"明天上午\" is not a time like 2026-11-30T09:00"
            ),
            (
                [
                    "notices", "add", "--kind", "water", "--from", "2026-11-30T09:00", "--to", "2026-11-31T09:00",
                    "--text", "x",
                ], "--to \"2026-11-31T09:00\" is not a time"
            ),
            (
                [
                    "notices", "add", "--kind", "water", "--from", "2026-11-30T09:00", "--to", "2026-11-30T17:00",
                    "--text", "  ",
                ], "a notice needs a text"
            ),
            (["notices", "add", "--kind", "water", "--buildings", "3,东区"] + good, "\"东区\" is not a building"),
            (["notices", "add", "--kind", "water", "--buildings", ","] + good, "--buildings names no building"),
            (["notices", "add", "--kind", "water", "--site", "nowhere"] + good, "unknown site \"nowhere\""),
            (["notices", "add", "--kind", "water", "--text-en", ""] + good, "English text"),
            (["notices", "add", "--from", "2026-11-30T09:00", "--to", "2026-11-30T17:00", "--text", "x"], "--kind"),
            (["notices", "remove", "N-99"], "no notice N-99"),
            (["notices", "remove", "N-2"], "notice N-2 was removed already"),
            (["notices", "remove", "R-1001"], "\"R-1001\" is not a notice id like N-12"),
            (["notices", "list", "--site", "nowhere"], "unknown site \"nowhere\""),
        ])
    func refused(_ arguments: [String], _ message: String) async throws {
        let s = try SharedSandbox.current()
        let before = try await s.ok(["notices", "list", "--all", "--json"])
        let result = try await s.run(arguments)
        result.expectError(containing: [message])
        #expect(try await s.ok(["notices", "list", "--all", "--json"]) == before)
        #expect(try await s.noticeIDs(["--all"]) == [1])
    }

    @Test("a refused notice does not even create the database file")
    func refusedOnFreshDatabase() async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(["notices", "add", "--kind", "flood"] + Self.good)
        result.expectError(containing: ["unknown notice kind"])
        #expect(!FileManager.default.fileExists(atPath: s.db))
    }
}
