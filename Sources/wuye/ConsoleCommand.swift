import ArgumentParser
import Foundation
import WuyeConsole
import WuyeCore
import WuyeData
import WuyeDialogue

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Chat with the front desk as an owner, and work the queue (staff), or serve owners at a kiosk.",
        discussion: """
            At a terminal: line editing, history across runs in $XDG_STATE_HOME/wuye/history (staff mode), Tab \
            completion of /commands; /help lists them. --kiosk is for owners in the lobby: no commands, no history, \
            and the conversation is forgotten after --idle seconds without a keystroke (stop it with SIGTERM).
            From a pipe it reads plain lines and prints one line per reply: echo 漏水了 | wuye console
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Serve owners at a lobby kiosk: owner-facing texts, no staff commands, no history.") var kiosk = false
    @Option(
        help: ArgumentHelp(
            "Kiosk: forget the conversation after this many seconds without input.", valueName: "seconds"))
    var idle: Int = 180
    @Option(help: ArgumentHelp("The site the console serves (default: the first in sites.yml).", valueName: "id"))
    var site: String?

    func run() async throws {
        try await reporting {
            guard idle > 0 else { throw WuyeError.badField("--idle must be at least 1 second") }
            let rules = try store.rules()
            let home = try rules.site(site)
            let texts = try ConsoleTextsLoader.load(from: store.intentsPath())
            // The kiosk forgets a conversation after the idle time; staff sessions keep the default.
            let desk = try makeAssistant(store, site: site, sessionIdle: kiosk ? TimeInterval(idle) : nil)
            let mode: ConsoleMode = kiosk ? .kiosk : .staff
            let configuration = ConsoleConfiguration(
                mode: mode, texts: texts, site: home.id, scope: site.map { _ in home.id }, siteName: home.name,
                dutyPhone: home.dutyPhone, timeZone: home.timeZone, routing: rules.routing, actor: defaultActor(),
                idleTimeout: .seconds(idle), now: try Clock.now())
            await runConsole(desk: desk, configuration: configuration)
        }
    }
}

/// Runs the console on the main actor, which readline's global state needs; reading input blocks it.
@MainActor
private func runConsole(desk: any FrontDesk, configuration: ConsoleConfiguration) async {
    let reader: any LineReader
    if isatty(STDIN_FILENO) != 0 {
        let readline = ReadlineReader(mode: configuration.mode)
        if configuration.mode == .staff,
            let file = HistoryFile.standard(environment: ProcessInfo.processInfo.environment)
        {
            do {
                try readline.keepHistory(in: file)
            } catch {
                printWarning("\(error); the console keeps no history this time")
            }
        }
        reader = readline
    } else {
        reader = PlainLineReader()
    }
    await Console(desk: desk, reader: reader, configuration: configuration).run()
}
