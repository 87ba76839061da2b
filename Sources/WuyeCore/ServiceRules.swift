import Foundation

/// Everything a property company configures about its service: departments and routing, the SLA table,
/// office calendars and its sites. Read from `intents/` by WuyeData.
public struct ServiceRules: Sendable {
    public var routing: Routing
    public var sla: SLAPolicy
    public var calendars: [String: OfficeCalendar]
    /// The company's compounds; the first is the default where none is named.
    public var sites: [Site]

    public init(routing: Routing, sla: SLAPolicy, calendars: [String: OfficeCalendar], sites: [Site]) {
        self.routing = routing
        self.sla = sla
        self.calendars = calendars
        self.sites = sites
    }

    public var defaultSite: Site? { sites.first }

    /// The site named `id`, or the default one when `id` is nil.
    public func site(_ id: String?) throws -> Site {
        guard let id else {
            guard let site = defaultSite else { throw WuyeError.badData("no site is configured in sites.yml") }
            return site
        }
        guard let site = sites.first(where: { $0.id == id }) else {
            throw WuyeError.badField("unknown site \"\(id)\"; known sites: \(sites.map(\.id).joined(separator: ", "))")
        }
        return site
    }

    /// The calendar a site's office clocks count.
    public func calendar(for site: Site) -> OfficeCalendar {
        calendars[site.calendar]
            ?? OfficeCalendar(name: "default", opens: 9 * 3600, closes: 18 * 3600, weekdays: [1, 2, 3, 4, 5])
    }

    /// Problems across the whole configuration; empty when it can serve.
    public func problems() -> [String] {
        var found = routing.problems() + sla.problems()
        for (name, calendar) in calendars.sorted(by: { $0.key < $1.key }) {
            found += calendar.problems().map { "calendar \(name): \($0)" }
        }
        if sites.isEmpty { found.append("no site is configured") }
        for site in sites where calendars[site.calendar] == nil {
            found.append("site \(site.id) names unknown calendar \(site.calendar)")
        }
        return found
    }
}
