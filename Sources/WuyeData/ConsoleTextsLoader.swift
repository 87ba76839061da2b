import Foundation
import WuyeCore
import Yams

/// Reads what the console says to owners from `console.yml` in an `intents/` folder: each text a mapping with a
/// Chinese (`zh`) and an English (`en`) version. Either all of it loads, or `DataProblems` names each line at fault.
public enum ConsoleTextsLoader {
    /// The texts the file must have, in the order problems about missing ones are reported.
    static let keys = ["welcome", "prompt", "notices", "refusal", "idle", "goodbye", "error"]
    /// Texts the file may have.
    static let optionalKeys = ["privacy"]

    public static func load(from directory: String) throws -> ConsoleTexts {
        let (texts, problems) = examine(directory)
        guard let texts, problems.isEmpty else { throw DataProblems(problems) }
        return texts
    }

    /// The texts when the file is right, and every problem found in it.
    public static func examine(_ directory: String) -> (ConsoleTexts?, [DataProblem]) {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let file = YAMLFile(path: "\(dir)/console.yml")
        let texts = read(file)
        return (file.problems.isEmpty ? texts : nil, file.problems)
    }

    static func read(_ file: YAMLFile) -> ConsoleTexts? {
        guard let root = file.root else { return nil }
        file.refuseUnknownKeys(root, allowed: Set(keys + optionalKeys), "console.yml")
        var found: [String: ConsoleTexts.Text] = [:]
        for key in keys + optionalKeys {
            guard let node = root[key] else {
                if optionalKeys.contains(key) { continue }
                file.problem(root, "\(key) is missing; console.yml needs \(keys.joined(separator: ", "))")
                continue
            }
            guard case .mapping = node else {
                file.problem(node, "\(key) must be a mapping with a Chinese (zh) and an English (en) text")
                continue
            }
            file.refuseUnknownKeys(node, allowed: ["zh", "en"], key)
            let zh = text(file, node["zh"], "the Chinese text (zh) of \(key)", in: node, oneLine: key == "prompt")
            let en = text(file, node["en"], "the English text (en) of \(key)", in: node, oneLine: key == "prompt")
            if let zh, let en { found[key] = .init(zh: zh, en: en) }
        }
        guard file.problems.isEmpty, let welcome = found["welcome"], let prompt = found["prompt"],
            let notices = found["notices"], let refusal = found["refusal"], let idle = found["idle"],
            let goodbye = found["goodbye"], let error = found["error"]
        else { return nil }
        var texts = ConsoleTexts(
            welcome: welcome, prompt: prompt, notices: notices, refusal: refusal, idle: idle, goodbye: goodbye,
            error: error)
        texts.privacy = found["privacy"]
        return texts
    }

    /// A non-empty text value without surrounding blank space, whose `{placeholders}` are known.
    static func text(_ file: YAMLFile, _ node: Node?, _ what: String, in parent: Node, oneLine: Bool) -> String? {
        guard let node else {
            file.problem(parent, "\(what) is missing")
            return nil
        }
        guard case .scalar(let scalar) = node else {
            file.problem(node, "\(what) must be text")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            file.problem(node, "\(what) must not be empty")
            return nil
        }
        if oneLine && value.contains("\n") { file.problem(node, "\(what) must be one line") }
        for name in placeholders(in: value) where !ConsoleTexts.placeholders.contains(name) {
            file.problem(
                node,
                "unknown placeholder {\(name)} in \(what); known: "
                    + ConsoleTexts.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", "))
        }
        return value
    }

    /// The names written as `{name}` in `text`.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                current! += String(character)
            }
        }
        return names
    }
}
