/// A lifecycle step staff (or the system) can take on a ticket; the table of DESIGN.md.
public enum TicketAction: String, Sendable, Codable, CaseIterable, Hashable {
    case assign
    case start
    case resolve
    case close
    case reopen
    case cancel
    case note
    case escalate

    /// Statuses this action may be taken from.
    public var allowedFrom: Set<TicketStatus> {
        switch self {
        case .assign: [.open, .assigned, .inProgress]
        case .start: [.open, .assigned]
        case .resolve: [.assigned, .inProgress]
        case .close: [.resolved]
        case .reopen: [.resolved, .closed]
        case .cancel: [.open, .assigned, .inProgress]
        case .note: Set(TicketStatus.allCases)
        case .escalate: Set(TicketStatus.allCases).subtracting([.cancelled])
        }
    }

    /// The status a ticket has after this action, taken from `status`.
    public func status(after status: TicketStatus) -> TicketStatus {
        switch self {
        case .assign: status == .inProgress ? .inProgress : .assigned
        case .start: .inProgress
        case .resolve: .resolved
        case .close: .closed
        case .reopen: .open
        case .cancel: .cancelled
        case .note, .escalate: status
        }
    }

    /// The actions allowed from `status`, in the table's order.
    public static func allowed(from status: TicketStatus) -> [TicketAction] {
        allCases.filter { $0.allowedFrom.contains(status) }
    }
}
