import CReadline
import Foundation
import WuyeCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines at a terminal with GNU readline: line editing, Up/Down through the history, Tab completion of
/// `/commands` in staff mode. It uses readline's callback interface with poll(2), so that it can give up after an
/// idle time (the kiosk) while the terminal stays in readline's hands.
///
/// Readline is one global state in C. Every readline call, and the line handler readline calls back, run on the
/// main actor: `read` is main-actor isolated, and the handler runs inside `rl_callback_read_char`, which only
/// `read` calls (the handler checks this with `MainActor.assumeIsolated`). So the state is never touched from two
/// threads, and only one reader may exist at a time.
@MainActor
public final class ReadlineReader: LineReader {
    /// The line (or end) the handler received during the current `read`; nil while the line is being typed.
    static var delivered: LineEvent?

    private var history: HistoryFile?

    public var isInteractive: Bool { true }

    /// Sets readline up for `mode`. Staff get Tab completion of commands; the kiosk gets no completion, cannot
    /// yank deleted text back, and ignores Ctrl-C, Ctrl-\ and Ctrl-Z (an owner must not stop the kiosk or reach a
    /// shell). Neither keeps a history until `keepHistory(in:)`.
    public init(mode: ConsoleMode) {
        Self.useUTF8()
        wuye_rl_configure()
        rl_initialize()
        switch mode {
        case .staff:
            wuye_rl_set_completer(completeStaffCommand)
        case .kiosk:
            wuye_rl_set_completer(completeNothing)
            wuye_rl_disable_yank()
            signal(SIGINT, SIG_IGN)
            signal(SIGQUIT, SIG_IGN)
            signal(SIGTSTP, SIG_IGN)
        }
    }

    /// Loads the lines of earlier runs from `file` (made when missing) and appends each new line to it, keeping at
    /// most `file.limit` lines. Staff mode only: the kiosk must never call it.
    public func keepHistory(in file: HistoryFile) throws {
        try file.prepare()
        using_history()
        stifle_history(Int32(file.limit))
        let status = read_history(file.path)
        guard status == 0 else {
            throw WuyeError.storage(
                "cannot keep the console history: cannot read \(file.path): \(String(cString: strerror(status)))")
        }
        history = file
    }

    public func read(prompt: String, idleAfter: Duration?) -> LineEvent {
        Self.delivered = nil
        rl_callback_handler_install(prompt, deliverLine)
        let clock = ContinuousClock()
        var deadline = idleAfter.map { clock.now.advanced(by: $0) }
        while true {
            // Readline's signal handlers only note a signal; it may land on any thread, so poll does not always
            // return early for it. Look every quarter second: a resize is redrawn, and SIGINT (staff), SIGTERM or
            // SIGHUP end the program once readline has restored the terminal.
            if rl_pending_signal() != 0 { rl_check_signals() }
            var wait = Self.signalCheck
            if let deadline { wait = min(wait, Self.milliseconds(from: clock.now, to: deadline)) }
            var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&input, 1, wait)
            if ready < 0 {
                guard errno == EINTR else { return stop(.end) }
                continue
            }
            if ready == 0 {
                guard let deadline, clock.now >= deadline else { continue }
                wuye_rl_clear_line()
                return stop(.idle)
            }
            let hungUp = input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
            if input.revents & Int16(POLLIN) == 0 { return stop(.end) }
            rl_callback_read_char()
            if let event = Self.delivered {
                switch event {
                case .line(let text): remember(text)
                case .endKey where hungUp: return .end
                default: break
                }
                return event
            }
            deadline = idleAfter.map { clock.now.advanced(by: $0) }
        }
    }

    /// Removes the line handler, which gives the terminal back its own settings.
    private func stop(_ event: LineEvent) -> LineEvent {
        rl_callback_handler_remove()
        return event
    }

    /// Adds a typed line to the history and the history file, unless it is blank or repeats the last one.
    private func remember(_ typed: String) {
        guard let history else { return }
        // Tab completion leaves a space after a command; a line differing only there is the same line.
        var line = typed
        while line.last?.isWhitespace == true { line.removeLast() }
        guard !line.trimmingWhitespace().isEmpty else { return }
        if let last = wuye_history_last_line(), String(cString: last) == line { return }
        add_history(line)
        // Written at once, so that a console killed or closed keeps what was typed.
        if append_history(1, history.path) == 0 {
            history_truncate_file(history.path, Int32(history.limit))
        }
    }

    /// How often, in milliseconds, the wait for input looks for a signal readline caught.
    private static let signalCheck: Int32 = 250

    private static func milliseconds(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32 {
        let left = now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }

    /// Readline edits multibyte text only under a UTF-8 locale: take the environment's, else C.UTF-8.
    private static func useUTF8() {
        setlocale(LC_CTYPE, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// Readline's line handler: takes the finished line (nil for Ctrl-D on an empty line) and removes itself, so
/// that readline does not show the next prompt before the console has answered.
private func deliverLine(_ line: UnsafeMutablePointer<CChar>?) {
    let text = line.map { String(cString: $0) }
    free(line)
    rl_callback_handler_remove()
    MainActor.assumeIsolated {
        ReadlineReader.delivered = text.map(LineEvent.line) ?? .endKey
    }
}

/// Tab at the start of a staff line: the `/commands` that begin with what is typed.
private func completeStaffCommand(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    wuye_rl_completion_over()
    guard start == 0, let text else { return nil }
    let matches = StaffCommand.completions(of: String(cString: text))
    guard !matches.isEmpty else { return nil }
    // Readline's format: the text to put in place first (the common prefix), then each match, then NULL; all
    // malloc'ed, for readline frees them.
    var common = matches[0]
    for match in matches.dropFirst() {
        common = String(zip(common, match).prefix { $0.0 == $0.1 }.map(\.0))
    }
    let entries = matches.count == 1 ? matches : [common] + matches
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
    guard let raw = malloc(size) else { return nil }
    let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    for (index, entry) in entries.enumerated() { array[index] = strdup(entry) }
    array[entries.count] = nil
    return array
}

/// Tab at the kiosk: nothing (and no file names).
private func completeNothing(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    wuye_rl_completion_over()
    return nil
}
