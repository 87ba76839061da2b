import Foundation
import FuzzDriver
import WuyeCore
import WuyeData
import WuyeNLU

/// An owner's message through every entity parser of WuyeNLU, then through the whole `Understander` trained once
/// on the shipped `intents/`.
///
/// Checked: nothing traps or hangs; what a parser finds is what its consumers accept (a room `Room` reads, a phone
/// `Phone` reads, a rating from 1 to 5, a time window that ends after it starts); the understanding names a
/// protocol intent with a confidence from 0 to 1.
enum ParsersTarget {
    static let intents =
        ProcessInfo.processInfo.environment["WUYE_INTENTS"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("intents").path

    static let catalog: IntentCatalog = {
        do {
            return try IntentCatalogLoader.load(from: intents)
        } catch {
            fatalError("fuzz-parsers needs the shipped intents (WUYE_INTENTS, or \(intents)): \(error)")
        }
    }()
    static let understander = Understander(catalog: catalog)
    static let urgency = UrgencyDetector(
        terms: catalog.lookups["urgent"] ?? [], negations: catalog.lookups["negation"] ?? [],
        exceptions: (catalog.lookups["urgent_exception"] ?? []) + UrgencyDetector.defaultExceptions)
    static let normalizer = TextNormalizer(simplified: catalog.simplified)
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// A Tuesday morning, 2026-11-24 10:00 +08:00: every run reads times against the same clock.
    static let now = Date(timeIntervalSince1970: 1_795_485_600)

    static func run(_ bytes: UnsafeRawBufferPointer) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        if let room = RoomParser.find(in: text), Room(room) == nil {
            throw FuzzFailure("RoomParser found \"\(room)\", which Room does not read")
        }
        if let phone = PhoneParser.find(in: text), Phone(phone) == nil {
            throw FuzzFailure("PhoneParser found \"\(phone)\", which Phone does not read")
        }
        if let reference = TicketReferenceParser.find(in: text) {
            _ = TicketReferenceParser.canonicalWuyeID(reference)
        }
        _ = TicketReferenceParser.canonicalWuyeID(text)
        if let window = TimeWindowParser.find(in: text, now: now, timeZone: shanghai), window.end <= window.start {
            throw FuzzFailure("TimeWindowParser found a window from \(window.start) to \(window.end)")
        }
        if let rating = RatingParser.find(in: text), !(1...5).contains(rating) {
            throw FuzzFailure("RatingParser found the rating \(rating)")
        }
        _ = urgency.matches(in: text)
        _ = normalizer.normalize(text)
        _ = TextNormalizer.basicFold(text)
        _ = TextNormalizer(traditionalTable: text)
        _ = ChineseNumber.value(text)
        _ = ChineseNumber.digits(Substring(text))
        _ = (Room(text), Phone(text), Month(text))

        let understanding = understander.understand(text, now: now, timeZone: shanghai)
        guard IntentCatalog.protocolIntents.contains(understanding.intent) else {
            throw FuzzFailure("understood as \"\(understanding.intent)\", not a protocol intent")
        }
        guard (0...1).contains(understanding.confidence) else {
            throw FuzzFailure("understood with confidence \(understanding.confidence)")
        }
        if let room = understanding.entities.room, Room(room) == nil {
            throw FuzzFailure("understood the room \"\(room)\", which Room does not read")
        }
    }
}
