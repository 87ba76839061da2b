/// Reads plain lines from standard input when it is not a terminal (`echo 漏水了 | wuye console`): no prompt, no
/// editing, no history, no idle time.
@MainActor
public final class PlainLineReader: LineReader {
    public nonisolated init() {}

    public var isInteractive: Bool { false }

    public func read(prompt: String, idleAfter: Duration?) -> LineEvent {
        guard var line = Swift.readLine(strippingNewline: true) else { return .end }
        if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
        return .line(line)
    }
}
