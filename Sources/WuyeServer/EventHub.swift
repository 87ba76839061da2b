import Foundation
import WuyeCore
import WuyeWire

/// Fans ticket and notice events out to the connections that subscribed (PROTOCOL.md `subscribe`), each to the
/// room and kinds it asked for.
actor EventHub {
    private var subscribers: [Int: (Subscription, AsyncStream<[UInt8]>.Continuation)] = [:]
    private var nextID = 0

    /// A stream of event lines for `subscription`; it ends its subscription when the consumer stops.
    func subscribe(_ subscription: Subscription) -> AsyncStream<[UInt8]> {
        let id = nextID
        nextID += 1
        // A slow subscriber keeps the latest 1,000 events rather than holding the server's memory hostage.
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(1000))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        subscribers[id] = (subscription, continuation)
        return stream
    }

    private func remove(_ id: Int) { subscribers[id] = nil }

    var count: Int { subscribers.count }

    /// Sends a ticket's latest change to every subscriber whose room and kinds it concerns.
    func publish(_ ticket: Ticket) {
        guard !subscribers.isEmpty else { return }
        var shown = ticket
        let action = ticket.events?.last?.action.rawValue ?? "update"
        shown.events = nil
        guard let encoded = try? JSONValue.encoded(shown) else { return }
        var line: [UInt8] = []
        JSONValue.object([("event", .string("ticket")), ("action", .string(action)), ("ticket", encoded)]).write(
            to: &line)
        line.append(0x0A)
        for (subscription, continuation) in subscribers.values {
            if let kinds = subscription.kinds, !kinds.contains(ticket.kind) { continue }
            if let room = subscription.room, ticket.room != room && !ticket.reporters.contains(room) { continue }
            continuation.yield(line)
        }
    }

    /// Sends a notice to every subscriber of its site's rooms it concerns.
    func publish(_ notice: Notice, timeZone: TimeZone) {
        guard !subscribers.isEmpty else { return }
        guard let encoded = try? JSONValue.encoded(Notice.JSON(notice, zone: timeZone)) else { return }
        var line: [UInt8] = []
        JSONValue.object([("event", .string("notice")), ("notice", encoded)]).write(to: &line)
        line.append(0x0A)
        for (subscription, continuation) in subscribers.values
        where subscription.room.map({ notice.concerns(building: $0.building) }) ?? true {
            continuation.yield(line)
        }
    }
}
