import Foundation

extension MonthlyReport {
    /// The report for people: figures, then bar charts of tickets by category, by department, and this month
    /// against the previous one. `unicode` draws solid bars for a terminal; plain `#` bars otherwise.
    public func text(unicode: Bool) -> String {
        let f = current
        let p = previous
        var lines: [String] = []
        lines.append("物业服务月报 Monthly service report  \(f.month)  站点 site: \(site ?? "全部 all")")
        lines.append(String(repeating: unicode ? "═" : "=", count: 64))
        let rows: [(String, String, String)] = [
            ("工单总数 tickets", "\(f.total)", "\(p.total)"),
            ("已取消 cancelled", "\(f.cancelled)", "\(p.cancelled)"),
            ("投诉处理 complaints handled", "\(f.complaintsHandled)", "\(p.complaintsHandled)"),
            ("解决率 resolution rate", percent(f.resolutionRate), percent(p.resolutionRate)),
            ("及时受理 on time: accept", percent(f.onTimeAccept), percent(p.onTimeAccept)),
            ("及时解决 on time: resolve", percent(f.onTimeResolve), percent(p.onTimeResolve)),
            ("受理用时 min to accept (median/p90)", pair(f.minutesToAccept), pair(p.minutesToAccept)),
            ("解决用时 min to resolve (median/p90)", pair(f.minutesToResolve), pair(p.minutesToResolve)),
            ("返修率 reopen rate", percent(f.reopenRate), percent(p.reopenRate)),
            ("满意度 average rating", number(f.averageRating), number(p.averageRating)),
            ("评价数 ratings", "\(f.ratings)", "\(p.ratings)"),
            ("4–5分占比 share rating 4–5", percent(f.share45), percent(p.share45)),
            ("超时 overdue", "\(f.overdue)", "\(p.overdue)"),
            ("升级 escalated", "\(f.escalated)", "\(p.escalated)"),
        ]
        lines.append(col("", 40) + col("\(f.month)", 14) + "\(p.month)")
        for (label, now, before) in rows { lines.append(col(label, 40) + col(now, 14) + before) }
        let kinds = TicketKind.allCases.map { "\($0.rawValue) \(f.byKind[$0.rawValue] ?? 0)" }
        lines.append("  " + kinds.joined(separator: ", "))

        lines.append("")
        lines.append("按类别 Tickets by category")
        lines += bars(f.byCategory.sorted { ($1.value, $0.key) < ($0.value, $1.key) }, unicode: unicode)
        lines.append("")
        lines.append("按部门 Tickets by department")
        lines += bars(f.byDepartment.sorted { ($1.value, $0.key) < ($0.value, $1.key) }, unicode: unicode)
        lines.append("")
        lines.append("本月与上月 This month against the previous")
        let done = { (x: Figures) in Int(((x.resolutionRate ?? 0) * Double(x.total)).rounded()) }
        lines += bars(
            [
                ("tickets \(f.month)", f.total), ("tickets \(p.month)", p.total),
                ("resolved \(f.month)", done(f)), ("resolved \(p.month)", done(p)),
                ("complaints \(f.month)", f.byKind["complaint"] ?? 0),
                ("complaints \(p.month)", p.byKind["complaint"] ?? 0),
            ], unicode: unicode)

        lines.append("")
        lines.append("部门 Departments")
        lines.append(
            col("  department", 22) + col("total", 7) + col("resolved", 10) + col("accept", 9)
                + col("resolve", 9) + col("overdue", 9) + "escalated")
        for d in f.departments {
            lines.append(
                col("  \(d.department)", 22) + col("\(d.total)", 7) + col(percent(d.resolutionRate), 10)
                    + col(percent(d.onTimeAccept), 9) + col(percent(d.onTimeResolve), 9)
                    + ("\(d.overdue)").padded(to: 9) + "\(d.escalated)")
        }
        lines.append("")
        lines.append("处理人 Assignees")
        lines.append(
            col("  assignee", 22) + col("tickets", 9) + col("handled", 9) + col("on time", 9) + "rating")
        if f.assignees.isEmpty { lines.append("  (none)") }
        for a in f.assignees {
            lines.append(
                col("  \(a.assignee)", 22) + col("\(a.tickets)", 9) + col("\(a.handled)", 9)
                    + (percent(a.onTimeResolve)).padded(to: 9) + number(a.averageRating))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as a Markdown document, for pasting into mail or a wiki.
    public func markdown() -> String {
        let f = current
        let p = previous
        var out = "# 物业服务月报 Monthly service report \(f.month)\n\nSite: \(site ?? "all sites")\n\n"
        out += "| figure | \(f.month) | \(p.month) |\n|---|---:|---:|\n"
        for (label, now, before) in Self.summaryRows(f, p) { out += "| \(label) | \(now) | \(before) |\n" }
        out += "\n## Tickets by category\n\n| category | tickets |\n|---|---:|\n"
        for (k, v) in f.byCategory.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "| \(k) | \(v) |\n"
        }
        out +=
            "\n## Departments\n\n| department | total | resolution rate | on time: accept | on time: resolve | overdue | escalated |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|\n"
        for d in f.departments {
            out += "| \(d.department) | \(d.total) | \(percent(d.resolutionRate)) | \(percent(d.onTimeAccept)) | "
            out += "\(percent(d.onTimeResolve)) | \(d.overdue) | \(d.escalated) |\n"
        }
        out += "\n## Assignees\n\n| assignee | tickets | handled | on time: resolve | average rating |\n"
        out += "|---|---:|---:|---:|---:|\n"
        for a in f.assignees {
            out +=
                "| \(a.assignee) | \(a.tickets) | \(a.handled) | \(percent(a.onTimeResolve)) | \(number(a.averageRating)) |\n"
        }
        return out
    }

    /// The report as CSV rows `section,key,month,value` (a spreadsheet pivots them); empty values are blank.
    public func csv() -> String {
        var out = "section,key,month,value\n"
        func row(_ section: String, _ key: String, _ month: Month, _ value: String) {
            out += [section, key, month.description, value].map(Self.csvField).joined(separator: ",") + "\n"
        }
        for f in [current, previous] {
            for (key, value) in Self.plainRows(f) { row("summary", key, f.month, value) }
            for (k, v) in f.byKind.sorted(by: { $0.key < $1.key }) { row("by_kind", k, f.month, "\(v)") }
            for (k, v) in f.byCategory.sorted(by: { $0.key < $1.key }) { row("by_category", k, f.month, "\(v)") }
            for (k, v) in f.byDepartment.sorted(by: { $0.key < $1.key }) { row("by_department", k, f.month, "\(v)") }
            for (k, v) in f.bySite.sorted(by: { $0.key < $1.key }) { row("by_site", k, f.month, "\(v)") }
            for d in f.departments {
                row("department_total", d.department, f.month, "\(d.total)")
                row("department_resolution_rate", d.department, f.month, Self.plain(d.resolutionRate))
                row("department_on_time_resolve", d.department, f.month, Self.plain(d.onTimeResolve))
            }
            for a in f.assignees {
                row("assignee_handled", a.assignee, f.month, "\(a.handled)")
                row("assignee_on_time_resolve", a.assignee, f.month, Self.plain(a.onTimeResolve))
                row("assignee_average_rating", a.assignee, f.month, Self.plain(a.averageRating))
            }
        }
        return out
    }

    static func plainRows(_ f: Figures) -> [(String, String)] {
        [
            ("total", "\(f.total)"), ("cancelled", "\(f.cancelled)"), ("complaints_handled", "\(f.complaintsHandled)"),
            ("resolution_rate", plain(f.resolutionRate)), ("on_time_accept", plain(f.onTimeAccept)),
            ("on_time_resolve", plain(f.onTimeResolve)), ("minutes_to_accept_median", plain(f.minutesToAccept.median)),
            ("minutes_to_accept_p90", plain(f.minutesToAccept.p90)),
            ("minutes_to_resolve_median", plain(f.minutesToResolve.median)),
            ("minutes_to_resolve_p90", plain(f.minutesToResolve.p90)), ("reopen_rate", plain(f.reopenRate)),
            ("ratings", "\(f.ratings)"), ("average_rating", plain(f.averageRating)), ("share_4_5", plain(f.share45)),
            ("overdue", "\(f.overdue)"), ("escalated", "\(f.escalated)"),
        ]
    }

    static func summaryRows(_ f: Figures, _ p: Figures) -> [(String, String, String)] {
        [
            ("tickets", "\(f.total)", "\(p.total)"), ("cancelled", "\(f.cancelled)", "\(p.cancelled)"),
            ("complaints handled", "\(f.complaintsHandled)", "\(p.complaintsHandled)"),
            ("resolution rate", percent(f.resolutionRate), percent(p.resolutionRate)),
            ("on time: accept", percent(f.onTimeAccept), percent(p.onTimeAccept)),
            ("on time: resolve", percent(f.onTimeResolve), percent(p.onTimeResolve)),
            ("minutes to accept (median / p90)", pair(f.minutesToAccept), pair(p.minutesToAccept)),
            ("minutes to resolve (median / p90)", pair(f.minutesToResolve), pair(p.minutesToResolve)),
            ("reopen rate", percent(f.reopenRate), percent(p.reopenRate)),
            ("average rating", number(f.averageRating), number(p.averageRating)),
            ("ratings", "\(f.ratings)", "\(p.ratings)"), ("share rating 4–5", percent(f.share45), percent(p.share45)),
            ("overdue", "\(f.overdue)", "\(p.overdue)"), ("escalated", "\(f.escalated)", "\(p.escalated)"),
        ]
    }

    private func bars(_ items: [(String, Int)], unicode: Bool) -> [String] {
        guard let top = items.map(\.1).max(), top > 0 else { return ["  (none)"] }
        let labelWidth = min(28, items.map { $0.0.terminalWidth }.max() ?? 0) + 2
        return items.map { label, value in
            let length = Int((Double(value) / Double(top) * 30).rounded())
            let bar = String(repeating: unicode ? "█" : "#", count: max(value > 0 ? 1 : 0, length))
            return col("  " + label, labelWidth + 2) + bar + " \(value)"
        }
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func plain(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
    static func plain(_ v: Int?) -> String { v.map { "\($0)" } ?? "" }
}

private func percent(_ v: Double?) -> String {
    guard let v else { return "—" }
    let tenths = Int((v * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
}

private func number(_ v: Double?) -> String { v.map { "\($0)" } ?? "—" }

private func pair(_ p: MonthlyReport.Percentiles) -> String {
    guard let median = p.median, let p90 = p.p90 else { return "—" }
    return "\(median) / \(p90)"
}

private func col(_ s: String, _ columns: Int) -> String { s.padded(to: columns) }
