import ArgumentParser

@main
struct WuyeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wuye",
        abstract: "Wuye (物业): the chat-first front desk for residential property management.",
        discussion: """
            Staff tools for the ticket store. Every command takes --db PATH (default: $WUYE_DB, else \
            $XDG_DATA_HOME/wuye/wuye.db) and --intents DIR (default: ./intents, else the copy installed \
            beside the executable).
            """,
        version: WuyeVersion.current,
        subcommands: [TicketsCommand.self, OwnersCommand.self, SitesCommand.self, ReportCommand.self]
    )
}

enum WuyeVersion {
    static let current = "0.1.0"
}
