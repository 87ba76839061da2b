/// Finds the words of named lists in folded text, longest first, without overlaps: the engine behind
/// lookups and synonyms. Terms are folded like the text; Latin terms match on word boundaries only.
public struct TermMatcher: Sendable {
    /// A term found in a text.
    public struct Match: Sendable, Hashable {
        /// Offsets in Characters of the text searched.
        public var start: Int
        public var end: Int
        public var term: String
        /// The lists this term belongs to.
        public var names: [String]
    }

    /// first character → (term characters, names), longest first.
    private let index: [Character: [(chars: [Character], term: String, names: [String])]]

    public init(lists: [String: [String]], normalizer: TextNormalizer) {
        var byTerm: [String: Set<String>] = [:]
        for (name, terms) in lists {
            for term in terms {
                let folded = normalizer.normalize(term)
                guard !folded.isEmpty else { continue }
                byTerm[folded, default: []].insert(name)
            }
        }
        var index: [Character: [(chars: [Character], term: String, names: [String])]] = [:]
        for (term, names) in byTerm {
            let chars = Array(term)
            index[chars[0], default: []].append((chars, term, names.sorted()))
        }
        for key in index.keys { index[key]!.sort { $0.chars.count > $1.chars.count } }
        self.index = index
    }

    /// Every match, scanning left to right and taking the longest term at each place.
    public func matches(in chars: [Character]) -> [Match] {
        var found: [Match] = []
        var i = 0
        while i < chars.count {
            var advanced = false
            if let candidates = index[chars[i]], !(i > 0 && Self.isWordChar(chars[i]) && Self.isWordChar(chars[i - 1]))
            {
                for candidate in candidates where candidate.chars.count <= chars.count - i {
                    var same = true
                    for (offset, c) in candidate.chars.enumerated() where chars[i + offset] != c {
                        same = false
                        break
                    }
                    guard same else { continue }
                    let end = i + candidate.chars.count
                    if let last = candidate.chars.last, Self.isWordChar(last), end < chars.count,
                        Self.isWordChar(chars[end])
                    {
                        continue
                    }
                    found.append(Match(start: i, end: end, term: candidate.term, names: candidate.names))
                    i = end
                    advanced = true
                    break
                }
            }
            if !advanced { i += 1 }
        }
        return found
    }

    /// ASCII letters and digits: where Latin words must not be cut.
    static func isWordChar(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 97 && a <= 122) || (a >= 65 && a <= 90) || (a >= 48 && a <= 57)
    }
}
