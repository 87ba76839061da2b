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
    let normalizer = TextNormalizer(simplified: catalog.simplified)
    let faq = FAQIndex(entries: try FAQLoader.load(from: dir), normalizer: normalizer, synonyms: catalog.synonyms)
    let store = try options.store()
    let desk = TicketDesk(store: store, rules: rules, now: try Clock.now())
    var settings = Assistant.Options()
    settings.site = site
    if let sessionIdle { settings.sessionIdle = sessionIdle }
    return try Assistant(
        desk: desk, store: store, understander: Understander(catalog: catalog),
        dialogue: dialogue, normalizer: normalizer,
        faq: { question, language in faq.match(question)?.entry.answer(in: language) }, options: settings)
}
