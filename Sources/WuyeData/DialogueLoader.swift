import Foundation
import WuyeDialogue
import Yams

/// Reads `intents/dialogue.yml`: the conversation's phrases, shared places, hazards and reply texts. Every
/// reply must have a Chinese text; every problem is reported with its file and line.
public enum DialogueLoader {
    /// Reply keys the conversation uses; a data file without one of them is refused.
    public static let requiredReplies = [
        "greet", "thanks", "goodbye", "chitchat", "out_of_scope", "fallback", "ask_description", "ask_room",
        "ask_room_again", "ask_phone", "ask_phone_verify", "phone_mismatch", "confirm_repair", "confirm_complaint",
        "confirm_suggestion", "filed_repair", "filed_complaint", "filed_suggestion", "filed_inquiry", "filed_urgent",
        "offer_time", "time_noted", "duplicate", "linked", "urgent_other", "urgent_duty", "urgent_ask_room",
        "cancelled_pending", "cancelled_ticket", "nothing_to_cancel", "ask_correction", "corrected_ticket",
        "progress_ask_room", "progress_none", "progress_foreign", "progress_list", "progress_item", "progress_one",
        "status_open", "status_assigned", "status_in_progress", "status_resolved", "status_closed",
        "status_cancelled", "detail_accepted", "detail_last", "detail_promise_accept", "detail_promise_resolve",
        "detail_late", "detail_on_time", "followup_ask", "followup_closed", "followup_reopened", "rated_good",
        "rated_bad", "ask_rating_again", "handoff", "handoff_closed", "handoff_ask_room", "notice", "notice_outage",
        "no_notice", "progress_asked_staff",
    ]

    public static func load(from directory: String) throws -> DialogueData {
        let path = (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/dialogue.yml"
        let file = YAMLFile(path: path)
        let data = read(file)
        if let data, file.problems.isEmpty { return data }
        throw DataProblems(file.problems)
    }

    static func read(_ file: YAMLFile) -> DialogueData? {
        guard let root = file.root else { return nil }
        file.refuseUnknownKeys(
            root, allowed: ["version", "phrases", "common_areas", "hazards", "small_talk", "replies"], "dialogue.yml")
        var phrases: [String: [String]] = [:]
        for entry in file.mapping(root["phrases"], "phrases") {
            phrases[entry.key] = words(file, entry.value, "phrase list \(entry.key)")
        }
        for name in DialogueData.phraseLists where phrases[name] == nil {
            file.problem(root["phrases"] ?? root, "phrase list \"\(name)\" is missing")
        }
        var areas: [DialogueData.CommonArea] = []
        for node in file.sequence(root["common_areas"], "common_areas") {
            file.refuseUnknownKeys(node, allowed: ["place", "words", "scope"], "a common area")
            guard let place = file.string(node["place"], "place", in: node) else { continue }
            let scopeName = node["scope"]?.string ?? "unit"
            guard let scope = DialogueData.CommonArea.Scope(rawValue: scopeName) else {
                file.problem(node["scope"], "scope must be unit, building or site, not \"\(scopeName)\"")
                continue
            }
            areas.append(.init(place: place, words: words(file, node["words"], "words of \(place)"), scope: scope))
        }
        var hazards: [DialogueData.Hazard] = []
        for node in file.sequence(root["hazards"], "hazards") {
            file.refuseUnknownKeys(node, allowed: ["id", "words"], "a hazard")
            guard let id = file.string(node["id"], "id", in: node) else { continue }
            hazards.append(.init(id: id, words: words(file, node["words"], "words of hazard \(id)")))
        }
        var smallTalk: [DialogueData.SmallTalk] = []
        for node in file.sequence(root["small_talk"], "small_talk") {
            file.refuseUnknownKeys(node, allowed: ["reply", "words"], "a small-talk entry")
            guard let reply = file.string(node["reply"], "reply", in: node) else { continue }
            smallTalk.append(.init(reply: reply, words: words(file, node["words"], "words of \(reply)")))
        }
        var replies: [String: [String: String]] = [:]
        for entry in file.mapping(root["replies"], "replies") {
            var texts: [String: String] = [:]
            for language in file.mapping(entry.value, "reply \(entry.key)") {
                guard ["zh", "en"].contains(language.key) else {
                    file.problem(language.keyNode, "reply \(entry.key) has language \"\(language.key)\"; use zh or en")
                    continue
                }
                if let text = file.string(language.value, "\(entry.key).\(language.key)", in: entry.value) {
                    texts[language.key] = text
                }
            }
            if texts["zh"] == nil { file.problem(entry.keyNode, "reply \(entry.key) has no Chinese text (zh)") }
            replies[entry.key] = texts
        }
        let needed = requiredReplies + hazards.map { "urgent_\($0.id)" } + smallTalk.map(\.reply)
        for key in needed where replies[key] == nil {
            file.problem(root["replies"] ?? root, "reply \"\(key)\" is missing")
        }
        var data = DialogueData(phrases: phrases, commonAreas: areas, hazards: hazards, replies: replies)
        data.smallTalk = smallTalk
        return data
    }

    private static func words(_ file: YAMLFile, _ node: Node?, _ what: String) -> [String] {
        let list = file.sequence(node, what).compactMap { file.string($0, "a word of \(what)", in: node) }
        if node != nil && list.isEmpty { file.problem(node, "\(what) is empty") }
        return list
    }
}
