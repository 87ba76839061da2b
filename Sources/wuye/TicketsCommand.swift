import ArgumentParser
import Foundation
import WuyeConsole
import WuyeCore

struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "Work the ticket queue: list, show, open, update, sweep.",
        subcommands: [List.self, Show.self, Open.self, Update.self, Priority.self, Sweep.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tickets, newest first.",
            discussion: "Example: wuye tickets list --status open --department engineering --overdue")

        @OptionGroup var store: StoreOptions
        @Option(help: "Only this status (open, assigned, in_progress, resolved, closed, cancelled, or active).")
        var status: String?
        @Option(help: "Only tickets of this room (its own or as a reporter), like 3-2-501.") var room: String?
        @Option(help: "Only this kind (repair, complaint, inquiry, suggestion).") var kind: String?
        @Option(help: "Only this department.") var department: String?
        @Option(help: "Only this site.") var site: String?
        @Option(help: "Only this assignee.") var assignee: String?
        @Flag(help: "Only tickets past a deadline.") var overdue = false
        @Option(help: "At most this many tickets.") var limit: Int = 200
        @Flag(help: "Print a JSON array of tickets.") var json = false

        func run() async throws {
            try await reporting {
                let desk = try store.desk()
                var query = TicketQuery(limit: limit)
                if let status {
                    if status == "active" {
                        query.statuses = TicketStatus.active
                    } else {
                        guard let value = TicketStatus(rawValue: status) else {
                            throw WuyeError.badField(
                                "unknown status \"\(status)\"; statuses are "
                                    + TicketStatus.allCases.map(\.rawValue).joined(separator: ", ") + ", active")
                        }
                        query.statuses = [value]
                    }
                }
                if let room { query.room = try parseRoom(room) }
                if let kind { query.kind = try parseKind(kind) }
                if let department {
                    guard desk.rules.routing.department(id: department) != nil else {
                        throw WuyeError.badField(
                            "unknown department \"\(department)\"; departments are "
                                + desk.rules.routing.departments.map(\.id).joined(separator: ", "))
                    }
                    query.department = department
                }
                if let site { query.site = try desk.rules.site(site).id }
                query.assignee = assignee
                let now = desk.currentTime
                if overdue { query.overdueAt = now }
                guard limit > 0 else { throw WuyeError.badField("--limit must be at least 1") }
                let tickets = try await desk.store.tickets(query)
                if json {
                    print(try jsonText(tickets))
                } else {
                    print(TicketTable.render(tickets, now: now), terminator: "")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one ticket with its history.", discussion: "Example: wuye tickets show R-1024")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The ticket id, like R-1024.") var id: String
        @Flag(help: "Print the ticket as JSON, with its events.") var json = false

        func run() async throws {
            try await reporting {
                let desk = try store.desk()
                let ticket = try await desk.ticket(id)
                print(
                    json
                        ? try jsonText(ticket)
                        : TicketTable.detail(ticket, now: desk.currentTime, routing: desk.rules.routing))
            }
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a ticket by hand (a phone call, a walk-in).",
            discussion: "Example: wuye tickets open --kind repair --category plumbing --room 3-2-501 --summary 厨房漏水")

        @OptionGroup var store: StoreOptions
        @Option(help: "repair, complaint, inquiry or suggestion.") var kind: String
        @Option(help: "The category of that kind (see intents/routing.yml).") var category: String?
        @Option(help: "The reporting owner's room, like 3-2-501.") var room: String
        @Option(help: "Where a common-area fault is, like 3号楼2单元电梯.") var location: String?
        @Option(help: "urgent, high, normal or low.") var priority: String?
        @Option(help: "What is wrong, in a few words.") var summary: String
        @Option(help: "The owner's own words (default: the summary).") var text: String?
        @Option(help: "The owner's name.") var name: String?
        @Option(help: "The owner's mobile number.") var phone: String?
        @Option(help: "The site (default: the first in sites.yml).") var site: String?
        @Option(help: "Who opened it (default: $USER).") var by: String?
        @Flag(help: "Print the ticket as JSON.") var json = false

        func run() async throws {
            try await reporting {
                let desk = try store.desk()
                var report = TicketDesk.Report(
                    kind: try parseKind(kind), category: category, site: site, room: try parseRoom(room),
                    location: location, summary: summary, text: text, ownerName: name, ownerPhone: phone)
                if let priority {
                    guard let value = WuyeCore.Priority(rawValue: priority) else {
                        throw WuyeError.badField(
                            "unknown priority \"\(priority)\"; priorities are urgent, high, normal, low")
                    }
                    report.priority = value
                }
                let ticket = try await desk.open(report, by: by ?? defaultActor())
                print(
                    json
                        ? try jsonText(ticket)
                        : TicketTable.detail(ticket, now: desk.currentTime, routing: desk.rules.routing))
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take one lifecycle step: assign, start, resolve, close, reopen, cancel, note, escalate.",
            discussion: """
                Example: wuye tickets update R-1024 assign --department engineering --assignee 张师傅
                A step the ticket's status does not allow is refused and changes nothing.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The ticket id, like R-1024.") var id: String
        @Argument(help: "assign, start, resolve, close, reopen, cancel, note or escalate.") var action: String
        @Option(help: "The department to assign to.") var department: String?
        @Option(help: "The person to assign to.") var assignee: String?
        @Option(help: "A note for the history.") var note: String?
        @Option(help: "Who acts (default: $USER).") var by: String?
        @Flag(help: "Print the ticket as JSON.") var json = false

        func run() async throws {
            try await reporting {
                guard let step = TicketAction(rawValue: action) else {
                    throw WuyeError.badField(
                        "unknown action \"\(action)\"; actions are "
                            + TicketAction.allCases.map(\.rawValue).joined(separator: ", "))
                }
                let desk = try store.desk()
                let ticket = try await desk.perform(
                    step, on: id, StepDetails(department: department, assignee: assignee, note: note),
                    by: by ?? defaultActor())
                print(
                    json ? try jsonText(ticket) : "\(ticket.id): \(step.rawValue) done, now \(ticket.status.rawValue)")
            }
        }
    }

    struct Priority: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a ticket's priority; while it is not accepted, its accept deadline follows.",
            discussion: "Example: wuye tickets priority R-1024 high")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The ticket id.") var id: String
        @Argument(help: "urgent, high, normal or low.") var priority: String
        @Option(help: "Who acts (default: $USER).") var by: String?

        func run() async throws {
            try await reporting {
                guard let value = WuyeCore.Priority(rawValue: priority) else {
                    throw WuyeError.badField(
                        "unknown priority \"\(priority)\"; priorities are urgent, high, normal, low")
                }
                let desk = try store.desk()
                let ticket = try await desk.setPriority(id, to: value, by: by ?? defaultActor())
                print(
                    "\(ticket.id): priority \(ticket.priority.rawValue), accept by \(ticket.timeZone.iso8601(ticket.acceptDueAt))"
                )
            }
        }
    }

    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Escalate overdue tickets, close long-resolved ones, erase expired personal data (from cron).",
            discussion: """
                Escalates tickets past a deadline, closes tickets resolved longer ago than auto_close_after and \
                erases owners' names and phones from tickets closed longer than personal_data_kept_for (both in \
                sla.yml). Example: */5 * * * * wuye tickets sweep
                """)

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reporting {
                let result = try await store.desk().sweep()
                print(
                    "escalated \(result.escalated.count)"
                        + (result.escalated.isEmpty ? "" : ": " + result.escalated.joined(separator: ", ")))
                print(
                    "closed \(result.closed.count)"
                        + (result.closed.isEmpty ? "" : ": " + result.closed.joined(separator: ", ")))
                print(
                    "erased \(result.erased.count)"
                        + (result.erased.isEmpty ? "" : ": " + result.erased.joined(separator: ", ")))
            }
        }
    }
}

func parseRoom(_ text: String) throws -> Room {
    guard let room = Room(text) else {
        throw WuyeError.badField("\"\(text)\" is not a room like 3-2-501 (building-unit-room; 5--1803 without a unit)")
    }
    return room
}

func parseKind(_ text: String) throws -> TicketKind {
    guard let kind = TicketKind(rawValue: text) else {
        throw WuyeError.badField("unknown kind \"\(text)\"; kinds are repair, complaint, inquiry, suggestion")
    }
    return kind
}

/// Who a command acts as when `--by` is not given: the login name.
func defaultActor() -> String {
    let env = ProcessInfo.processInfo.environment
    return env["USER"] ?? env["LOGNAME"] ?? "staff"
}
