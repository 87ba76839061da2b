import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WuyeCore
import WuyeServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve PROTOCOL.md on a Unix socket for kiosk apps, staff tools and gateways.",
        discussion: """
            Staff are the uids given with --staff-uid (default: the uid the server runs as) and the tokens of \
            --staff-token-file (one "TOKEN [NAME] [ROLE]" per line). SIGTERM or SIGINT finish the requests in \
            flight, remove the socket file and exit 0.
            Example: wuye serve --socket /tmp/wuye.sock --db /tmp/wuye.db
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The socket path (default: $XDG_RUNTIME_DIR/wuye.sock).", valueName: "path"))
    var socket: String?

    @Option(
        name: .customLong("socket-mode"), help: ArgumentHelp("The socket file's mode, in octal.", valueName: "mode"))
    var socketMode = "0660"

    @Option(
        name: .customLong("staff-uid"),
        help: ArgumentHelp(
            "A staff uid, optionally with a name and role: 1000 or 1000=王主任:supervisor.", valueName: "uid"))
    var staffUIDs: [String] = []

    @Option(name: .customLong("staff-token-file"), help: ArgumentHelp("A file of staff tokens.", valueName: "file"))
    var staffTokenFile: String?

    @Option(help: ArgumentHelp("The site owners of this server belong to (default: the first).", valueName: "id"))
    var site: String?

    @Option(
        name: .customLong("sweep-interval"),
        help: ArgumentHelp(
            "Seconds between sweeps (overdue escalation, auto-close, new-notice events).", valueName: "seconds"))
    var sweepInterval = 60

    @Option(
        name: .customLong("max-connections"),
        help: ArgumentHelp("Connections beyond this many are answered busy and closed.", valueName: "n"))
    var maxConnections = 4096

    @Option(
        name: .customLong("session-idle"),
        help: ArgumentHelp(
            "Seconds after which an idle conversation starts afresh and its saved state is deleted.",
            valueName: "seconds"))
    var sessionIdle = 30 * 60

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel = "info"

    func run() async throws {
        try await reporting {
            guard let level = Logger.Level(rawValue: logLevel) else {
                throw WuyeError.badField(
                    "unknown log level \"\(logLevel)\"; one of trace, debug, info, notice, warning, error, critical")
            }
            guard let mode = mode_t(socketMode, radix: 8), mode <= 0o777 else {
                throw WuyeError.badField("--socket-mode \(socketMode) is not an octal file mode like 0660")
            }
            var staff = StaffList()
            if staffUIDs.isEmpty { staff.uids[getuid()] = .init(name: NSUserName(), role: "supervisor") }
            for entry in staffUIDs {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard let uid = UInt32(parts[0]) else { throw WuyeError.badField("--staff-uid \(entry) is not a uid") }
                let person = parts.count > 1 ? parts[1].split(separator: ":").map(String.init) : []
                staff.uids[uid] = .init(
                    name: person.first ?? "uid \(uid)", role: person.count > 1 ? person[1] : "agent")
            }
            if let file = staffTokenFile {
                var info = stat()
                guard stat(file, &info) == 0 else {
                    throw WuyeError.badField("cannot read the staff token file \(file)")
                }
                if info.st_mode & 0o006 != 0 {
                    throw WuyeError.badField(
                        "the staff token file \(file) can be read or written by every user (mode "
                            + "\(String(info.st_mode & 0o777, radix: 8))); chmod 600 \(file), or 640 for a staff group")
                }
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw WuyeError.badField("cannot read the staff token file \(file)")
                }
                do {
                    staff.tokens = try StaffList.tokens(fromFile: text)
                } catch {
                    throw WuyeError.badField("\(file): \(error)")
                }
            }
            var logger = Logger(label: "wuye")
            logger.logLevel = level
            guard sessionIdle >= 1 else { throw WuyeError.badField("--session-idle must be at least 1 second") }
            let assistant = try makeAssistant(store, site: site, sessionIdle: TimeInterval(sessionIdle))
            var configuration = ServerConfiguration(
                socketPath: socket ?? ServerConfiguration.defaultSocketPath(), staff: staff)
            configuration.socketMode = mode
            guard sweepInterval >= 1 else { throw WuyeError.badField("--sweep-interval must be at least 1 second") }
            configuration.sweepInterval = .seconds(sweepInterval)
            guard maxConnections >= 1 else { throw WuyeError.badField("--max-connections must be at least 1") }
            configuration.maximumConnections = maxConnections
            let server = WuyeServer(configuration: configuration, assistant: assistant, logger: logger)
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: server, successTerminationBehavior: .gracefullyShutdownGroup)],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            do {
                try await group.run()
            } catch let refusal as CustomStringConvertible where "\(type(of: refusal))".contains("Refusal") {
                throw WuyeError.badField(refusal.description)
            }
        }
    }
}
