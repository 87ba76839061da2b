/// Where the console gets its input: GNU readline at a terminal, plain lines from a pipe, or a test's script.
/// Readers block the main actor while they wait for input: the console does nothing else meanwhile.
@MainActor
public protocol LineReader: AnyObject {
    /// Whether a person types at a terminal: prompts, the welcome and multi-line replies only then; otherwise
    /// every reply is one line.
    var isInteractive: Bool { get }

    /// Shows `prompt` (when interactive) and waits for the next line; after `idleAfter` without a keystroke it
    /// gives up with `.idle` (nil: wait for ever).
    func read(prompt: String, idleAfter: Duration?) -> LineEvent
}
