import Foundation
import Yams

/// A YAML data file read into nodes that remember their lines, collecting problems as it is interpreted.
final class YAMLFile {
    let path: String
    let root: Node?
    private(set) var problems: [DataProblem] = []

    /// Reads and parses `path`; a missing or unparsable file becomes a problem, not a crash.
    convenience init(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            self.init(path: path, problem: "cannot read the file")
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            self.init(path: path, problem: "the file is not UTF-8 text")
            return
        }
        self.init(text: text, path: path)
    }

    private init(path: String, problem: String) {
        self.path = path
        root = nil
        problems.append(DataProblem(path: path, line: 0, message: problem))
    }

    /// Parses `text` as the contents of `path`, which only names the file in problems.
    init(text: String, path: String) {
        self.path = path
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            root = nil
            let (line, message) = YAMLFile.describe(error)
            problems.append(DataProblem(path: path, line: line, message: "not valid YAML: \(message)"))
        } catch {
            root = nil
            problems.append(DataProblem(path: path, line: 0, message: "not valid YAML: \(error)"))
        }
    }

    static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // libyaml notices an unclosed bracket or quote only where the file ends: name where it began too.
            guard let context else { return (mark.line, problem) }
            let start = context.mark.line == mark.line ? "" : " that begins at line \(context.mark.line)"
            return (mark.line, "\(problem) (\(context.text)\(start))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicated keys \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return (0, problem)
        default:
            return (0, "\(error)")
        }
    }

    func problem(_ node: Node?, _ message: String) {
        problems.append(DataProblem(path: path, line: node?.mark?.line ?? 0, message: message))
    }

    func problemAt(_ line: Int, _ message: String) {
        problems.append(DataProblem(path: path, line: line, message: message))
    }

    /// The mapping at `node` as ordered pairs of string keys and values; a problem when it is not one.
    func mapping(_ node: Node?, _ what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            problem(node, "\(what) must be a mapping of names to values")
            return []
        }
        return mapping.compactMap { pair in
            guard let key = pair.key.string else {
                problem(pair.key, "\(what) has a key that is not text")
                return nil
            }
            return (key, pair.key, pair.value)
        }
    }

    func sequence(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            problem(node, "\(what) must be a list")
            return []
        }
        return Array(sequence)
    }

    func string(_ node: Node?, _ what: String, in parent: Node?) -> String? {
        guard let node else {
            problem(parent, "\(what) is missing")
            return nil
        }
        guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem(node, "\(what) must be a non-empty text value")
            return nil
        }
        return scalar.string.trimmingCharacters(in: .whitespaces)
    }

    /// Keys of a mapping that the format does not know: a typo would otherwise be silently ignored.
    func refuseUnknownKeys(_ node: Node?, allowed: Set<String>, _ what: String) {
        for entry in mapping(node, what) where !allowed.contains(entry.key) {
            problem(
                entry.keyNode,
                "unknown key \"\(entry.key)\" in \(what); expected one of \(allowed.sorted().joined(separator: ", "))")
        }
    }
}
