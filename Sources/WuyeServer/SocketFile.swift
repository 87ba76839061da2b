import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The socket file's life: its folder made with 0750, a stale file left by a dead server replaced, a live
/// server's never stolen, the mode set after binding, the file removed at exit.
enum SocketFile {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Makes the path ready to bind: refuses a live server's socket or a file that is not a socket.
    static func prepare(_ path: String) throws {
        guard path.utf8.count <= 107 else {
            throw Refusal(description: "the socket path \(path) is longer than 107 bytes")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw Refusal(description: "cannot make the socket folder \(folder): \(error.localizedDescription)")
            }
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw Refusal(description: "\(path) exists and is not a socket; remove it or choose another --socket")
        }
        if isLive(path) {
            throw Refusal(
                description: "another wuye serve is listening on \(path); stop it first or choose another --socket")
        }
        unlink(path)
    }

    /// Whether a server answers on the socket at `path`.
    static func isLive(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (n, byte) in bytes.prefix(buffer.count - 1).enumerated() { buffer[n] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        return result == 0
    }

    static func setMode(_ path: String, _ mode: mode_t) throws {
        guard chmod(path, mode) == 0 else {
            throw Refusal(description: "cannot set the mode of \(path): \(String(cString: strerror(errno)))")
        }
    }
}
