extension Notice {
    /// How people name a notice: `N-` and its number (`N-12`), apart from every ticket kind's letter.
    public var reference: String { Notice.reference(id) }

    /// `N-12` for notice 12.
    public static func reference(_ id: Int) -> String { "N-\(id)" }

    /// Reads a notice reference as staff write it (`N-12`, `n12`, `12`); nil for anything else.
    public static func parseID(_ text: String) -> Int? {
        var rest = Substring(text.trimmingWhitespace())
        if rest.first == "N" || rest.first == "n" {
            rest = rest.dropFirst()
            if rest.first == "-" { rest = rest.dropFirst() }
        }
        guard !rest.isEmpty, rest.count <= 12, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int(rest),
            id > 0
        else { return nil }
        return id
    }

    /// The order notices are listed in: soonest start first, then the one posted first.
    public static func soonestFirst(_ a: Notice, _ b: Notice) -> Bool {
        if a.startsAt != b.startsAt { return a.startsAt < b.startsAt }
        return a.id < b.id
    }
}
