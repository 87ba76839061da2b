import Foundation
import Testing

/// What one run of the `wuye` executable left behind.
struct WuyeResult: Sendable, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String

    /// The lines of stderr, without the final empty one.
    var stderrLines: [String] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    var stdoutLines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    var description: String {
        "wuye \(arguments.joined(separator: " ")) → exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}

/// Where the package, its data and the built executable are.
enum WuyePaths {
    /// `<package root>`, from this file's place in `Tests/wuyeTests/`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shipped service data every test reads.
    static let intents = packageRoot.appendingPathComponent("intents").path

    /// The `wuye` built beside the test bundle (whichever of the runner's folder or `Bundle.main` holds it), else
    /// `<package root>/.build/debug/wuye`; nil when none exists.
    static let executable: String? = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        let candidates = [
            runner.appendingPathComponent("wuye"),
            Bundle.main.bundleURL.appendingPathComponent("wuye"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("wuye"),
            packageRoot.appendingPathComponent(".build/debug/wuye"),
        ]
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func requireExecutable() throws -> String {
        try #require(
            executable,
            """
            the wuye executable was not found beside the test bundle (\(CommandLine.arguments[0])) nor at \
            \(packageRoot.path)/.build/debug/wuye; build it with `swift build --build-tests`
            """)
    }
}

/// One test's own folder and database, and the clock its commands run at. The folder is removed when the
/// sandbox goes away, unless `WUYE_E2E_KEEP` is set (to look at a failure).
final class WuyeSandbox: Sendable {
    /// Tuesday 24 November 2026, 10:00 in Shanghai: inside office hours.
    static let tuesdayMorning = "2026-11-24T10:00:00+08:00"

    let folder: URL
    /// The database every `run` passes as `--db`.
    let db: String
    /// `WUYE_NOW` of every `run` unless a call gives its own.
    let now: String

    init(now: String = WuyeSandbox.tuesdayMorning) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wuye-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.folder = folder
        self.db = folder.appendingPathComponent("wuye.db").path
        self.now = now
    }

    deinit {
        if ProcessInfo.processInfo.environment["WUYE_E2E_KEEP"] == nil {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// A path inside the sandbox.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes `text` to a file in the sandbox and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `wuye ARGUMENTS --db <sandbox db> --intents <package>/intents` at `now` (default: the sandbox's), with
    /// `stdin` as its standard input (default: empty).
    func run(_ arguments: [String], now: String? = nil, stdin: String? = nil) async throws -> WuyeResult {
        try await runRaw(arguments + ["--db", db, "--intents", WuyePaths.intents], now: now, stdin: stdin)
    }

    /// Runs a command that must succeed and returns its stdout.
    @discardableResult
    func ok(
        _ arguments: [String], now: String? = nil, stdin: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let result = try await run(arguments, now: now, stdin: stdin)
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "\(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs a command that must succeed and prints JSON, decoded as `T`.
    func json<T: Decodable>(_ type: T.Type, _ arguments: [String], now: String? = nil) async throws -> T {
        let text = try await ok(arguments, now: now)
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            Issue.record(
                "wuye \(arguments.joined(separator: " ")) printed JSON that does not decode: \(error)\n\(text)")
            throw error
        }
    }

    /// Runs `wuye ARGUMENTS` exactly as given (no `--db` or `--intents` added), in the sandbox folder, with an
    /// environment that cannot reach the user's own data (see `environment(now:)`). `stdin` is its standard input (default: empty).
    func runRaw(_ arguments: [String], now: String? = nil, stdin: String? = nil) async throws -> WuyeResult {
        try await ProcessSlots.shared.run { try await runNow(arguments, now: now, stdin: stdin) }
    }

    private func runNow(_ arguments: [String], now: String?, stdin: String?) async throws -> WuyeResult {
        let executable = try WuyePaths.requireExecutable()
        let environment = self.environment(now: now)

        // Output goes to files, not pipes, so a chatty child can never block on a full pipe.
        let tag = UUID().uuidString
        let outPath = path(".out-\(tag)")
        let errPath = path(".err-\(tag)")
        let inPath = path(".in-\(tag)")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
            try? FileManager.default.removeItem(atPath: inPath)
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        if let stdin {
            try Data(stdin.utf8).write(to: URL(fileURLWithPath: inPath))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = out
        process.standardError = err
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try Self.spawn(process)
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try out.close()
        try err.close()
        let stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        let stderr = FileManager.default.contents(atPath: errPath) ?? Data()
        return WuyeResult(
            arguments: arguments, status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension WuyeSandbox {
    /// The environment every run gets: nothing that reaches the user's own data (HOME, XDG_DATA_HOME and
    /// XDG_STATE_HOME point into the sandbox, WUYE_DB is removed) and the clock at `now`.
    func environment(now: String? = nil) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["WUYE_DB"] = nil
        environment["HOME"] = folder.path
        environment["XDG_DATA_HOME"] = path("xdg-data")
        environment["XDG_STATE_HOME"] = path("xdg-state")
        environment["USER"] = "tester"
        environment["WUYE_NOW"] = now ?? self.now
        return environment
    }
}

extension WuyeResult {
    /// Checks Wuye's error convention: a non-zero exit, nothing on stdout, and stderr made of one
    /// `wuye: error: …` line (or, where `continuation` allows, further indented lines).
    func expectError(
        containing fragments: [String] = [], continuation: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(status != 0, "\(self)", sourceLocation: sourceLocation)
        #expect(stdout.isEmpty, "stdout must be empty on an error\n\(self)", sourceLocation: sourceLocation)
        let lines = stderrLines
        #expect(lines.first?.hasPrefix("wuye: error: ") == true, "\(self)", sourceLocation: sourceLocation)
        if continuation {
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") }, "\(self)", sourceLocation: sourceLocation)
        } else {
            #expect(lines.count == 1, "an error is one line on stderr\n\(self)", sourceLocation: sourceLocation)
        }
        #expect(stderr.hasSuffix("\n"), "\(self)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(
                stderr.contains(fragment), "stderr should name \(fragment)\n\(self)", sourceLocation: sourceLocation)
        }
    }
}

/// One sandbox built for all the cases of a parameterized test that only read it, and removed after the last
/// case: `@Test("…", .sharedSandbox(build), arguments: …)`, then `try SharedSandbox.current()` in the test.
struct SharedSandbox: TestTrait, TestScoping {
    @TaskLocal static var sandbox: WuyeSandbox?

    let build: @Sendable () async throws -> WuyeSandbox

    static func current(sourceLocation: SourceLocation = #_sourceLocation) throws -> WuyeSandbox {
        try #require(sandbox, "the test needs the .sharedSandbox trait", sourceLocation: sourceLocation)
    }

    /// The scope wraps the whole test, not each case.
    func scopeProvider(for test: Test, testCase: Test.Case?) -> SharedSandbox? { testCase == nil ? self : nil }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let sandbox = try await build()
        try await Self.$sandbox.withValue(sandbox) { try await function() }
    }
}

extension Trait where Self == SharedSandbox {
    static func sharedSandbox(_ build: @escaping @Sendable () async throws -> WuyeSandbox) -> Self {
        SharedSandbox(build: build)
    }

}

extension WuyeSandbox {
    /// Starts `process`, trying again a few times: with many tests spawning at once, the system may briefly refuse a
    /// new process (seen as an NSCocoaError 256 from `run()` under a full test run on 2 cores).
    static func spawn(_ process: Process) throws {
        var attempt = 0
        while true {
            do {
                try process.run()
                return
            } catch {
                attempt += 1
                if attempt >= 5 { throw error }
                usleep(useconds_t(200_000 * attempt))
            }
        }
    }
}
