import ArgumentParser
import Foundation
import WuyeCore

struct SitesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "The compounds this store serves (from intents/sites.yml), with their open tickets.",
        discussion: "Example: wuye sites --json")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var id: String
        var name: String
        var time_zone: String
        var calendar: String
        var duty_phone: String
        var active_tickets: Int
        var owners: Int
    }

    func run() async throws {
        try await reporting {
            let desk = try store.desk()
            var rows: [Row] = []
            for site in desk.rules.sites {
                let active = try await desk.store.tickets(TicketQuery(statuses: TicketStatus.active, site: site.id))
                    .count
                let owners = try await desk.store.ownerCount(site: site.id)
                rows.append(
                    Row(
                        id: site.id, name: site.name, time_zone: site.timeZone.identifier, calendar: site.calendar,
                        duty_phone: site.dutyPhone, active_tickets: active, owners: owners))
            }
            if json {
                print(try jsonText(rows))
                return
            }
            for (index, row) in rows.enumerated() {
                print(
                    "\(row.id)\(index == 0 ? " (default)" : "")  \(row.name)  \(row.time_zone)  calendar \(row.calendar)"
                        + "  duty \(row.duty_phone)  active tickets \(row.active_tickets)  owners \(row.owners)")
            }
        }
    }
}
