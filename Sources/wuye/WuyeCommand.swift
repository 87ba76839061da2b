import ArgumentParser
import Foundation

@main
struct WuyeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wuye",
        abstract: "Wuye (物业): the chat-first front desk for residential property management.",
        discussion: """
            wuye console is the front desk itself (owners' chat, staff commands, the lobby kiosk); the other \
            commands are staff tools for the ticket store. Every command takes --db PATH (default: $WUYE_DB, else \
            $XDG_DATA_HOME/wuye/wuye.db) and --intents DIR (default: ./intents, else the copy installed \
            beside the executable).
            """,
        version: WuyeVersion.current,
        subcommands: [
            ConsoleCommand.self, ServeCommand.self, TicketsCommand.self, OwnersCommand.self, NoticesCommand.self,
            SitesCommand.self, ReportCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self,
            IntentsCommand.self, UnderstandCommand.self, EvalCommand.self,
        ]
    )
}

extension WuyeCommand {
    /// Parses and runs like ArgumentParser's own `main`, but a command line it refuses is reported as one
    /// `wuye: error:` line (with where to find help) like every other error; help and version print as usual.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            printError("\(message) (see wuye --help)")
            Foundation.exit(code.rawValue)
        }
    }
}

enum WuyeVersion {
    static let current = "0.1.0"
}
