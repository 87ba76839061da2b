import Foundation
import Testing
import WuyeConsole

@Suite("the staff history file")
struct HistoryFileTests {
    @Test("it lives in $XDG_STATE_HOME/wuye/history, else ~/.local/state/wuye/history")
    func place() {
        #expect(
            HistoryFile.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path == "/s/wuye/history")
        #expect(HistoryFile.standard(environment: ["HOME": "/h"])?.path == "/h/.local/state/wuye/history")
        #expect(
            HistoryFile.standard(environment: ["XDG_STATE_HOME": "", "HOME": "/h"])?.path
                == "/h/.local/state/wuye/history")
        #expect(
            HistoryFile.standard(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])?.path
                == "/h/.local/state/wuye/history", "XDG paths must be absolute")
        #expect(HistoryFile.standard(environment: [:]) == nil)
        #expect(HistoryFile.standard(environment: ["HOME": "/h"])?.limit == 1000)
    }

    @Test("preparing it makes its folders and an empty file only its owner can read")
    func prepare() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wuye-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = HistoryFile(path: root.appendingPathComponent("state/wuye/history").path)
        try file.prepare()
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 0)
        let folder = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("state/wuye").path)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        try Data("earlier\n".utf8).write(to: URL(fileURLWithPath: file.path))
        try file.prepare()
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "earlier\n", "an existing file is kept")
    }
}
