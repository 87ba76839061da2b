import Foundation
import Testing
import WuyeCore
import WuyeDialogue
import Yams

/// A conversation written as data (like Rasa's test stories): owner turns with what each must give back, staff
/// steps between them, and the clock moved by hand.
struct Story: CustomTestStringConvertible, Sendable {
    let file: String
    let name: String
    let body: [String: AnyHashableSendable]

    var testDescription: String { "\(file): \(name)" }
}

/// A YAML value that can cross into a test argument.
struct AnyHashableSendable: @unchecked Sendable {
    // Values come from Yams.load and are only read: dictionaries, arrays, strings, numbers and booleans.
    let value: Any
}

let storiesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Stories").path

/// Every story of every file in Stories/.
func allStories() -> [Story] {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: storiesFolder)) ?? [])
        .filter { $0.hasSuffix(".yml") }.sorted()
    var stories: [Story] = []
    for file in files {
        let text = try! String(contentsOfFile: "\(storiesFolder)/\(file)", encoding: .utf8)
        let root = try! Yams.load(yaml: text) as! [String: Any]
        for case let story as [String: Any] in root["stories"] as? [Any] ?? [] {
            stories.append(
                Story(
                    file: file, name: story["story"] as? String ?? "?",
                    body: story.mapValues { AnyHashableSendable(value: $0) }))
        }
    }
    return stories
}

@Suite("Conversation stories")
struct StoryTests {
    @Test("there are stories to run")
    func storiesExist() {
        #expect(allStories().count >= 20)
    }

    @Test("story", arguments: allStories())
    func run(_ story: Story) async throws {
        let start =
            (story.body["now"]?.value as? String).flatMap(parseTimestamp)
            ?? Date(
                timeIntervalSince1970: 1_795_485_600)
        let rig = try Rig(now: start, idle: (story.body["idle"]?.value as? Int).map(TimeInterval.init) ?? 1800)
        var saved: [String: String] = [:]
        if let registry = story.body["registry"]?.value as? [[String: Any]] {
            let owners = registry.map {
                Owner(
                    site: "meijia-1", room: Room($0["room"] as! String)!, name: $0["name"] as? String ?? "业主",
                    phone: Phone("\($0["phone"]!)")!)
            }
            try await rig.store.replaceOwners(owners, site: "meijia-1")
        }
        for notice in story.body["notices"]?.value as? [[String: Any]] ?? [] {
            _ = try await rig.store.addNotice(
                Notice(
                    id: 0, site: "meijia-1", kind: notice["kind"] as! String, text: notice["text"] as! String,
                    textEN: notice["text_en"] as? String, startsAt: parseTimestamp(notice["from"] as! String)!,
                    endsAt: parseTimestamp(notice["to"] as! String)!,
                    buildings: (notice["buildings"] as? [Any] ?? []).map { "\($0)" }, createdAt: start, by: "staff"),
                at: start)
        }
        let steps = story.body["steps"]?.value as? [[String: Any]] ?? []
        for (n, step) in steps.enumerated() {
            let place = "\(story.file) \"\(story.name)\" step \(n + 1)"
            if let advance = step["advance"] as? String {
                rig.clock.advance(try #require(duration(advance), "\(place): bad duration \(advance)"))
                continue
            }
            if let staff = step["staff"] as? [String: Any] {
                let id = resolve(staff["ticket"] as! String, saved)
                let action = try #require(TicketAction(rawValue: staff["action"] as! String), "\(place)")
                _ = try await rig.assistant.update(
                    id, action: action,
                    details: StepDetails(
                        department: staff["department"] as? String, assignee: staff["assignee"] as? String,
                        note: staff["note"] as? String), by: "客服小王")
                continue
            }
            if let session = step["reset"] as? String {
                try await rig.assistant.resetSession(session)
                continue
            }
            let text = try #require(
                step["user"].map { "\($0)" }, "\(place): a step needs user, staff, advance or reset")
            var owner: OwnerInfo?
            if let given = step["owner"] as? [String: Any] {
                owner = OwnerInfo(
                    room: given["room"] as? String, phone: given["phone"].map { "\($0)" },
                    name: given["name"] as? String)
            }
            let response = try await rig.say(
                text, session: step["session"] as? String ?? "s1", owner: owner, language: step["lang"] as? String)
            let shown =
                "\(place) \"\(text)\" → [\(response.intent), awaiting \(response.awaiting?.rawValue ?? "nil")] \(response.reply)"
            if ProcessInfo.processInfo.environment["STORY_TRACE"] != nil { print(shown) }
            if let name = step["save"] as? String {
                let id = try #require(response.ticket?.id, "\(shown): no ticket to save as \(name)")
                saved[name] = id
            }
            try check(step, response, saved, shown, rig: rig)
        }
    }

    private func check(_ step: [String: Any], _ r: ChatResponse, _ saved: [String: String], _ shown: String, rig: Rig)
        throws
    {
        if let intent = step["intent"] as? String { #expect(r.intent == intent, "\(shown): intent") }
        if step.keys.contains("awaiting") {
            let expected = step["awaiting"] as? String
            #expect(r.awaiting?.rawValue == expected, "\(shown): awaiting")
        }
        for part in strings(step["reply"]).map({ resolve($0, saved) }) {
            #expect(r.reply.contains(part), "\(shown): reply should contain \(part)")
        }
        for part in strings(step["not_reply"]) {
            #expect(!r.reply.contains(part), "\(shown): reply should not contain \(part)")
        }
        if step["no_ticket"] as? Bool == true { #expect(r.ticket == nil, "\(shown): no ticket expected") }
        if let count = step["tickets"] as? Int { #expect(r.tickets?.count == count, "\(shown): tickets") }
        if let entities = step["entities"] as? [String: Any] {
            for (key, value) in entities {
                let actual: String? =
                    switch key {
                    case "room": r.entities.room
                    case "phone": r.entities.phone
                    case "category": r.entities.category
                    case "urgent": r.entities.urgent.map { "\($0)" }
                    case "ticket": r.entities.ticket
                    case "rating": r.entities.rating.map { "\($0)" }
                    default: "unknown entity \(key)"
                    }
                #expect(actual == "\(value)", "\(shown): entity \(key)")
            }
        }
        if let expected = step["ticket"] as? [String: Any] {
            guard let t = r.ticket else {
                Issue.record("\(shown): a ticket was expected")
                return
            }
            for (key, value) in expected {
                let want = "\(value)"
                let actual: String? =
                    switch key {
                    case "id": t.id
                    case "kind": t.kind.rawValue
                    case "status": t.status.rawValue
                    case "category": t.category
                    case "room": t.room.description
                    case "priority": t.priority.rawValue
                    case "department": t.department
                    case "location": t.location
                    case "reporters": String(t.reporters.count)
                    case "escalated": String(t.escalated)
                    case "reopen_count": String(t.reopenCount)
                    case "rating": t.rating.map(String.init)
                    case "summary": t.summary
                    case "events": String(t.events?.count ?? 0)
                    case "last_event": t.events?.last?.action.rawValue
                    default: "unknown field \(key)"
                    }
                #expect(actual == resolve(want, saved), "\(shown): ticket \(key)")
            }
        }
    }

    private func strings(_ value: Any?) -> [String] {
        if let one = value as? String { return [one] }
        return (value as? [Any] ?? []).map { "\($0)" }
    }

    private func resolve(_ text: String, _ saved: [String: String]) -> String {
        text.hasPrefix("$") ? saved[String(text.dropFirst())] ?? text : text
    }

    private func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let n = Double(text.dropLast()) else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86400
        default: return nil
        }
    }
}
