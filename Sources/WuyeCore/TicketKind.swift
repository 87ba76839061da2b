/// What a ticket is about; each kind has the letter its ids start with.
public enum TicketKind: String, Sendable, Codable, CaseIterable, Hashable {
    case repair
    case complaint
    case inquiry
    case suggestion

    /// The letter before the dash in a ticket id (`R-1024`).
    public var letter: Character {
        switch self {
        case .repair: "R"
        case .complaint: "C"
        case .inquiry: "Q"
        case .suggestion: "S"
        }
    }

    /// The kind whose ids start with `letter` (case-insensitive).
    public init?(letter: Character) {
        guard let kind = TicketKind.allCases.first(where: { $0.letter == Character(letter.uppercased()) }) else {
            return nil
        }
        self = kind
    }
}
