import WuyeConsole

/// A LineReader that plays back events a test wrote, then reports the end of input; it records the prompts and
/// idle times the console asked for.
@MainActor
final class ScriptedReader: LineReader {
    private var events: [LineEvent]
    let isInteractive: Bool
    private(set) var prompts: [String] = []
    private(set) var idleTimes: [Duration?] = []

    init(_ events: [LineEvent], interactive: Bool = false) {
        self.events = events
        self.isInteractive = interactive
    }

    convenience init(lines: [String], interactive: Bool = false) {
        self.init(lines.map(LineEvent.line), interactive: interactive)
    }

    func read(prompt: String, idleAfter: Duration?) -> LineEvent {
        prompts.append(prompt)
        idleTimes.append(idleAfter)
        return events.isEmpty ? .end : events.removeFirst()
    }
}
