import Foundation

extension MonthlyReport {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// PROTOCOL.md's report object; a figure with nothing to measure is `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try Self.encode(current, site: site, into: &c)
        var previousContainer = c.nestedContainer(keyedBy: Key.self, forKey: Key("previous"))
        try Self.encode(previous, site: site, into: &previousContainer)
    }

    private static func encode(_ f: Figures, site: String?, into c: inout KeyedEncodingContainer<Key>) throws {
        try c.encode(f.month.description, forKey: Key("month"))
        try c.encode(site, forKey: Key("site"))
        var t = c.nestedContainer(keyedBy: Key.self, forKey: Key("tickets"))
        try t.encode(f.total, forKey: Key("total"))
        try t.encode(f.cancelled, forKey: Key("cancelled"))
        try t.encode(f.byKind, forKey: Key("by_kind"))
        try t.encode(f.byCategory, forKey: Key("by_category"))
        try t.encode(f.byDepartment, forKey: Key("by_department"))
        try t.encode(f.bySite, forKey: Key("by_site"))
        try c.encode(f.complaintsHandled, forKey: Key("complaints_handled"))
        try c.encode(f.resolutionRate, forKey: Key("resolution_rate"))
        var onTime = c.nestedContainer(keyedBy: Key.self, forKey: Key("on_time_rate"))
        try onTime.encode(f.onTimeAccept, forKey: Key("accept"))
        try onTime.encode(f.onTimeResolve, forKey: Key("resolve"))
        for (key, p) in [("minutes_to_accept", f.minutesToAccept), ("minutes_to_resolve", f.minutesToResolve)] {
            var m = c.nestedContainer(keyedBy: Key.self, forKey: Key(key))
            try m.encode(p.median, forKey: Key("median"))
            try m.encode(p.p90, forKey: Key("p90"))
        }
        try c.encode(f.reopenRate, forKey: Key("reopen_rate"))
        var s = c.nestedContainer(keyedBy: Key.self, forKey: Key("satisfaction"))
        try s.encode(f.ratings, forKey: Key("ratings"))
        try s.encode(f.averageRating, forKey: Key("average"))
        try s.encode(f.share45, forKey: Key("share_4_5"))
        try c.encode(f.overdue, forKey: Key("overdue"))
        try c.encode(f.escalated, forKey: Key("escalated"))
        var departments = c.nestedUnkeyedContainer(forKey: Key("departments"))
        for d in f.departments {
            var row = departments.nestedContainer(keyedBy: Key.self)
            try row.encode(d.department, forKey: Key("department"))
            try row.encode(d.total, forKey: Key("total"))
            try row.encode(d.resolutionRate, forKey: Key("resolution_rate"))
            try row.encode(d.onTimeAccept, forKey: Key("on_time_accept"))
            try row.encode(d.onTimeResolve, forKey: Key("on_time_resolve"))
            try row.encode(d.overdue, forKey: Key("overdue"))
            try row.encode(d.escalated, forKey: Key("escalated"))
        }
        var assignees = c.nestedUnkeyedContainer(forKey: Key("assignees"))
        for a in f.assignees {
            var row = assignees.nestedContainer(keyedBy: Key.self)
            try row.encode(a.assignee, forKey: Key("assignee"))
            try row.encode(a.tickets, forKey: Key("tickets"))
            try row.encode(a.handled, forKey: Key("handled"))
            try row.encode(a.onTimeResolve, forKey: Key("on_time_resolve"))
            try row.encode(a.averageRating, forKey: Key("average_rating"))
        }
    }
}
