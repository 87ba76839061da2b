import Foundation
import WuyeCore
import Yams

/// Reads the company's service configuration from an `intents/` folder: `routing.yml`, `sla.yml`,
/// `calendars/*.yml` and `sites.yml`. Either all of it loads, or `DataProblems` names every file and line at fault.
public enum ServiceRulesLoader {
    public static func load(from directory: String) throws -> ServiceRules {
        var problems: [DataProblem] = []
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard FileManager.default.fileExists(atPath: dir) else {
            throw DataProblems([DataProblem(path: dir, line: 0, message: "no such data folder")])
        }

        let routingFile = YAMLFile(path: "\(dir)/routing.yml")
        let routing = readRouting(routingFile)
        problems += routingFile.problems

        let slaFile = YAMLFile(path: "\(dir)/sla.yml")
        let sla = readSLA(slaFile, routing: routing)
        problems += slaFile.problems

        var calendars: [String: OfficeCalendar] = [:]
        let calendarDir = "\(dir)/calendars"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: calendarDir)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        if names.isEmpty {
            problems.append(DataProblem(path: calendarDir, line: 0, message: "no calendar files (*.yml)"))
        }
        for name in names {
            let file = YAMLFile(path: "\(calendarDir)/\(name)")
            if let calendar = readCalendar(file, defaultName: String(name.split(separator: ".").first ?? "")) {
                if calendars[calendar.name] != nil {
                    file.problem(file.root, "a second calendar named \(calendar.name)")
                }
                calendars[calendar.name] = calendar
            }
            problems += file.problems
        }

        let sitesFile = YAMLFile(path: "\(dir)/sites.yml")
        let sites = readSites(sitesFile, calendars: calendars)
        problems += sitesFile.problems

