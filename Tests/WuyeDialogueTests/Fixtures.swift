import Foundation
import WuyeCore
import WuyeData
import WuyeDialogue
import WuyeNLU

let shippedIntents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("intents").path

/// The shipped data, read and trained once for every conversation test (training takes a while in a debug build).
struct Shipped: Sendable {
    let rules: ServiceRules
    let understander: Understander
    let dialogue: DialogueData
    let normalizer: TextNormalizer
    let faq: FAQIndex

    static let shared: Shipped = {
        let rules = try! ServiceRulesLoader.load(from: shippedIntents)
        let kinds = Dictionary(uniqueKeysWithValues: rules.routing.categories.map { ($0.key.rawValue, $0.value) })
        let catalog = try! IntentCatalogLoader.load(from: shippedIntents, categories: kinds)
        let normalizer = TextNormalizer(simplified: catalog.simplified)
        return Shipped(
            rules: rules, understander: Understander(catalog: catalog),
            dialogue: try! DialogueLoader.load(from: shippedIntents), normalizer: normalizer,
            faq: FAQIndex(
                entries: try! FAQLoader.load(from: shippedIntents), normalizer: normalizer, synonyms: catalog.synonyms))
    }()
}

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    // Only the test's own task reads and moves it, one turn at a time; the lock keeps that honest if it ever changes.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        current += seconds
        lock.unlock()
    }
}

/// An assistant over fresh in-memory stores with a hand-moved clock.
struct Rig {
    let store = MemoryTicketStore()
    let clock: TestClock
    let desk: TicketDesk
    let assistant: Assistant

    init(now: Date = Date(timeIntervalSince1970: 1_795_485_600), idle: TimeInterval = 30 * 60) throws {
        let shipped = Shipped.shared
        clock = TestClock(now)
        let clock = self.clock
        desk = TicketDesk(store: store, rules: shipped.rules, now: { clock.now })
        var options = Assistant.Options()
        options.sessionIdle = idle
        assistant = try Assistant(
            desk: desk, store: store, understander: shipped.understander,
            dialogue: shipped.dialogue, normalizer: shipped.normalizer,
            faq: { question, language in shipped.faq.match(question)?.entry.answer(in: language) }, options: options)
    }

    func say(_ text: String, session: String = "s1", owner: OwnerInfo? = nil, language: String? = nil) async throws
        -> ChatResponse
    {
        try await assistant.chat(ChatRequest(session: session, text: text, language: language, owner: owner))
    }
}
