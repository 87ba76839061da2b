import Foundation
import Testing
import WuyeCore
import WuyeData

/// The package's shipped `intents/` folder.
let shippedIntents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("intents").path

/// A copy of the shipped data in a temporary folder, to break one file at a time.
func copyOfShippedData() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wuye-data-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for name in ["routing.yml", "sla.yml", "sites.yml", "calendars"] {
        try FileManager.default.copyItem(atPath: "\(shippedIntents)/\(name)", toPath: "\(dir)/\(name)")
    }
    return dir
}

func problems(loading dir: String) -> [String] {
    do {
        _ = try ServiceRulesLoader.load(from: dir)
        return []
    } catch let error as DataProblems {
        return error.problems.map(\.description)
    } catch {
        return ["unexpected: \(error)"]
    }
}

@Suite("Service data in intents/")
struct ServiceRulesLoaderTests {
    @Test("the shipped data loads with DESIGN.md's defaults")
    func shipped() throws {
        let rules = try ServiceRulesLoader.load(from: shippedIntents)
        #expect(
            rules.routing.departments.map(\.id) == [
                "engineering", "cleaning", "security", "landscaping", "customer_service",
            ])
        #expect(rules.routing.categories[.repair]?.count == 8)
        #expect(rules.routing.categories[.complaint]?.count == 11)
        #expect(rules.routing.department(for: .complaint, category: "smell") == "cleaning")
        #expect(rules.sla.rule(kind: .repair, priority: .urgent, category: nil)?.accept.minutes == 15)
        #expect(rules.sla.rule(kind: .complaint, priority: .normal, category: nil)?.resolve?.minutes == 7 * 1440)
        #expect(rules.sla.rule(kind: .suggestion, priority: .low, category: nil)?.resolve == nil)
        #expect(rules.sla.clocks[.repair] == .continuous && rules.sla.clocks[.inquiry] == .office)
        #expect(rules.sla.personalDataKeptFor?.minutes == 365 * 1440)
        let cn = try #require(rules.calendars["cn"])
        #expect(cn.opens == 8 * 3600 + 1800 && cn.closes == 17 * 3600 + 1800)
        #expect(!cn.isWorkingDay(LocalDate("2026-10-01")!) && cn.isWorkingDay(LocalDate("2026-10-10")!))
        #expect(!cn.isWorkingDay(LocalDate("2026-02-18")!) && cn.isWorkingDay(LocalDate("2026-02-14")!))
        #expect(rules.defaultSite?.id == "meijia-1")
        #expect(rules.defaultSite?.timeZone.identifier == "Asia/Shanghai")
    }

    @Test(
        "each broken file is named with its line, and nothing loads",
        arguments: [
            ("sla.yml", "rules:\n  - {kind: repiar, accept: 30m}\n", "sla.yml:2: error: unknown kind \"repiar\""),
            (
                "sla.yml", "rules:\n  - {kind: repair, accept: soon}\n",
                "sla.yml:2: error: \"soon\" is not a duration like 15m, 4h or 7d"
            ),
            ("sla.yml", "clocks: {repair: sometimes}\n", "sla.yml:1: error: a clock is continuous or office"),
            ("sla.yml", "rules: [\n", "sla.yml:2: error: not valid YAML"),
            (
                "routing.yml",
                "departments:\n  engineering: {zh: 工程部, en: eng}\ncategories:\n  repair: [plumbing]\nroutes:\n  repair:\n    plumbing: plumbers\n    default: engineering\n",
                "routing.yml:7: error: unknown department \"plumbers\""
            ),
            (
                "routing.yml",
                "departments:\n  engineering: {zh: 工程部, en: eng}\ncategories:\n  repair: [plumbing]\nroutes:\n  repair:\n    plumbnig: engineering\n",
                "routing.yml:7: error: unknown repair category \"plumbnig\""
            ),
            (
                "sites.yml", "sites:\n  - id: a\n    name: A\n    calendar: moon\n    duty_phone: 1\n",
                "sites.yml:4: error: unknown calendar \"moon\""
            ),
            (
                "sites.yml",
                "sites:\n  - id: a\n    name: A\n    time_zone: Mars/Olympus\n    calendar: cn\n    duty_phone: 1\n",
                "sites.yml:4: error: unknown time zone \"Mars/Olympus\""
            ),
            ("calendars/cn.yml", "name: cn\noffice_hours: \"18:00-09:00\"\n", "cn.yml:2: error: office_hours is like"),
            (
                "calendars/cn.yml", "name: cn\noffice_hours: \"08:30-17:30\"\nholidays:\n  - 2026-02-30\n",
                "cn.yml:4: error: \"2026-02-30\" in holidays is not a day"
            ),
            ("sla.yml", "clocks: {repair: continuous}\nsurprise: 1\n", "sla.yml:2: error: unknown key \"surprise\""),
            (
                "sla.yml", "clocks: {repair: continuous}\npersonal_data_kept_for: 1y\n",
                "sla.yml:2: error: personal_data_kept_for is a number of days like 365d, or null to keep forever"
            ),
        ])
    func broken(file: String, content: String, expected: String) throws {
        let dir = try copyOfShippedData()
        try content.write(toFile: "\(dir)/\(file)", atomically: true, encoding: .utf8)
        let found = problems(loading: dir)
        #expect(
            found.contains {
                $0.hasPrefix("\(dir)/\(file.hasPrefix("calendars") ? "calendars/" : "")") && $0.contains(expected)
            }, "got: \(found)")
    }

    @Test("a missing file or folder is named")
    func missing() throws {
        let dir = try copyOfShippedData()
        try FileManager.default.removeItem(atPath: "\(dir)/sla.yml")
        #expect(problems(loading: dir).contains("\(dir)/sla.yml: error: cannot read the file"))
        #expect(problems(loading: "/nonexistent/intents") == ["/nonexistent/intents: error: no such data folder"])
    }
}
