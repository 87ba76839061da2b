import Foundation
import GRDB
import Synchronization
import WuyeCore

extension SQLiteTicketStore {
    public func create(_ draft: TicketDraft, at now: Date) async throws -> Ticket {
        try await guarded("opening a ticket") {
            try await committer.write { db in try Self.create(draft, at: now, db) }
        }
    }

    static func create(_ draft: TicketDraft, at now: Date, _ db: Database) throws -> Ticket {
        try db.cachedStatement(
            sql: "INSERT INTO ticket_sequence (kind, next) VALUES (?, ?) ON CONFLICT(kind) DO NOTHING"
        ).execute(arguments: [draft.kind.rawValue, MemoryTicketStore.firstNumber])
        let number = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT next FROM ticket_sequence WHERE kind = ?"), arguments: [draft.kind.rawValue]
        )!
        try db.cachedStatement(sql: "UPDATE ticket_sequence SET next = next + 1 WHERE kind = ?").execute(arguments: [
            draft.kind.rawValue
        ])
        let ticket = Ticket(
            id: "\(draft.kind.letter)-\(number)", kind: draft.kind, category: draft.category, site: draft.site,
            room: draft.room, location: draft.location, priority: draft.priority, department: draft.department,
            summary: draft.summary, text: draft.text, ownerName: draft.ownerName, ownerPhone: draft.ownerPhone,
            createdAt: now, acceptDueAt: draft.acceptDueAt, resolveDueAt: draft.resolveDueAt,
            timeZone: draft.timeZone,
            events: [TicketEvent(at: now, action: .open, status: .open, by: draft.by)])
        try Self.insert(ticket, number: number, db)
        try Self.saveReporters(ticket, db)
        try Self.insertEvents(ticket.events!, of: ticket.id, db)
        return ticket
    }

    public func ticket(_ id: String) async throws -> Ticket? {
        try await guarded("reading ticket \(id)") {
            try await pool.read { db in try Self.load(id, db) }
        }
    }

    public func tickets(_ query: TicketQuery) async throws -> [Ticket] {
        try await guarded("listing tickets") {
            try await pool.read { db in try Self.tickets(query, db) }
        }
    }

    static func tickets(_ query: TicketQuery, _ db: Database) throws -> [Ticket] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let statuses = query.statuses {
            conditions.append("status IN (\(statuses.map { _ in "?" }.joined(separator: ",")))")
            arguments += statuses.map(\.rawValue)
            if statuses.isEmpty { conditions.append("0") }
        }
        if let room = query.room {
            conditions.append("(room = ? OR id IN (SELECT ticket_id FROM ticket_reporters WHERE room = ?))")
            arguments += [room.description, room.description]
        }
        for (column, value) in [
            ("kind", query.kind?.rawValue), ("category", query.category), ("department", query.department),
            ("site", query.site), ("assignee", query.assignee),
        ] {
            if let value {
                conditions.append("\(column) = ?")
                arguments.append(value)
            }
        }
        if let at = query.overdueAt?.timeIntervalSince1970 {
            conditions.append(
                "status IN ('open', 'assigned', 'in_progress') AND ((accepted_at IS NULL AND accept_due_at < ?)"
                    + " OR (resolve_due_at IS NOT NULL AND resolve_due_at < ?))")
            arguments += [at, at]
        }
        if let escalated = query.escalated {
            conditions.append("escalated = ?")
            arguments.append(escalated)
        }
        if let before = query.resolvedBefore {
            conditions.append("resolved_at IS NOT NULL AND resolved_at < ?")
            arguments.append(before.timeIntervalSince1970)
        }
        if let from = query.createdFrom {
            conditions.append("created_at >= ?")
            arguments.append(from.timeIntervalSince1970)
        }
        if let before = query.createdBefore {
            conditions.append("created_at < ?")
            arguments.append(before.timeIntervalSince1970)
        }
        if let located = query.located { conditions.append(located ? "location IS NOT NULL" : "location IS NULL") }
        if let before = query.updatedBefore {
            conditions.append("updated_at < ?")
            arguments.append(before.timeIntervalSince1970)
        }
        if let erased = query.erased {
            conditions.append(
                (erased ? "" : "NOT ")
                    + "EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = tickets.id AND e.action = 'erase')")
        }
        var sql = "SELECT * FROM tickets"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY created_at DESC, number DESC"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments.append(max(0, limit))
        }
        let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        var tickets = try rows.map(Self.ticket(from:))
        try Self.attach(to: &tickets, events: query.withEvents, db)
        return tickets
    }

    public func update(_ id: String, _ change: @escaping @Sendable (inout Ticket) throws -> [TicketEvent]) async throws
        -> Ticket
    {
        try await guarded("updating ticket \(id)") {
            try await committer.write { db in try Self.update(id, change, db) }
        }
    }

    static func update(_ id: String, _ change: (inout Ticket) throws -> [TicketEvent], _ db: Database) throws -> Ticket
    {
        guard var ticket = try Self.load(id, db) else { throw WuyeError.notFound(ticket: id) }
        let before = ticket.events ?? []
        let added = try change(&ticket)
        ticket.events = before + added
        guard !added.isEmpty else { return ticket }
        try Self.saveRow(ticket, db)
        try Self.saveReporters(ticket, db)
        try Self.insertEvents(added, of: id, db)
        return ticket
    }

    static let columns = [
        "kind", "status", "category", "site", "room", "location", "priority", "department", "assignee", "summary",
        "text",
        "owner_name", "owner_phone", "created_at", "accept_due_at", "resolve_due_at", "accepted_at", "resolved_at",
        "closed_at", "updated_at", "escalated", "reopen_count", "rating", "time_zone",
    ]

    static func values(_ t: Ticket) -> [(any DatabaseValueConvertible)?] {
        [
            t.kind.rawValue, t.status.rawValue, t.category, t.site, t.room.description, t.location, t.priority.rawValue,
            t.department, t.assignee, t.summary, t.text, t.ownerName, t.ownerPhone, t.createdAt.timeIntervalSince1970,
            t.acceptDueAt.timeIntervalSince1970, t.resolveDueAt?.timeIntervalSince1970,
            t.acceptedAt?.timeIntervalSince1970, t.resolvedAt?.timeIntervalSince1970, t.closedAt?.timeIntervalSince1970,
            t.updatedAt.timeIntervalSince1970, t.escalated, t.reopenCount, t.rating, t.timeZone.identifier,
        ]
    }

    static func insert(_ t: Ticket, number: Int, _ db: Database) throws {
        let names = ["id", "number"] + columns
        try db.cachedStatement(
            sql:
                "INSERT INTO tickets (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        ).execute(arguments: StatementArguments([t.id, number] + values(t)))
    }

    static func saveRow(_ t: Ticket, _ db: Database) throws {
        try db.cachedStatement(
            sql: "UPDATE tickets SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"
        ).execute(arguments: StatementArguments(values(t) + [t.id]))
    }

    static func saveReporters(_ t: Ticket, _ db: Database) throws {
        for (position, room) in t.reporters.enumerated() {
            try db.cachedStatement(
                sql: "INSERT INTO ticket_reporters (ticket_id, room, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
            ).execute(arguments: [t.id, room.description, position])
        }
    }

    static func insertEvents(_ events: [TicketEvent], of id: String, _ db: Database) throws {
        for e in events {
            try db.cachedStatement(
                sql: "INSERT INTO ticket_events (ticket_id, at, action, status, by, note) VALUES (?, ?, ?, ?, ?, ?)"
            ).execute(arguments: [id, e.at.timeIntervalSince1970, e.action.rawValue, e.status.rawValue, e.by, e.note])
        }
    }

    /// Time zones by name, made once: building a `TimeZone` costs more than decoding the rest of a row.
    private static let zones = Mutex<[String: TimeZone]>([:])

    static func timeZone(_ name: String) -> TimeZone {
        zones.withLock { zones in
            if let zone = zones[name] { return zone }
            let zone = TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 8 * 3600)!
            zones[name] = zone
            return zone
        }
    }

    static func load(_ id: String, _ db: Database) throws -> Ticket? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tickets WHERE id = ?"), arguments: [id])
        else {
            return nil
        }
        var tickets = [try ticket(from: row)]
        try attach(to: &tickets, events: true, db)
        return tickets[0]
    }

    /// Fills in reporters (and events) for a batch of tickets with one query each, not one per ticket.
    static func attach(to tickets: inout [Ticket], events: Bool, _ db: Database) throws {
        guard !tickets.isEmpty else { return }
        let ids = tickets.map(\.id)
        let marks = ids.map { _ in "?" }.joined(separator: ",")
        var reporters: [String: [Room]] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT ticket_id, room FROM ticket_reporters WHERE ticket_id IN (\(marks)) ORDER BY position"),
            arguments: StatementArguments(ids))
        {
            if let room = Room(row["room"] as String) { reporters[row["ticket_id"], default: []].append(room) }
        }
        var history: [String: [TicketEvent]] = [:]
        if events {
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM ticket_events WHERE ticket_id IN (\(marks)) ORDER BY id"),
                arguments: StatementArguments(ids))
            {
                let event = TicketEvent(
                    at: Date(timeIntervalSince1970: row["at"]),
                    action: TicketEvent.Action(rawValue: row["action"]) ?? .note,
                    status: TicketStatus(rawValue: row["status"]) ?? .open, by: row["by"], note: row["note"])
                history[row["ticket_id"], default: []].append(event)
            }
        }
        for i in tickets.indices {
            if let rooms = reporters[tickets[i].id], !rooms.isEmpty { tickets[i].reporters = rooms }
            if events { tickets[i].events = history[tickets[i].id] ?? [] }
        }
    }

    static func ticket(from row: Row) throws -> Ticket {
        let id: String = row["id"]
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        guard let kind = TicketKind(rawValue: row["kind"]), let status = TicketStatus(rawValue: row["status"]),
            let priority = Priority(rawValue: row["priority"]), let room = Room(row["room"] as String),
            let created = date("created_at"), let acceptDue = date("accept_due_at")
        else { throw WuyeError.storage("ticket \(id) has a damaged row in the database") }
        return Ticket(
            id: id, kind: kind, status: status, category: row["category"], site: row["site"], room: room,
            location: row["location"], priority: priority, department: row["department"], assignee: row["assignee"],
            summary: row["summary"], text: row["text"], ownerName: row["owner_name"], ownerPhone: row["owner_phone"],
            createdAt: created, acceptDueAt: acceptDue, resolveDueAt: date("resolve_due_at"),
            acceptedAt: date("accepted_at"), resolvedAt: date("resolved_at"), closedAt: date("closed_at"),
            updatedAt: date("updated_at"), escalated: row["escalated"], reopenCount: row["reopen_count"],
            rating: row["rating"],
            timeZone: Self.timeZone(row["time_zone"]))
    }
}
