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
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try fm.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !fm.fileExists(atPath: path) {
                guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw WuyeError.storage("cannot create \(path)")
                }
            }
        } catch let error as WuyeError {
            throw error
        } catch {
            throw WuyeError.storage("cannot keep the console history in \(path): \(error.localizedDescription)")
        }
    }
}
