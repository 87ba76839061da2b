/// How fast a ticket must be handled (DESIGN.md): `urgent` follows the emergency row of the SLA table,
/// `high` halves the accept time, `low` is for suggestions.
public enum Priority: String, Sendable, Codable, CaseIterable, Hashable {
    case urgent
    case high
    case normal
    case low
}
