import ArgumentParser
import Foundation
import WuyeCore

struct OwnersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owners",
        abstract: "The owner registry: who may speak for a room, checked by phone.",
        subcommands: [Import.self, Check.self, Show.self, Forget.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a site's owner registry with a CSV file (header: room,name,phone).",
            discussion: """
                Example: wuye owners import owners.csv --site meijia-1
                Rooms are written 3-2-501 (5--1803 without a unit). A file with any bad line imports nothing \
                and names every bad line.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The site (default: the first in sites.yml).") var site: String?

        func run() async throws {
            try await reporting {
                let desk = try store.desk()
                let site = try desk.rules.site(site)
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw WuyeError.badField("cannot read \(file)")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw WuyeError.badData("\(file): error: the file is not UTF-8 text; nothing was imported")
                }
                let owners = try OwnerCSV.parse(text, site: site.id, path: file)
                try await desk.store.replaceOwners(owners, site: site.id)
                let rooms = Set(owners.map(\.room)).count
                print(
                    "imported \(owners.count) owner\(owners.count == 1 ? "" : "s") of \(rooms) room\(rooms == 1 ? "" : "s") into \(site.id)"
                )
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a phone against the registry for a room: verified, mismatch or unknown_room.",
            discussion: "Example: wuye owners check 3-2-501 13812345678 (exit status 0 only when verified)")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The room, like 3-2-501.") var room: String
        @Argument(help: "The phone given.") var phone: String
        @Option(help: "The site (default: the first in sites.yml).") var site: String?

        func run() async throws {
            try await reporting {
                let result = try await store.desk().checkOwner(site: site, room: try parseRoom(room), phone: phone)
                print(result.rawValue)
                if result != .verified { throw ExitCode(3) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the registered owners of a room (phones masked unless --show-phones).",
            discussion: "Example: wuye owners show 3-2-501")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The room, like 3-2-501.") var room: String
        @Option(help: "The site (default: the first in sites.yml).") var site: String?
        @Flag(help: "Show phone numbers in full.") var showPhones = false

        func run() async throws {
            try await reporting {
                let desk = try store.desk()
                let site = try desk.rules.site(site)
                let owners = try await desk.store.owners(site: site.id, room: try parseRoom(room))
                if owners.isEmpty { print("no registered owner of \(room) in \(site.id)") }
                for owner in owners {
                    print(
                        "\(owner.room)  \(owner.name.escapedForTerminal)  \(showPhones ? owner.phone.digits : owner.phone.masked)"
                    )
                }
            }
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a room's owner from the store at their request (PIPL); the tickets stay.",
            discussion: """
                Names and phone numbers leave the room's tickets (their fields, their text and every history \
                note), the room's registry entries and its conversations; each ticket records who erased it. \
                Without --yes it only says what would be erased. Example: wuye owners forget 3-2-501 --yes
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The room, like 3-2-501.") var room: String
        @Option(help: "The site (default: the first in sites.yml).") var site: String?
        @Option(help: "Who is erasing (recorded in each ticket's history; default: $USER).") var by: String?
        @Flag(help: "Erase now (without it, only show what would be erased).") var yes = false

        func run() async throws {
            try await reporting {
                let desk = try store.desk()
                let site = try desk.rules.site(site)
                let room = try parseRoom(room)
                guard yes else {
                    let tickets = try await desk.store.tickets(TicketQuery(room: room, site: site.id))
                    let owners = try await desk.store.owners(site: site.id, room: room)
                    print(
                        "would erase the personal data of \(room) in \(site.id): \(tickets.count) tickets"
                            + (tickets.isEmpty ? "" : " (\(tickets.map(\.id).joined(separator: ", ")))")
                            + ", \(owners.count) registry entries and the room's conversations; add --yes to do it")
                    return
                }
                let erasure = try await desk.forget(room: room, site: site.id, by: by ?? defaultActor())
                print(
                    "erased the personal data of \(room) in \(site.id): \(erasure.tickets.count) tickets"
                        + (erasure.tickets.isEmpty ? "" : " (\(erasure.tickets.joined(separator: ", ")))")
                        + ", \(erasure.owners) registry entries, \(erasure.sessions) conversations")
            }
        }
    }
}
