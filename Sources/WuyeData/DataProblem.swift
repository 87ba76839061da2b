/// One thing wrong in a data file, pointing at its line: `intents/sla.yml:14: error: unknown kind "repiar"`.
public struct DataProblem: Sendable, Hashable, CustomStringConvertible, Comparable {
    public var path: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(path):\(line): error: \(message)" : "\(path): error: \(message)" }

    public static func < (a: DataProblem, b: DataProblem) -> Bool {
        (a.path, a.line, a.message) < (b.path, b.line, b.message)
    }
}

/// Everything wrong with a data folder; thrown instead of loading half of it.
public struct DataProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [DataProblem]

    public init(_ problems: [DataProblem]) { self.problems = problems.sorted() }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
