/// Finds the words of named lists in folded text, longest first, without overlaps: the engine behind
/// lookups and synonyms. Terms are folded like the text; Latin terms match on word boundaries only.
public struct TermMatcher: Sendable {
    /// A term found in a text.
    public struct Match: Sendable, Hashable {
        /// Offsets in scalars of the text searched.
        public var start: Int
        public var end: Int
        /// Which term: an index into `terms`.
        public var term: Int
    }

    /// A term with the lists it belongs to.
    public struct Term: Sendable, Hashable {
        public var scalars: [Unicode.Scalar]
        public var text: String
        public var names: [String]
        /// The whole-message features a hit gives: `lookup repair/plumbing` and `lookup repair`.
        public var tags: [String]
    }

    public let terms: [Term]
    /// Term indices grouped by first scalar, longest first; `starts[v]..<starts[v + 1]` are those starting with
    /// the BMP scalar v (a flat table: one array read per position instead of a hash lookup).
    private let order: [Int32]
    private let starts: [Int32]
    /// Terms whose first scalar is beyond the BMP.
    private let astral: [UInt32: [Int]]
    /// Every term's scalars end to end, and where each term starts and ends in it: matching reads plain
    /// integers, with no reference counting in the loop.
    private let flat: [UInt32]
    private let bounds: [Int32]

    public init(lists: [String: [String]], normalizer: TextNormalizer) {
        var byTerm: [String: Set<String>] = [:]
        for (name, words) in lists {
            for word in words {
                let folded = normalizer.normalize(word)
                guard !folded.isEmpty else { continue }
                byTerm[folded, default: []].insert(name)
            }
        }
        let terms = byTerm.keys.sorted().map { text in
            let names = byTerm[text]!.sorted()
            var tags: [String] = []
            for name in names {
                tags.append("lookup \(name)")
                if let slash = name.firstIndex(of: "/"), !tags.contains("lookup \(name[..<slash])") {
                    tags.append("lookup \(name[..<slash])")
                }
            }
            return Term(scalars: Array(text.unicodeScalars), text: text, names: names, tags: tags)
        }
        var index: [UInt32: [Int]] = [:]
        for (i, term) in terms.enumerated() { index[term.scalars[0].value, default: []].append(i) }
        for key in index.keys { index[key]!.sort { terms[$0].scalars.count > terms[$1].scalars.count } }
        self.terms = terms
        // By counting: a lookup per BMP scalar would cost milliseconds for every matcher built.
        var starts = [Int32](repeating: 0, count: 0x10001)
        for (v, list) in index where v < 0x10000 { starts[Int(v) + 1] = Int32(list.count) }
        for v in 0..<0x10000 { starts[v + 1] += starts[v] }
        var order = [Int32](repeating: 0, count: Int(starts[0x10000]))
        for (v, list) in index where v < 0x10000 {
            for (k, t) in list.enumerated() { order[Int(starts[Int(v)]) + k] = Int32(t) }
        }
        self.starts = starts
        self.order = order
        astral = index.filter { $0.key >= 0x10000 }
        var flat: [UInt32] = []
        var bounds: [Int32] = [0]
        for term in terms {
            flat += term.scalars.map(\.value)
            bounds.append(Int32(flat.count))
        }
        self.flat = flat
        self.bounds = bounds
    }

    /// Every match, scanning left to right and taking the longest term at each place (what replacing needs).
    public func matches(in text: [Unicode.Scalar]) -> [Match] { scan(text, all: false) }

    /// Every term that occurs, overlaps included: "电梯困人" gives both the emergency and 电梯 (what lookups need).
    public func allMatches(in text: [Unicode.Scalar]) -> [Match] { scan(text, all: true) }

    private func scan(_ text: [Unicode.Scalar], all: Bool) -> [Match] {
        var found: [Match] = []
        let n = text.count
        text.withUnsafeBufferPointer { text in
            flat.withUnsafeBufferPointer { flat in
                bounds.withUnsafeBufferPointer { bounds in
                    order.withUnsafeBufferPointer { order in
                        var i = 0
                        while i < n {
                            let v = text[i].value
                            var matched = -1
                            if !(i > 0 && Self.isWordChar(v) && Self.isWordChar(text[i - 1].value)) {
                                let candidates: [Int32]
                                var lo = 0
                                var hi = 0
                                if v < 0x10000 {
                                    candidates = []
                                    lo = Int(starts[Int(v)])
                                    hi = Int(starts[Int(v) + 1])
                                } else {
                                    candidates = (astral[v] ?? []).map(Int32.init)
                                    hi = candidates.count
                                }
                                var c = lo
                                while c < hi {
                                    let t = Int(v < 0x10000 ? order[c] : candidates[c])
                                    c += 1
                                    let start = Int(bounds[t])
                                    let length = Int(bounds[t + 1]) - start
                                    guard length <= n - i else { continue }
                                    var k = 1
                                    while k < length && text[i + k].value == flat[start + k] { k += 1 }
                                    guard k == length else { continue }
                                    let end = i + length
                                    if Self.isWordChar(flat[start + length - 1]), end < n,
                                        Self.isWordChar(text[end].value)
                                    {
                                        continue
                                    }
                                    found.append(Match(start: i, end: end, term: t))
                                    if !all {
                                        matched = t
                                        i = end
                                        break
                                    }
                                }
                            }
                            if matched < 0 { i += 1 }
                        }
                    }
                }
            }
        }
        return found
    }

    /// ASCII letters and digits: where Latin words must not be cut.
    @inline(__always)
    static func isWordChar(_ a: UInt32) -> Bool {
        return (a >= 97 && a <= 122) || (a >= 65 && a <= 90) || (a >= 48 && a <= 57)
    }
}
