import ArgumentParser
import Foundation
import WuyeCore
import WuyeSQLite

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the whole database to a new file, safely while servers and consoles are using it.",
        discussion: """
            Uses SQLite's online backup: one consistent snapshot, checked with integrity_check before it gets \
            its name, so a backup file that exists is whole. Never overwrites a file. A nightly cron line:
              15 2 * * *  wuye backup --db /var/lib/wuye/wuye.db /var/backups/wuye/wuye-$(date +\\%F).db
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("Where to write the backup (a new file).", valueName: "path")) var path: String
    @Flag(help: "Print what the backup holds as JSON.") var json = false

    func run() async throws {
        try await reporting {
            let summary = try store.store().backup(to: path)
            try printSummary(summary, verb: "backed up", json: json)
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database's content with a backup made by wuye backup.",
        discussion: """
            The backup is checked first (a Wuye database that passes integrity_check) and is not changed. A \
            database that already holds tickets is only replaced with --force, and then its current content is \
            first saved beside it as DB.before-restore-TIME. Stop the servers first: they would keep serving \
            conversations that the restored database does not know.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The backup file.", valueName: "path")) var path: String
    @Flag(help: "Replace a database that already holds tickets (its content is saved beside it first).")
    var force = false
    @Flag(help: "Print what was restored as JSON.") var json = false

    func run() async throws {
        try await reporting {
            let backup = try SQLiteTicketStore.inspectBackup(path)
            let target = try store.store()
            let existing = try await target.tickets(TicketQuery(limit: 1))
            if !existing.isEmpty {
                guard force else {
                    throw WuyeError.badField(
                        "\(target.path) already holds tickets; add --force to replace it (its content is saved "
                            + "beside it first)")
                }
                let stamp = TimeZone(identifier: "UTC")!.iso8601(Date()).prefix(19)
                    .replacingOccurrences(of: ":", with: "")
                let saved = try target.backup(to: "\(target.path).before-restore-\(stamp)")
                printWarning("the database's content before the restore is saved in \(saved.path)")
            }
            try target.restore(checked: backup)
            try printSummary(backup, verb: "restored", json: json)
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a month's tickets with their whole histories, as CSV or JSON.",
        discussion: """
            A ticket belongs to the month it was opened in, in its site's time zone. CSV has one row per history \
            event with the ticket's fields repeated; JSON is an array of ticket objects (PROTOCOL.md) with their \
            events. Phone numbers are masked unless --show-phones. Example:
              wuye export --month 2026-11 --format csv > tickets-2026-11.csv
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var store: StoreOptions
    @Option(help: "The month, YYYY-MM (default: the current month).") var month: String?
    @Option(help: "Only this site (default: all sites).") var site: String?
    @Option(help: "csv or json.") var format: Format = .csv
    @Flag(help: "Show owners' phone numbers in full.") var showPhones = false

    func run() async throws {
        try await reporting {
            let desk = try store.desk()
            let period = try parseMonth(month, desk: desk, site: site)
            let tickets = try await desk.tickets(from: period, through: period, site: site)
            switch format {
            case .csv: print(TicketExport.csv(tickets, showPhones: showPhones), terminator: "")
            case .json: print(try jsonText(showPhones ? tickets : tickets.map(TicketExport.masked)))
            }
        }
    }
}

/// One line saying what a backup file holds, or its JSON.
private func printSummary(_ summary: BackupSummary, verb: String, json: Bool) throws {
    if json {
        print(try jsonText(summary))
        return
    }
    let last = summary.lastChange.map { " (last change \(ISO8601DateFormatter().string(from: $0)))" } ?? ""
    print(
        "\(verb) \(summary.path): \(summary.tickets) tickets, \(summary.events) history events, "
            + "\(summary.notices) notices, \(summary.owners) registered owners, \(summary.bytes) bytes\(last)")
}
