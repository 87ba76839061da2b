/// The words of a command line, remembering where each starts so that a free text at the end keeps its spacing.
struct CommandWords {
    let line: String
    let ranges: [Range<String.Index>]

    init(_ line: String) {
        self.line = line
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        for index in line.indices {
            if line[index].isWhitespace {
                if let s = start { ranges.append(s..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let s = start { ranges.append(s..<line.endIndex) }
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    subscript(_ index: Int) -> String { String(line[ranges[index]]) }

    /// Everything from word `index` on, as typed; nil when there is nothing there.
    func rest(after index: Int) -> String? {
        guard index < ranges.count else { return nil }
        return String(line[ranges[index].lowerBound...])
    }
}