        if problems.isEmpty, let routing, let sla {
            let rules = ServiceRules(routing: routing, sla: sla, calendars: calendars, sites: sites)
            problems += rules.problems().map { DataProblem(path: dir, line: 0, message: $0) }
            if problems.isEmpty { return rules }
        }
        throw DataProblems(problems)
    }

    static func readRouting(_ file: YAMLFile) -> Routing? {
        guard let root = file.root else { return nil }
        file.refuseUnknownKeys(
            root, allowed: ["departments", "categories", "category_precedence", "routes"], "routing.yml")
        var departments: [Routing.Department] = []
        for entry in file.mapping(root["departments"], "departments") {
            file.refuseUnknownKeys(entry.value, allowed: ["zh", "en"], "department \(entry.key)")
            let zh = file.string(entry.value["zh"], "the Chinese name (zh) of \(entry.key)", in: entry.value)
            let en = file.string(entry.value["en"], "the English name (en) of \(entry.key)", in: entry.value)
            departments.append(.init(id: entry.key, nameZH: zh ?? entry.key, nameEN: en ?? entry.key))
        }
        if departments.isEmpty { file.problem(root, "no departments listed") }
        var categories: [TicketKind: [String]] = [:]
        for entry in file.mapping(root["categories"], "categories") {
            guard let kind = TicketKind(rawValue: entry.key) else {
                file.problem(
                    entry.keyNode, "unknown kind \"\(entry.key)\"; kinds are repair, complaint, inquiry, suggestion")
                continue
            }
            var seen = Set<String>()
            for node in file.sequence(entry.value, "categories of \(entry.key)") {
                guard let name = file.string(node, "a category", in: entry.value) else { continue }
                if !seen.insert(name).inserted { file.problem(node, "category \(name) is listed twice") }
            }
            categories[kind] = file.sequence(entry.value, "").compactMap(\.string)
        }
        for entry in file.mapping(root["category_precedence"], "category_precedence") {
            guard let kind = TicketKind(rawValue: entry.key) else {
                file.problem(entry.keyNode, "unknown kind \"\(entry.key)\"")
                continue
            }
            for node in file.sequence(entry.value, "category_precedence of \(entry.key)") {
                if let name = node.string, !(categories[kind]?.contains(name) ?? false) {
                    file.problem(node, "unknown \(entry.key) category \"\(name)\" in category_precedence")
                }
            }
        }
        var routes: [TicketKind: [String: String]] = [:]
        let known = Set(departments.map(\.id))
        for entry in file.mapping(root["routes"], "routes") {
            guard let kind = TicketKind(rawValue: entry.key) else {
                file.problem(
                    entry.keyNode, "unknown kind \"\(entry.key)\"; kinds are repair, complaint, inquiry, suggestion")
                continue
            }
            var table: [String: String] = [:]
            for route in file.mapping(entry.value, "routes of \(entry.key)") {
                guard
                    let department = file.string(
                        route.value, "the department of \(entry.key)/\(route.key)", in: route.keyNode)
                else { continue }
                if !known.contains(department) {
                    file.problem(
                        route.value,
                        "unknown department \"\(department)\"; departments are \(known.sorted().joined(separator: ", "))"
                    )
                }
                if route.key != "default" && !(categories[kind]?.contains(route.key) ?? false) {
                    file.problem(route.keyNode, "unknown \(entry.key) category \"\(route.key)\"")
                }
                table[route.key] = department
            }
            routes[kind] = table
        }
        guard file.problems.isEmpty else { return nil }
        return Routing(departments: departments, categories: categories, routes: routes)
    }

    static func readSLA(_ file: YAMLFile, routing: Routing?) -> SLAPolicy? {
        guard let root = file.root else { return nil }
        file.refuseUnknownKeys(
            root,
            allowed: ["clocks", "rules", "high_priority_accept_factor", "auto_close_after", "personal_data_kept_for"],
            "sla.yml")
        var clocks: [TicketKind: SLAClock] = [:]
        for entry in file.mapping(root["clocks"], "clocks") {
            guard let kind = TicketKind(rawValue: entry.key) else {
                file.problem(entry.keyNode, "unknown kind \"\(entry.key)\"")
                continue
            }
            guard let clock = entry.value.string.flatMap(SLAClock.init(rawValue:)) else {
                file.problem(entry.value, "a clock is continuous or office")
                continue
            }
            clocks[kind] = clock
        }
        var rules: [SLAPolicy.Rule] = []
        for node in file.sequence(root["rules"], "rules") {
            file.refuseUnknownKeys(node, allowed: ["kind", "priority", "category", "accept", "resolve"], "an SLA rule")
            guard let kindName = file.string(node["kind"], "kind", in: node) else { continue }
            guard let kind = TicketKind(rawValue: kindName) else {
                file.problem(node["kind"], "unknown kind \"\(kindName)\"")
                continue
            }
            var priority: Priority?
            if let p = node["priority"] {
                priority = p.string.flatMap(Priority.init(rawValue:))
                if priority == nil { file.problem(p, "priority is urgent, high, normal or low") }
            }
            let category = node["category"]?.string
            if let category, let routing, !routing.knows(category: category, of: kind) {
                file.problem(node["category"], "unknown \(kind.rawValue) category \"\(category)\"")
            }
            guard let acceptText = file.string(node["accept"], "accept", in: node) else { continue }
            guard let accept = SLADuration(acceptText) else {
                file.problem(node["accept"], "\"\(acceptText)\" is not a duration like 15m, 4h or 7d")
                continue
            }
            var resolve: SLADuration?
            if let r = node["resolve"], r.null == nil {
                resolve = r.string.flatMap(SLADuration.init)
                if resolve == nil { file.problem(r, "\"\(r.string ?? "")\" is not a duration like 15m, 4h or 7d") }
            }
            rules.append(.init(kind: kind, priority: priority, category: category, accept: accept, resolve: resolve))
        }
        var factor = 0.5
        if let node = root["high_priority_accept_factor"] {
            if let value = node.float, value > 0, value <= 1 {
                factor = value
            } else {
                file.problem(node, "high_priority_accept_factor is a number above 0 and at most 1")
            }
        }
        var autoClose = SLADuration(minutes: 7 * 1440)
        if let node = root["auto_close_after"] {
            if let value = node.string.flatMap(SLADuration.init) {
                autoClose = value
            } else {
                file.problem(node, "auto_close_after is a duration like 7d")
            }
        }
        var keptFor: SLADuration?
        if let node = root["personal_data_kept_for"], node.null == nil {
            // Days, up to a hundred years: longer than any SLA duration.
            if let text = node.string, text.hasSuffix("d"), let days = Int(text.dropLast()), days >= 1, days <= 36_500 {
                keptFor = SLADuration(minutes: days * 1440)
            } else {
                file.problem(node, "personal_data_kept_for is a number of days like 365d, or null to keep forever")
            }
        }
        guard file.problems.isEmpty else { return nil }
        var policy = SLAPolicy(clocks: clocks, rules: rules, highAcceptFactor: factor, autoCloseAfter: autoClose)
        policy.personalDataKeptFor = keptFor
        return policy
    }

    static let weekdayNames = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    static func readCalendar(_ file: YAMLFile, defaultName: String) -> OfficeCalendar? {
        guard let root = file.root else { return nil }
        file.refuseUnknownKeys(
            root, allowed: ["name", "office_hours", "weekdays", "holidays", "workdays"], "a calendar")
        let name = root["name"]?.string ?? defaultName
        var opens = 9 * 3600
        var closes = 18 * 3600
        if let hours = file.string(root["office_hours"], "office_hours", in: root) {
            let parts = hours.split(separator: "-").map { parseClock(String($0)) }
            if parts.count == 2, let o = parts[0], let c = parts[1], o < c {
                opens = o
                closes = c
            } else {
                file.problem(root["office_hours"], "office_hours is like \"08:30-17:30\", opening before closing")
            }
        }
        var weekdays = Set<Int>()
        for node in file.sequence(root["weekdays"], "weekdays") {
            if let day = node.string.flatMap({ weekdayNames[$0.lowercased()] }) {
                weekdays.insert(day)
            } else {
                file.problem(node, "a weekday is one of mon, tue, wed, thu, fri, sat, sun")
            }
        }
        if root["weekdays"] == nil { weekdays = [1, 2, 3, 4, 5] }
        let holidays = readDays(file, root["holidays"], "holidays")
        let workdays = readDays(file, root["workdays"], "workdays")
        guard file.problems.isEmpty else { return nil }
        let calendar = OfficeCalendar(
            name: name, opens: opens, closes: closes, weekdays: weekdays, holidays: holidays, workdays: workdays)
        for problem in calendar.problems() { file.problem(root, problem) }
        return file.problems.isEmpty ? calendar : nil
    }

    /// `HH:MM` as seconds after midnight (`24:00` allowed as the end of the day).
    static func parseClock(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h),
            (0..<60).contains(m),
            h * 60 + m <= 1440
        else { return nil }
        return (h * 60 + m) * 60
    }

    /// Days written one by one (`2026-10-10`) or as ranges (`2026-10-01..2026-10-07`).
    static func readDays(_ file: YAMLFile, _ node: Node?, _ what: String) -> Set<LocalDate> {
        var days = Set<LocalDate>()
        for item in file.sequence(node, what) {
            let text = item.string ?? ""
            let ends = text.components(separatedBy: "..").map { LocalDate($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(ends.count), let first = ends.first ?? nil, let last = ends.last ?? nil,
                first <= last,
                last.daysSinceEpoch - first.daysSinceEpoch < 366
            else {
                file.problem(
                    item, "\"\(text)\" in \(what) is not a day (2026-10-01) or a range (2026-10-01..2026-10-07)")
                continue
            }
            for offset in 0...(last.daysSinceEpoch - first.daysSinceEpoch) { days.insert(first.adding(days: offset)) }
        }
        return days
    }

    static func readSites(_ file: YAMLFile, calendars: [String: OfficeCalendar]) -> [Site] {
        guard let root = file.root else { return [] }
        file.refuseUnknownKeys(root, allowed: ["sites"], "sites.yml")
        var sites: [Site] = []
        for node in file.sequence(root["sites"], "sites") {
            file.refuseUnknownKeys(
                node, allowed: ["id", "name", "time_zone", "calendar", "duty_phone", "office_phone"], "a site")
            guard let id = file.string(node["id"], "id", in: node) else { continue }
            if !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                file.problem(node["id"], "a site id is letters, digits, - and _ (\"\(id)\")")
            }
            if sites.contains(where: { $0.id == id }) { file.problem(node["id"], "site \(id) is listed twice") }
            let name = file.string(node["name"], "name", in: node) ?? id
            let zoneName = node["time_zone"]?.string ?? "Asia/Shanghai"
            guard let zone = TimeZone(identifier: zoneName) else {
                file.problem(node["time_zone"], "unknown time zone \"\(zoneName)\"")
                continue
            }
            let calendar = file.string(node["calendar"], "calendar", in: node) ?? ""
            if !calendar.isEmpty && calendars[calendar] == nil {
                file.problem(
                    node["calendar"],
                    "unknown calendar \"\(calendar)\"; calendars are \(calendars.keys.sorted().joined(separator: ", "))"
                )
            }
            let phone = file.string(node["duty_phone"], "duty_phone", in: node) ?? ""
            let office = node["office_phone"].flatMap { file.string($0, "office_phone", in: node) }
            sites.append(
                Site(id: id, name: name, timeZone: zone, calendar: calendar, dutyPhone: phone, officePhone: office))
        }
        if sites.isEmpty && file.problems.isEmpty { file.problem(root, "no sites listed") }
        return sites
    }
}
