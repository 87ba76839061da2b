import Foundation

/// How `wuye serve` listens and whom it trusts.
public struct ServerConfiguration: Sendable {
    public var socketPath: String
    /// The socket file's mode (default 0660).
    public var socketMode: mode_t = 0o660
    public var staff: StaffList
    /// The longest request line, in bytes (PROTOCOL.md: 64 KiB).
    public var lineLimit = 64 * 1024
    /// More connections than this are answered `busy` and closed.
    public var maximumConnections = 4096
    /// A request that arrives while this many earlier ones on its connection are unanswered is answered `busy`
    /// (PROTOCOL.md: 256).
    public var pipelineLimit = 256
    /// How often overdue tickets are escalated and long-resolved ones closed, and new notices announced.
    public var sweepInterval: Duration = .seconds(60)
    public var version = "0.5.0"

    public init(socketPath: String, staff: StaffList) {
        self.socketPath = socketPath
        self.staff = staff
    }

    /// PROTOCOL.md's default: `$XDG_RUNTIME_DIR/wuye.sock`, else `/tmp/wuye-$UID/wuye.sock`.
    public static func defaultSocketPath(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return "\(runtime)/wuye.sock" }
        return "/tmp/wuye-\(getuid())/wuye.sock"
    }
}
