import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `wuye` running in a tmux pane of its own: a real pseudo-terminal that tests type into and read back.
/// Each terminal has a private tmux server (its own socket in the sandbox), so tests never clash with each other or
/// with a tmux the person running them uses.
final class TmuxTerminal: Sendable {
    /// The tmux executable, or nil when it is not installed (scripts/test installs it).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        return folders.map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Why the terminal tests are skipped, for the test trait.
    static let missing: Comment = "tmux is not installed (apt-get install tmux; scripts/test installs it)"

    /// How long to wait for the screen to show what a test expects; generous, for a 2-core machine running the
    /// whole suite (a kiosk once took over 60 s to draw its first screen there).
    static let patience: Duration = .seconds(180)

    let socket: String
    let sandbox: WuyeSandbox
    private let tmux: String
    private let session = "wuye"

    private init(sandbox: WuyeSandbox, name: String, tmux: String) {
        self.tmux = tmux
        self.sandbox = sandbox
        self.socket = sandbox.path("\(name).tmux")
    }

    /// Starts `wuye ARGUMENTS --db <sandbox db> --intents <package>/intents` in a 100×40 pane, with the sandbox's
    /// environment and a UTF-8 locale. `name` tells several terminals of one sandbox apart.
    static func start(_ sandbox: WuyeSandbox, _ arguments: [String], name: String = "t") async throws -> TmuxTerminal {
        let terminal = TmuxTerminal(sandbox: sandbox, name: name, tmux: try #require(executable, missing))
        let environment = sandbox.environment()
        var command = ["/usr/bin/env", "-u", "WUYE_DB", "-u", "TMUX", "LANG=C.UTF-8"]
        for key in ["HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "USER", "WUYE_NOW"] {
            command.append("\(key)=\(environment[key] ?? "")")
        }
        command +=
            [try WuyePaths.requireExecutable()] + arguments + ["--db", sandbox.db, "--intents", WuyePaths.intents]
        try await terminal.tmuxCommand(
            ["new-session", "-d", "-s", terminal.session, "-x", "100", "-y", "40", "-c", sandbox.folder.path]
                + command + [";", "set-option", "-t", terminal.session, "remain-on-exit", "on"])
        return terminal
    }

    deinit {
        // Waited for here, briefly: the server and the program in its pane end with it.
        if let pid = try? Self.spawn(tmux, ["-S", socket, "-f", "/dev/null", "kill-server"], output: "/dev/null") {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// Types `text` as it is (no key names).
    func type(_ text: String) async throws {
        try await tmuxCommand(["send-keys", "-t", session, "-l", text])
    }

    /// Presses keys by tmux's names: `Enter`, `Up`, `Tab`, `C-d`.
    func press(_ keys: String...) async throws {
        try await tmuxCommand(["send-keys", "-t", session] + keys)
    }

    /// The visible screen, one string a row, trailing blanks removed.
    func screen() async throws -> [String] {
        try await tmuxCommand(["capture-pane", "-p", "-t", session]).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    /// Where the cursor is: its row's number and text, and its column.
    func cursor() async throws -> (row: Int, text: String, column: Int) {
        let position = try await tmuxCommand(["display-message", "-p", "-t", session, "#{cursor_x} #{cursor_y}"])
            .split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let rows = try await screen()
        guard position.count == 2, position[1] < rows.count else { return (0, "", 0) }
        return (position[1], rows[position[1]], position[0])
    }

    /// Whether the program in the pane has exited.
    func exited() async throws -> Bool {
        try await tmuxCommand(["display-message", "-p", "-t", session, "#{pane_dead}"]).hasPrefix("1")
    }

    /// Polls the screen until `condition` holds, and returns that screen; fails the test with the last screen
    /// after `patience`.
    @discardableResult
    func waitFor(
        _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: ([String]) async throws -> Bool
    ) async throws -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.patience)
        var rows = try await screen()
        while clock.now < deadline {
            rows = try await screen()
            if try await condition(rows) { return rows }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record(
            "gave up waiting for \(what); the screen was:\n\(rows.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// Waits until the program shows a prompt: the cursor sits after some text on its row.
    func waitForPrompt(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitFor("a prompt", sourceLocation: sourceLocation) { _ in
            let cursor = try await cursor()
            return cursor.column > 0 && !cursor.text.isEmpty
        }
    }

    /// The prompt row as shown now, when the cursor waits on a row of its own.
    func prompt() async throws -> String {
        try await cursor().text
    }

    /// Types `line` at the prompt, presses Enter and waits for the answer: the rows between the input row and the
    /// next empty prompt, of which one at least is not blank.
    func say(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let prompt = try await prompt()
        let before = try await cursor().row
        try await type(line)
        try await press("Enter")
        var answer: [String] = []
        try await waitFor("an answer to \(line)", sourceLocation: sourceLocation) { rows in
            let cursor = try await cursor()
            guard cursor.text == prompt, cursor.row > before + 1, rows[before] == prompt + " " + line else {
                return false
            }
            answer = Array(rows[(before + 1)..<cursor.row])
            return answer.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        return answer
    }

    /// Runs one tmux command against this terminal's server and returns what it printed.
    @discardableResult
    private func tmuxCommand(_ arguments: [String]) async throws -> String {
        let outPath = sandbox.path(".tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let pid = try Self.spawn(tmux, ["-S", socket, "-f", "/dev/null"] + arguments, output: outPath)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            guard done == 0 || errno == EINTR else {
                throw WuyeProcessFailure(description: "waiting for tmux failed: errno \(errno)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let text = String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw WuyeProcessFailure(description: "tmux \(arguments.joined(separator: " ")): \(text)")
        }
        return text
    }

    /// Starts `path` with its output in the file `output` and no other open file (see `ChildProcess`).
    private static func spawn(_ path: String, _ arguments: [String], output: String) throws -> pid_t {
        try ChildProcess.spawn(path, arguments, stdout: output)
    }
}

/// A helper program failed.
struct WuyeProcessFailure: Error, CustomStringConvertible {
    var description: String
}
