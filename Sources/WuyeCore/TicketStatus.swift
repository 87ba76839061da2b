/// Where a ticket stands in its lifecycle (DESIGN.md).
public enum TicketStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case open
    case assigned
    case inProgress = "in_progress"
    case resolved
    case closed
    case cancelled

    /// Open, assigned or in progress: somebody still owes the owner something.
    public var isActive: Bool {
        switch self {
        case .open, .assigned, .inProgress: true
        case .resolved, .closed, .cancelled: false
        }
    }

    /// The statuses that count as active, for queries.
    public static let active: [TicketStatus] = allCases.filter(\.isActive)
}
