import WuyeCore

/// A staff console command: a line that starts with `/`.
public enum StaffCommand: Sendable, Hashable {
    /// `/tickets`: the active tickets, overdue ones marked.
    case tickets
    /// `/show ID`: one ticket with its history.
    case show(String)
    /// `/assign ID DEPT [WHO]`.
    case assign(String, department: String, assignee: String?)
    /// `/start ID`.
    case start(String)
    /// `/resolve ID [NOTE]`.
    case resolve(String, note: String?)
    /// `/note ID TEXT`.
    case note(String, text: String)
    /// `/report [YYYY-MM]`; nil is the current month.
    case report(Month?)
    /// `/why`: how the last message was understood.
    case why
    /// `/as ROOM`: later messages come from an owner of that room; nil (`/as` alone) stops.
    case playOwner(Room?)
    /// `/reset`: forget the conversation, start a new session.
    case reset
    case help
    case quit

    /// The commands Tab completes, in the order `/help` lists them.
    public static let names = [
        "/tickets", "/show", "/assign", "/start", "/resolve", "/note", "/report", "/why", "/as", "/reset", "/help",
        "/quit",
    ]

    /// The command names that begin with `prefix`.
    public static func completions(of prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) }
    }

    /// What `/help` prints.
    public static let helpText = """
        Type what an owner would say to talk to the bot as that owner, or a command:
          /tickets                 active tickets, newest first; overdue ones marked
          /show ID                 one ticket with its history
          /assign ID DEPT [WHO]    assign to a department (engineering, cleaning, security, …) and a person
          /start ID                work on the ticket has started
          /resolve ID [NOTE]       the problem is solved
          /note ID TEXT            add a note to the ticket's history
          /report [YYYY-MM]        the monthly service report (default: this month)
          /why                     how the last message was understood: intent, confidence, entities, awaiting
          /as ROOM                 talk as an owner of ROOM, like 3-2-501 (new session); /as alone stops
          /reset                   forget the conversation and start a new session
          /help                    this list
          /quit                    leave (Ctrl-D too)
        Up and Down recall earlier lines, Tab completes a command.
        """

    /// Reads a line that starts with `/`; a wrong one throws a one-line `bad_field` error saying how to write it.
    public static func parse(_ line: String) throws -> StaffCommand {
        let words = CommandWords(line.trimmingWhitespace())
        let name = words.count > 0 ? words[0].lowercased() : "/"
        func usage(_ text: String) -> WuyeError { .badField("usage: \(text)") }
        func only(_ count: Int, _ text: String) throws {
            guard words.count == count else { throw usage(text) }
        }
        switch name {
        case "/tickets":
            try only(1, "/tickets")
            return .tickets
        case "/show":
            try only(2, "/show ID")
            return .show(words[1])
        case "/assign":
            guard words.count >= 3 else { throw usage("/assign ID DEPT [WHO]") }
            return .assign(words[1], department: words[2], assignee: words.rest(after: 3))
        case "/start":
            try only(2, "/start ID")
            return .start(words[1])
        case "/resolve":
            guard words.count >= 2 else { throw usage("/resolve ID [NOTE]") }
            return .resolve(words[1], note: words.rest(after: 2))
        case "/note":
            guard words.count >= 3, let text = words.rest(after: 2) else { throw usage("/note ID TEXT") }
            return .note(words[1], text: text)
        case "/report":
            guard words.count <= 2 else { throw usage("/report [YYYY-MM]") }
            guard words.count == 2 else { return .report(nil) }
            guard let month = Month(words[1]) else {
                throw WuyeError.badField(
                    "\"\(words[1])\" is not a month; write YYYY-MM with a month from 01 to 12, like 2026-11")
            }
            return .report(month)
        case "/why":
            try only(1, "/why")
            return .why
        case "/as":
            guard words.count <= 2 else { throw usage("/as ROOM (like 3-2-501), or /as alone to stop") }
            guard words.count == 2 else { return .playOwner(nil) }
            guard let room = Room(words[1]) else {
                throw WuyeError.badField(
                    "\"\(words[1])\" is not a room like 3-2-501 (building-unit-room; 5--1803 without a unit)")
            }
            return .playOwner(room)
        case "/reset":
            try only(1, "/reset")
            return .reset
        case "/help", "/?":
            return .help
        case "/quit", "/exit":
            try only(1, name)
            return .quit
        default:
            throw WuyeError.badField("unknown command \(name); /help lists the commands")
        }
    }
}
