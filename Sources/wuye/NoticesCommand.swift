import ArgumentParser
import Foundation
import WuyeConsole
import WuyeCore

struct NoticesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices",
        abstract: "Notices for owners (停水, 停电, 电梯检修…): add, list, remove.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post a notice; owners are told about it while it is current or coming up.",
            discussion: """
                Example: wuye notices add --kind water --from 2026-11-30T09:00 --to 2026-11-30T17:00 --buildings 3,5 \
                --text "3号楼、5号楼停水检修"
                Times without an offset are in the site's time zone. Without --buildings the notice concerns the \
                whole compound. A refused notice changes nothing.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "water, power, gas, elevator, greenery or other.") var kind: String
        @Option(help: ArgumentHelp("When it starts, like 2026-11-30T09:00 (the site's time).", valueName: "time"))
        var from: String
        @Option(help: ArgumentHelp("When it ends, after --from.", valueName: "time")) var to: String
        @Option(help: ArgumentHelp("The buildings it concerns, like 3,5 (default: all).", valueName: "list"))
        var buildings: String?
        @Option(help: "The notice as owners read it.") var text: String
        @Option(name: .customLong("text-en"), help: "An English version.") var textEN: String?
        @Option(help: "The site (default: the first in sites.yml).") var site: String?
        @Option(help: "Who posts it (default: $USER).") var by: String?
        @Flag(help: "Print the notice as JSON.") var json = false

        func run() async throws {
            try await reporting {
                let rules = try store.rules()
                let site = try rules.site(site)
                let starts = try parseTime(from, option: "--from", zone: site.timeZone)
                let ends = try parseTime(to, option: "--to", zone: site.timeZone)
                guard ends > starts else {
                    throw WuyeError.badField(
                        "--to \"\(to)\" is not after --from \"\(from)\"; a notice must end after it starts")
                }
                let now = try Clock.now()()
                let notice = Notice(
                    id: 0, site: site.id, kind: kind, text: text, textEN: textEN, startsAt: starts, endsAt: ends,
                    buildings: try parseBuildings(buildings), createdAt: now, by: by ?? defaultActor())
                // Checked before the database is opened, so that a refused notice does not even create the file.
                try notice.validate()
                let posted = try await store.store().addNotice(notice, at: now)
                print(json ? try jsonText(Notice.JSON(posted, zone: site.timeZone)) : "posted " + line(posted, rules))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List notices that are current or coming up, soonest first (--all: past ones too).",
            discussion: "Example: wuye notices list --all --json")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Include notices that have ended.") var all = false
        @Option(help: "Only this site.") var site: String?
        @Flag(help: "Print a JSON array of notices.") var json = false

        func run() async throws {
            try await reporting {
                let rules = try store.rules()
                let siteID = try site.map { try rules.site($0).id }
                let now = try Clock.now()()
                let notices = try await store.store().notices(site: siteID, endingAfter: all ? nil : now)
                if json {
                    print(try jsonText(notices.map { Notice.JSON($0, zone: zone(of: $0, rules)) }))
                    return
                }
                guard !notices.isEmpty else {
                    print(all ? "no notices" : "no current or upcoming notices (--all shows past ones)")
                    return
                }
                for notice in notices {
                    let flag =
                        notice.endsAt <= now ? "  [ENDED]" : notice.startsAt <= now ? "  [NOW]" : ""
                    print(line(notice, rules) + flag)
                    if let english = notice.textEN { print("    en: \(english.escapedForTerminal)") }
                }
                print("\(notices.count) notice\(notices.count == 1 ? "" : "s")")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a notice; it is kept in the database's history but no longer shown.",
            discussion: "Example: wuye notices remove N-12")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The notice, like N-12 (or 12).") var id: String
        @Flag(help: "Print the removed notice as JSON.") var json = false

        func run() async throws {
            try await reporting {
                guard let number = Notice.parseID(id) else {
                    throw WuyeError.badField("\"\(id)\" is not a notice id like N-12")
                }
                let rules = try store.rules()
                let removed = try await store.store().removeNotice(number)
                print(
                    json
                        ? try jsonText(Notice.JSON(removed, zone: zone(of: removed, rules)))
                        : "removed " + line(removed, rules))
            }
        }
    }
}

/// `N-3  water  2026-11-30 09:00 – 2026-11-30 17:00  buildings 3, 5  meijia-1  3号楼、5号楼停水检修`, in the
/// notice's site time; staff text escaped.
private func line(_ n: Notice, _ rules: ServiceRules) -> String {
    let zone = zone(of: n, rules)
    let place = n.buildings.isEmpty ? "all buildings" : "buildings \(n.buildings.joined(separator: ", "))"
    return "\(n.reference)  \(n.kind)  \(TicketTable.shortTime(n.startsAt, zone)) – "
        + "\(TicketTable.shortTime(n.endsAt, zone))  \(place)  \(n.site)  \(n.text.escapedForTerminal)"
}

/// The time zone of a notice's site (the default site's for a site no longer configured).
private func zone(of notice: Notice, _ rules: ServiceRules) -> TimeZone {
    (rules.sites.first { $0.id == notice.site } ?? rules.defaultSite)?.timeZone ?? TimeZone(secondsFromGMT: 8 * 3600)!
}

/// Reads `--from`/`--to`: with an offset it is that instant, without one the site's wall-clock time.
private func parseTime(_ text: String, option: String, zone: TimeZone) throws -> Date {
    guard let date = zone.parseTimestamp(text) else {
        throw WuyeError.badField(
            "\(option) \"\(text)\" is not a time like 2026-11-30T09:00 (the site's time) or 2026-11-30T09:00:00+08:00")
    }
    return date
}

/// Reads `--buildings 3,5` (also `3号楼、5栋`) as the building codes rooms use (`3` of `3-2-501`).
private func parseBuildings(_ text: String?) throws -> [String] {
    guard let text else { return [] }
    var codes: [String] = []
    for part in text.split(whereSeparator: { ",，、 ".contains($0) }) {
        var name = String(part)
        for suffix in ["号楼", "栋", "幢", "座", "号"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        guard let room = Room("\(name)--1") else {
            throw WuyeError.badField("--buildings: \"\(part)\" is not a building like 3 or A1")
        }
        if !codes.contains(room.building) { codes.append(room.building) }
    }
    guard !codes.isEmpty else {
        throw WuyeError.badField("--buildings names no building; leave it out for the whole compound")
    }
    return codes
}
