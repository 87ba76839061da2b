import Foundation
import WuyeCore
import WuyeData
import WuyeDialogue
import WuyeNLU
import WuyeSQLite

/// The one place where the pieces meet: the SQLite store, the service rules and the understanding trained from
/// `intents/`, the conversation's data, and the assistant that runs conversations over them.
func makeAssistant(_ options: StoreOptions, site: String? = nil, sessionIdle: TimeInterval? = nil) throws
    -> Assistant
{
    let dir = options.intentsPath()
    let rules = try ServiceRulesLoader.load(from: dir)
    let catalog = try IntentCatalogLoader.load(from: dir, categories: rules.routing.categoryNames)
    let dialogue = try DialogueLoader.load(from: dir)
    let store = try options.store()
    let desk = TicketDesk(store: store, rules: rules, now: try Clock.now())
    var settings = Assistant.Options()
    settings.site = site
    if let sessionIdle { settings.sessionIdle = sessionIdle }
    return try Assistant(
        desk: desk, sessions: store, notices: store, understander: Understander(catalog: catalog),
        dialogue: dialogue, normalizer: TextNormalizer(simplified: catalog.simplified), options: settings)
}

/// The front desk the console and the server talk to, in-process over the database of `options`.
func makeFrontDesk(_ options: StoreOptions) async throws -> any FrontDesk {
    try makeAssistant(options)
}
