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

    /// How long to wait for the screen to show what a test expects; generous, for a loaded 2-core machine.
    static let patience: Duration = .seconds(60)

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

    /// Starts `path` with its output in the file `output` and no other open file: the server tmux starts keeps
    /// what it inherits open for as long as it runs, so Foundation's Process (which waits for such a descriptor to
    /// close) would never see the client end, and another test's child process would not be seen to end either.
    private static func spawn(_ path: String, _ arguments: [String], output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        Self.closeFrom3(&actions)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // The test runner's threads block most signals, and a child inherits that mask: tmux and the program in
        // its pane must get theirs (SIGHUP when the server goes), with default actions.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard failure == 0 else {
            throw WuyeProcessFailure(description: "cannot start \(path): errno \(failure)")
        }
        return pid
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// Closes every descriptor above stderr in the child: glibc's closefrom action (which Swift does not import,
    /// so it is looked up), else each descriptor open now.
    private static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }
}

/// A helper program failed.
struct WuyeProcessFailure: Error, CustomStringConvertible {
    var description: String
}
