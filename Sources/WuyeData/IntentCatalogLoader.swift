import Foundation
import WuyeCore
import WuyeNLU
import Yams

/// Reads the training data in `intents/` (Rasa's NLU training-data format: `nlu:` with `- intent:`,
/// `- synonym:`, `- regex:`, `- lookup:` and `examples: |`), Wuye's `rules.yml` and the character table,
/// and checks it: every problem is reported as `path:line: error: …`, and nothing half-loads.
public enum IntentCatalogLoader {
    /// Files of `intents/` that are Wuye's own data rather than Rasa training data.
    static let ownFiles: Set<String> = [
        "routing.yml", "sla.yml", "sites.yml", "rules.yml", "replies.yml", "faq.yml", "dialogue.yml", "console.yml",
    ]

    /// Loads the catalog. `categories` (kind → known categories) checks `repair/…` and `complaint/…` lookups.
    public static func load(from directory: String, categories: [String: [String]] = [:]) throws -> IntentCatalog {
        let (catalog, problems) = read(directory, categories: categories)
        guard problems.isEmpty else { throw DataProblems(problems) }
        return catalog
    }

    /// Every problem of the folder's training data; empty when it loads.
    public static func check(_ directory: String, categories: [String: [String]] = [:]) -> [DataProblem] {
        examine(directory, categories: categories).problems
    }

    /// The catalog as far as it reads, with every problem found: one pass for tools that report both.
    public static func examine(_ directory: String, categories: [String: [String]] = [:])
        -> (catalog: IntentCatalog, problems: [DataProblem])
    {
        read(directory, categories: categories)
    }

    static func read(_ directory: String, categories: [String: [String]]) -> (IntentCatalog, [DataProblem]) {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var catalog = IntentCatalog(examples: [])
        guard FileManager.default.fileExists(atPath: dir) else {
            return (catalog, [DataProblem(path: dir, line: 0, message: "no such data folder")])
        }
        let tablePath = "\(dir)/normalize/traditional.txt"
        if let text = try? String(contentsOfFile: tablePath, encoding: .utf8) {
            catalog.simplified = TextNormalizer(traditionalTable: text).simplified
        }
        // Which category wins when a message's words fit several (routing.yml; checked by ServiceRulesLoader).
        if FileManager.default.fileExists(atPath: "\(dir)/routing.yml"),
            let root = YAMLFile(path: "\(dir)/routing.yml").root,
            case .mapping(let precedence)? = root["category_precedence"]
        {
            for (kind, names) in precedence {
                if let kind = kind.string { catalog.categoryPrecedence[kind] = names.array().compactMap(\.string) }
            }
        }
        let rulesPath = "\(dir)/rules.yml"
        return read(
            training: trainingFiles(in: dir).map { YAMLFile(path: $0) },
            rules: FileManager.default.fileExists(atPath: rulesPath) ? YAMLFile(path: rulesPath) : nil,
            into: catalog, folder: dir, categories: categories)
    }

    /// One file's text read as if it were the only training file (or, named `rules.yml`, the only rules) of a
    /// folder: the catalog and every problem, the folder's "no examples" ones included. Never traps, whatever the
    /// text: the fuzz target `fuzz-intents` holds it to that.
    package static func examine(text: String, path: String, categories: [String: [String]] = [:])
        -> (catalog: IntentCatalog, problems: [DataProblem])
    {
        let file = YAMLFile(text: text, path: path)
        let isRules = path == "rules.yml" || path.hasSuffix("/rules.yml")
        return read(
            training: isRules ? [] : [file], rules: isRules ? file : nil, into: IntentCatalog(examples: []),
            folder: ".", categories: categories)
    }

