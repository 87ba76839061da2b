import Foundation
import WuyeCore
import WuyeData
import WuyeDialogue
import WuyeNLU
import WuyeSQLite

#if canImport(Glibc)
import Glibc
#endif

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
    let understander = Understander(catalog: catalog)
    // Training leaves tens of megabytes of freed scratch memory in malloc's arenas: give it back to the system,
    // so that a long-running server's resident size is what it really uses.
    releaseFreedMemory()
    var settings = Assistant.Options()
    settings.site = site
    if let sessionIdle { settings.sessionIdle = sessionIdle }
    return try Assistant(
        desk: desk, store: store, understander: understander,
        dialogue: dialogue, normalizer: normalizer,
        faq: { question, language in faq.match(question)?.entry.answer(in: language) }, options: settings)
}

/// glibc's `malloc_trim(0)`, looked up at run time (Swift does not import it): returns freed heap pages to the system.
func releaseFreedMemory() {
    typealias Trim = @convention(c) (Int) -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
}
