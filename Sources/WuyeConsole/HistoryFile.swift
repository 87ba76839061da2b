import Foundation
import WuyeCore

/// Where the staff console keeps its input history across runs: `$XDG_STATE_HOME/wuye/history`, else
/// `~/.local/state/wuye/history`, at most `limit` lines. The kiosk never has one.
public struct HistoryFile: Sendable, Hashable {
    /// The most lines kept, in memory and on disk.
    public static let defaultLimit = 1000

    public let path: String
    public let limit: Int

    public init(path: String, limit: Int = HistoryFile.defaultLimit) {
        self.path = path
        self.limit = limit
    }

    /// The default file for `environment`: `$XDG_STATE_HOME/wuye/history` when that is an absolute path (the XDG
    /// rule), else `$HOME/.local/state/wuye/history`; nil when neither is known.
    public static func standard(environment: [String: String]) -> HistoryFile? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return HistoryFile(path: "\(state)/wuye/history")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return HistoryFile(path: "\(home)/.local/state/wuye/history")
    }

    /// Makes the folder (mode 0700) and an empty file (0600) when they are missing: staff type owners' words,
    /// so only their own account may read them back.
    public func prepare() throws {
        var folder = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/").dropLast() {
            folder += "/" + part
            if mkdir(folder, 0o700) != 0 && errno != EEXIST { throw failure("cannot make the folder \(folder)") }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot open \(path)") }
        close(fd)
    }

    private func failure(_ what: String) -> WuyeError {
        WuyeError.storage("cannot keep the console history: \(what): \(String(cString: strerror(errno)))")
    }
}
