import Foundation
import Testing

// End-to-end tests of `wuye console` at a real terminal: the built executable runs in a tmux pane and the tests
// type into it and read the screen back, polling with a generous deadline (never asserting on how long anything
// takes). Replies come from whichever front desk is wired in, so they are only checked to be there.

@Suite("wuye console at a terminal", .serialized, .enabled(if: TmuxTerminal.executable != nil, TmuxTerminal.missing))
struct ConsoleTerminalTests {
    @Test("a line typed at the terminal gets a reply, and Up brings the line back")
    func replyAndUp() async throws {
        let s = try WuyeSandbox()
        let terminal = try await TmuxTerminal.start(s, ["console"])
        try await terminal.waitForPrompt()
        #expect(try await terminal.prompt() == "wuye>")
        let answer = try await terminal.say("你好,我家厨房漏水了")
        #expect(!answer.contains { $0.hasPrefix("error") }, "\(answer)")
        try await terminal.press("Up")
        try await terminal.waitFor("Up to recall the line") { _ in
            try await terminal.cursor().text == "wuye> 你好,我家厨房漏水了"
        }
    }

    @Test("staff history survives a restart")
    func historyAcrossRuns() async throws {
        let s = try WuyeSandbox()
        let first = try await TmuxTerminal.start(s, ["console"], name: "first")
        try await first.waitForPrompt()
        let answer = try await first.say("/tickets")
        #expect(answer == ["no tickets"])
        try await first.type("/quit")
        try await first.press("Enter")
        try await first.waitFor("the console to end") { _ in try await first.exited() }
        let history = try String(contentsOfFile: s.path("xdg-state/wuye/history"), encoding: .utf8)
        #expect(history.contains("/tickets\n"), "\(history)")

        let second = try await TmuxTerminal.start(s, ["console"], name: "second")
        try await second.waitForPrompt()
        try await second.press("Up")
        try await second.waitFor("Up to recall /quit") { _ in try await second.cursor().text == "wuye> /quit" }
        try await second.press("Up")
        try await second.waitFor("Up to recall /tickets") { _ in try await second.cursor().text == "wuye> /tickets" }
    }

    @Test("Tab completes /tic to /tickets")
    func completion() async throws {
        let s = try WuyeSandbox()
        let terminal = try await TmuxTerminal.start(s, ["console"])
        try await terminal.waitForPrompt()
        try await terminal.type("/tic")
        try await terminal.press("Tab")
        try await terminal.waitFor("/tickets completed") { _ in try await terminal.cursor().text == "wuye> /tickets" }
        try await terminal.press("Enter")
        try await terminal.waitFor("the queue") { rows in rows.contains("no tickets") }
    }

    @Test("the kiosk refuses /tickets, recalls nothing with Up, and writes no history file")
    func kiosk() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        let terminal = try await TmuxTerminal.start(s, ["console", "--kiosk"])
        try await terminal.waitForPrompt()
        let prompt = try await terminal.prompt()
        let refusal = try await terminal.say("/tickets")
        #expect(!refusal.contains { $0.contains("R-1001") || $0.contains("no tickets") }, "\(refusal)")
        let reply = try await terminal.say("你好")
        #expect(reply != refusal)
        try await terminal.press("Up")
        try await terminal.type("x")
        try await terminal.waitFor("the typed x") { _ in try await terminal.cursor().text.hasSuffix("x") }
        #expect(try await terminal.cursor().text == prompt + " x", "Up must not bring back an earlier owner's words")
        #expect(!FileManager.default.fileExists(atPath: s.path("xdg-state/wuye")))
        #expect(!FileManager.default.fileExists(atPath: s.path(".local/state/wuye")))
    }

    @Test("after the idle time the kiosk forgets the conversation and shows the welcome again")
    func idleReset() async throws {
        let s = try WuyeSandbox()
        let terminal = try await TmuxTerminal.start(s, ["console", "--kiosk", "--idle", "1"])
        try await terminal.waitForPrompt()
        let welcome = try await terminal.screen().filter { !$0.isEmpty }
        #expect(welcome.count >= 2, "\(welcome)")
        // Typed half a line: the idle time counts from the last keystroke, then the half line goes too.
        try await terminal.type("我家厨房")
        try await terminal.waitFor("the screen to be cleared") { rows in
            !rows.contains { $0.contains("我家厨房") } && rows.contains(welcome[0])
        }
        try await terminal.waitForPrompt()
        #expect(try await terminal.cursor().text == welcome.last, "a fresh prompt under the welcome")
    }
}
