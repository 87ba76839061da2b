import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `wuye serve` on a temporary socket and database, stopped (SIGTERM) when the harness goes away.
final class ServerHarness: @unchecked Sendable {
    // The process handle is only touched by the test that owns the harness, one call at a time.
    let folder: URL
    let socket: String
    let database: String
    let executable: String
    let arguments: [String]
    let environment: [String: String]
    var errorsPath: String { folder.appendingPathComponent("stderr").path }
    private(set) var pid: pid_t = 0
    private var exitStatus: Int32?

    /// Starts a server; `staffUID` other than the test's own makes the test an owner-side caller, and
    /// `tokens` (TOKEN NAME ROLE lines) gives staff by token.
    init(arguments: [String] = [], tokens: String? = nil, database: String? = nil, start: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wuye-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        socket = folder.appendingPathComponent("w.sock").path
        self.database = database ?? folder.appendingPathComponent("w.db").path
        var args = ["serve", "--socket", socket, "--db", self.database, "--intents", WuyePaths.intents] + arguments
        if let tokens {
            let file = folder.appendingPathComponent("tokens").path
            try tokens.write(toFile: file, atomically: true, encoding: .utf8)
            // The server refuses a token file other users can read.
            chmod(file, 0o600)
            args += ["--staff-token-file", file]
        }
        executable = try WuyePaths.requireExecutable()
        self.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["WUYE_NOW"] = nil
        self.environment = environment
        if start { try launch() }
    }

    func launch() throws {
        pid = try ChildProcess.spawn(executable, arguments, environment: environment, stderr: errorsPath)
        ServerHarness.remember(pid)
        // Training the model takes a while in a debug build: wait for the socket to answer.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let client = try? SocketClient(path: socket) {
                client.close()
                return
            }
            guard ChildProcess.isRunning(pid) else { break }
            usleep(100_000)
        }
        let message = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
        throw HarnessError(message: "wuye serve did not start: \(message)")
    }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    func stop() -> Int32 {
        if let exitStatus { return exitStatus }
        guard pid > 0 else { return -1 }
        kill(pid, SIGTERM)
        let status = ChildProcess.wait(pid)
        exitStatus = status
        return status
    }

    func client() throws -> SocketClient { try SocketClient(path: socket) }

    /// Servers still running when the test process exits (a shared one is never deinitialised) are killed then.
    private static let running = Mutex<Set<Int32>>([])

    private static func remember(_ pid: Int32) {
        running.withLock { pids in
            if pids.isEmpty { atexit { ServerHarness.killAll() } }
            pids.insert(pid)
        }
    }

    private static func killAll() {
        for pid in running.withLock({ $0 }) { kill(pid, SIGKILL) }
    }

    deinit {
        if pid > 0 && exitStatus == nil {
            kill(pid, SIGKILL)
            _ = ChildProcess.wait(pid)
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A blocking Unix socket client that speaks JSON lines.
final class SocketClient: @unchecked Sendable {
    // Used by one test at a time; the file descriptor and buffer are not shared.
    private(set) var fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (n, b) in bytes.prefix(raw.count - 1).enumerated() { raw[n] = b }
        }
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard ok == 0 else {
            // deinit runs for a class whose initialiser throws once every property is set: close here only once.
            close()
            throw HarnessError(message: "cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Closes the socket once. Closing a descriptor twice would close whatever the process opened next under the
    /// same number (another test's database or a child's output file), failing that test for no reason of its own.
    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    deinit { close() }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    func send(_ line: String) { send(Array((line + "\n").utf8)) }

    func send(_ object: [String: Any]) throws {
        send(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    /// The next line, or nil at end of stream.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            buffer += chunk[..<n]
        }
    }

    /// The next line as a JSON object.
    func readObject() throws -> [String: Any] {
        let line = try #require(readLine(), "the server closed the connection")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
    }

    /// Sends a request and reads its response.
    func call(_ object: [String: Any]) throws -> [String: Any] {
        try send(object)
        return try readObject()
    }
}

extension Dictionary where Key == String, Value == Any {
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    var ticketObject: [String: Any]? { self["ticket"] as? [String: Any] }
}
