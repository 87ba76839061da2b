/// What the FAQ index found for a question: the best entry, how close it came, and the entry that came next.
public struct FAQMatch: Sendable, Hashable {
    /// One entry with its score: the cosine similarity (0...1) of the question to the entry's closest variant.
    public struct Candidate: Sendable, Hashable {
        public var entry: FAQEntry
        public var score: Double
        /// The variant that came closest, to show staff why the entry was chosen.
        public var question: String

        public init(entry: FAQEntry, score: Double, question: String) {
            self.entry = entry
            self.score = score
            self.question = question
        }
    }

    public var best: Candidate
    /// The next entry, when there is one with any similarity at all.
    public var runnerUp: Candidate?

    public init(best: Candidate, runnerUp: Candidate?) {
        self.best = best
        self.runnerUp = runnerUp
    }

    public var entry: FAQEntry { best.entry }
    public var score: Double { best.score }
}
