import ArgumentParser
import Foundation
import WuyeCore
import WuyeData
import WuyeSQLite

/// Where the store and the data live, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite database file.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("The folder of intents and service data.", valueName: "dir"))
    var intents: String?

    /// `--db`, else `$WUYE_DB`, else `$XDG_DATA_HOME/wuye/wuye.db` (`~/.local/share/wuye/wuye.db`), whose folder
    /// is made on first use.
    func databasePath() throws -> String {
        if let db { return db }
        let env = ProcessInfo.processInfo.environment
        if let path = env["WUYE_DB"], !path.isEmpty { return path }
        let home = env["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/share"
        let folder = "\(dataHome)/wuye"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WuyeError.storage("cannot make the data folder \(folder): \(error.localizedDescription)")
        }
        return "\(folder)/wuye.db"
    }

    /// `--intents`, else `./intents`, else an `intents` folder beside the executable or above it (a build tree).
    func intentsPath() -> String {
        if let intents { return intents }
        let fm = FileManager.default
        if fm.fileExists(atPath: "intents/routing.yml") { return "intents" }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            for candidate in ["intents", "share/wuye/intents"] {
                let path = dir.appendingPathComponent(candidate).path
                if fm.fileExists(atPath: path + "/routing.yml") { return path }
            }
            dir.deleteLastPathComponent()
        }
        return "intents"
    }

    func rules() throws -> ServiceRules {
        try ServiceRulesLoader.load(from: intentsPath())
    }

    func store() throws -> SQLiteTicketStore {
        try SQLiteTicketStore(path: databasePath())
    }

    func desk() throws -> TicketDesk {
        let rules = try rules()
        let store = try store()
        let now = try Clock.now()
        return TicketDesk(store: store, rules: rules, now: now)
    }
}

/// The time the tools act at: the real clock, or `WUYE_NOW` (an ISO 8601 time) to replay or rehearse a day.
enum Clock {
    static func now() throws -> @Sendable () -> Date {
        guard let text = ProcessInfo.processInfo.environment["WUYE_NOW"], !text.isEmpty else { return { Date() } }
        guard let fixed = parseTimestamp(text) else {
            throw WuyeError.badField("WUYE_NOW=\(text) is not an ISO 8601 time like 2026-11-29T10:30:00+08:00")
        }
        return { fixed }
    }
}

/// Runs a command body, printing any failure as one line on stderr and exiting non-zero.
func reporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as WuyeError {
        printError(error.message)
        throw ExitCode(error.code == .storage ? 2 : 1)
    } catch let error as DataProblems {
        printError(error.description)
        throw ExitCode(1)
    }
}

func printError(_ message: String) {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
    let text = lines.enumerated().map { $0.offset == 0 ? "wuye: error: \($0.element)" : "  \($0.element)" }
    FileHandle.standardError.write((text.joined(separator: "\n") + "\n").data(using: .utf8)!)
}

/// Prints a problem that does not stop the command as one line on stderr: `wuye: warning: …`.
func printWarning(_ message: String) {
    FileHandle.standardError.write(Data("wuye: warning: \(message)\n".utf8))
}

/// JSON for people and programs: sorted keys, readable, slashes left alone.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(data: try encoder.encode(value), encoding: .utf8)!
}

/// Whether standard output is a terminal (bars and colours only then).
var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
