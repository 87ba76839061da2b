import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import WuyeCore
import WuyeDialogue

#if canImport(Glibc)
import Glibc
#endif

/// `wuye serve`: PROTOCOL.md over a Unix socket, one child task per connection, run as a service so that
/// SIGTERM/SIGINT finish the requests in flight, remove the socket file and exit cleanly.
public final class WuyeServer: Service {
    let configuration: ServerConfiguration
    let assistant: Assistant
    let logger: Logger
    let handler: RequestHandler
    let events = EventHub()
    private let connections = ConnectionRegistry()

    public init(configuration: ServerConfiguration, assistant: Assistant, logger: Logger) {
        self.configuration = configuration
        self.assistant = assistant
        self.logger = logger
        handler = RequestHandler(
            assistant: assistant, staff: configuration.staff, events: events, version: configuration.version,
            logger: logger)
    }

    /// Peer credentials as Linux lays out `struct ucred`.
    struct PeerCredentials: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    typealias Connection = NIOAsyncChannel<Frame, ByteBuffer>

    public func run() async throws {
        let path = configuration.socketPath
        try SocketFile.prepare(path)
        let limit = configuration.lineLimit
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 512)
            // A client that shuts its sending side after the last request still gets every answer.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false) {
                channel -> EventLoopFuture<(Connection, UInt32)> in
                guard let provider = channel as? SocketOptionProvider else {
                    return channel.eventLoop.makeFailedFuture(SocketFile.Refusal(description: "no socket options"))
                }
                return provider.unsafeGetSocketOption(
                    level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
                ).flatMapThrowing { (credentials: PeerCredentials) in
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFramer(limit: limit)))
                    return (try Connection(wrappingChannelSynchronously: channel), credentials.uid)
                }
            }
        defer { unlink(path) }
        try SocketFile.setMode(path, configuration.socketMode)
        logger.info(
            "listening", metadata: ["socket": "\(path)", "mode": "\(String(configuration.socketMode, radix: 8))"])

        let sweeper = Task { await self.sweepLoop() }
        defer { sweeper.cancel() }
        let connections = self.connections
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await (connection, uid) in inbound {
                        group.addTask { await self.serve(connection, uid: uid) }
                    }
                }
            }
        } onGracefulShutdown: {
            // Stop accepting, then let every connection finish the requests it has read and close.
            server.channel.close(promise: nil)
            Task { await connections.closeInputs() }
        }
        logger.info("stopped", metadata: ["socket": "\(path)"])
    }

    /// A connection's requests read and not answered yet, and lines queued (answers still to write, `busy` ones
    /// included).
    private final class PipelineCounts: Sendable {
        let unanswered = Atomic<Int>(0)
        let queued = Atomic<Int>(0)
    }

    /// One piece of work for a connection's answering loop, in the order the lines arrived.
    private enum Job: Sendable {
        case request(ByteBuffer)
        /// A request refused with `busy` (too many unanswered before it): answered in its turn, not processed.
        case busy([UInt8])
        case tooLarge
    }

    /// Serves one connection: a reader takes lines off the socket as they come and queues them; an answering
    /// loop handles them one at a time, in order. A request that arrives while `pipelineLimit` earlier ones are
    /// still unanswered is answered `busy` in its turn; a client that keeps sending without reading any answer
    /// for far longer than that is disconnected, so that it cannot make the server hold its lines forever.
    private func serve(_ connection: Connection, uid: UInt32) async {
        let id = await connections.add(connection.channel)
        let limit = configuration.pipelineLimit
        do {
            try await connection.executeThenClose { inbound, outbound in
                if await self.connections.count > self.configuration.maximumConnections {
                    try await outbound.write(
                        ByteBuffer(bytes: RequestHandler.error(.null, "busy", "too many connections; retry later")))
                    return
                }
                let (jobs, queue) = AsyncStream.makeStream(of: Job.self)
                let counts = PipelineCounts()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        defer { queue.finish() }
                        for try await frame in inbound {
                            switch frame {
                            case .tooLarge:
                                counts.queued.add(1, ordering: .relaxed)
                                queue.yield(.tooLarge)
                                return
                            case .line(let line):
                                if line.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                                    continue
                                }
                                guard counts.queued.add(1, ordering: .relaxed).newValue <= 16 * limit else {
                                    self.logger.warning("a client sent too much without reading; disconnected")
                                    return
                                }
                                let waiting = counts.unanswered.load(ordering: .acquiring)
                                if waiting >= limit {
                                    queue.yield(.busy(RequestHandler.busy(line, waiting: waiting)))
                                } else {
                                    counts.unanswered.add(1, ordering: .releasing)
                                    queue.yield(.request(line))
                                }
                            }
                        }
                    }
                    // Answers in the order the lines came, until the reader has finished and everything read is
                    // answered (a client that shuts its sending side still gets every answer), or a line was too
                    // long, or the client is gone (a write fails).
                    var forwarder: Task<Void, Never>? = nil
                    defer { forwarder?.cancel() }
                    answering: for await job in jobs {
                        switch job {
                        case .tooLarge:
                            let message = "a request line may be at most \(self.configuration.lineLimit / 1024) KiB"
                            try await outbound.write(
                                ByteBuffer(bytes: RequestHandler.error(.null, "too_large", message)))
                            break answering
                        case .busy(let response):
                            try await outbound.write(ByteBuffer(bytes: response))
                        case .request(let line):
                            let (response, subscription) = await self.handler.handle(line, uid: uid)
                            try await outbound.write(ByteBuffer(bytes: response))
                            counts.unanswered.subtract(1, ordering: .releasing)
                            if let subscription, forwarder == nil {
                                let stream = await self.events.subscribe(subscription)
                                forwarder = Task {
                                    for await event in stream {
                                        do { try await outbound.write(ByteBuffer(bytes: event)) } catch { return }
                                    }
                                }
                            }
                        }
                        counts.queued.subtract(1, ordering: .relaxed)
                    }
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
        await connections.remove(id)
    }

    /// Escalates overdue tickets and closes long-resolved ones on a timer, and announces new notices.
    private func sweepLoop() async {
        var announced = Set<Int>()
        var first = true
        while !Task.isCancelled {
            do {
                let result = try await assistant.desk.sweep()
                for id in result.escalated + result.closed {
                    if let ticket = try? await assistant.ticket(id) { await events.publish(ticket) }
                }
                if !result.escalated.isEmpty || !result.closed.isEmpty || !result.erased.isEmpty {
                    logger.info(
                        "sweep",
                        metadata: [
                            "escalated": "\(result.escalated.count)", "closed": "\(result.closed.count)",
                            "erased": "\(result.erased.count)",
                        ])
                }
                for notice in try await assistant.notices(site: nil) where !announced.contains(notice.id) {
                    announced.insert(notice.id)
                    if !first { await events.publish(notice, timeZone: assistant.site.timeZone) }
                }
                first = false
            } catch {
                logger.error("sweep failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: configuration.sweepInterval)
        }
    }
}

/// The open connections, so that a graceful shutdown can stop their input and let them finish.
actor ConnectionRegistry {
    private var channels: [Int: any Channel] = [:]
    private var next = 0

    func add(_ channel: any Channel) -> Int {
        next += 1
        channels[next] = channel
        return next
    }

    func remove(_ id: Int) { channels[id] = nil }

    var count: Int { channels.count }

    func closeInputs() {
        for channel in channels.values { channel.close(mode: .input, promise: nil) }
    }
}
