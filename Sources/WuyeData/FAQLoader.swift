import Foundation
import WuyeNLU
import Yams

/// Reads the FAQ of `intents/faq.yml` (`faq:` entries with `id`, a `questions: |` block of `- question` lines and
/// `answer:` texts per language) and checks it: every problem is reported as `path:line: error: …`.
public enum FAQLoader {
    /// The entries of `directory/faq.yml`; none when the folder has no FAQ.
    public static func load(from directory: String) throws -> [FAQEntry] {
        let (entries, problems) = examine(directory)
        guard problems.isEmpty else { throw DataProblems(problems) }
        return entries
    }

    /// The entries as far as they read, with every problem found; both empty when there is no `faq.yml`.
    public static func examine(_ directory: String) -> (entries: [FAQEntry], problems: [DataProblem]) {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let path = "\(dir)/faq.yml"
        guard FileManager.default.fileExists(atPath: path) else { return ([], []) }
        // Questions are compared folded: 電梯 and 电梯, Ｗｉｆｉ and wifi, two spaces and one are one question.
        let table = (try? String(contentsOfFile: "\(dir)/normalize/traditional.txt", encoding: .utf8)) ?? ""
        return examine(YAMLFile(path: path), normalizer: TextNormalizer(traditionalTable: table))
    }

    /// The entries of a parsed `faq.yml` as far as they read, with every problem found.
    static func examine(_ file: YAMLFile, normalizer: TextNormalizer) -> (entries: [FAQEntry], problems: [DataProblem])
    {
        guard let root = file.root else { return ([], file.problems) }
        file.refuseUnknownKeys(root, allowed: ["version", "faq"], "faq.yml")
        if let version = root["version"], version.string != "1" {
            file.problem(version, "version must be \"1\"")
        }
        if root["faq"] == nil { file.problem(root, "no faq: list of entries") }

        var entries: [FAQEntry] = []
        var ids: [String: Int] = [:]
        var questions: [String: (id: String, line: Int)] = [:]
        for node in file.sequence(root["faq"], "faq") {
            file.refuseUnknownKeys(node, allowed: ["id", "questions", "answer"], "an FAQ entry")
            guard let id = file.string(node["id"], "the id of an FAQ entry", in: node) else { continue }
            let line = node["id"]?.mark?.line ?? 0
            if let first = ids[id] {
                file.problem(node["id"], "FAQ id \"\(id)\" is listed twice; the first is at line \(first)")
            } else {
                ids[id] = line
            }

            let lines = IntentCatalogLoader.examples(of: node, key: "questions", file: file)
            if lines.isEmpty { file.problem(node, "FAQ entry \(id) has no questions (questions: | with - lines)") }
            var texts: [String] = []
            for (text, line) in lines {
                let key = normalizer.normalize(text)
                if let other = questions[key] {
                    if other.id != id {
                        file.problemAt(
                            line,
                            "question \"\(text)\" is listed under two entries (\(other.id), \(id)); "
                                + "the other is at line \(other.line)")
                    }
                    continue
                }
                questions[key] = (id, line)
                texts.append(text)
            }

            var answers: [String: String] = [:]
            for answer in file.mapping(node["answer"], "the answer of \(id)") {
                guard let text = file.string(answer.value, "the \(answer.key) answer of \(id)", in: answer.keyNode)
                else { continue }
                for name in placeholders(in: text) where !FAQEntry.placeholders.contains(name) {
                    file.problem(
                        answer.value,
                        "unknown placeholder {\(name)} in the \(answer.key) answer of \(id); placeholders are "
                            + FAQEntry.placeholders.map { "{\($0)}" }.joined(separator: ", "))
                }
                answers[answer.key] = text
            }
            if answers["zh"] == nil {
                file.problem(node["answer"] ?? node, "FAQ entry \(id) has no Chinese answer (answer: zh: …)")
            }
            entries.append(FAQEntry(id: id, questions: texts, answers: answers))
        }
        return (entries, file.problems.sorted())
    }

    /// The names between braces in an answer: `{duty_phone}` → duty_phone.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var name: String?
        for c in text {
            if c == "{" {
                name = ""
            } else if c == "}", let n = name {
                names.append(n)
                name = nil
            } else if name != nil {
                name!.append(c)
            }
        }
        return names
    }
}
