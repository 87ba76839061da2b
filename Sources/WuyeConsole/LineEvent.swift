/// What reading one line of input came to.
public enum LineEvent: Sendable, Hashable {
    /// A line as typed, without its newline.
    case line(String)
    /// Ctrl-D on an empty line at a terminal: the person wants to leave (the kiosk ignores it).
    case endKey
    /// The input is over: end of a pipe or file, or the terminal went away.
    case end
    /// Nobody typed anything for the idle time asked for; whatever was half typed is gone.
    case idle
}