    /// The catalog taught by parsed training files and `rules.yml`, added to `catalog` (which brings the character
    /// table and category precedence), with every problem of the files and of the folder as a whole.
    static func read(
        training files: [YAMLFile], rules: YAMLFile?, into catalog: IntentCatalog, folder dir: String,
        categories: [String: [String]]
    ) -> (IntentCatalog, [DataProblem]) {
        var catalog = catalog
        var problems: [DataProblem] = []
        let normalizer = TextNormalizer(simplified: catalog.simplified)
        var firstSeen: [String: (intent: String, path: String, line: Int)] = [:]
        var synonymSources: [String: (String, String, Int)] = [:]

        for file in files {
            let path = file.path
            defer { problems += file.problems }
            guard let root = file.root else { continue }
            guard case .mapping = root, root["nlu"] != nil else {
                file.problem(
                    root,
                    "not Rasa NLU training data (no top-level nlu:) and not one of Wuye's own files "
                        + "(\(ownFiles.sorted().joined(separator: ", ")))")
                continue
            }
            if let version = root["version"] {
                if !(version.string.map { $0.hasPrefix("2.") || $0.hasPrefix("3.") } ?? false) {
                    file.problem(version, "version must be a Rasa training-data version such as \"3.1\"")
                }
            }
            for item in file.sequence(root["nlu"], "nlu") {
                let kinds = ["intent", "synonym", "regex", "lookup"].filter { item[$0] != nil }
                guard kinds.count == 1, let kind = kinds.first else {
                    file.problem(item, "each nlu item has exactly one of intent:, synonym:, regex:, lookup:")
                    continue
                }
                file.refuseUnknownKeys(item, allowed: [kind, "examples", "metadata"], "an nlu item")
                guard let name = file.string(item[kind], "the \(kind) name", in: item) else { continue }
                let lines = examples(of: item, file: file)
                if lines.isEmpty { file.problem(item, "\(kind) \(name) has no examples") }
                switch kind {
                case "intent":
                    let parent = IntentCatalog.parent(of: name)
                    guard IntentCatalog.protocolIntents.contains(parent) else {
                        file.problem(
                            item[kind],
                            "unknown intent \"\(name)\"; intents are "
                                + IntentCatalog.protocolIntents.joined(separator: ", ")
                                + " (or finer ones like inquiry.fees)")
                        continue
                    }
                    for (text, line) in lines {
                        let key = normalizer.normalize(text)
                        if let first = firstSeen[key] {
                            if first.intent != name {
                                problems.append(
                                    DataProblem(
                                        path: path, line: line,
                                        message:
                                            "example \"\(text)\" is listed under two intents (\(first.intent), \(name)); "
                                            + "the other is at \(first.path):\(first.line)"))
                            }
                            continue
                        }
                        firstSeen[key] = (name, path, line)
                        catalog.examples.append(.init(text: text, intent: name, path: path, line: line))
                    }
                case "synonym":
                    for (variant, line) in lines {
                        let key = normalizer.normalize(variant)
                        if let other = synonymSources[key], other.0 != name {
                            problems.append(
                                DataProblem(
                                    path: path, line: line,
                                    message:
                                        "\"\(variant)\" is a synonym of both \(other.0) and \(name); the other is at \(other.1):\(other.2)"
                                ))
                            continue
                        }
                        synonymSources[key] = (name, path, line)
                        catalog.synonyms[variant] = name
                    }
                case "regex":
                    for (pattern, line) in lines {
                        do {
                            _ = try NSRegularExpression(pattern: pattern)
                            catalog.regexes[name, default: []].append(pattern)
                        } catch {
                            problems.append(
                                DataProblem(path: path, line: line, message: "bad regex \(pattern) in \(name)"))
                        }
                    }
                default:
                    let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
                    if parts.count == 2, let known = categories[parts[0]], !known.contains(parts[1]) {
                        file.problem(
                            item[kind],
                            "unknown \(parts[0]) category \"\(parts[1])\" in lookup \(name); "
                                + "categories are \(known.joined(separator: ", ")) (intents/routing.yml)")
                    }
                    catalog.lookups[name, default: []] += lines.map(\.0)
                }
            }
        }

        if let file = rules {
            if let root = file.root {
                file.refuseUnknownKeys(root, allowed: ["rules"], "rules.yml")
                for node in file.sequence(root["rules"], "rules") {
                    file.refuseUnknownKeys(node, allowed: ["intent", "exactly", "containing"], "a rule")
                    guard let intent = file.string(node["intent"], "intent", in: node) else { continue }
                    if !IntentCatalog.protocolIntents.contains(IntentCatalog.parent(of: intent)) {
                        file.problem(node["intent"], "unknown intent \"\(intent)\"")
                    }
                    let exactly = file.sequence(node["exactly"], "exactly").compactMap(\.string)
                    let containing = file.sequence(node["containing"], "containing").compactMap(\.string)
                    if exactly.isEmpty && containing.isEmpty {
                        file.problem(node, "a rule needs phrases under exactly: or containing:")
                    }
                    if !exactly.isEmpty {
                        catalog.rules.append(.init(intent: intent, phrases: exactly, contains: false))
                    }
                    if !containing.isEmpty {
                        catalog.rules.append(.init(intent: intent, phrases: containing, contains: true))
                    }
                }
            }
            problems += file.problems
        }

        let taught = Set(catalog.examples.map { IntentCatalog.parent(of: $0.intent) })
        for intent in IntentCatalog.protocolIntents where !taught.contains(intent) {
            problems.append(DataProblem(path: dir, line: 0, message: "no examples for intent \(intent)"))
        }
        return (catalog, problems.sorted())
    }

    /// Every `.yml` under the folder except Wuye's own files and calendars, in a stable order.
    static func trainingFiles(in dir: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: dir) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") else { continue }
            if ownFiles.contains(relative) || relative.hasPrefix("calendars/") { continue }
            files.append("\(dir)/\(relative)")
        }
        return files.sorted()
    }

    /// The `- ` lines of an item's `examples: |` block (or another key's, such as the FAQ's `questions: |`) with
    /// their line numbers; Rasa entity markup (`[3-2-501](room)`) is reduced to its text.
    static func examples(of item: Node, key: String = "examples", file: YAMLFile) -> [(String, Int)] {
        guard let node = item[key] else { return [] }
        let noun = String(key.dropLast())
        guard case .scalar(let scalar) = node else {
            file.problem(node, "\(key) must be a block of \"- \(noun)\" lines (\(key): |)")
            return []
        }
        let first = (scalar.mark?.line ?? 0) + (scalar.style == .literal || scalar.style == .folded ? 1 : 0)
        var out: [(String, Int)] = []
        for (offset, raw) in scalar.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingWhitespace()
            if line.isEmpty { continue }
            guard line.hasPrefix("- ") || line == "-" else {
                let article = "aeiou".contains(noun.first ?? "x") ? "an" : "a"
                file.problemAt(
                    first + offset, "\(article) \(noun) line must start with \"- \" (got \"\(line.prefix(40))\")")
                continue
            }
            let text = stripEntityMarkup(String(line.dropFirst(1)).trimmingWhitespace())
            if text.isEmpty {
                file.problemAt(first + offset, "empty \(noun)")
                continue
            }
            out.append((text, first + offset))
        }
        return out
    }

    static let markup = try! NSRegularExpression(pattern: #"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})"#)

    static func stripEntityMarkup(_ text: String) -> String {
        // A scalar scan first: most examples have no markup, and Foundation's search is slow on Linux.
        let scalars = Array(text.unicodeScalars)
        guard zip(scalars, scalars.dropFirst()).contains(where: { $0 == "]" && ($1 == "(" || $1 == "{") }) else {
            return text
        }
        return markup.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1")
    }
}
