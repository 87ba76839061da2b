import Foundation
import Testing
import WuyeData
import WuyeDialogue

@Suite("Reading intents/dialogue.yml")
struct DialogueLoaderTests {
    /// A folder holding only a dialogue.yml with `text`.
    func folder(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialogue-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: "\(dir)/dialogue.yml", atomically: true, encoding: .utf8)
        return dir
    }

    func problems(_ text: String) throws -> [String] {
        let dir = try folder(text)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try DialogueLoader.load(from: dir)
            return []
        } catch let error as DataProblems {
            return error.problems.map(\.description)
        }
    }

    @Test("the shipped file loads with every reply the conversation uses")
    func shipped() throws {
        let data = try DialogueLoader.load(from: shippedIntents)
        for key in DialogueLoader.requiredReplies { #expect(data.replies[key]?["zh"] != nil, "\(key)") }
        #expect(data.commonAreas.contains { $0.place == "电梯" })
    }

    @Test("a bad scope, a reply without Chinese and a missing reply are named with file and line")
    func badFile() throws {
        let shipped = try String(contentsOfFile: "\(shippedIntents)/dialogue.yml", encoding: .utf8)
        var text = shipped.replacingOccurrences(of: "    scope: site\n", with: "    scope: galaxy\n")
        text = text.replacingOccurrences(of: "  greet:\n    zh: ", with: "  greet:\n    fr: ")
        text = text.replacingOccurrences(of: "  thanks:\n", with: "  thanks_typo:\n")
        let found = try problems(text)
        #expect(found.contains { $0.contains("dialogue.yml:") && $0.contains("scope must be unit, building or site") })
        #expect(found.contains { $0.contains("reply greet has language \"fr\"") })
        #expect(found.contains { $0.contains("reply greet has no Chinese text (zh)") })
        #expect(found.contains { $0.contains("reply \"thanks\" is missing") })
        #expect(found.allSatisfy { $0.range(of: #"dialogue\.yml:\d+: error: "#, options: .regularExpression) != nil })
    }

    @Test("a file that is not YAML is one problem with its line, not a crash")
    func notYAML() throws {
        let found = try problems("replies:\n  greet: [unclosed\n")
        #expect(found.count == 1)
        #expect(found.first?.contains("not valid YAML") == true)
    }
}
