import Foundation
import WuyeCore
import WuyeDialogue

/// The console loop: each line typed is an owner's turn sent to the front desk, or (staff mode) a `/command`.
/// Whatever goes wrong is printed as one line and the next line is served normally.
@MainActor
public final class Console {
    /// What run() does after a line.
    enum Next {
        case goOn
        case quit
    }

    let desk: any FrontDesk
    let reader: any LineReader
    let configuration: ConsoleConfiguration
    let write: @MainActor (String) -> Void

    /// The conversation the next owner turn belongs to; replaced on `/reset`, `/as` and an idle reset.
    public internal(set) var session: String
    /// Who the owner is, when staff play one with `/as ROOM`.
    public internal(set) var owner: OwnerInfo?
    /// The answer to the last owner turn, for `/why`.
    var lastResponse: ChatResponse?
    /// Whether an owner said something since the kiosk last showed its welcome.
    var conversed = false

    /// A console over `desk` reading from `reader`; `write` receives the output (standard output by default).
    public init(
        desk: any FrontDesk, reader: any LineReader, configuration: ConsoleConfiguration,
        write: @escaping @MainActor (String) -> Void = Console.standardOutput
    ) {
        self.desk = desk
        self.reader = reader
        self.configuration = configuration
        self.write = write
        self.session = Self.newSession(configuration.mode)
    }

    var mode: ConsoleMode { configuration.mode }
    var interactive: Bool { reader.isInteractive }

    /// Serves lines until the input ends or staff type `/quit`; then forgets the conversation.
    public func run() async {
        if interactive {
            switch mode {
            case .kiosk: await showWelcome()
            case .staff:
                emit(
                    "Wuye console, staff mode: type what an owner would say, or /help. Session \(session).")
            }
        }
        loop: while true {
            let event = reader.read(
                prompt: prompt, idleAfter: mode == .kiosk && interactive ? configuration.idleTimeout : nil)
            switch event {
            case .line(let text):
                if await handle(text) == .quit { break loop }
            case .idle:
                await idleReset()
            case .endKey where mode == .kiosk:
                // Ctrl-D must not close the kiosk for the next owner.
                write("\n")
            case .endKey:
                write("\n")
                break loop
            case .end:
                break loop
            }
        }
        try? await desk.resetSession(session)
        if interactive { show(configuration.texts.goodbye) }
    }

    /// The prompt before the next line.
    var prompt: String {
        switch mode {
        case .kiosk: configuration.texts.promptLine(site: configuration.siteName, phone: configuration.dutyPhone)
        case .staff: owner?.room.map { "wuye \($0)> " } ?? "wuye> "
        }
    }

    /// Serves one line of input.
    func handle(_ line: String) async -> Next {
        let trimmed = line.trimmingWhitespace()
        guard !trimmed.isEmpty else { return .goOn }
        if trimmed.hasPrefix("/") {
            guard mode == .staff else {
                show(configuration.texts.refusal)
                return .goOn
            }
            do {
                return try await perform(StaffCommand.parse(trimmed))
            } catch {
                showError(error)
                return .goOn
            }
        }
        await chat(line)
        return .goOn
    }

    /// One owner turn: the line goes to the desk exactly as typed.
    func chat(_ text: String) async {
        conversed = true
        do {
            let response = try await desk.chat(
                ChatRequest(session: session, text: text, owner: owner, explain: configuration.mode == .staff))
            lastResponse = response
            showReply(response.reply)
        } catch {
            switch mode {
            case .staff: showError(error)
            // Owners get a polite line with the duty phone, not a technical message.
            case .kiosk: show(configuration.texts.error)
            }
        }
    }

    /// Forgets the conversation (its state and room binding) and starts a new session id, so that nothing
    /// carries over.
    func startNewSession() async throws {
        let old = session
        session = Self.newSession(mode)
        lastResponse = nil
        try await desk.resetSession(old)
    }

    static func newSession(_ mode: ConsoleMode) -> String {
        let prefix = mode == .kiosk ? "kiosk" : "console"
        return "\(prefix)-\(String(UInt64.random(in: 0..<(1 << 48)) | 1 << 48, radix: 16).dropFirst())"
    }

    // MARK: Output

    /// Writes text followed by a newline.
    func emit(_ text: String) {
        write(text + "\n")
    }

    /// Prints a reply: at a terminal line by line, indented; otherwise as exactly one line, its lines joined by
    /// " / ". Control characters are always shown escaped, never sent raw.
    func showReply(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).escapedForTerminal
        }
        if interactive {
            write(lines.map { "  \($0)\n" }.joined())
            if mode == .kiosk { write("\n") }
        } else {
            emit(lines.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " / "))
        }
    }

    /// Prints an owner-facing text of console.yml, Chinese then English.
    func show(_ text: ConsoleTexts.Text) {
        showReply(text.lines(site: configuration.siteName, phone: configuration.dutyPhone))
    }

    /// Prints a failure as one line: `error: …`.
    func showError(_ error: any Error) {
        let message: String
        switch error {
        case let error as WuyeError: message = error.message
        default: message = String(describing: error)
        }
        let oneLine = message.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }
            .joined(separator: " / ")
        emit("error: " + oneLine.escapedForTerminal)
    }

    /// Writes to standard output and flushes, so that a program reading the other end of a pipe gets each reply
    /// as it is made.
    public static func standardOutput(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }
}
