/// Who sits at the console: staff (commands, history kept across runs) or owners at the lobby kiosk (no
/// commands, no history, the conversation forgotten after an idle time).
public enum ConsoleMode: String, Sendable, Hashable, CaseIterable {
    case staff
    case kiosk
}
